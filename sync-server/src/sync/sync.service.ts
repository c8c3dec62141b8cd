import type {
  PullInput,
  PullResult,
  PushCollection,
  PushInput,
  SyncCollection,
} from '@allure/shared/sync.schema';
import type { TerminalPrincipal } from '../auth/principal.js';
import { staffForTerminal } from '../terminals/terminal.service.js';
import type { Context } from '../trpc/context.js';
import { scopeOf } from './change-feed.js';
import { ingestOrders } from './order-ingest.js';
import { pullChanges } from './pull.js';
import { ingestRefunds, settlePendingRefunds } from './refund-ingest.js';
import { ingestShifts } from './shift-ingest.js';
import { syncStream } from './stream.js';

// The replication endpoints a terminal calls with its device token (sync.router.ts); the protocol is
// described in shared/src/sync.schema.ts and docs/sync.md.

export async function pull(
  ctx: Pick<Context, 'db'>,
  terminal: TerminalPrincipal,
  input: PullInput,
): Promise<PullResult> {
  const { documents, checkpoint } = await pullChanges(ctx.db.pool, { ...input, storeId: terminal.storeId });
  return { documents, checkpoint };
}

const ingesters = { orders: ingestOrders, shifts: ingestShifts, refunds: ingestRefunds };

/** What terminals pull again when a push of each collection wrote something. */
const announced: Record<PushCollection, readonly SyncCollection[]> = {
  orders: ['orders', 'stock'],
  shifts: ['shifts'],
  // A refund moves its order's status and puts stock back.
  refunds: ['orders', 'stock'],
};

/** Stores what it can, quarantines the rest, and answers RxDB's conflicts. */
export async function push(
  ctx: Pick<Context, 'db' | 'changeFeed'>,
  terminal: TerminalPrincipal,
  input: PushInput,
): Promise<unknown[]> {
  const staff = await staffForTerminal(ctx, terminal);
  const outcome = await ingesters[input.collection](ctx.db.pool, terminal, staff, input.rows);
  const touched = new Set<SyncCollection>(outcome.changed ? announced[input.collection] : []);
  // A till refund waits for its order and its shift, which this push may have brought.
  if (input.collection !== 'refunds' && (await settlePendingRefunds(ctx.db.pool, terminal, staff))) {
    for (const collection of announced.refunds) touched.add(collection);
  }
  if (touched.size > 0) {
    await ctx.changeFeed.announce([...touched].map((collection) => scopeOf(collection, terminal.storeId)));
  }
  return outcome.conflicts;
}

export function stream(
  ctx: Pick<Context, 'db' | 'changeFeed' | 'auth'>,
  terminal: TerminalPrincipal,
  signal: AbortSignal | undefined,
) {
  return syncStream({
    pool: ctx.db.pool,
    feed: ctx.changeFeed,
    terminal,
    signal: signal ?? new AbortController().signal,
    // The stream outlives no access token: the client reconnects, with a fresh one, when it ends.
    endAt: Date.now() + ctx.auth.settings.accessTokenTtlS * 1000,
    stillAuthorized: async () => !(await ctx.auth.revocations.isRevoked(terminal)),
  });
}
