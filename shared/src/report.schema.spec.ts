import { describe, expect, it } from 'vitest';
import { reportInput, topProductsInput, zReportInput } from './report.schema.js';

const storeId = '00000000-0000-4000-8000-000000000001';

describe('reportInput', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['one day', { from: '2026-11-01', to: '2026-11-01' }, true],
    ['a leap year, 366 days', { from: '2028-01-01', to: '2028-12-31' }, true],
    ['367 days', { from: '2028-01-01', to: '2029-01-01' }, false],
    ['backwards', { from: '2026-11-02', to: '2026-11-01' }, false],
    ['a store and a channel', { storeId, from: '2026-11-01', to: '2026-11-30', channel: 'pos' }, true],
    ['a day that does not exist', { from: '2026-02-30', to: '2026-03-01' }, false],
    ['a date and time', { from: '2026-11-01T00:00:00Z', to: '2026-11-02' }, false],
    ['no period', {}, false],
    ['a store that is not a uuid', { storeId: 'x', from: '2026-11-01', to: '2026-11-01' }, false],
  ])('%s', (_case, input, valid) => {
    expect(reportInput.safeParse(input).success).toBe(valid);
  });

  it('says which field is wrong when the period is too long', () => {
    const result = reportInput.safeParse({ from: '2026-01-01', to: '2027-06-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['to', 'a report covers at most 366 days'],
    ]);
  });
});

describe('topProductsInput', () => {
  const period = { from: '2026-11-01', to: '2026-11-30' };

  it('ranks the top 20 by net sales unless told otherwise', () => {
    expect(topProductsInput.parse(period)).toMatchObject({ limit: 20, rankBy: 'sales' });
  });

  it.each([0, 101, 2.5])('refuses a limit of %s', (limit) => {
    expect(topProductsInput.safeParse({ ...period, limit }).success).toBe(false);
  });

  it('checks the period like every report', () => {
    expect(topProductsInput.safeParse({ from: '2026-11-02', to: '2026-11-01' }).success).toBe(false);
  });
});

describe('zReportInput', () => {
  it('names a shift', () => {
    expect(zReportInput.safeParse({ shiftId: storeId }).success).toBe(true);
    expect(zReportInput.safeParse({}).success).toBe(false);
  });
});
