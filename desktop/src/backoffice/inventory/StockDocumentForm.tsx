import { type StockAdjustmentReason, stockAdjustmentReasons } from '@allure/shared/enums';
import { type StockDocumentKind, stockDocumentKinds } from '@allure/shared/inventory.schema';
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { Field, ProblemText } from '../FormParts.js';
import { FORM, type Problem, problemAt, problemsOfServer } from '../form-problems.js';
import { useOffice } from '../office-context.js';
import type { InventoryBasics } from './InventoryScreen.js';
import {
  emptyStockDocument,
  problemsOfShortages,
  readStockDocument,
  type StockDocumentDraft,
  type StockLineDraft,
  withLine,
} from './stock-draft.js';
import { VariantPicker } from './VariantPicker.js';

/** Posting a stock document: lines picked by SKU, barcode or name, then recorded in one go. */
export function StockDocumentForm(props: { basics: InventoryBasics; onPosted: () => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { locale } = useMoney(props.basics.currency);
  const firstLocation = props.basics.locations[0]?.id ?? '';
  const [draft, setDraft] = useState<StockDocumentDraft>(() =>
    emptyStockDocument(crypto.randomUUID(), 'receipt', firstLocation),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const [working, setWorking] = useState(false);
  const [posted, setPosted] = useState<{ kind: StockDocumentKind; lines: number } | null>(null);

  const set = (fields: Partial<StockDocumentDraft>) => setDraft((current) => ({ ...current, ...fields }));
  const setLine = (variantId: string, fields: Partial<StockLineDraft>) =>
    setDraft((current) => ({
      ...current,
      lines: current.lines.map((line) => (line.variantId === variantId ? { ...line, ...fields } : line)),
    }));
  const at = (field: string) => problemAt(problems, field);

  const post = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (working) return;
    setPosted(null);
    const read = readStockDocument(draft, props.basics.currency, locale);
    if (!read.ok) return setProblems(read.problems);
    setProblems([]);
    setWorking(true);
    try {
      const { inventory } = session.api;
      const outcome =
        read.input.kind === 'adjustment'
          ? await inventory.adjust.mutate(read.input.input)
          : read.input.kind === 'transfer'
            ? await inventory.transfer.mutate(read.input.input)
            : await inventory.receive.mutate(read.input.input);
      if (outcome.status === 'insufficient_stock') {
        setProblems([
          { field: FORM, code: 'insufficientStock' },
          ...problemsOfShortages(draft, outcome.shortages),
        ]);
        return;
      }
      setPosted({ kind: draft.kind, lines: outcome.document.lines.length });
      // A new document, a new id: the one just recorded is never posted again.
      setDraft(emptyStockDocument(crypto.randomUUID(), draft.kind, draft.locationId));
      props.onPosted();
    } catch (error) {
      // The id stays: posting again after an unknown outcome records the document once.
      setProblems(problemsOfServer(error));
    } finally {
      setWorking(false);
    }
  };

  const canGoNegative = draft.kind !== 'receipt';
  const formProblems = problems.filter((problem) => problem.field === FORM);

  return (
    <form className="stock-document" onSubmit={post} noValidate data-testid="stock-document-form">
      <section className="card">
        <fieldset className="segmented" aria-label={t('inventory.kind')}>
          {stockDocumentKinds.map((kind) => (
            <button
              key={kind}
              type="button"
              aria-pressed={draft.kind === kind}
              className={draft.kind === kind ? 'active' : 'ghost'}
              onClick={() => {
                set({ kind, allowNegative: false });
                setProblems([]);
              }}
            >
              {t(`inventory.kinds.${kind}`)}
            </button>
          ))}
        </fieldset>
        <p className="muted">{t(`inventory.kindHints.${draft.kind}`)}</p>
        <div className="field-pair">
          <Field
            area="inventory"
            label={draft.kind === 'transfer' ? t('inventory.from') : t('inventory.location')}
            problem={at('locationId')}
          >
            <select
              name="locationId"
              value={draft.locationId}
              onChange={(e) => set({ locationId: e.target.value })}
            >
              {props.basics.locations.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name}
                </option>
              ))}
            </select>
          </Field>
          {draft.kind === 'transfer' && (
            <Field area="inventory" label={t('inventory.to')} problem={at('toLocationId')}>
              <select
                name="toLocationId"
                value={draft.toLocationId}
                onChange={(e) => set({ toLocationId: e.target.value })}
              >
                <option value="">{t('inventory.chooseLocation')}</option>
                {props.basics.locations.map((location) => (
                  <option key={location.id} value={location.id}>
                    {location.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {draft.kind === 'adjustment' && (
            <Field area="inventory" label={t('inventory.reason')} problem={at('reason')}>
              <select
                name="reason"
                value={draft.reason}
                onChange={(e) => set({ reason: e.target.value as StockAdjustmentReason })}
              >
                {stockAdjustmentReasons.map((reason) => (
                  <option key={reason} value={reason}>
                    {t(`inventory.reasons.${reason}`)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {draft.kind === 'receipt' && (
            <Field
              area="inventory"
              label={t('inventory.supplierReference')}
              problem={at('supplierReference')}
            >
              <input
                name="supplierReference"
                value={draft.supplierReference}
                maxLength={64}
                onChange={(e) => set({ supplierReference: e.target.value })}
              />
            </Field>
          )}
        </div>
        <Field area="inventory" label={t('inventory.note')} problem={at('note')}>
          <input
            name="note"
            value={draft.note}
            maxLength={500}
            onChange={(e) => set({ note: e.target.value })}
          />
        </Field>
      </section>

      <section className="card">
        <h2>{t('inventory.lines')}</h2>
        <VariantPicker onPick={(variant) => setDraft((current) => withLine(current, variant))} />
        {at('lines') && <ProblemText area="inventory" problem={at('lines') as Problem} />}
        {draft.lines.length > 0 && (
          <table className="data-table" data-testid="document-lines">
            <thead>
              <tr>
                <th>{t('inventory.sku')}</th>
                <th>{t('inventory.variant')}</th>
                <th className="number">
                  {draft.kind === 'adjustment' ? t('inventory.change') : t('inventory.quantity')}
                </th>
                {draft.kind === 'receipt' && (
                  <th className="number">{t('inventory.unitCost', { currency: props.basics.currency })}</th>
                )}
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.lines.map((line, index) => (
                <tr key={line.variantId} data-sku={line.sku}>
                  <td className="mono">{line.sku}</td>
                  <td>{line.label}</td>
                  <td className="number">
                    <input
                      name={`line-${index}-quantity`}
                      aria-label={`${t('inventory.quantity')} ${line.sku}`}
                      aria-invalid={at(`lines.${index}.quantity`) ? true : undefined}
                      className="number short"
                      inputMode="numeric"
                      value={line.quantity}
                      onChange={(e) => setLine(line.variantId, { quantity: e.target.value })}
                    />
                    {at(`lines.${index}.quantity`) && (
                      <ProblemText area="inventory" problem={at(`lines.${index}.quantity`) as Problem} />
                    )}
                  </td>
                  {draft.kind === 'receipt' && (
                    <td className="number">
                      <input
                        name={`line-${index}-unitCost`}
                        aria-label={`${t('inventory.unitCost', { currency: props.basics.currency })} ${line.sku}`}
                        aria-invalid={at(`lines.${index}.unitCost`) ? true : undefined}
                        className="number"
                        inputMode="decimal"
                        value={line.unitCost}
                        onChange={(e) => setLine(line.variantId, { unitCost: e.target.value })}
                      />
                      {at(`lines.${index}.unitCost`) && (
                        <ProblemText area="inventory" problem={at(`lines.${index}.unitCost`) as Problem} />
                      )}
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="ghost"
                      aria-label={`${t('inventory.removeLine')} ${line.sku}`}
                      onClick={() =>
                        setDraft((current) => ({
                          ...current,
                          lines: current.lines.filter((other) => other.variantId !== line.variantId),
                        }))
                      }
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="form-footer">
        <div role="alert">
          {formProblems.map((problem) => (
            <p key={`${problem.code}-${problem.detail ?? ''}`}>
              <ProblemText area="inventory" problem={problem} />
            </p>
          ))}
          {posted && (
            <p className="ok" data-testid="document-posted">
              {t('inventory.posted', { kind: t(`inventory.kinds.${posted.kind}`), count: posted.lines })}
            </p>
          )}
        </div>
        <div className="row">
          {canGoNegative && (
            <label className="check">
              <input
                type="checkbox"
                name="allowNegative"
                checked={draft.allowNegative}
                onChange={(e) => set({ allowNegative: e.target.checked })}
              />
              {t('inventory.allowNegative')}
            </label>
          )}
          <button type="submit" className="primary" disabled={working}>
            {working ? t('inventory.posting') : t(`inventory.post.${draft.kind}`)}
          </button>
        </div>
      </div>
    </form>
  );
}
