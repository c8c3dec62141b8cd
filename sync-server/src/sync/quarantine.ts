import { createHash } from 'node:crypto';
import type { PushCollection } from '@allure/shared/sync.schema';
import type pg from 'pg';
import { z } from 'zod';

/** Payloads above this are kept as their first bytes: quarantine must not become a place to store megabytes. */
export const MAX_QUARANTINED_BYTES = 64 * 1024;

const documentId = z.object({ id: z.uuid() });

/** Why a document failed its schema, in one line per problem: `lines.0.quantity: Too big: …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 20)
    .map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 2000);
}

/** Keeps a rejected document with the reason, for a manager; returns what the terminal gets back. */
export async function quarantine(
  client: pg.ClientBase,
  terminalId: string,
  collection: PushCollection,
  document: unknown,
  reason: string,
): Promise<unknown> {
  const json = JSON.stringify(document ?? null);
  const payload =
    json.length <= MAX_QUARANTINED_BYTES
      ? json
      : JSON.stringify({ truncated: true, bytes: json.length, head: json.slice(0, MAX_QUARANTINED_BYTES) });
  const id = documentId.safeParse(document);
  await client.query(
    `INSERT INTO quarantined_document (id, terminal_id, collection, document_id, payload, reason)
     VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5)`,
    [terminalId, collection, id.success ? id.data.id : null, payload, reason],
  );
  // The terminal's own document, marked: its conflict handler takes it as the server's word, so the till
  // shows why and stops pushing it.
  const base = typeof document === 'object' && document !== null && !Array.isArray(document) ? document : {};
  return { ...base, syncState: 'quarantined', syncError: reason };
}

/** sha256 of a value's JSON with object keys sorted, so the same document always hashes the same. */
export function contentHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sortKeys(value)))
    .digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortKeys(item)]),
  );
}
