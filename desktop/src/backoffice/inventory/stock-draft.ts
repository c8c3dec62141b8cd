/**
 * A stock document as the manager fills it in (strings), read into the inventory's inputs: an adjustment
 * (signed quantities, a reason), a transfer between two locations, or a goods receipt (unit costs typed as
 * decimals in the store's currency). The document's id is made once per draft and kept until it is
 * recorded, so posting it again after a lost answer records it once (the server answers a replay with the
 * first result).
 */
import { MAX_QUANTITY } from '@allure/shared/cart-totals';
import type { Currency } from '@allure/shared/currency';
import type { StockAdjustmentReason } from '@allure/shared/enums';
import {
  type StockAdjustmentInput,
  type StockDocumentKind,
  type StockReceiptInput,
  type StockTransferInput,
  stockAdjustmentInput,
  stockReceiptInput,
  stockTransferInput,
} from '@allure/shared/inventory.schema';
import { readPrice } from '../catalog/product-draft.js';
import { type Problem, problemsOfIssues } from '../form-problems.js';

export interface StockLineDraft {
  variantId: string;
  sku: string;
  /** Product, size and colour, for the person. */
  label: string;
  quantity: string;
  /** Receipts only; empty when the cost is not known. */
  unitCost: string;
}

export interface StockDocumentDraft {
  id: string;
  kind: StockDocumentKind;
  /** Where stock is adjusted or received; where a transfer takes it from. */
  locationId: string;
  toLocationId: string;
  reason: StockAdjustmentReason;
  supplierReference: string;
  note: string;
  allowNegative: boolean;
  lines: StockLineDraft[];
}

export type StockDocumentInput =
  | { kind: 'adjustment'; input: StockAdjustmentInput }
  | { kind: 'transfer'; input: StockTransferInput }
  | { kind: 'receipt'; input: StockReceiptInput };

export type Read<T> = { ok: true; input: T } | { ok: false; problems: Problem[] };

export function emptyStockDocument(
  id: string,
  kind: StockDocumentKind,
  locationId: string,
): StockDocumentDraft {
  return {
    id,
    kind,
    locationId,
    toLocationId: '',
    reason: 'stocktake',
    supplierReference: '',
    note: '',
    allowNegative: false,
    lines: [],
  };
}

/** Adds the variant as a line of one unit, or one more unit on its line when it is there already. */
export function withLine(
  draft: StockDocumentDraft,
  line: Pick<StockLineDraft, 'variantId' | 'sku' | 'label'>,
): StockDocumentDraft {
  const existing = draft.lines.find((candidate) => candidate.variantId === line.variantId);
  if (!existing) return { ...draft, lines: [...draft.lines, { ...line, quantity: '1', unitCost: '' }] };
  const more = parseQuantity(existing.quantity, draft.kind === 'adjustment');
  return {
    ...draft,
    lines: draft.lines.map((candidate) =>
      candidate === existing && more !== null && more > 0
        ? { ...candidate, quantity: String(more + 1) }
        : candidate,
    ),
  };
}

/** "12", "+3", "-2" or "−2" (the typographic minus) when `signed`; null when not a whole number of units. */
export function parseQuantity(text: string, signed: boolean): number | null {
  const match = /^([+\-\u2212]?)\s*(\d{1,6})$/.exec(text.trim());
  if (!match || (!signed && match[1] !== '' && match[1] !== '+')) return null;
  const units = Number(match[2]);
  return match[1] === '-' || match[1] === '\u2212' ? -units : units;
}

/** A low-stock threshold as typed: empty removes it (null); undefined when it is not a whole number in range. */
export function parseThreshold(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const units = parseQuantity(text, false);
  return units === null || units > MAX_QUANTITY ? undefined : units;
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The document to post, or every problem of the form at once. */
export function readStockDocument(
  draft: StockDocumentDraft,
  currency: Currency,
  locale: string,
): Read<StockDocumentInput> {
  const problems: Problem[] = [];
  const signed = draft.kind === 'adjustment';
  if (draft.lines.length === 0) problems.push({ field: 'lines', code: 'noLines' });
  const lines = draft.lines.map((line, index) => {
    const quantity = parseQuantity(line.quantity, signed);
    if (quantity === null || quantity === 0) {
      problems.push({
        field: `lines.${index}.quantity`,
        code: signed ? 'invalidSignedQuantity' : 'invalidQuantity',
      });
    }
    let unitCost: number | undefined;
    if (draft.kind === 'receipt' && line.unitCost.trim() !== '') {
      const cost = readPrice(line.unitCost, currency, locale, `lines.${index}.unitCost`);
      if (cost.ok) unitCost = cost.amount;
      else problems.push(cost.problem);
    }
    return { variantId: line.variantId, quantity: quantity ?? 0, unitCost };
  });
  if (problems.length > 0) return { ok: false, problems };

  const common = { id: draft.id, note: optional(draft.note) };
  const counted = lines.map(({ variantId, quantity }) => ({ variantId, quantity }));
  switch (draft.kind) {
    case 'adjustment': {
      const input = stockAdjustmentInput.safeParse({
        ...common,
        locationId: draft.locationId,
        reason: draft.reason,
        allowNegative: draft.allowNegative,
        lines: counted,
      });
      return input.success
        ? { ok: true, input: { kind: 'adjustment', input: input.data } }
        : refused(input.error.issues);
    }
    case 'transfer': {
      const input = stockTransferInput.safeParse({
        ...common,
        fromLocationId: draft.locationId,
        toLocationId: draft.toLocationId,
        allowNegative: draft.allowNegative,
        lines: counted,
      });
      return input.success
        ? { ok: true, input: { kind: 'transfer', input: input.data } }
        : refused(input.error.issues);
    }
    case 'receipt': {
      const input = stockReceiptInput.safeParse({
        ...common,
        locationId: draft.locationId,
        supplierReference: optional(draft.supplierReference),
        lines,
      });
      return input.success
        ? { ok: true, input: { kind: 'receipt', input: input.data } }
        : refused(input.error.issues);
    }
  }
}

/** The schema's refusals; the form calls a transfer's origin `locationId`, like the other documents' location. */
function refused(issues: Parameters<typeof problemsOfIssues>[0]): { ok: false; problems: Problem[] } {
  return {
    ok: false,
    problems: problemsOfIssues(issues).map((problem) =>
      problem.field === 'fromLocationId' ? { ...problem, field: 'locationId' } : problem,
    ),
  };
}

/** The server's `insufficient_stock` answer, on the lines that fall short. */
export function problemsOfShortages(
  draft: StockDocumentDraft,
  shortages: readonly { variantId: string; requested: number; available: number }[],
): Problem[] {
  return shortages.flatMap((shortage): Problem[] => {
    const index = draft.lines.findIndex((line) => line.variantId === shortage.variantId);
    return index < 0
      ? []
      : [
          {
            field: `lines.${index}.quantity`,
            code: 'insufficient',
            values: { requested: shortage.requested, available: shortage.available },
          },
        ];
  });
}
