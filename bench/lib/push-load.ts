import { cashSale, type SellableVariant, type TillIdentity } from '@allure/db/fixtures/till-sales';
import type { PosOrderInput } from '@allure/shared/order.schema';

// Tills pushing orders as fast as the server takes them: each till a closed loop of `sync.push` requests
// (RxDB's rows, batches of `batchSize` like the desktop replication sends), the next batch built while the
// previous request is in flight. A batch the server fails with a 5xx is pushed again at once, as the desktop
// replication does after its retry time: the server takes a batch all or nothing, so a retry is safe.

const MAX_ATTEMPTS = 5;

export interface PushingTill {
  till: TillIdentity;
  accessToken: string;
  /** The till's next order sequence. */
  nextSequence: number;
}

export interface PushLoadOptions {
  baseUrl: string;
  tills: readonly PushingTill[];
  variants: readonly SellableVariant[];
  linesPerOrder: number;
  batchSize: number;
  durationMs: number;
}

export interface PushLoadResult {
  orderIds: string[];
  batches: number;
  elapsedMs: number;
  /** Per request, ms from sending to the parsed answer. */
  latenciesMs: number[];
  /** What the server answered instead of taking orders as sent: must be empty. */
  conflicts: unknown[];
  /** Requests the server failed (5xx) and that were retried, by answer. */
  failures: Map<string, number>;
}

export async function pushLoad(options: PushLoadOptions): Promise<PushLoadResult> {
  const result: PushLoadResult = {
    orderIds: [],
    batches: 0,
    elapsedMs: 0,
    latenciesMs: [],
    conflicts: [],
    failures: new Map(),
  };
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    options.tills.map(async (pushing) => {
      let batch = nextBatch(pushing, options);
      while (performance.now() < deadline) {
        const sending = batch;
        const answer = pushUntilTaken(options.baseUrl, pushing.accessToken, sending, result);
        batch = nextBatch(pushing, options);
        result.conflicts.push(...(await answer));
        result.batches += 1;
        for (const order of sending) result.orderIds.push(order.id);
      }
    }),
  );
  result.elapsedMs = performance.now() - started;
  return result;
}

/** Pushes until the server answers 200 (every request's time recorded), at most MAX_ATTEMPTS times. */
async function pushUntilTaken(
  baseUrl: string,
  accessToken: string,
  orders: readonly PosOrderInput[],
  result: PushLoadResult,
): Promise<unknown[]> {
  for (let attempt = 1; ; attempt += 1) {
    const sent = performance.now();
    const answer = await pushOrders(baseUrl, accessToken, orders);
    result.latenciesMs.push(performance.now() - sent);
    if (answer.ok) return answer.conflicts;
    result.failures.set(answer.failure, (result.failures.get(answer.failure) ?? 0) + 1);
    if (attempt === MAX_ATTEMPTS) throw new Error(`sync.push failed ${attempt} times: ${answer.failure}`);
  }
}

function nextBatch(pushing: PushingTill, options: PushLoadOptions): PosOrderInput[] {
  return Array.from({ length: options.batchSize }, () => {
    const sequence = pushing.nextSequence;
    pushing.nextSequence += 1;
    const lines = pick(options.variants, options.linesPerOrder).map((variant) => ({ variant, quantity: 1 }));
    return cashSale(pushing.till, sequence, lines);
  });
}

/** `count` distinct variants at random. */
function pick(variants: readonly SellableVariant[], count: number): SellableVariant[] {
  const chosen = new Set<SellableVariant>();
  while (chosen.size < count) {
    const variant = variants[Math.floor(Math.random() * variants.length)];
    if (variant) chosen.add(variant);
  }
  return [...chosen];
}

type PushAnswer = { ok: true; conflicts: unknown[] } | { ok: false; failure: string };

/** `POST /trpc/sync.push` as the desktop client sends it: the conflicts, or a 5xx. Throws on anything else. */
async function pushOrders(
  baseUrl: string,
  accessToken: string,
  orders: readonly PosOrderInput[],
): Promise<PushAnswer> {
  const response = await fetch(`${baseUrl}/trpc/sync.push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      collection: 'orders',
      rows: orders.map((order) => ({ newDocumentState: order, assumedMasterState: null })),
    }),
  });
  const text = await response.text();
  if (response.status >= 500) return { ok: false, failure: `${response.status} ${text.slice(0, 200)}` };
  if (!response.ok) throw new Error(`sync.push answered ${response.status}: ${text.slice(0, 500)}`);
  return { ok: true, conflicts: (JSON.parse(text) as { result: { data: unknown[] } }).result.data };
}
