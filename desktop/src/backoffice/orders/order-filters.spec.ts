import { orderFilterInput } from '@allure/shared/order-admin.schema';
import { describe, expect, it } from 'vitest';
import { dayStart, exportQuery, noOrderFilter, orderFilterOf } from './order-filters.js';

describe('dayStart', () => {
  it('is midnight in the store’s zone, whatever the computer’s', () => {
    expect(dayStart('2026-12-04', 'Africa/Dakar')).toBe('2026-12-04T00:00:00.000Z');
    expect(dayStart('2026-12-04', 'Europe/Paris')).toBe('2026-12-03T23:00:00.000Z');
    expect(dayStart('2026-07-04', 'Europe/Paris')).toBe('2026-07-03T22:00:00.000Z');
    expect(dayStart('2026-12-04', 'America/New_York')).toBe('2026-12-04T05:00:00.000Z');
  });

  it('follows daylight saving time on the days the clocks change', () => {
    expect(dayStart('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('2026-03-30', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(dayStart('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
  });
});

describe('orderFilterOf', () => {
  it('sends only what was chosen, days as a half-open range of instants', () => {
    const result = orderFilterOf(
      {
        ...noOrderFilter,
        channel: 'web',
        paymentStatus: 'paid',
        from: '2026-12-01',
        to: '2026-12-03',
        number: ' dkr1-t01 ',
      },
      'Europe/Paris',
      'e5a8b3c6-0d3f-4c61-9a43-3f1e2b6c9d10',
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        storeId: 'e5a8b3c6-0d3f-4c61-9a43-3f1e2b6c9d10',
        channel: 'web',
        paymentStatus: 'paid',
        numberPrefix: 'DKR1-T01',
        placedFrom: '2026-11-30T23:00:00.000Z',
        placedTo: '2026-12-03T23:00:00.000Z',
      },
    });
    if (result.ok) expect(orderFilterInput.parse(result.filter)).toEqual(result.filter);
    expect(orderFilterOf(noOrderFilter, 'Africa/Dakar', null)).toEqual({ ok: true, filter: {} });
  });

  it('takes one day alone as that day', () => {
    expect(orderFilterOf({ ...noOrderFilter, to: '2026-12-04' }, 'Africa/Dakar', null)).toEqual({
      ok: true,
      filter: { placedTo: '2026-12-05T00:00:00.000Z' },
    });
  });

  it('names the field the server would refuse', () => {
    expect(orderFilterOf({ ...noOrderFilter, number: 'D' }, 'Africa/Dakar', null)).toEqual({
      ok: false,
      field: 'number',
    });
    expect(orderFilterOf({ ...noOrderFilter, number: 'DKR1/2' }, 'Africa/Dakar', null)).toEqual({
      ok: false,
      field: 'number',
    });
    expect(
      orderFilterOf({ ...noOrderFilter, from: '2026-12-05', to: '2026-12-04' }, 'Africa/Dakar', null),
    ).toEqual({
      ok: false,
      field: 'to',
    });
    expect(orderFilterOf({ ...noOrderFilter, from: '2026-02-31' }, 'Africa/Dakar', null)).toEqual({
      ok: false,
      field: 'from',
    });
  });

  it('writes the export query with the same fields', () => {
    const query = exportQuery({ channel: 'pos', placedFrom: '2026-12-04T00:00:00.000Z' });
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      channel: 'pos',
      placedFrom: '2026-12-04T00:00:00.000Z',
    });
  });
});
