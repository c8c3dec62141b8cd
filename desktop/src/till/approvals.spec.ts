import { approvalsRequired, missingApprovals, type StaffMember } from '@allure/shared/approval';
import { posOrderInput } from '@allure/shared/order.schema';
import { createPinVerifier } from '@allure/shared/pin';
import { beforeAll, describe, expect, it } from 'vitest';
import { approvalSale, approvalsToGive, approveAll, approversFor } from './approvals.js';
import { type CartState, cartReducer, emptyCart } from './cart.js';
import { buildSale } from './sale.js';

const id = (n: number) => `0190a0a0-0000-7000-8000-0000000003${String(n).padStart(2, '0')}`;
const lineA = id(10);
const lineB = id(11);
let cashier: StaffMember;
let manager: StaffMember;
let staff: StaffMember[];

beforeAll(async () => {
  cashier = {
    id: id(1),
    name: 'Fatou',
    role: 'cashier',
    active: true,
    pinVerifier: await createPinVerifier('1234'),
    discountLimitBps: 1000,
  };
  manager = {
    id: id(2),
    name: 'Moussa',
    role: 'manager',
    active: true,
    pinVerifier: await createPinVerifier('2468'),
    discountLimitBps: 0,
  };
  const managerWithoutPin: StaffMember = { ...manager, id: id(3), pinVerifier: null };
  const formerManager: StaffMember = { ...manager, id: id(4), active: false };
  staff = [cashier, manager, managerWithoutPin, formerManager];
});

function cart(): CartState {
  const item = (n: number) => ({
    variantId: id(20 + n),
    productName: `Robe ${n}`,
    variantLabel: 'M',
    sku: `R-${n}`,
    unitPrice: 10_000,
    vatRate: 1800,
  });
  const one = cartReducer(emptyCart, { type: 'add', item: item(1), lineId: lineA });
  return cartReducer(one, { type: 'add', item: item(2), lineId: lineB });
}

describe('discount approvals at the till', () => {
  it('asks nothing within the cashier limit, and a manager for a line or the cart beyond it', () => {
    const within = cartReducer(cart(), {
      type: 'setLineDiscount',
      lineId: lineA,
      discount: { type: 'percent', basisPoints: 1000 },
    });
    expect(approvalsToGive(within, cashier, staff)).toEqual([]);
    const beyond = cartReducer(within, {
      type: 'setLineDiscount',
      lineId: lineB,
      discount: { type: 'amount', amount: 1_001 },
    });
    expect(approvalsToGive(beyond, cashier, staff)).toEqual([{ action: 'discount', orderLineId: lineB }]);
    // 5 % of the cart on top of 10 % of one line: 1 950 of 20 000 given away, within 10 %…
    const stacked = cartReducer(within, {
      type: 'setCartDiscount',
      discount: { type: 'percent', basisPoints: 500 },
    });
    expect(approvalsToGive(stacked, cashier, staff)).toEqual([]);
    // …but 1 001 off the cart on top of it, 2 001 in all, is beyond.
    const cartBeyond = cartReducer(within, {
      type: 'setCartDiscount',
      discount: { type: 'amount', amount: 1_001 },
    });
    expect(approvalsToGive(cartBeyond, cashier, staff)).toEqual([{ action: 'discount' }]);
    expect(approvalsToGive(cartBeyond, manager, staff)).toEqual([]);
  });

  it('lets only active managers with a PIN approve, other than the cashier, with their right PIN', async () => {
    expect(approversFor(staff, cashier).map((member) => member.id)).toEqual([manager.id]);
    expect(approversFor(staff, manager)).toEqual([]);
    const required = [{ action: 'discount' as const, orderLineId: lineB }, { action: 'discount' as const }];
    const now = new Date('2026-12-04T10:00:00Z');
    expect(await approveAll({ required, approver: manager, pin: '0000', now })).toBeNull();
    expect(await approveAll({ required, approver: cashier, pin: '1234', now })).toBeNull();
    const given = await approveAll({ required, approver: manager, pin: '2468', now });
    expect(given).toEqual([
      { action: 'discount', approvedById: manager.id, approvedAt: now.toISOString(), orderLineId: lineB },
      { action: 'discount', approvedById: manager.id, approvedAt: now.toISOString() },
    ]);
  });

  it('records approvals on the sale exactly as the server checks them', async () => {
    let state = cartReducer(cart(), {
      type: 'setLineDiscount',
      lineId: lineB,
      discount: { type: 'percent', basisPoints: 2500 },
    });
    state = cartReducer(state, { type: 'setCartDiscount', discount: { type: 'amount', amount: 3_000 } });
    const required = approvalsToGive(state, cashier, staff);
    expect(required).toHaveLength(2);
    const given = await approveAll({ required, approver: manager, pin: '2468', now: new Date() });
    state = cartReducer(state, { type: 'approve', approvals: given ?? [] });
    expect(approvalsToGive(state, cashier, staff)).toEqual([]);

    const outcome = buildSale({
      till: {
        storeId: id(30),
        storeCode: 'DKR1',
        terminalId: id(31),
        terminalCode: 'T01',
        currency: 'XOF',
        pricesIncludeTax: true,
      },
      cashierId: cashier.id,
      sequence: 1,
      cart: state,
      tenders: [{ method: 'cash', amount: 20_000 }],
      orderId: id(32),
      placedAt: new Date(),
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    const order = posOrderInput.parse(outcome.sale);
    expect(order.approvals).toHaveLength(2);
    // The server's check (order-review.ts) on what the till sends.
    const sale = {
      lines: order.lines.map((line) => ({
        id: line.id,
        quantity: line.quantity,
        catalogUnitPrice: line.catalogUnitPrice ?? line.unitPrice,
        unitPrice: line.unitPrice,
        lineDiscount: line.lineDiscount,
      })),
      cartDiscount: order.cartDiscount,
    };
    expect(sale).toEqual(approvalSale(state));
    const byId = (staffId: string) => staff.find((member) => member.id === staffId);
    expect(missingApprovals(approvalsRequired(sale, cashier), order.approvals, byId)).toEqual([]);
  });

  it('drops an approval when what it approved changes, and keeps the others', async () => {
    let state = cartReducer(cart(), {
      type: 'setLineDiscount',
      lineId: lineA,
      discount: { type: 'percent', basisPoints: 3000 },
    });
    state = cartReducer(state, {
      type: 'setLineDiscount',
      lineId: lineB,
      discount: { type: 'percent', basisPoints: 3000 },
    });
    state = cartReducer(state, { type: 'setCartDiscount', discount: { type: 'amount', amount: 500 } });
    const required = approvalsToGive(state, cashier, staff);
    expect(required).toHaveLength(3);
    state = cartReducer(state, {
      type: 'approve',
      approvals: (await approveAll({ required, approver: manager, pin: '2468', now: new Date() })) ?? [],
    });
    expect(approvalsToGive(state, cashier, staff)).toEqual([]);

    // One more of line A: its approval and the cart's go, line B's stays.
    state = cartReducer(state, { type: 'setQuantity', lineId: lineA, quantity: 2 });
    expect(state.approvals?.map((given) => given.orderLineId ?? 'cart')).toEqual([lineB]);
    expect(approvalsToGive(state, cashier, staff)).toEqual([
      { action: 'discount', orderLineId: lineA },
      { action: 'discount' },
    ]);
    // Removing line B takes its approval with it; a new customer changes nothing approved.
    state = cartReducer(state, { type: 'remove', lineId: lineB });
    expect(state.approvals).toEqual([]);
    state = cartReducer(state, { type: 'setCustomer', customerId: id(40) });
    expect(state.customerId).toBe(id(40));
    expect(cartReducer(state, { type: 'clear' }).approvals).toBeUndefined();
  });
});
