import type { StaffMember } from '@allure/shared/approval';
import { type Shift, shift } from '@allure/shared/shift.schema';
import type { PushRow } from '@allure/shared/sync.schema';
import type pg from 'pg';
import type { TerminalPrincipal } from '../auth/principal.js';
import { inSavepoint, inTransaction } from './batch.js';
import { toDocument } from './documents.js';
import type { PushOutcome } from './order-ingest.js';
import { describeIssues, quarantine } from './quarantine.js';

/**
 * Shifts pushed by a terminal: opened (insert) and closed (the one update a shift gets). An update is
 * taken only when the terminal saw the server's latest state (`assumedMasterState.updatedAt`); otherwise,
 * or when the shift is already closed, the server's state is the answer.
 */

type Outcome = { kind: 'written' } | { kind: 'conflict'; master: unknown };

function rejection(value: Shift, terminal: TerminalPrincipal, staff: ReadonlyMap<string, StaffMember>) {
  if (value.storeId !== terminal.storeId) return `shift of store ${value.storeId}, not this terminal's store`;
  if (value.terminalId !== terminal.terminalId) return `shift of terminal ${value.terminalId}, not this one`;
  for (const person of [value.openedById, value.closedById]) {
    if (person !== null && !staff.has(person)) return `${person} is not staff of this store`;
  }
  return null;
}

const assumedUpdatedAt = (assumed: unknown): unknown =>
  typeof assumed === 'object' && assumed !== null
    ? (assumed as { updatedAt?: unknown }).updatedAt
    : undefined;

export async function ingestShifts(
  pool: pg.Pool,
  terminal: TerminalPrincipal,
  staffList: readonly StaffMember[],
  rows: readonly PushRow[],
): Promise<PushOutcome> {
  const staff = new Map(staffList.map((member) => [member.id, member]));
  const outcomes = await inTransaction(pool, async (client) => {
    const done: Outcome[] = [];
    for (const row of rows) {
      const refuse = async (reason: string) => {
        const answer = await quarantine(client, terminal.terminalId, 'shifts', row.newDocumentState, reason);
        done.push({ kind: 'conflict', master: answer });
      };
      const parsed = shift.safeParse(row.newDocumentState);
      if (!parsed.success) {
        await refuse(`invalid shift: ${describeIssues(parsed.error)}`);
        continue;
      }
      const reason = rejection(parsed.data, terminal, staff);
      if (reason !== null) {
        await refuse(reason);
        continue;
      }
      const written = await inSavepoint(client, () =>
        writeShift(client, parsed.data, row.assumedMasterState),
      );
      if (written.ok) done.push(written.value);
      else
        await refuse(
          written.error.constraint === 'shift_terminal_id_open_key'
            ? 'this terminal already has another open shift'
            : `shift could not be recorded (${written.error.constraint ?? written.error.code})`,
        );
    }
    return done;
  });
  return {
    conflicts: outcomes.flatMap((outcome) => (outcome.kind === 'conflict' ? [outcome.master] : [])),
    changed: outcomes.some((outcome) => outcome.kind === 'written'),
  };
}

async function writeShift(client: pg.ClientBase, value: Shift, assumed: unknown): Promise<Outcome> {
  const current = await client.query<{ row: Record<string, unknown> }>(
    'SELECT to_jsonb(s) AS row FROM shift s WHERE id = $1 FOR UPDATE',
    [value.id],
  );
  const existing = current.rows[0];
  if (!existing) {
    await client.query(
      `INSERT INTO shift (id, store_id, terminal_id, opened_by_id, opened_at, opening_float, status,
                          closed_by_id, closed_at, counted_cash, expected_cash, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`,
      [
        value.id,
        value.storeId,
        value.terminalId,
        value.openedById,
        value.openedAt,
        value.openingFloat,
        value.status,
        value.closedById,
        value.closedAt,
        value.countedCash,
        value.expectedCash,
      ],
    );
    return { kind: 'written' };
  }
  const master = toDocument('shifts', existing.row, false);
  const closing = master.status === 'open' && value.status === 'closed';
  if (!closing || assumedUpdatedAt(assumed) !== master.updatedAt) return { kind: 'conflict', master };
  await client.query(
    `UPDATE shift SET status = 'closed', closed_by_id = $2, closed_at = $3, counted_cash = $4,
                      expected_cash = $5, updated_at = now()
      WHERE id = $1`,
    [value.id, value.closedById, value.closedAt, value.countedCash, value.expectedCash],
  );
  return { kind: 'written' };
}
