import { z } from 'zod';
import type { Audience } from '../src/auth/principal.js';
import { appRouter } from '../src/trpc/app.router.js';
import type { Meta } from '../src/trpc/trpc.js';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  allow: Meta['allow'] | undefined;
  /** False for procedures that take no input at all. */
  takesInput: boolean;
  /** The keys of its input object, when it is one. */
  fields: readonly string[];
}

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: Meta; inputs: unknown[] };
}

/**
 * Every procedure of the app router, as the tests that must cover all of them enumerate it. At run time
 * tRPC keeps them in one flat map by dotted path (its type is the nested record).
 */
export const procedures: ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
  allow: procedure._def.meta?.allow,
  takesInput: procedure._def.inputs.length > 0,
  fields: procedure._def.inputs.flatMap((input) =>
    input instanceof z.ZodObject ? Object.keys(input.shape) : [],
  ),
}));

/** An audience the procedure admits (none for public ones). */
export function admittedAudience(procedure: ProcedureInfo): Audience | null {
  return procedure.allow === 'public' || procedure.allow === undefined ? null : (procedure.allow[0] ?? null);
}
