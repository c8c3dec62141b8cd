import { describe, expect, it } from 'vitest';
import { periodProblem, presetPeriod } from './report-period.js';

describe('report period presets', () => {
  // 2026-12-04 is a Friday.
  const today = '2026-12-04';

  it('covers today and yesterday as single days', () => {
    expect(presetPeriod('today', today)).toEqual({ from: today, to: today });
    expect(presetPeriod('yesterday', today)).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect(presetPeriod('yesterday', '2027-01-01')).toEqual({ from: '2026-12-31', to: '2026-12-31' });
  });

  it('starts the week on Monday, also when today is Monday or Sunday', () => {
    expect(presetPeriod('thisWeek', today)).toEqual({ from: '2026-11-30', to: today });
    expect(presetPeriod('thisWeek', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(presetPeriod('thisWeek', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('starts the month on its first day and counts 30 days back to today included', () => {
    expect(presetPeriod('thisMonth', today)).toEqual({ from: '2026-12-01', to: today });
    expect(presetPeriod('last30', today)).toEqual({ from: '2026-11-05', to: today });
    expect(presetPeriod('last30', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-03-01' });
  });
});

describe('report period problems', () => {
  it('accepts single days and a leap year in full', () => {
    expect(periodProblem({ from: '2026-12-04', to: '2026-12-04' })).toBeNull();
    expect(periodProblem({ from: '2028-01-01', to: '2028-12-31' })).toBeNull();
  });

  it('names what the server would refuse', () => {
    expect(periodProblem({ from: '', to: '2026-12-04' })).toBe('invalidDate');
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-04' })).toBe('invalidDate');
    expect(periodProblem({ from: '2026-12-05', to: '2026-12-04' })).toBe('endsBeforeStart');
    expect(periodProblem({ from: '2025-01-01', to: '2026-01-02' })).toBe('tooLong');
  });
});
