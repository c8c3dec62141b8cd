import { describe, expect, it } from 'vitest';
import { applyTax, summarizeTaxByRate, taxIncludedIn, taxOnNet } from './tax.js';

describe('applyTax', () => {
  it.each([
    // currency note, amount, rate, pricesIncludeTax, net, tax, total
    ['XOF: 1 franc at 18 % added', 1, 1800, false, 1, 0, 1],
    ['XOF: 1 franc at 18 % included', 1, 1800, true, 1, 0, 1],
    ['XOF: 0.54 rounds up', 3, 1800, false, 3, 1, 4],
    ['XOF: 4.5 rounds away from zero', 25, 1800, false, 25, 5, 30],
    ['XOF: 0.915 included rounds up', 6, 1800, true, 5, 1, 6],
    ['XOF: 1500 at 18 % added', 1500, 1800, false, 1500, 270, 1770],
    ['XOF: 1180 at 18 % included is exact', 1180, 1800, true, 1000, 180, 1180],
    ['XOF: 1500 at 18 % included (228.81)', 1500, 1800, true, 1271, 229, 1500],
    [
      'XOF: 10^12 included (152542372881.36)',
      1_000_000_000_000,
      1800,
      true,
      847_457_627_119,
      152_542_372_881,
      1_000_000_000_000,
    ],
    ['XOF: 5×10^11 added', 500_000_000_000, 1800, false, 500_000_000_000, 90_000_000_000, 590_000_000_000],
    ['XOF: nothing on zero', 0, 1800, true, 0, 0, 0],
    ['EUR: 0.01 at 20 % added', 1, 2000, false, 1, 0, 1],
    ['EUR: 0.01 at 20 % included', 1, 2000, true, 1, 0, 1],
    ['EUR: 0.03 at 20 % added (0.6 up)', 3, 2000, false, 3, 1, 4],
    ['EUR: 0.03 at 20 % included (0.5 away from zero)', 3, 2000, true, 2, 1, 3],
    ['EUR: 12.50 at 20 % included', 1250, 2000, true, 1042, 208, 1250],
    ['EUR: 10.00 at 20 % added', 1000, 2000, false, 1000, 200, 1200],
    ['EUR: 10.00 at 5.5 % added', 1000, 550, false, 1000, 55, 1055],
    ['EUR: 10.55 at 5.5 % included', 1055, 550, true, 1000, 55, 1055],
    ['EUR: 1.00 at 5.5 % added (5.5 away from zero)', 100, 550, false, 100, 6, 106],
    ['EUR: 0.90 at 5.5 % added (4.95)', 90, 550, false, 90, 5, 95],
    ['EUR: exempt', 4999, 0, true, 4999, 0, 4999],
    ['EUR: refund of 0.03 at 20 % is symmetric', -3, 2000, false, -3, -1, -4],
  ])('%s', (_, amount, rate, pricesIncludeTax, net, tax, total) => {
    expect(applyTax(amount, rate, pricesIncludeTax)).toEqual({ net, tax, total });
  });

  it('rounds each line on its own: 999 lines of 1 XOF carry no tax, one line of 999 XOF carries 180', () => {
    const perLine = Array.from({ length: 999 }, () => applyTax(1, 1800, false).tax);
    expect(perLine.reduce((a, b) => a + b, 0)).toBe(0);
    expect(applyTax(999, 1800, false).tax).toBe(180);
  });

  it('keeps every extracted tax within half a minor unit of the exact value', () => {
    for (const rate of [550, 1000, 1800, 2000]) {
      for (let total = 0; total <= 5000; total += 1) {
        const tax = taxIncludedIn(total, rate);
        expect(Math.abs(tax - (total * rate) / (10_000 + rate))).toBeLessThanOrEqual(0.5);
        const added = taxOnNet(total, rate);
        expect(Math.abs(added - (total * rate) / 10_000)).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it.each([-1, 10_001, 18.5, Number.NaN])('rejects the rate %d', (rate) => {
    expect(() => applyTax(100, rate, true)).toThrow(RangeError);
  });
});

describe('summarizeTaxByRate', () => {
  it('sums lines per rate, highest rate first, and adds up to the lines', () => {
    const lines = [
      { vatRate: 550, net: 1000, tax: 55, total: 1055 },
      { vatRate: 2000, net: 1000, tax: 200, total: 1200 },
      { vatRate: 0, net: 300, tax: 0, total: 300 },
      { vatRate: 2000, net: 2, tax: 0, total: 2 },
    ];
    expect(summarizeTaxByRate(lines)).toEqual([
      { vatRate: 2000, net: 1002, tax: 200, total: 1202 },
      { vatRate: 550, net: 1000, tax: 55, total: 1055 },
      { vatRate: 0, net: 300, tax: 0, total: 300 },
    ]);
  });

  it('is empty for no lines', () => {
    expect(summarizeTaxByRate([])).toEqual([]);
  });
});
