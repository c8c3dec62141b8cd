import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Approval,
  type ApprovalSale,
  type ApprovalSaleLine,
  actionRequiresApproval,
  approval,
  approvalActions,
  approvals,
  approvalsRequired,
  approveWithPin,
  canApprove,
  MAX_APPROVALS,
  missingApprovals,
  type RequiredApproval,
  type StaffMember,
  staffMember,
} from './approval.js';
import { computeCartTotals } from './cart-totals.js';
import type { Discount } from './discount.js';
import { createPinVerifier } from './pin.js';
import { createRandom } from './random.js';

const MANAGER_PIN = '482916';
const CASHIER_PIN = '2580';
// Made once: each costs ~0.1–0.3 s of PBKDF2.
let managerVerifier = '';
let cashierVerifier = '';
beforeAll(async () => {
  [managerVerifier, cashierVerifier] = await Promise.all([
    createPinVerifier(MANAGER_PIN),
    createPinVerifier(CASHIER_PIN),
  ]);
});

let idCounter = 0;
function nextId(): string {
  idCounter += 1;
  return `00000000-0000-4000-8000-${String(idCounter).padStart(12, '0')}`;
}

function staff(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: nextId(),
    name: 'Awa Diop',
    role: 'cashier',
    active: true,
    pinVerifier: cashierVerifier,
    discountLimitBps: 1000,
    ...overrides,
  };
}
const cashier = (discountLimitBps = 1000) => staff({ discountLimitBps });
const manager = (overrides: Partial<StaffMember> = {}) =>
  staff({ role: 'manager', pinVerifier: managerVerifier, discountLimitBps: 0, ...overrides });

/** A line sold at its catalogue price unless `unitPrice` says otherwise. */
function line(
  catalogUnitPrice: number,
  options: { quantity?: number; unitPrice?: number; lineDiscount?: Discount } = {},
): ApprovalSaleLine {
  return {
    id: nextId(),
    quantity: options.quantity ?? 1,
    catalogUnitPrice,
    unitPrice: options.unitPrice ?? catalogUnitPrice,
    lineDiscount: options.lineDiscount,
  };
}
const sale = (lines: ApprovalSaleLine[], cartDiscount?: Discount): ApprovalSale => ({ lines, cartDiscount });
const percent = (basisPoints: number): Discount => ({ type: 'percent', basisPoints });
const amount = (value: number): Discount => ({ type: 'amount', amount: value });

function approvalBy(approver: StaffMember, needed: RequiredApproval): Approval {
  return { ...needed, approvedById: approver.id, approvedAt: '2025-03-14T10:15:00Z' };
}

describe('approval schemas', () => {
  const valid = {
    action: 'price_override',
    approvedById: '00000000-0000-4000-8000-000000000001',
    approvedAt: '2025-03-14T10:15:00+00:00',
    orderLineId: '00000000-0000-4000-8000-000000000002',
    reason: '  damaged hem  ',
  };

  it('accepts an approval and trims its reason', () => {
    expect(approval.parse(valid)).toEqual({ ...valid, reason: 'damaged hem' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an approver id that is not a UUID', { approvedById: 'manager-1' }],
    ['a line id that is not a UUID', { orderLineId: '42' }],
    ['a time without a zone', { approvedAt: '2025-03-14T10:15:00' }],
    ['an unknown action', { action: 'gift' }],
    ['a reason over 200 characters', { reason: 'x'.repeat(201) }],
    ['a price override without its line', { orderLineId: undefined }],
    ['a refund naming a line', { action: 'refund' }],
    ['a void naming a line', { action: 'void' }],
  ])('rejects %s', (_, change) => {
    expect(approval.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('takes a discount approval with or without a line, and a 200-character reason', () => {
    expect(approval.safeParse({ ...valid, action: 'discount' }).success).toBe(true);
    expect(approval.safeParse({ ...valid, action: 'discount', orderLineId: undefined }).success).toBe(true);
    expect(approval.safeParse({ ...valid, reason: 'x'.repeat(200) }).success).toBe(true);
  });

  it(`holds at most ${MAX_APPROVALS} approvals per order`, () => {
    expect(approvals.safeParse(Array.from({ length: MAX_APPROVALS }, () => valid)).success).toBe(true);
    expect(approvals.safeParse(Array.from({ length: MAX_APPROVALS + 1 }, () => valid)).success).toBe(false);
  });

  it('lists the four actions', () => {
    expect(approvalActions).toEqual(['refund', 'void', 'price_override', 'discount']);
  });

  it('accepts replicated staff, with or without a PIN', () => {
    expect(staffMember.safeParse(manager()).success).toBe(true);
    expect(staffMember.safeParse(cashier()).success).toBe(true);
    expect(staffMember.safeParse(staff({ pinVerifier: null })).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a customer', { role: 'customer' }],
    ['a limit over 100 %', { discountLimitBps: 10_001 }],
    ['a negative limit', { discountLimitBps: -1 }],
    ['a fractional limit', { discountLimitBps: 12.5 }],
    ['a verifier that is not one', { pinVerifier: 'plain-1234' }],
    ['an id that is not a UUID', { id: 'cashier-1' }],
  ])('rejects staff with %s', (_, change) => {
    expect(staffMember.safeParse({ ...cashier(), ...change }).success).toBe(false);
  });
});

describe('canApprove and actionRequiresApproval', () => {
  it.each<[string, () => StaffMember, boolean]>([
    ['an active manager with a PIN', () => manager(), true],
    ['an active admin with a PIN', () => manager({ role: 'admin' }), true],
    ['a cashier, even with a PIN', () => cashier(10_000), false],
    ['a deactivated manager', () => manager({ active: false }), false],
    ['a manager without a PIN', () => manager({ pinVerifier: null }), false],
  ])('%s: %s', (_, member, expected) => {
    expect(canApprove(member())).toBe(expected);
  });

  it.each<[string, () => StaffMember, boolean]>([
    ['a cashier', () => cashier(10_000), true],
    ['a manager', () => manager(), false],
    ['an admin', () => manager({ role: 'admin' }), false],
    ['a manager without a PIN (still a manager)', () => manager({ pinVerifier: null }), false],
    ['a deactivated manager', () => manager({ active: false }), true],
  ])('refunds and voids by %s need approval: %s', (_, member, expected) => {
    expect(actionRequiresApproval('refund', member())).toBe(expected);
    expect(actionRequiresApproval('void', member())).toBe(expected);
  });
});

describe('approvalsRequired', () => {
  it('needs nothing for a sale at catalogue prices within the limit', () => {
    expect(
      approvalsRequired(sale([line(15_000), line(9900, { lineDiscount: percent(500) })]), cashier()),
    ).toEqual([]);
  });

  it.each([
    ['down', 14_999],
    ['up', 15_001],
    ['to zero', 0],
  ])('needs a price override for a price changed %s, on that line only', (_, unitPrice) => {
    const changed = line(15_000, { unitPrice });
    expect(approvalsRequired(sale([line(15_000), changed]), cashier(10_000))).toEqual([
      { action: 'price_override', orderLineId: changed.id },
    ]);
  });

  describe('a line discount, XOF (no minor unit), 10 % limit on 15 000 XOF', () => {
    it.each<[string, Discount, boolean]>([
      ['1 500 XOF, exactly the limit', amount(1500), false],
      ['1 501 XOF, one franc over', amount(1501), true],
      ['10 %, exactly the limit', percent(1000), false],
      ['10.01 % (1 501.5 → 1 502 XOF)', percent(1001), true],
    ])('%s → approval %s', (_, lineDiscount, needed) => {
      const judged = line(15_000, { lineDiscount });
      expect(approvalsRequired(sale([line(2500), judged]), cashier(1000))).toEqual(
        needed ? [{ action: 'discount', orderLineId: judged.id }] : [],
      );
    });

    it('is judged on the whole line, not per unit: 3 × 5 000 XOF', () => {
      const within = line(5000, { quantity: 3, lineDiscount: amount(1500) });
      const over = line(5000, { quantity: 3, lineDiscount: amount(1501) });
      expect(approvalsRequired(sale([within, over]), cashier(1000))).toEqual([
        { action: 'discount', orderLineId: over.id },
      ]);
    });
  });

  describe('a line discount, EUR cents, 10 % limit', () => {
    it.each<[string, number, number, Discount, boolean]>([
      ['10 % of 9.99 EUR is 1.00 EUR and allowed', 1, 999, percent(1000), false],
      ['1.00 EUR off 9.99 EUR is the same money, allowed', 1, 999, amount(100), false],
      ['1.01 EUR off 9.99 EUR is over', 1, 999, amount(101), true],
      ['10.06 % of 9.99 EUR is 1.00 EUR too (100.49), allowed', 1, 999, percent(1006), false],
      ['10.07 % of 9.99 EUR is 1.01 EUR, over', 1, 999, percent(1007), true],
      ['3.00 EUR off 3 × 9.99 EUR (limit 2.997 → 3.00)', 3, 999, amount(300), false],
      ['3.01 EUR off 3 × 9.99 EUR', 3, 999, amount(301), true],
      ['a discount capped at a free line gives nothing', 1, 0, amount(500), false],
    ])('%s', (_, quantity, unitPrice, lineDiscount, needed) => {
      const judged = line(unitPrice, { quantity, lineDiscount });
      expect(approvalsRequired(sale([judged]), cashier(1000))).toEqual(
        needed ? [{ action: 'discount', orderLineId: judged.id }] : [],
      );
    });
  });

  it('needs approval for any discount given by a cashier with a 0 limit, and for nothing else', () => {
    const oneFranc = line(15_000, { lineDiscount: amount(1) });
    // 10 % of 4 XOF rounds to 0: nothing is given, nothing to approve.
    const roundsToNothing = line(4, { lineDiscount: percent(1000) });
    expect(approvalsRequired(sale([oneFranc, roundsToNothing, line(800)]), cashier(0))).toEqual([
      { action: 'discount', orderLineId: oneFranc.id },
    ]);
    expect(approvalsRequired(sale([line(15_000)], amount(1)), cashier(0))).toEqual([{ action: 'discount' }]);
  });

  it('lets a 100 % limit give anything away, but not change a price', () => {
    const changed = line(15_000, { unitPrice: 12_000, lineDiscount: percent(10_000) });
    expect(approvalsRequired(sale([changed], percent(10_000)), cashier(10_000))).toEqual([
      { action: 'price_override', orderLineId: changed.id },
    ]);
  });

  describe('a cart discount, 10 % limit', () => {
    const lines = () => [line(10_000), line(5000)];

    it.each<[string, Discount, boolean]>([
      ['1 500 XOF off 15 000 XOF, exactly the limit', amount(1500), false],
      ['1 501 XOF, one franc over', amount(1501), true],
      ['10 %', percent(1000), false],
      ['10.01 %', percent(1001), true],
      ['more than the cart, capped at it', amount(1_000_000), true],
    ])('%s → approval %s, without a line', (_, cartDiscount, needed) => {
      expect(approvalsRequired(sale(lines(), cartDiscount), cashier(1000))).toEqual(
        needed ? [{ action: 'discount' }] : [],
      );
    });

    it('counts with the line discounts it is stacked on: 10 % + 10 % is 19 %', () => {
      const discounted = line(10_000, { lineDiscount: percent(1000) });
      expect(approvalsRequired(sale([discounted], percent(1000)), cashier(1000))).toEqual([
        { action: 'discount' },
      ]);
      expect(approvalsRequired(sale([discounted], percent(1000)), cashier(1900))).toEqual([]);
      // 9 000 after the line discount; 1 000 + 900 = 1 900 is 19 % of 10 000, so 1 899 bps is one franc short.
      expect(approvalsRequired(sale([discounted], percent(1000)), cashier(1899))).toEqual([
        { action: 'discount' },
      ]);
    });

    it('stays within the limit when the whole sale does, however lines are discounted', () => {
      // 1 000 off line A (10 %), no line discount on B; cart 500 → 1 500 of 15 000: exactly 10 %.
      expect(
        approvalsRequired(
          sale([line(10_000, { lineDiscount: amount(1000) }), line(5000)], amount(500)),
          cashier(),
        ),
      ).toEqual([]);
    });

    it('gives nothing, and needs nothing, on a cart of free items', () => {
      expect(approvalsRequired(sale([line(0), line(0)], amount(500)), cashier(0))).toEqual([]);
    });

    it('is not judged without a cart discount, even when line discounts are over', () => {
      const over = line(10_000, { lineDiscount: percent(5000) });
      expect(approvalsRequired(sale([over]), cashier())).toEqual([
        { action: 'discount', orderLineId: over.id },
      ]);
    });
  });

  it('lists per line a price override then a discount, in line order, and the cart discount last', () => {
    const first = line(5000, { unitPrice: 4000, lineDiscount: percent(2000) });
    const clean = line(3000);
    const third = line(2000, { lineDiscount: amount(1000) });
    expect(approvalsRequired(sale([first, clean, third], percent(500)), cashier(1000))).toEqual([
      { action: 'price_override', orderLineId: first.id },
      { action: 'discount', orderLineId: first.id },
      { action: 'discount', orderLineId: third.id },
      { action: 'discount' },
    ]);
  });

  it.each<[string, () => StaffMember]>([
    ['a manager', () => manager()],
    ['an admin', () => manager({ role: 'admin' })],
  ])('needs nothing from %s, whatever they change', (_, member) => {
    const everything = sale(
      [line(15_000, { unitPrice: 1, lineDiscount: percent(10_000) }), line(100, { unitPrice: 900 })],
      percent(10_000),
    );
    expect(approvalsRequired(everything, member())).toEqual([]);
  });

  it('treats a deactivated manager as a cashier with their limit', () => {
    const changed = line(15_000, { unitPrice: 14_000 });
    expect(approvalsRequired(sale([changed]), manager({ active: false }))).toEqual([
      { action: 'price_override', orderLineId: changed.id },
    ]);
  });

  it.each<[string, ApprovalSale]>([
    ['a zero quantity', sale([line(1000, { quantity: 0 })])],
    ['a fractional price', sale([line(1000, { unitPrice: 9.99 })])],
    ['a negative catalogue price', sale([line(-1, { unitPrice: 0 })])],
    ['an invalid discount', sale([line(1000, { lineDiscount: percent(0) })])],
    ['too many lines', sale(Array.from({ length: 201 }, () => line(1000)))],
  ])('throws a RangeError on %s', (_, input) => {
    expect(() => approvalsRequired(input, cashier())).toThrow(RangeError);
  });

  it('judges exactly the discounts cart-totals charges, over many pseudo-random carts', () => {
    const random = createRandom(11);
    const discountOf = (max: number): Discount | undefined =>
      random.chance(0.4)
        ? undefined
        : random.chance(0.5)
          ? percent(random.int(1, 3000))
          : amount(random.int(1, max));
    // Independent of mulDivRound: d is within the limit L on base g iff round(g·L/10 000) ≥ d, i.e.
    // 2·g·L + 10 000 ≥ 2·d·10 000 (half away from zero, non-negative amounts).
    const within = (given: number, base: number, limit: number) =>
      2n * BigInt(base) * BigInt(limit) + 10_000n >= 2n * BigInt(given) * 10_000n;

    for (let run = 0; run < 500; run += 1) {
      const limit = random.pick([0, 1, 500, 1000, 1250, 3333, 10_000]);
      const lines = Array.from({ length: random.int(1, 8) }, () =>
        line(random.int(0, 200_000), { quantity: random.int(1, 5), lineDiscount: discountOf(100_000) }),
      );
      const input = sale(lines, discountOf(200_000));
      const totals = computeCartTotals({
        currency: 'EUR',
        pricesIncludeTax: true,
        lines: lines.map((item) => ({ ...item, variantId: item.id, vatRate: 2000 })),
        cartDiscount: input.cartDiscount,
      });
      const expected: RequiredApproval[] = lines.flatMap((item, index) => {
        const computed = totals.lines[index];
        return computed && !within(computed.lineDiscount, computed.gross, limit)
          ? [{ action: 'discount' as const, orderLineId: item.id }]
          : [];
      });
      if (totals.cartDiscountTotal > 0 && !within(totals.discountTotal, totals.subtotal, limit)) {
        expected.push({ action: 'discount' });
      }
      expect(approvalsRequired(input, cashier(limit))).toEqual(expected);
    }
  });
});

describe('missingApprovals', () => {
  const lineId = '00000000-0000-4000-8000-0000000000aa';
  const otherLineId = '00000000-0000-4000-8000-0000000000bb';
  const required: RequiredApproval[] = [
    { action: 'price_override', orderLineId: lineId },
    { action: 'discount', orderLineId: lineId },
    { action: 'discount' },
  ];
  const lookup =
    (...members: StaffMember[]) =>
    (id: string) =>
      members.find((member) => member.id === id);

  it('is empty when an active manager or admin approved each item', () => {
    const boss = manager();
    const owner = manager({ role: 'admin' });
    const given = required.map((needed, index) => approvalBy(index === 0 ? boss : owner, needed));
    expect(missingApprovals(required, given, lookup(boss, owner))).toEqual([]);
  });

  it('is empty when nothing is required', () => {
    expect(missingApprovals([], [], lookup())).toEqual([]);
  });

  it('reports every item when there are no approvals', () => {
    expect(missingApprovals(required, [], lookup())).toEqual(required);
  });

  it.each<[string, () => StaffMember, boolean]>([
    ['a cashier', () => cashier(10_000), true],
    ['a deactivated manager', () => manager({ active: false }), true],
    ['a manager whose PIN was removed', () => manager({ pinVerifier: null }), true],
    ['someone the records do not know', () => manager(), false],
  ])('does not count approvals by %s', (_, approver, known) => {
    const member = approver();
    const given = required.map((needed) => approvalBy(member, needed));
    expect(missingApprovals(required, given, known ? lookup(member) : lookup(manager()))).toEqual(required);
  });

  it.each<[string, RequiredApproval, Partial<Approval>]>([
    ['another action', { action: 'refund' }, { action: 'void' }],
    ['another line', { action: 'price_override', orderLineId: lineId }, { orderLineId: otherLineId }],
    ['a line, for the cart discount', { action: 'discount' }, { orderLineId: lineId }],
    [
      'the cart, for a line discount',
      { action: 'discount', orderLineId: lineId },
      { orderLineId: undefined },
    ],
    [
      'a discount, for a price override',
      { action: 'price_override', orderLineId: lineId },
      { action: 'discount' },
    ],
  ])('does not count an approval of %s', (_, needed, change) => {
    const boss = manager();
    expect(missingApprovals([needed], [{ ...approvalBy(boss, needed), ...change }], lookup(boss))).toEqual([
      needed,
    ]);
  });

  it('reports only the items left uncovered', () => {
    const boss = manager();
    const clerk = cashier(10_000);
    const given = [
      approvalBy(boss, { action: 'discount' }),
      approvalBy(clerk, { action: 'discount', orderLineId: lineId }),
    ];
    expect(missingApprovals(required, given, lookup(boss, clerk))).toEqual(required.slice(0, 2));
  });
});

describe('approveWithPin', () => {
  const now = new Date('2025-03-14T10:15:00.000Z');
  const orderLineId = '00000000-0000-4000-8000-0000000000cc';

  it('records the approval of an active manager who types their PIN, and it covers the requirement', async () => {
    const boss = manager();
    const given = await approveWithPin({
      approver: boss,
      pin: MANAGER_PIN,
      action: 'price_override',
      orderLineId,
      reason: '  damaged hem ',
      now,
    });
    expect(given).toEqual({
      action: 'price_override',
      approvedById: boss.id,
      approvedAt: '2025-03-14T10:15:00.000Z',
      orderLineId,
      reason: 'damaged hem',
    });
    expect(approval.safeParse(given).success).toBe(true);
    const needed: RequiredApproval[] = [{ action: 'price_override', orderLineId }];
    expect(
      missingApprovals(needed, given ? [given] : [], (id) => (id === boss.id ? boss : undefined)),
    ).toEqual([]);
  });

  it('works for an admin and for order-level actions', async () => {
    const owner = manager({ role: 'admin' });
    const given = await approveWithPin({ approver: owner, pin: MANAGER_PIN, action: 'refund', now });
    expect(given).toMatchObject({ action: 'refund', approvedById: owner.id });
    expect(given?.orderLineId).toBeUndefined();
  });

  it.each<[string, () => StaffMember, string]>([
    ['a wrong PIN', () => manager(), '482917'],
    ['the cashier’s own PIN', () => manager(), CASHIER_PIN],
    ['a PIN that is not 4–8 digits', () => manager(), 'abcd'],
    ['a cashier, with their correct PIN', () => cashier(10_000), CASHIER_PIN],
    ['a deactivated manager, with the correct PIN', () => manager({ active: false }), MANAGER_PIN],
    ['a manager without a verifier', () => manager({ pinVerifier: null }), MANAGER_PIN],
  ])('gives nothing for %s', async (_, approver, pin) => {
    expect(await approveWithPin({ approver: approver(), pin, action: 'void', now })).toBeNull();
  });

  it.each<[string, Partial<Parameters<typeof approveWithPin>[0]>]>([
    ['a price override without its line', { action: 'price_override' }],
    ['a refund naming a line', { action: 'refund', orderLineId }],
    ['a line id that is not a UUID', { action: 'discount', orderLineId: 'line-1' }],
    ['a reason over 200 characters', { action: 'void', reason: 'x'.repeat(201) }],
  ])('throws a RangeError on %s', async (_, change) => {
    await expect(
      approveWithPin({ approver: manager(), pin: MANAGER_PIN, action: 'void', now, ...change }),
    ).rejects.toThrow(RangeError);
  });
});
