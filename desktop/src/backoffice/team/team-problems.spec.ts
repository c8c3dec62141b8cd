import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { FORM } from '../form-problems.js';
import { teamProblem, teamProblemOf } from './team-problems.js';

describe('teamProblem', () => {
  it.each([
    [409, 'someone already signs in with awa@allure.sn', 'emailTaken'],
    [409, 'Awa Ndiaye is the last active admin: make someone else an admin first', 'lastAdmin'],
    [409, 'you cannot deactivate your own account: ask another admin', 'deactivateSelf'],
    [409, 'terminal T03 already exists in this store', 'terminalCodeTaken'],
    [400, 'name the store the terminal belongs to', 'pickStore'],
    [400, 'name the store this person works in', 'pickStore'],
    [400, '[{"code":"too_small"}]', 'invalid'],
    [403, 'a manager looks after the cashiers of their own store only', 'notAllowed'],
    [404, 'staff member "x" was not found', 'gone'],
    [409, 'this id already names someone else', 'conflict'],
    [500, 'Internal server error', 'failed'],
    [undefined, 'Failed to fetch', 'unreachable'],
  ] as const)('%s %s → %s', (status, message, problem) => {
    expect(teamProblem(status, message)).toBe(problem);
  });
});

describe('teamProblemOf', () => {
  it('makes a failed call a problem with the whole form, said by its team.problems key alone', () => {
    const refusal = TRPCClientError.from({
      error: { code: -32600, message: '[{"code":"too_small"}]', data: { httpStatus: 400 } },
    });
    expect(teamProblemOf(refusal)).toEqual({ field: FORM, code: 'invalid' });
    expect(teamProblemOf(new TypeError('Failed to fetch'))).toEqual({ field: FORM, code: 'unreachable' });
  });
});
