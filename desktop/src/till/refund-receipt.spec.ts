import { describe, expect, it } from 'vitest';
import { RECEIPT_WIDTH } from './receipt-layout.js';
import { refundReceiptLines } from './refund-receipt.js';

const labels = {
  title: 'REFUND',
  order: 'Original receipt',
  date: 'Date',
  cashier: 'Cashier',
  approvedBy: 'Approved by',
  total: 'Refunded',
  reference: 'Reference',
  methods: { cash: 'Cash', card: 'Card', mobile_money: 'Mobile money' },
};

describe('refund receipt', () => {
  const input = {
    refund: {
      orderNumber: 'DKR1-T01-000042',
      refundedAt: '2026-12-04T10:00:00.000Z',
      method: 'mobile_money' as const,
      reference: 'OM-778',
      total: 15_000,
    },
    lines: [{ orderLineId: 'l1', quantity: 1, total: 15_000 }],
    currency: 'XOF' as const,
    store: {
      name: 'Allure Dakar',
      addressLine1: null,
      addressLine2: null,
      postalCode: null,
      city: null,
      phone: null,
      timezone: 'Africa/Dakar',
    },
    cashierName: 'Fatou Sarr',
    approverName: 'Moussa Diop',
    describe: () => 'Robe wax — M · Indigo',
    locale: 'en',
    labels,
  };

  it('names the original receipt, who gave and approved it, each line and how the money went back', () => {
    const text = refundReceiptLines(input).join('\n');
    expect(text).toContain('DKR1-T01-000042');
    expect(text).toMatch(/Approved by\s+Moussa Diop/);
    expect(text).toContain('Robe wax — M · Indigo');
    expect(text).toMatch(/1 x\s+-F CFA 15,000/);
    expect(text).toMatch(/REFUNDED\s+-F CFA 15,000/);
    expect(text).toMatch(/Reference\s+OM-778/);
  });

  it('fits the printer and leaves out the approval when a manager gave it', () => {
    const lines = refundReceiptLines({ ...input, approverName: null });
    expect(lines.every((line) => line.length <= RECEIPT_WIDTH)).toBe(true);
    expect(lines.join('\n')).not.toContain('Approved by');
  });
});
