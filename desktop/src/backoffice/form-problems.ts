import type { z } from 'zod';

/**
 * What is wrong with a form, field by field, so each message shows beside what the manager typed (which is
 * never cleared by a refusal). `field` is a dotted path of the input (`variants.1.price`), or `form` for a
 * refusal about the whole. `code` is a message key of the screen's catalog; `detail` is the text as given
 * (a schema's or the server's) when no key says it better.
 */
export interface Problem {
  field: string;
  code: string;
  detail?: string;
  /** The message's placeholders. */
  values?: Record<string, string | number>;
}

export const FORM = 'form';

/** A schema's refusals, one per field (the first), keyed by their path. */
export function problemsOfIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): Problem[] {
  const seen = new Set<string>();
  return issues.flatMap((issue): Problem[] => {
    const field = `${prefix}${issue.path.join('.')}` || FORM;
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, code: 'invalid', detail: issue.message }];
  });
}

interface ServerRefusal {
  message?: unknown;
  data?: {
    httpStatus?: unknown;
    zodError?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } | null;
  };
}

/**
 * The server's refusal of a write as problems: its schema's field errors where it gave them, else its
 * message for the whole form; `unreachable` when there was no answer (network down, server stopped).
 */
export function problemsOfServer(error: unknown, prefix = ''): Problem[] {
  const refusal = (error ?? {}) as ServerRefusal;
  const status = refusal.data?.httpStatus;
  if (typeof status !== 'number') return [{ field: FORM, code: 'unreachable' }];
  if (status >= 500) return [{ field: FORM, code: 'serverFailed' }];
  const zod = refusal.data?.zodError;
  const fields = Object.entries(zod?.fieldErrors ?? {}).flatMap(([field, messages]): Problem[] =>
    messages[0] === undefined ? [] : [{ field: `${prefix}${field}`, code: 'invalid', detail: messages[0] }],
  );
  const forms = (zod?.formErrors ?? []).map((detail): Problem => ({ field: FORM, code: 'invalid', detail }));
  if (fields.length + forms.length > 0) return [...fields, ...forms];
  const detail = typeof refusal.message === 'string' ? refusal.message : `HTTP ${status}`;
  return [{ field: FORM, code: 'invalid', detail }];
}

/** The problem shown beside `field`, if any. */
export function problemAt(problems: readonly Problem[], field: string): Problem | undefined {
  return problems.find((problem) => problem.field === field);
}
