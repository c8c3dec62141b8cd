import type { RequiredApproval } from '@allure/shared/approval';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
// biome-ignore lint/suspicious/noDeprecatedImports: only map's thisArg overload is deprecated (biomejs/biome#7636).
import { map } from 'rxjs';
import { useObservable } from '../app/use-observable.js';
import { approvalsToGive } from '../till/approvals.js';
import type { CartAction, CartState } from '../till/cart.js';
import { heldCarts$, readHeldCarts } from '../till/held-carts.js';
import { ApprovalForm } from './ApprovalForm.js';
import { CustomerDialog } from './CustomerDialog.js';
import { DiscountDialog, type DiscountTarget } from './DiscountDialog.js';
import { HeldCartsDialog } from './HeldCartsDialog.js';
import { useTill } from './till-context.js';
import { useCustomer } from './use-customer.js';

type Tool =
  | { kind: 'customer' }
  | { kind: 'discount'; target: DiscountTarget }
  | { kind: 'held' }
  | { kind: 'approve'; required: RequiredApproval[] };

export interface TillTools {
  /** A tool is open: the selling screen leaves the keyboard to it. */
  open: boolean;
  /** The same, as of now: true from the key that opens a tool, false from the one that closes it. */
  isOpen(): boolean;
  /** Opens the tool of an F-key (F3 customer, F6 line discount, F7 cart discount, F8 held sales). */
  shortcut(key: string): boolean;
  /** To payment, through a manager's approval first when the cart's discounts need one. */
  pay(): void;
  /** The tools' keys and the sale's customer, for the cart. */
  bar: ReactNode;
  dialog: ReactNode;
}

/**
 * The selling screen's tools beside scanning and paying: the sale's customer, discounts with manager
 * approval, sales on hold. `shortcut` and `pay` keep one identity, so the screen's key handler does not
 * re-subscribe (and lose a scan in progress) on every render.
 */
export function useTillTools(input: {
  cart: CartState;
  dispatch: (action: CartAction) => void;
  selectedLineId: string | null;
  onPay: () => void;
}): TillTools {
  const { t } = useTranslation();
  const { till, profile, cashier } = useTill();
  const [tool, setToolState] = useState<Tool | null>(null);
  // Keys that follow the one closing a tool must reach the selling screen before React re-renders it.
  const openNow = useRef(false);
  const setTool = useCallback((next: Tool | null) => {
    openNow.current = next !== null;
    setToolState(next);
  }, []);
  const isOpen = useCallback(() => openNow.current, []);
  const held = useObservable(
    useMemo(
      () => heldCarts$(till.db).pipe(map((document) => readHeldCarts(document?.toJSON().data))),
      [till],
    ),
    [],
  );
  const customer = useCustomer(input.cart.customerId);
  const close = () => setTool(null);

  const latest = useRef({ input, staff: profile.staff, cashier });
  latest.current = { input, staff: profile.staff, cashier };

  const toolFor = useCallback((key: string): Tool | null => {
    const { cart, selectedLineId } = latest.current.input;
    const line = cart.items.find((item) => item.lineId === selectedLineId) ?? cart.items.at(-1);
    if (key === 'F3') return { kind: 'customer' };
    if (key === 'F6' && line) return { kind: 'discount', target: { kind: 'line', lineId: line.lineId } };
    if (key === 'F7' && cart.items.length > 0) return { kind: 'discount', target: { kind: 'cart' } };
    if (key === 'F8') return { kind: 'held' };
    return null;
  }, []);

  const shortcut = useCallback(
    (key: string) => {
      if (!['F3', 'F6', 'F7', 'F8'].includes(key)) return false;
      setTool(toolFor(key));
      return true;
    },
    [toolFor, setTool],
  );

  const pay = useCallback(() => {
    const { input: current, staff, cashier: seller } = latest.current;
    if (current.cart.items.length === 0) return;
    const required = approvalsToGive(current.cart, seller, staff);
    if (required.length === 0) current.onPay();
    else setTool({ kind: 'approve', required });
  }, [setTool]);

  const keyButton = (key: string, label: string, disabled = false) => (
    <button type="button" className="ghost" disabled={disabled} onClick={() => setTool(toolFor(key))}>
      {label}
    </button>
  );
  const empty = input.cart.items.length === 0;
  const bar = (
    <div className="till-tools">
      {input.cart.customerId && (
        <p className="sale-customer" data-testid="sale-customer">
          {t('tillTools.customer.attached', { name: customer?.name ?? '…' })}
          {customer?.phone && <span className="muted"> · {customer.phone}</span>}
        </p>
      )}
      <div className="row">
        {keyButton('F3', t('tillTools.keys.customer'))}
        {keyButton('F6', t('tillTools.keys.lineDiscount'), empty)}
        {keyButton('F7', t('tillTools.keys.cartDiscount'), empty)}
        {keyButton('F8', t('tillTools.keys.held', { count: held.length }))}
      </div>
    </div>
  );

  const dialog = tool && (
    <div
      className="tool-overlay"
      role="dialog"
      aria-modal="true"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        close();
      }}
    >
      {tool.kind === 'customer' ? (
        <CustomerDialog
          customerId={input.cart.customerId}
          onAttach={(customerId) => {
            input.dispatch({ type: 'setCustomer', customerId });
            close();
          }}
          onClose={close}
        />
      ) : tool.kind === 'discount' ? (
        <DiscountDialog target={tool.target} cart={input.cart} dispatch={input.dispatch} onClose={close} />
      ) : tool.kind === 'held' ? (
        <HeldCartsDialog cart={input.cart} held={held} dispatch={input.dispatch} onClose={close} />
      ) : (
        <section className="card tool">
          <ApprovalForm
            required={tool.required}
            onApproved={(approvals) => {
              input.dispatch({ type: 'approve', approvals });
              close();
              input.onPay();
            }}
            onCancel={close}
          />
        </section>
      )}
    </div>
  );

  return { open: tool !== null, isOpen, shortcut, pay, bar, dialog };
}
