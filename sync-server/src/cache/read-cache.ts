import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * A Redis read-through cache for public reads, built against the failure modes of the predecessor:
 *
 * - Stampedes: concurrent misses of one key share one load in this process, and a short Redis lock
 *   makes other instances wait briefly for that load's result instead of running their own.
 * - Stale while revalidate: an entry past its fresh time is still served (up to its stale time) while
 *   one background load replaces it, so a popular page never waits on the database after the first time.
 * - Granular invalidation: every entry is filed under tags (`product:<id>`, `listing:<category>`); a write
 *   deletes exactly the entries of the tags it touches. No key patterns, no SCAN, no flush.
 * - A load that raced an invalidation is not stored: an invalidation generation is read before the load
 *   and checked atomically when storing.
 * - Redis down: reads go to the loader (still coalesced in-process) and the server stays up;
 *   invalidations that could not be sent are replayed when Redis is back.
 */

export interface CacheKind {
  /** Part of the key and the metrics label. */
  name: string;
  /** Served as is until then. */
  freshMs: number;
  /** Served (while a refresh runs) until then; Redis forgets the entry after it. */
  staleMs: number;
}

export interface Loaded<T> {
  value: T;
  /** What the value shows, for invalidation. */
  tags: readonly string[];
}

export type CacheOutcome = 'hit' | 'stale' | 'miss' | 'bypass';

export interface CacheObserver {
  outcome(kind: string, outcome: CacheOutcome): void;
  load(kind: string, seconds: number): void;
}

interface Entry<T> {
  value: T;
  freshUntil: number;
}

const LOCK_MS = 5_000;
// How long another instance waits for the lock holder's result before loading itself. Under load is when
// a stampede hurts most and when loads are slowest: at 250 ms, a busy 2-core machine already let waiters
// give up and load a second time.
const LOCK_WAIT_MS = 1_000;
const LOCK_POLL_MS = 10;

// Stores the entry and files it under its tags, unless an invalidation happened since the load began.
const STORE_IF_CURRENT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  redis.call('PEXPIRE', KEYS[i], ARGV[4])
end
return 1`;

// Deletes every entry filed under the tags, the tags themselves, and moves the generation on.
const INVALIDATE = `
for i = 2, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for _, key in ipairs(members) do redis.call('DEL', key) end
  redis.call('DEL', KEYS[i])
end
return redis.call('INCR', KEYS[1])`;

/**
 * Hot entries are also kept in this process for at most this long, so the busiest pages are served without
 * a Redis round trip or a JSON parse. An invalidation empties this process's copies at once; other
 * instances may show theirs for up to this long.
 */
const LOCAL_TTL_MS = 1_000;
const LOCAL_MAX_ENTRIES = 2_000;

export class ReadCache {
  readonly #local = new Map<string, { value: unknown; until: number }>();
  readonly #inFlight = new Map<string, Promise<unknown>>();
  readonly #unsent = new Set<string>();
  /** The longest stale time seen, so a tag set outlives every entry filed under it. */
  #tagTtlMs = 0;

  constructor(
    private readonly redis: Redis,
    private readonly observer: CacheObserver,
    private readonly log: FastifyBaseLogger,
  ) {
    redis.on('ready', () => {
      if (this.#unsent.size > 0) void this.invalidate([...this.#unsent]);
    });
  }

  async read<T>(kind: CacheKind, key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const entryKey = `cache:${kind.name}:${key}`;
    const local = this.#local.get(entryKey);
    if (local && local.until > Date.now()) {
      this.observer.outcome(kind.name, 'hit');
      return local.value as T;
    }
    let cached: Entry<T> | null;
    try {
      cached = parse<T>(await this.redis.get(entryKey));
    } catch {
      this.observer.outcome(kind.name, 'bypass');
      return this.#coalesced(`${entryKey}|uncached`, async () => (await this.#timed(kind, load)).value);
    }
    if (cached && cached.freshUntil > Date.now()) {
      this.observer.outcome(kind.name, 'hit');
      this.#keepLocally(entryKey, cached.value, Math.min(cached.freshUntil, Date.now() + LOCAL_TTL_MS));
      return cached.value;
    }
    if (cached) {
      this.observer.outcome(kind.name, 'stale');
      this.#coalesced(entryKey, () => this.#refresh(kind, entryKey, load)).catch((error: unknown) =>
        this.log.warn({ err: error, key: entryKey }, 'cache refresh failed; serving stale'),
      );
      return cached.value;
    }
    this.observer.outcome(kind.name, 'miss');
    return this.#coalesced(entryKey, () => this.#fill(kind, entryKey, load));
  }

  /** Forgets every entry showing any of `tags`. Never throws: what cannot be sent now is sent later. */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    // Local copies are a second old at most: forgetting all of them is simpler than tracking their tags.
    this.#local.clear();
    try {
      await this.redis.eval(INVALIDATE, tags.length + 1, 'cache:generation', ...tags.map(tagKey));
      for (const tag of tags) this.#unsent.delete(tag);
    } catch (error) {
      for (const tag of tags) this.#unsent.add(tag);
      this.log.error({ err: error, tags }, 'cache invalidation not sent; will retry when Redis is back');
    }
  }

  #keepLocally(entryKey: string, value: unknown, until: number): void {
    if (this.#local.size >= LOCAL_MAX_ENTRIES) {
      const oldest = this.#local.keys().next().value;
      if (oldest !== undefined) this.#local.delete(oldest);
    }
    this.#local.set(entryKey, { value, until });
  }

  /** A miss: load once across instances if the lock can be had, else wait a moment for the holder. */
  async #fill<T>(kind: CacheKind, entryKey: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const lockKey = `${entryKey}:lock`;
    const locked = await this.redis.set(lockKey, '1', 'PX', LOCK_MS, 'NX').catch(() => 'OK');
    if (locked !== 'OK') {
      const waitUntil = Date.now() + LOCK_WAIT_MS;
      while (Date.now() < waitUntil) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
        const filled = parse<T>(await this.redis.get(entryKey).catch(() => null));
        if (filled) return filled.value;
      }
    }
    try {
      return await this.#refresh(kind, entryKey, load);
    } finally {
      if (locked === 'OK') await this.redis.del(lockKey).catch(() => 0);
    }
  }

  async #refresh<T>(kind: CacheKind, entryKey: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const generation = (await this.redis.get('cache:generation').catch(() => null)) ?? '0';
    const loaded = await this.#timed(kind, load);
    const entry: Entry<T> = { value: loaded.value, freshUntil: Date.now() + kind.freshMs };
    this.#tagTtlMs = Math.max(this.#tagTtlMs, kind.staleMs);
    await this.redis
      .eval(
        STORE_IF_CURRENT,
        2 + loaded.tags.length,
        'cache:generation',
        entryKey,
        ...loaded.tags.map(tagKey),
        generation,
        JSON.stringify(entry),
        kind.staleMs,
        this.#tagTtlMs,
      )
      .catch((error: unknown) => this.log.warn({ err: error, key: entryKey }, 'cache store failed'));
    return loaded.value;
  }

  async #timed<T>(kind: CacheKind, load: () => Promise<Loaded<T>>): Promise<Loaded<T>> {
    const started = performance.now();
    try {
      return await load();
    } finally {
      this.observer.load(kind.name, (performance.now() - started) / 1000);
    }
  }

  /** One load per key at a time in this process; concurrent callers share its result. */
  #coalesced<T>(key: string, run: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key);
    if (running !== undefined) return running as Promise<T>;
    const started = run().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, started);
    return started;
  }
}

function tagKey(tag: string): string {
  return `cache:tag:${tag}`;
}

function parse<T>(raw: string | null): Entry<T> | null {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as Entry<T>;
  } catch {
    return null;
  }
}
