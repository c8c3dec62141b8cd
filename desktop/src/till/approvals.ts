/**
 * Which manager approvals the cart in progress still needs, and giving them on the till. The rules are
 * shared/approval.ts's, the ones the server runs again on the pushed order: a cashier's discounts beyond
 * their `discountLimitBps` need an active manager or admin to type their PIN here, offline too.
 */
import {
  type Approval,
  type ApprovalSale,
  approval,
  approvalsRequired,
  approveWithPin,
  canApprove,
  missingApprovals,
  type RequiredApproval,
  type StaffMember,
} from '@allure/shared/approval';
import type { CartState } from './cart.js';

/** The cart as approval.ts judges it: the till sells at the catalogue price it shows. */
export function approvalSale(cart: CartState): ApprovalSale {
  return {
    lines: cart.items.map((item) => ({
      id: item.lineId,
      quantity: item.quantity,
      catalogUnitPrice: item.unitPrice,
      unitPrice: item.unitPrice,
      lineDiscount: item.lineDiscount,
    })),
    cartDiscount: cart.cartDiscount,
  };
}

/** The approvals `cashier` needs for `cart` that no approval on it covers yet. */
export function approvalsToGive(
  cart: CartState,
  cashier: StaffMember,
  staff: readonly StaffMember[],
): RequiredApproval[] {
  return missingApprovals(approvalsRequired(approvalSale(cart), cashier), cart.approvals ?? [], (id) =>
    staff.find((member) => member.id === id),
  );
}

/** Who may approve on this till: active managers and admins with a PIN, never the cashier asking. */
export function approversFor(staff: readonly StaffMember[], cashier: StaffMember): StaffMember[] {
  return staff.filter((member) => member.id !== cashier.id && canApprove(member));
}

/**
 * One PIN for everything the cart needs at once: the approvals to record, or null when the approver may not
 * approve or the PIN is wrong. The PIN is checked once (PBKDF2 is slow on purpose).
 */
export async function approveAll(input: {
  required: readonly RequiredApproval[];
  approver: StaffMember;
  pin: string;
  now: Date;
}): Promise<Approval[] | null> {
  const [first, ...rest] = input.required;
  if (!first) return [];
  const given = await approveWithPin({
    approver: input.approver,
    pin: input.pin,
    action: first.action,
    orderLineId: first.orderLineId,
    now: input.now,
  });
  if (!given) return null;
  return [
    given,
    ...rest.map((needed) =>
      approval.parse({
        action: needed.action,
        approvedById: given.approvedById,
        approvedAt: given.approvedAt,
        orderLineId: needed.orderLineId,
      }),
    ),
  ];
}
