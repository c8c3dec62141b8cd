/**
 * The period a report covers: a preset counted back from today in the store's time zone, or days the
 * manager picks. Checked here with the server's own limits, so a bad range is explained beside the fields
 * instead of being refused by the server.
 */

import { addDays, daysInPeriod } from '@allure/shared/report';
import { MAX_REPORT_DAYS } from '@allure/shared/report.schema';

export const periodPresets = ['today', 'yesterday', 'thisWeek', 'thisMonth', 'last30', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** Calendar days (YYYY-MM-DD), both included. */
export interface Period {
  from: string;
  to: string;
}

/** The days a preset covers, `today` being the store's date; weeks start on Monday. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'thisWeek': {
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
      return { from: addDays(today, -((weekday + 6) % 7)), to: today };
    }
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
  }
}

export type PeriodProblem = 'invalidDate' | 'endsBeforeStart' | 'tooLong';

/** Why the server would refuse this period, or null when it is one it reports on. */
export function periodProblem(period: Period): PeriodProblem | null {
  let days: number;
  try {
    days = daysInPeriod(period.from, period.to);
  } catch {
    return 'invalidDate';
  }
  if (days < 1) return 'endsBeforeStart';
  if (days > MAX_REPORT_DAYS) return 'tooLong';
  return null;
}
