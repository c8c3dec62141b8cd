import { describe, expect, it } from 'vitest';
import { type ReceiptLabels, receiptLines } from './receipt.js';
import { RECEIPT_WIDTH } from './receipt-layout.js';

const labels: ReceiptLabels = {
  order: 'Ticket',
  date: 'Date',
  cashier: 'Vendeur',
  subtotal: 'Sous-total',
  discount: 'Remise',
  total: 'Total',
  vat: (rate) => `dont TVA ${rate}`,
  paid: 'Payé',
  tendered: 'Reçu',
  change: 'Rendu',
  methods: { cash: 'Espèces', card: 'Carte', mobile_money: 'Mobile money' },
  thanks: 'Merci de votre visite !',
};
const store = {
  name: 'Allure Plateau',
  addressLine1: '12 avenue Léopold Sédar Senghor',
  addressLine2: null,
  postalCode: null,
  city: 'Dakar',
  phone: '+221 33 800 00 00',
  timezone: 'Africa/Dakar',
};

describe('receipt', () => {
  const lines = receiptLines({
    sale: {
      number: 'DKR1-T01-000042',
      placedAt: '2026-12-04T10:05:00.000Z',
      currency: 'XOF',
      pricesIncludeTax: true,
      lines: [
        { id: 'a', variantId: 'v1', quantity: 2, unitPrice: 12_500, vatRate: 1800 },
        {
          id: 'b',
          variantId: 'v2',
          quantity: 1,
          unitPrice: 7_000,
          vatRate: 1800,
          lineDiscount: { type: 'amount', amount: 1_000 },
        },
      ],
      payments: [{ method: 'cash', amount: 31_000, tendered: 35_000 }],
    },
    store,
    cashierName: 'Awa Diop',
    describe: (id) => (id === 'v1' ? 'Robe wax — M · Indigo' : 'Foulard brodé — Unique'),
    locale: 'fr-FR',
    labels,
  });
  const text = lines.join('\n');

  it('wraps long item names between words', () => {
    const long = receiptLines({
      sale: {
        number: 'DKR1-T01-000001',
        placedAt: '2026-12-04T10:05:00.000Z',
        currency: 'XOF',
        pricesIncludeTax: true,
        lines: [{ id: 'a', variantId: 'v1', quantity: 1, unitPrice: 100, vatRate: 0 }],
        payments: [],
      },
      store,
      cashierName: 'Awa',
      describe: () => 'Jupe portefeuille en satin Gorée — XS · Vert émeraude',
      locale: 'fr-FR',
      labels,
    });
    expect(long).toContain('Jupe portefeuille en satin Gorée — XS · Vert');
    expect(long).toContain('émeraude');
  });

  it('fits an 80 mm printer and uses plain spaces only', () => {
    expect(lines.every((line) => line.length <= RECEIPT_WIDTH)).toBe(true);
    expect(text).not.toMatch(/[\u00a0\u202f]/);
  });

  it('shows the store, the order, the date in the store’s time zone and the cashier', () => {
    expect(lines[0]?.trim()).toBe('ALLURE PLATEAU');
    expect(text).toContain('DKR1-T01-000042');
    expect(text).toMatch(/04\/12\/2026 10:05/);
    expect(text).toContain('Awa Diop');
  });

  it('shows lines, discounts, total, VAT and change as the shared totals compute them', () => {
    expect(text).toMatch(/2 x 12 500 F CFA +25 000 F CFA/);
    expect(text).toMatch(/Remise +-1 000 F CFA/);
    expect(text).toMatch(/TOTAL +31 000 F CFA/);
    // 18 % contained in 25 000 (3 814) and in 6 000 (915), rounded per line.
    expect(text).toMatch(/dont TVA 18 % +4 729 F CFA/);
    expect(text).toMatch(/Reçu +35 000 F CFA/);
    expect(text).toMatch(/Rendu +4 000 F CFA/);
  });

  it('names the customer of the sale under the cashier, and no one when none was attached', () => {
    const withCustomer = receiptLines({
      sale: {
        number: 'DKR1-T01-000043',
        placedAt: '2026-12-04T10:05:00.000Z',
        currency: 'XOF',
        pricesIncludeTax: true,
        lines: [],
        payments: [],
      },
      store,
      cashierName: 'Awa Diop',
      customer: { label: 'Client', name: 'Ndèye\u00a0Thiam' },
      describe: () => '',
      locale: 'fr-FR',
      labels,
    });
    const cashierAt = withCustomer.findIndex((line) => line.includes('Awa Diop'));
    expect(withCustomer[cashierAt + 1]).toMatch(/^Client +Ndèye Thiam$/);
    expect(text).not.toContain('Client');
  });
});
