/**
 * The order list's filters as the manager types them, turned into the server's filter (order-admin.schema):
 * days are the store's calendar days, so "from 1 to 3 December" is from midnight on the 1st to midnight
 * on the 4th in the store's time zone, whatever zone this computer is set to.
 */
import type { Channel, OrderStatus, PaymentStatus } from '@allure/shared/enums';
import { type OrderFilterInput, orderNumberPrefix } from '@allure/shared/order-admin.schema';
import { addDays } from '@allure/shared/report';
import { type Period, periodProblem } from '../reports/report-period.js';

export interface OrderFilterForm {
  channel: Channel | '';
  status: OrderStatus | '';
  paymentStatus: PaymentStatus | '';
  /** Calendar days, YYYY-MM-DD, both included; empty for no bound. */
  from: string;
  to: string;
  /** The start of an order number. */
  number: string;
}

export const noOrderFilter: OrderFilterForm = {
  channel: '',
  status: '',
  paymentStatus: '',
  from: '',
  to: '',
  number: '',
};

export type OrderFilterResult =
  | { ok: true; filter: OrderFilterInput }
  | { ok: false; field: 'number' | 'from' | 'to' };

/** What the wall clock in `timeZone` reads at `at`, minus `at`: the zone's offset then, in ms. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day starts in `timeZone`, as an ISO date-time. */
export function dayStart(date: string, timeZone: string): string {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // The offset at the guess can differ from the offset at the answer across a DST change: check once more.
  const guess = midnight - zoneOffset(midnight, timeZone);
  return new Date(midnight - zoneOffset(guess, timeZone)).toISOString();
}

/** The server's filter for the form, or the field that cannot be sent as typed. */
export function orderFilterOf(
  form: OrderFilterForm,
  timeZone: string,
  storeId: string | null,
): OrderFilterResult {
  const filter: OrderFilterInput = {};
  if (storeId !== null) filter.storeId = storeId;
  if (form.channel !== '') filter.channel = form.channel;
  if (form.status !== '') filter.status = form.status;
  if (form.paymentStatus !== '') filter.paymentStatus = form.paymentStatus;
  if (form.number.trim() !== '') {
    const number = orderNumberPrefix.safeParse(form.number);
    if (!number.success) return { ok: false, field: 'number' };
    filter.numberPrefix = number.data;
  }
  const period: Period = { from: form.from || form.to, to: form.to || form.from };
  if (period.from !== '') {
    const problem = periodProblem(period);
    if (problem === 'invalidDate') return { ok: false, field: form.from ? 'from' : 'to' };
    if (problem === 'endsBeforeStart') return { ok: false, field: 'to' };
  }
  if (form.from !== '') filter.placedFrom = dayStart(form.from, timeZone);
  if (form.to !== '') filter.placedTo = dayStart(addDays(form.to, 1), timeZone);
  return { ok: true, filter };
}

/** The filter as the export route's query string. */
export function exportQuery(filter: OrderFilterInput): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined) query.set(name, value);
  }
  return query.toString();
}
