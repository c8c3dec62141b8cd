import { describe, expect, it } from 'vitest';
import { daysBefore, localDate } from './dashboard-period.js';

describe('dashboard periods', () => {
  it('gives the store’s calendar date, not UTC’s', () => {
    const lateEvening = new Date('2026-12-04T23:30:00Z');
    expect(localDate(lateEvening, 'Africa/Dakar')).toBe('2026-12-04');
    expect(localDate(lateEvening, 'Europe/Paris')).toBe('2026-12-05');
  });

  it('counts days back across months and years', () => {
    expect(daysBefore('2026-12-04', 6)).toBe('2026-11-28');
    expect(daysBefore('2027-01-02', 6)).toBe('2026-12-27');
  });
});
