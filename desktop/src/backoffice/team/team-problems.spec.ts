import { describe, expect, it } from 'vitest';
import { teamProblem } from './team-problems.js';

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
