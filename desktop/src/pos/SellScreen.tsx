import type { Tender } from '@allure/shared/tender';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { type LocalOrder, recordSale } from '../data/sales.js';
import { errorMessage } from '../data/sync-status.js';
import { cartReducer, cartTotals, emptyCart } from '../till/cart.js';
import type { SellableVariant } from '../till/catalog-index.js';
import { prepareReceiptFormats } from '../till/receipt-layout.js';
import { buildSale } from '../till/sale.js';
import { CartPanel } from './CartPanel.js';
import { CloseShiftPanel } from './CloseShiftPanel.js';
import { ProductBrowser, variantLabel } from './ProductBrowser.js';
import { ReceiptPanel } from './ReceiptPanel.js';
import { ReturnScreen } from './ReturnScreen.js';
import { TenderPanel } from './TenderPanel.js';
import { useTill } from './till-context.js';
import { useBarcodeWedge } from './use-barcode-wedge.js';
import { useTillTools } from './use-till-tools.js';

type Phase =
  | { kind: 'cart' }
  | { kind: 'tender'; problem: string | null }
  | { kind: 'receipt'; order: LocalOrder; change: number }
  | { kind: 'close' }
  | { kind: 'return' };

/**
 * Selling, keyboard first: a scan anywhere adds the item; F2 searches, arrows and Enter pick, + and − change
 * the selected line, Delete removes it, F4 takes payment, F5 takes a return against a receipt. Everything
 * reads and writes the local database and the in-memory catalog: nothing here waits on the network.
 */
export function SellScreen({ shiftId }: { shiftId: string }) {
  const { t } = useTranslation();
  const { till, profile, cashier, platform } = useTill();
  const store = profile.profile.store;
  const { locale, money } = useMoney(store.currency);
  const [cart, dispatch] = useReducer(cartReducer, emptyCart);
  const [phase, setPhase] = useState<Phase>({ kind: 'cart' });
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [selectedLineId, setSelectedLineId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => prepareReceiptFormats(locale, store.timezone), [locale, store.timezone]);
  const tools = useTillTools({
    cart,
    dispatch,
    selectedLineId,
    onPay: () => setPhase({ kind: 'tender', problem: null }),
  });

  const add = useCallback(
    (found: SellableVariant) => {
      if (found.variant.currency !== store.currency) {
        setNotice(t('sell.wrongCurrency', { currency: found.variant.currency, store: store.currency }));
        return;
      }
      const lineId = crypto.randomUUID();
      dispatch({
        type: 'add',
        lineId,
        item: {
          variantId: found.variant.id,
          productName: found.product.name,
          variantLabel: variantLabel(found.variant),
          sku: found.variant.sku,
          unitPrice: found.variant.price,
          vatRate: found.product.vatRate,
        },
      });
      setSelectedLineId((current) =>
        cart.items.some((item) => item.variantId === found.variant.id) ? current : lineId,
      );
      setNotice(null);
    },
    [store.currency, t, cart.items],
  );

  const scan = useCallback(
    (code: string) => {
      const found = till.catalog.lookUp(code);
      if (found) add(found);
      else setNotice(t('sell.unknownBarcode', { code }));
    },
    [till, add, t],
  );

  useBarcodeWedge({
    enabled: phase.kind === 'cart' && !tools.open,
    searchField: searchRef,
    onScan: scan,
    onTyping: (text) => {
      setQuery((current) => current + text);
      searchRef.current?.focus();
    },
    onUntyping: (text) =>
      setQuery((current) => (current.endsWith(text) ? current.slice(0, -text.length) : current)),
  });

  useEffect(() => {
    if (phase.kind !== 'cart') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (tools.isOpen()) return;
      const target = event.target as HTMLElement | null;
      shortcut(event, target instanceof HTMLInputElement && target !== searchRef.current);
    };
    const shortcut = (event: KeyboardEvent, inOtherField: boolean) => {
      const searchEmpty = (searchRef.current?.value ?? '') === '';
      const selected = cart.items.find((item) => item.lineId === selectedLineId) ?? cart.items.at(-1);
      if (event.key === 'F2') searchRef.current?.focus();
      else if (event.key === 'F4') tools.pay();
      else if (event.key === 'F10') setPhase({ kind: 'close' });
      else if (event.key === 'F5') setPhase({ kind: 'return' });
      else if (event.key === 'Escape') setQuery('');
      else if (!inOtherField && searchEmpty && selected && (event.key === '+' || event.key === '-')) {
        dispatch({
          type: 'setQuantity',
          lineId: selected.lineId,
          quantity: selected.quantity + (event.key === '+' ? 1 : -1),
        });
      } else if (!inOtherField && searchEmpty && selected && event.key === 'Delete') {
        dispatch({ type: 'remove', lineId: selected.lineId });
      } else if (!tools.shortcut(event.key)) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [phase.kind, cart.items, selectedLineId, tools.isOpen, tools.pay, tools.shortcut]);

  // One sale per payment: an Enter pressed again while the sale is being written, or on the receipt before
  // its keys are live, must not record the same cart twice. Cleared by the next sale.
  const recording = useRef(false);

  async function complete(tenders: Tender[]) {
    if (recording.current) return;
    const outcome = buildSale({
      till: {
        storeId: till.enrollment.storeId,
        storeCode: till.enrollment.storeCode,
        terminalId: till.enrollment.terminalId,
        terminalCode: till.enrollment.terminalCode,
        currency: store.currency,
        pricesIncludeTax: store.pricesIncludeTax,
      },
      cashierId: cashier.id,
      sequence: till.peekSequence(),
      cart,
      tenders,
      orderId: crypto.randomUUID(),
      placedAt: new Date(),
    });
    if (!outcome.ok) {
      const problem =
        outcome.reason === 'insufficient'
          ? t('tender.insufficient', { amount: money(outcome.remaining) })
          : outcome.reason === 'change_from_non_cash'
            ? t('tender.changeFromNonCash', { amount: money(outcome.excess) })
            : null;
      return setPhase(problem ? { kind: 'tender', problem } : { kind: 'cart' });
    }
    recording.current = true;
    let order: LocalOrder;
    try {
      order = await recordSale(till.db, outcome.sale);
    } catch (error) {
      recording.current = false;
      return setPhase({ kind: 'tender', problem: t('tender.notRecorded', { reason: errorMessage(error) }) });
    }
    till.takeSequence();
    if (outcome.sale.payments.some((payment) => payment.method === 'cash')) void platform.openCashDrawer();
    setPhase({ kind: 'receipt', order, change: outcome.change });
  }

  if (phase.kind === 'close') {
    return (
      <main className="sell single">
        <CloseShiftPanel shiftId={shiftId} onBack={() => setPhase({ kind: 'cart' })} />
      </main>
    );
  }
  if (phase.kind === 'return') {
    return (
      <main className="sell single">
        <ReturnScreen shiftId={shiftId} onDone={() => setPhase({ kind: 'cart' })} />
      </main>
    );
  }
  function newSale() {
    recording.current = false;
    dispatch({ type: 'clear' });
    setQuery('');
    setSelectedLineId(null);
    setPhase({ kind: 'cart' });
  }

  // The receipt covers the payment screen instead of replacing it: the cashier's Enter then costs one new
  // panel, not tearing down and building the whole screen. The sold cart is cleared on the next sale.
  const receipt = phase.kind === 'receipt' ? phase : null;
  return (
    <div className="sell-stage">
      <main className="sell" inert={receipt !== null}>
        {phase.kind === 'tender' || receipt ? (
          <TenderPanel
            total={cartTotals(cart, store.currency, store.pricesIncludeTax).total}
            problem={phase.kind === 'tender' ? phase.problem : null}
            onComplete={(tenders) => void complete(tenders)}
            onCancel={() => setPhase({ kind: 'cart' })}
          />
        ) : (
          <ProductBrowser
            onCloseShift={() => setPhase({ kind: 'close' })}
            onReturn={() => setPhase({ kind: 'return' })}
            query={query}
            onQuery={setQuery}
            searchRef={searchRef}
            notice={notice}
            onPick={(found) => {
              add(found);
              setQuery('');
              searchRef.current?.focus();
            }}
          />
        )}
        <CartPanel
          cart={cart}
          dispatch={dispatch}
          selectedLineId={selectedLineId}
          onSelect={setSelectedLineId}
          onPay={tools.pay}
          tools={tools.bar}
        />
        {tools.dialog}
      </main>
      {receipt && <ReceiptPanel order={receipt.order} change={receipt.change} onNewSale={newSale} />}
    </div>
  );
}
