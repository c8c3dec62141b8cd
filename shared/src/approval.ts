/**
 * Manager approvals at the till: refunds, voids, price overrides and discounts beyond a cashier's limit.
 *
 * Why offline: a terminal may sell for days without the server, and a refund cannot wait for it. So the
 * manager types their PIN on the same terminal and it is checked there, against the verifier the server
 * replicated (pin.ts). The approval is then recorded with the order (who, what, when, why) and travels with
 * it when it syncs.
 *
 * Why the server checks again: the terminal's answer is not trusted on its own. On sync the server runs the
 * same `approvalsRequired` on the order and `missingApprovals` against its own staff records. An approval
 * counts only when its approver is an active manager or admin with a PIN (`canApprove`) and it names the
 * same action and the same order line (none for the cart discount, refunds and voids). An approval by a
 * cashier, by an unknown or deactivated user, or for another action or line covers nothing. As for prices
 * (order.schema.ts), money already taken is not un-taken: a missing approval is something to flag.
 *
 * What needs an approval, when the person at the till is a cashier (an active manager or admin needs none):
 * - `refund`, `void`: always.
 * - `price_override`: a line sold at any unit price other than the catalogue price the till showed, higher
 *   as well as lower. The till cannot tell a justified correction from a typo (one zero too many) or an
 *   overcharge, and charging more than the shelf label is as much a complaint as charging less.
 * - `discount` on a line: its amount is more than the cashier's limit allows on the line's gross.
 * - `discount` on the cart: everything the sale gives away (line discounts plus the cart discount) is more
 *   than the limit allows on the subtotal. Judged on the whole sale so that stacking a cart discount on
 *   line discounts, each within the limit, cannot give away more than the limit.
 * "Allows" is the amount a percentage discount of exactly the limit would take off (rounded as every
 * discount is, half away from zero), compared as integers: a 10 % limit covers 1.00 EUR off a 9.99 EUR line
 * (9.99 × 10 % = 0.999 → 1.00), not 1.01 EUR. Amounts come from discount.ts, so they are the ones charged.
 *
 * Honest limits:
 * - The server can check that the approver COULD approve, not that they typed their PIN: whoever controls a
 *   terminal can write any manager's id. Making that provable would take a per-manager signing key on the
 *   terminal, unlocked by the PIN.
 * - An approval names an action and a line, not an amount: a discount raised after it was approved is still
 *   covered. The till must drop the approvals of a line, or of the cart, whenever it changes.
 * - PIN guessing is bounded only by the UI's lockout (pin.ts).
 */
import { z } from 'zod';
import { MAX_CART_LINES } from './cart-totals.js';
import { isoDateTime, name, note, quantity, uuid } from './common.schema.js';
import { type Discount, discountAmount } from './discount.js';
import { role } from './enums.js';
import { assertMoneyAmount } from './money.js';
import { nonNegativeAmount } from './money.schema.js';
import { pinVerifier, verifyPin } from './pin.js';
import { BASIS_POINTS, mulDivRound } from './rounding.js';

export const approvalActions = ['refund', 'void', 'price_override', 'discount'] as const;
export const approvalAction = z.enum(approvalActions);
export type ApprovalAction = z.infer<typeof approvalAction>;

/** Actions on a whole order, decided by who does them rather than by amounts. */
export type OrderApprovalAction = Extract<ApprovalAction, 'refund' | 'void'>;

/** Approvals one order can carry: a price override and a discount on every line, and the cart discount. */
export const MAX_APPROVALS = 2 * MAX_CART_LINES + 1;

export const approvalReason = note.max(200);

export const approval = z
  .object({
    action: approvalAction,
    approvedById: uuid,
    approvedAt: isoDateTime,
    /** The line of a line-level price override or discount; absent for the cart discount, refunds, voids. */
    orderLineId: uuid.optional(),
    reason: approvalReason.optional(),
  })
  .superRefine((value, ctx) => {
    // A price is always a line's; a refund or void is the order's. Only `discount` can be either.
    if (value.action === 'price_override' && value.orderLineId === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a price override names its line', path: ['orderLineId'] });
    }
    if ((value.action === 'refund' || value.action === 'void') && value.orderLineId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `a ${value.action} approval is for the whole order`,
        path: ['orderLineId'],
      });
    }
  });
export type Approval = z.infer<typeof approval>;

export const approvals = z.array(approval).max(MAX_APPROVALS);

/** The roles that work in a store; customers are never replicated to a terminal. */
export const staffRole = role.extract(['admin', 'manager', 'cashier']);
export type StaffRole = z.infer<typeof staffRole>;

/** A staff account as the server replicates it to the terminals of its store. */
export const staffMember = z.object({
  id: uuid,
  name,
  role: staffRole,
  active: z.boolean(),
  /** Null until a PIN is set: such a person can neither unlock the till nor approve. */
  pinVerifier: pinVerifier.nullable(),
  /** Largest discount given without approval, in basis points of the pre-discount amount. */
  discountLimitBps: z.number().int().min(0).max(BASIS_POINTS),
});
export type StaffMember = z.infer<typeof staffMember>;

/** One approval a sale or an action needs; `orderLineId` only for line-level ones. */
export interface RequiredApproval {
  action: ApprovalAction;
  orderLineId?: string | undefined;
}

/** A line as the till rang it up: the catalogue price it showed beside the price actually charged. */
export interface ApprovalSaleLine {
  id: string;
  quantity: number;
  /** Minor units, the catalogue shelf price shown by the till. */
  catalogUnitPrice: number;
  /** Minor units, the shelf price sold at. */
  unitPrice: number;
  lineDiscount?: Discount | undefined;
}

export interface ApprovalSale {
  lines: readonly ApprovalSaleLine[];
  cartDiscount?: Discount | undefined;
}

function isManagerRole(member: StaffMember): boolean {
  return member.role === 'manager' || member.role === 'admin';
}

/**
 * Active managers and admins act without approval. An inactive one is treated as a cashier: being
 * deactivated must not leave anyone with more authority than a cashier.
 */
function isExempt(member: StaffMember): boolean {
  return member.active && isManagerRole(member);
}

export function canApprove(member: StaffMember): boolean {
  return isExempt(member) && member.pinVerifier !== null;
}

export function actionRequiresApproval(_action: OrderApprovalAction, member: StaffMember): boolean {
  return !isExempt(member);
}

function assertSale(sale: ApprovalSale): void {
  if (sale.lines.length > MAX_CART_LINES) {
    throw new RangeError(`a cart has at most ${MAX_CART_LINES} lines, got ${sale.lines.length}`);
  }
  sale.lines.forEach((line, index) => {
    const problems = [
      quantity.safeParse(line.quantity).success ? null : 'quantity out of range',
      nonNegativeAmount.safeParse(line.unitPrice).success ? null : 'unitPrice out of range',
      nonNegativeAmount.safeParse(line.catalogUnitPrice).success ? null : 'catalogUnitPrice out of range',
    ].filter((problem) => problem !== null);
    if (problems.length > 0) {
      throw new RangeError(`line ${index}: ${problems.join('; ')}`);
    }
  });
}

/** True when `given` off `base` is more than a discount of exactly `limitBps` would take off. */
function exceedsLimit(given: number, base: number, limitBps: number): boolean {
  return given > mulDivRound(base, limitBps, BASIS_POINTS);
}

/**
 * The approvals a sale needs before `cashier` may charge it: per line, in line order, a price override then
 * a discount; the cart discount last. Empty for an active manager or admin. Throws a RangeError on input a
 * schema should already have rejected.
 */
export function approvalsRequired(sale: ApprovalSale, cashier: StaffMember): RequiredApproval[] {
  assertSale(sale);
  if (isExempt(cashier)) return [];
  const limit = cashier.discountLimitBps;
  const required: RequiredApproval[] = [];
  let subtotal = 0;
  let afterLineDiscounts = 0;

  for (const line of sale.lines) {
    const gross = assertMoneyAmount(line.quantity * line.unitPrice);
    const lineDiscount = discountAmount(gross, line.lineDiscount);
    subtotal = assertMoneyAmount(subtotal + gross);
    afterLineDiscounts += gross - lineDiscount;
    if (line.unitPrice !== line.catalogUnitPrice) {
      required.push({ action: 'price_override', orderLineId: line.id });
    }
    if (exceedsLimit(lineDiscount, gross, limit)) {
      required.push({ action: 'discount', orderLineId: line.id });
    }
  }

  // Same base and rounding as cart-totals.ts: the sum of the lines after their own discounts.
  const cartDiscount = discountAmount(afterLineDiscounts, sale.cartDiscount);
  if (cartDiscount > 0 && exceedsLimit(subtotal - afterLineDiscounts + cartDiscount, subtotal, limit)) {
    required.push({ action: 'discount' });
  }
  return required;
}

function covers(given: Approval, needed: RequiredApproval): boolean {
  return given.action === needed.action && given.orderLineId === needed.orderLineId;
}

/**
 * The required approvals that no valid approval covers. `staffById` looks the approver up in the caller's
 * own records (the server's on sync), so an approver removed or demoted since no longer counts.
 */
export function missingApprovals(
  required: readonly RequiredApproval[],
  given: readonly Approval[],
  staffById: (id: string) => StaffMember | undefined,
): RequiredApproval[] {
  const valid = given.filter((item) => {
    const approver = staffById(item.approvedById);
    return approver !== undefined && canApprove(approver);
  });
  return required.filter((needed) => !valid.some((item) => covers(item, needed)));
}

export interface ApproveWithPinInput {
  approver: StaffMember;
  /** As typed by the approver on the terminal. */
  pin: string;
  action: ApprovalAction;
  orderLineId?: string | undefined;
  reason?: string | undefined;
  now: Date;
}

/**
 * The approval to record, or null when `approver` may not approve or the PIN is wrong. Throws a RangeError
 * on a malformed approval (a price override without its line, a reason over 200 characters) before checking
 * the PIN, and, like `verifyPin`, on a corrupt verifier.
 */
export async function approveWithPin(input: ApproveWithPinInput): Promise<Approval | null> {
  const parsed = approval.safeParse({
    action: input.action,
    approvedById: input.approver.id,
    approvedAt: input.now.toISOString(),
    orderLineId: input.orderLineId,
    reason: input.reason,
  });
  if (!parsed.success) {
    throw new RangeError(`invalid approval: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const verifier = input.approver.pinVerifier;
  if (!canApprove(input.approver) || verifier === null) return null;
  return (await verifyPin(input.pin, verifier)) ? parsed.data : null;
}
