import { type ProductStatus, productStatuses } from '@allure/shared/enums';
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { Field, ProblemText } from '../FormParts.js';
import { FORM, type Problem, problemAt, problemsOfServer } from '../form-problems.js';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';
import { type CatalogBasics, categoryLabel } from './catalog-basics.js';
import { ProductImages } from './ProductImages.js';
import {
  emptyVariant,
  type ProductDraft,
  productDraftOf,
  readNewProduct,
  readNewVariant,
  readProductUpdate,
  readVariantUpdate,
  type VariantDraft,
  variantChanged,
} from './product-draft.js';

type Api = ManagerSession['api'];
type Saved = Awaited<ReturnType<Api['catalog']['admin']['products']['get']['query']>>;

/** One product: its fields, its variants, its images; a new one until it is first saved. */
export function ProductEditor(props: {
  basics: CatalogBasics;
  productId: string | null;
  onCreated: (productId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { locale } = useMoney(props.basics.currency);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [draft, setDraft] = useState<ProductDraft | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const nextKey = useRef(0);
  const newKey = () => `new-${nextKey.current++}`;
  const { currency } = props.basics;

  const load = async (id: string) => {
    const product = await session.api.catalog.admin.products.get.query({ id });
    setSaved(product);
    setDraft(productDraftOf(product, currency, locale));
  };

  useEffect(() => {
    if (props.productId === null) {
      setDraft({
        name: '',
        brand: '',
        description: '',
        categoryId: props.basics.categories[0]?.id ?? '',
        status: 'draft',
        vatRate: '18',
        variants: [emptyVariant(newKey())],
      });
      return;
    }
    load(props.productId).catch((error: unknown) => setProblems(problemsOfServer(error)));
  }, [props.productId]);

  if (!draft) {
    const failed = problemAt(problems, FORM);
    return failed ? <ProblemText problem={failed} /> : <p className="muted">{t('catalog.loading')}</p>;
  }

  const set = (fields: Partial<ProductDraft>) => setDraft({ ...draft, ...fields });
  const setVariant = (key: string, fields: Partial<VariantDraft>) =>
    set({
      variants: draft.variants.map((variant) => (variant.key === key ? { ...variant, ...fields } : variant)),
    });

  const savedVariants = new Map(
    (saved ? productDraftOf(saved, currency, locale).variants : []).map((variant) => [variant.key, variant]),
  );

  async function create(current: ProductDraft) {
    const read = readNewProduct(current, currency, locale);
    if (!read.ok) return setProblems(read.problems);
    try {
      const product = await session.api.catalog.admin.products.create.mutate(read.input);
      props.onCreated(product.id);
    } catch (error) {
      setProblems(problemsOfServer(error));
    }
  }

  /** Saves what changed, part by part; a part refused keeps its input and says why beside it. */
  async function update(product: Saved, current: ProductDraft) {
    const found: Problem[] = [];
    const read = readProductUpdate(product.id, current);
    if (!read.ok) found.push(...read.problems);
    else {
      try {
        await session.api.catalog.admin.products.update.mutate(read.input);
        if (current.status !== product.status) {
          await session.api.catalog.admin.products.setStatus.mutate({
            id: product.id,
            status: current.status,
          });
        }
      } catch (error) {
        found.push(...problemsOfServer(error));
      }
    }
    const variants = [...current.variants];
    for (const [index, variant] of current.variants.entries()) {
      const prefix = `variants.${index}.`;
      const before = savedVariants.get(variant.key);
      try {
        if (variant.id === undefined) {
          const created = readNewVariant(product.id, variant, currency, locale, prefix);
          if (!created.ok) {
            found.push(...created.problems);
            continue;
          }
          const made = await session.api.catalog.admin.variants.create.mutate(created.input);
          variants[index] = { ...variant, id: made.id };
          continue;
        }
        if (variantChanged(variant, before)) {
          const changed = readVariantUpdate({ ...variant, id: variant.id }, currency, locale, prefix);
          if (!changed.ok) {
            found.push(...changed.problems);
            continue;
          }
          await session.api.catalog.admin.variants.update.mutate(changed.input);
        }
        if (before && before.active !== variant.active) {
          await session.api.catalog.admin.variants.setActive.mutate({
            id: variant.id,
            active: variant.active,
          });
        }
      } catch (error) {
        found.push(...problemsOfServer(error).map((problem) => ({ ...problem, field: `${prefix}${FORM}` })));
      }
    }
    if (found.length > 0) {
      // Created variants keep their new ids, so saving again does not create them twice.
      setDraft({ ...current, variants });
      setProblems(found);
      const fresh = await session.api.catalog.admin.products.get.query({ id: product.id }).catch(() => null);
      if (fresh) setSaved(fresh);
      return;
    }
    await load(product.id);
    setNotice(t('catalog.saved'));
  }

  const save = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (working) return;
    setWorking(true);
    setProblems([]);
    setNotice(null);
    try {
      if (saved) await update(saved, draft);
      else await create(draft);
    } catch (error) {
      setProblems(problemsOfServer(error));
    } finally {
      setWorking(false);
    }
  };

  const archive = async () => {
    if (!saved) return;
    setWorking(true);
    try {
      await session.api.catalog.admin.products.setStatus.mutate({ id: saved.id, status: 'archived' });
      props.onClose();
    } catch (error) {
      setProblems(problemsOfServer(error));
      setWorking(false);
    }
  };

  const at = (field: string) => problemAt(problems, field);
  const formProblems = problems.filter((problem) => problem.field === FORM);

  return (
    <div className="product-editor">
      <div className="office-toolbar heading">
        <button type="button" className="ghost" onClick={props.onClose}>
          ← {t('catalog.backToList')}
        </button>
        <h2>{saved ? saved.name : t('catalog.newProduct')}</h2>
        {saved && <span className={`badge ${saved.status}`}>{t(`catalog.statuses.${saved.status}`)}</span>}
      </div>
      <form className="editor-grid" onSubmit={save} noValidate data-testid="product-form">
        <section className="card">
          <h2>{t('catalog.product')}</h2>
          <Field label={t('catalog.name')} problem={at('name')}>
            <input
              name="name"
              value={draft.name}
              maxLength={120}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>
          <div className="field-pair">
            <Field label={t('catalog.brand')} problem={at('brand')}>
              <input
                name="brand"
                value={draft.brand}
                maxLength={80}
                onChange={(e) => set({ brand: e.target.value })}
              />
            </Field>
            <Field label={t('catalog.vatRate')} problem={at('vatRate')}>
              <input
                name="vatRate"
                inputMode="decimal"
                value={draft.vatRate}
                onChange={(e) => set({ vatRate: e.target.value })}
              />
            </Field>
          </div>
          <div className="field-pair">
            <Field label={t('catalog.category')} problem={at('categoryId')}>
              <select
                name="categoryId"
                value={draft.categoryId}
                onChange={(e) => set({ categoryId: e.target.value })}
              >
                {props.basics.categories.map((category) => (
                  <option key={category.id} value={category.id}>
                    {categoryLabel(category)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('catalog.status')} problem={at('status')}>
              <select
                name="status"
                value={draft.status}
                onChange={(e) => set({ status: e.target.value as ProductStatus })}
              >
                {productStatuses.map((status) => (
                  <option key={status} value={status}>
                    {t(`catalog.statuses.${status}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label={t('catalog.description')} problem={at('description')}>
            <textarea
              name="description"
              rows={4}
              maxLength={5000}
              value={draft.description}
              onChange={(e) => set({ description: e.target.value })}
            />
          </Field>
        </section>

        <section className="card variants-card">
          <h2>
            {t('catalog.variants')} <span className="muted">({t('catalog.pricesIn', { currency })})</span>
          </h2>
          <table className="data-table variants" data-testid="variants">
            <thead>
              <tr>
                <th>{t('catalog.size')}</th>
                <th>{t('catalog.colour')}</th>
                <th>{t('catalog.sku')}</th>
                <th>{t('catalog.barcode')}</th>
                <th className="number">{t('catalog.price')}</th>
                <th>{t('catalog.onSale')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.variants.map((variant, index) => {
                const prefix = `variants.${index}.`;
                const rowProblems = problems.filter((problem) => problem.field.startsWith(prefix));
                const cell = (field: 'size' | 'colour' | 'sku' | 'barcode' | 'price', maxLength: number) => (
                  <td>
                    <input
                      name={`variant-${index}-${field}`}
                      aria-label={`${t(`catalog.${field}`)} ${index + 1}`}
                      aria-invalid={at(`${prefix}${field}`) ? true : undefined}
                      className={field === 'price' ? 'number' : undefined}
                      inputMode={field === 'price' ? 'decimal' : undefined}
                      value={variant[field]}
                      maxLength={maxLength}
                      onChange={(e) => setVariant(variant.key, { [field]: e.target.value })}
                    />
                  </td>
                );
                return [
                  <tr key={variant.key} className={variant.active ? undefined : 'variant-off'}>
                    {cell('size', 16)}
                    {cell('colour', 40)}
                    {cell('sku', 64)}
                    {cell('barcode', 32)}
                    {cell('price', 20)}
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('catalog.onSale')} ${index + 1}`}
                        checked={variant.active}
                        onChange={(e) => setVariant(variant.key, { active: e.target.checked })}
                      />
                    </td>
                    <td>
                      {variant.id === undefined && (
                        <button
                          type="button"
                          className="ghost"
                          aria-label={t('catalog.removeVariant')}
                          onClick={() =>
                            set({ variants: draft.variants.filter((other) => other.key !== variant.key) })
                          }
                        >
                          ✕
                        </button>
                      )}
                    </td>
                  </tr>,
                  rowProblems.length > 0 && (
                    <tr key={`${variant.key}-problems`} className="row-problems">
                      <td colSpan={7}>
                        {rowProblems.map((problem) => (
                          <ProblemText
                            key={problem.field}
                            problem={problem}
                            label={fieldLabel(t, problem.field)}
                          />
                        ))}
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() => set({ variants: [...draft.variants, emptyVariant(newKey())] })}
          >
            + {t('catalog.addVariant')}
          </button>
        </section>

        <div className="form-footer">
          <div role="alert">
            {formProblems.map((problem) => (
              <ProblemText key={`${problem.code}-${problem.detail ?? ''}`} problem={problem} />
            ))}
            {problems.length > formProblems.length && formProblems.length === 0 && (
              <p className="error">{t('catalog.fixFields')}</p>
            )}
            {notice && <p className="ok">{notice}</p>}
          </div>
          <div className="row">
            {saved && saved.status !== 'archived' && (
              <button
                type="button"
                className="ghost danger-text"
                onClick={() => void archive()}
                disabled={working}
              >
                {t('catalog.archive')}
              </button>
            )}
            <button type="submit" className="primary" disabled={working}>
              {working ? t('catalog.saving') : saved ? t('catalog.save') : t('catalog.create')}
            </button>
          </div>
        </div>
      </form>
      {saved ? (
        <ProductImages
          productId={saved.id}
          variants={saved.variants.map((variant) => ({
            id: variant.id,
            label: [variant.size, variant.colour].filter((part) => part !== '').join(' · ') || variant.sku,
          }))}
        />
      ) : (
        <p className="muted">{t('catalog.imagesAfterCreate')}</p>
      )}
    </div>
  );
}

function fieldLabel(t: (key: string) => string, field: string): string | undefined {
  const last = field.split('.').at(-1) ?? '';
  return ['size', 'colour', 'sku', 'barcode', 'price'].includes(last) ? t(`catalog.${last}`) : undefined;
}
