import { actionRequiresApproval, missingApprovals, type StaffMember } from '@allure/shared/approval';
import type { OrderRefundInput } from '@allure/shared/order-admin.schema';
import { type PosRefundInput, posRefundInput } from '@allure/shared/pos-refund.schema';
import type { PushRow } from '@allure/shared/sync.schema';
import type pg from 'pg';
import type { TerminalPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { refundInTransaction } from '../orders/order-refund.service.js';
import { inTransaction } from './batch.js';
import type { PushOutcome } from './order-ingest.js';
import { describeIssues, quarantine } from './quarantine.js';

/**
 * Refunds given at a till, recorded exactly once, with the back office's own refund logic
 * (order-refund.service.ts): the server prices them again from the order it stored, puts the units back
 * where the order took them from, and moves the order's status.
 *
 * The refund id (made by the till) is the idempotency key: a refund pushed again is answered as recorded,
 * and the same id with other content is quarantined. A refund whose order, or whose cash shift, has not
 * reached the server yet (the till was offline, and the pushes of each collection run independently)
 * waits in `pending_refund` and is recorded right after a later push brings them. A refund that cannot
 * be given (more units than remain, a cashier without a manager's approval...) is quarantined with the
 * reason; the till shows it and stops pushing it.
 */

/** `answered`: nothing written that terminals pull (a refund that waits, or one recorded before). */
type Outcome = { kind: 'recorded' | 'answered' | 'quarantined'; answer: unknown };

export async function ingestRefunds(
  pool: pg.Pool,
  terminal: TerminalPrincipal,
  staff: readonly StaffMember[],
  rows: readonly PushRow[],
): Promise<PushOutcome> {
  const staffById = new Map(staff.map((member) => [member.id, member]));
  const outcomes = await inTransaction(pool, async (client) => {
    const done: Outcome[] = [];
    for (const row of rows) {
      const parsed = posRefundInput.safeParse(row.newDocumentState);
      if (!parsed.success) {
        const reason = `invalid refund: ${describeIssues(parsed.error)}`;
        done.push(await refuse(client, terminal, row.newDocumentState, reason));
        continue;
      }
      done.push(await settle(client, terminal, staffById, parsed.data, row.newDocumentState));
    }
    return done;
  });
  return {
    conflicts: outcomes.map((outcome) => outcome.answer),
    changed: outcomes.some((outcome) => outcome.kind === 'recorded'),
  };
}

/**
 * Records the waiting refunds of this terminal whose order and shift have arrived since. Called after every
 * push of orders or shifts; returns whether any was recorded.
 */
export async function settlePendingRefunds(
  pool: pg.Pool,
  terminal: TerminalPrincipal,
  staff: readonly StaffMember[],
): Promise<boolean> {
  // Most pushes find nothing waiting: one indexed look-up, no transaction.
  const waiting = await pool.query('SELECT 1 FROM pending_refund WHERE terminal_id = $1 LIMIT 1', [
    terminal.terminalId,
  ]);
  if (waiting.rowCount === 0) return false;
  const staffById = new Map(staff.map((member) => [member.id, member]));
  return inTransaction(pool, async (client) => {
    const ready = await client.query<{ document: unknown }>(
      `SELECT p.document FROM pending_refund p
        WHERE p.terminal_id = $1
          AND EXISTS (SELECT 1 FROM "order" o WHERE o.id = p.order_id)
          AND (p.shift_id IS NULL OR EXISTS (SELECT 1 FROM shift s WHERE s.id = p.shift_id))
        ORDER BY p.received_at, p.id
        FOR UPDATE OF p SKIP LOCKED`,
      [terminal.terminalId],
    );
    let recorded = false;
    for (const { document } of ready.rows) {
      const parsed = posRefundInput.safeParse(document);
      const outcome = parsed.success
        ? await settle(client, terminal, staffById, parsed.data, document)
        : await refuse(client, terminal, document, `invalid refund: ${describeIssues(parsed.error)}`);
      recorded ||= outcome.kind === 'recorded';
    }
    return recorded;
  });
}

/** Why the server will not take this refund from this terminal, whatever the order; null when it may. */
function rejection(
  refund: PosRefundInput,
  terminal: TerminalPrincipal,
  staff: ReadonlyMap<string, StaffMember>,
): string | null {
  if (refund.storeId !== terminal.storeId)
    return `refund of store ${refund.storeId}, not this terminal's store`;
  if (refund.terminalId !== terminal.terminalId)
    return `refund of terminal ${refund.terminalId}, not this one`;
  const cashier = staff.get(refund.cashierId);
  if (!cashier?.active) return `${refund.cashierId} is not active staff of this store`;
  const given = refund.approval ? [refund.approval] : [];
  const required = actionRequiresApproval('refund', cashier) ? [{ action: 'refund' as const }] : [];
  if (missingApprovals(required, given, (id) => staff.get(id)).length > 0) {
    return 'a cashier’s refund needs the approval of an active manager with a PIN';
  }
  return null;
}

async function settle(
  client: pg.ClientBase,
  terminal: TerminalPrincipal,
  staff: ReadonlyMap<string, StaffMember>,
  refund: PosRefundInput,
  document: unknown,
): Promise<Outcome> {
  const reason = rejection(refund, terminal, staff);
  if (reason !== null) return refuse(client, terminal, document, reason);

  const present = await client.query<{ order: boolean; shift: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "order" WHERE id = $1) AS order,
            EXISTS (SELECT 1 FROM shift WHERE id = $2) AS shift`,
    [refund.orderId, refund.shiftId],
  );
  const { order = false, shift = false } = present.rows[0] ?? {};
  const input = toRefundInput(refund);
  if (!order || (input.shiftId !== undefined && !shift)) {
    await client.query(
      `INSERT INTO pending_refund (id, terminal_id, order_id, shift_id, document)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [refund.id, terminal.terminalId, refund.orderId, input.shiftId ?? null, JSON.stringify(document)],
    );
    const waitingFor = order ? `shift ${refund.shiftId}` : `order ${refund.orderNumber}`;
    return {
      kind: 'answered',
      answer: answer(document, 'pending', `waiting for ${waitingFor} to reach the server`),
    };
  }

  await client.query('SAVEPOINT refund');
  try {
    const approvedById = refund.approval?.approvedById ?? refund.cashierId;
    const written = await refundInTransaction(
      client,
      { createdById: refund.cashierId, approvedById },
      input,
      { storeId: terminal.storeId, shiftMayBeClosed: true, tillTotal: refund.total },
    );
    await client.query('RELEASE SAVEPOINT refund');
    await client.query('DELETE FROM pending_refund WHERE id = $1', [refund.id]);
    return {
      kind: written.outcome.replayed ? 'answered' : 'recorded',
      answer: answer(document, 'synced', null),
    };
  } catch (error) {
    // Only the refusals of the refund logic (400, 404, 409) are the refund's fault; anything else fails
    // the push, which the till simply sends again.
    if (!(error instanceof AppError) || error.code === 'SERVICE_UNAVAILABLE') throw error;
    await client.query('ROLLBACK TO SAVEPOINT refund');
    return refuse(client, terminal, document, error.message);
  }
}

async function refuse(
  client: pg.ClientBase,
  terminal: TerminalPrincipal,
  document: unknown,
  reason: string,
): Promise<Outcome> {
  const id = (document as { id?: unknown } | null)?.id;
  if (typeof id === 'string') {
    await client.query('DELETE FROM pending_refund WHERE id::text = $1', [id]);
  }
  return {
    kind: 'quarantined',
    answer: await quarantine(client, terminal.terminalId, 'refunds', document, reason),
  };
}

/** The till's own document, in the state the server gives it: what RxDB writes over the local copy. */
function answer(document: unknown, syncState: 'pending' | 'synced', syncError: string | null): unknown {
  const base = typeof document === 'object' && document !== null && !Array.isArray(document) ? document : {};
  return { ...base, syncState, syncError };
}

/** The back office's refund, as the till gave it: the units go back to the shelf they were sold from. */
function toRefundInput(refund: PosRefundInput): OrderRefundInput {
  return {
    id: refund.id,
    orderId: refund.orderId,
    lines: refund.lines,
    restock: true,
    method: refund.method,
    ...(refund.reference === undefined ? {} : { reference: refund.reference }),
    // Only cash leaves the drawer.
    ...(refund.method === 'cash' ? { shiftId: refund.shiftId } : {}),
    ...(refund.note === undefined ? {} : { reason: refund.note }),
  };
}
