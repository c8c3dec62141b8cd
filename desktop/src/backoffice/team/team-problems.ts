import { httpStatusOf } from '../../till/server-api.js';
import { FORM, type Problem } from '../form-problems.js';

/**
 * Why a Team screen action failed, as a message key of `team.problems`: the server's refusals (written for
 * developers, in English) become words a manager can act on, in the screen's language.
 */
export type TeamProblem =
  | 'emailTaken'
  | 'lastAdmin'
  | 'deactivateSelf'
  | 'terminalCodeTaken'
  | 'pickStore'
  | 'invalid'
  | 'notAllowed'
  | 'gone'
  | 'conflict'
  | 'unreachable'
  | 'failed';

const knownRefusals: readonly [RegExp, TeamProblem][] = [
  [/already signs in with/, 'emailTaken'],
  [/last active admin/, 'lastAdmin'],
  [/deactivate your own account/, 'deactivateSelf'],
  [/terminal .* already exists/, 'terminalCodeTaken'],
  [/name the store/, 'pickStore'],
];

/** `status` is the HTTP status the server answered with (undefined: it never answered). */
export function teamProblem(status: number | undefined, message: string): TeamProblem {
  if (status === undefined) return 'unreachable';
  const known = knownRefusals.find(([pattern]) => pattern.test(message));
  if (known) return known[1];
  if (status === 400) return 'invalid';
  if (status === 401 || status === 403) return 'notAllowed';
  if (status === 404) return 'gone';
  if (status === 409) return 'conflict';
  return 'failed';
}

/** A failed Team screen call as the problem its forms and panels show (`useSubmit`'s `explain`). */
export function teamProblemOf(error: unknown): Problem {
  return { field: FORM, code: teamProblem(httpStatusOf(error), error instanceof Error ? error.message : '') };
}
