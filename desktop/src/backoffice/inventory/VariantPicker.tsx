import { adminSearchQuery } from '@allure/shared/catalog.schema';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffice } from '../office-context.js';
import { variantLabel } from './StockLevels.js';
import type { StockLineDraft } from './stock-draft.js';

type Picked = Pick<StockLineDraft, 'variantId' | 'sku' | 'label'>;

const PRODUCTS = 6;
const TYPING_PAUSE_MS = 200;

/**
 * Finds variants by what is typed or scanned: a SKU or its beginning, a barcode, or words of the name.
 * Enter on a code that names exactly one variant picks it at once, so a scanner fills a document line by line.
 */
export function VariantPicker(props: { onPick: (variant: Picked) => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [text, setText] = useState('');
  const [found, setFound] = useState<(Picked & { code: string; barcode: string | null })[]>([]);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const query = text.trim();
    if (!adminSearchQuery.safeParse(query).success) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      setSearching(true);
      setProblem(null);
      try {
        const page = await session.api.catalog.admin.products.list.query({ search: query, limit: PRODUCTS });
        const products = await Promise.all(
          page.items.map((item) => session.api.catalog.admin.products.get.query({ id: item.id })),
        );
        const code = query.toUpperCase();
        const variants = products.flatMap((product) =>
          product.variants
            .filter((variant) => variant.active)
            .map((variant) => ({
              variantId: variant.id,
              sku: variant.sku,
              code: variant.sku,
              barcode: variant.barcode,
              label: variantLabel(product.name, variant.size, variant.colour),
            })),
        );
        // A code typed or scanned: its variants only; words of a name: every variant of the products found.
        const byCode = variants.filter(
          (variant) => variant.sku.startsWith(code) || variant.barcode === query,
        );
        if (current) setFound(byCode.length > 0 ? byCode : variants);
      } catch (error) {
        if (current) {
          setFound([]);
          setProblem((error as Error).message);
        }
      } finally {
        if (current) setSearching(false);
      }
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, session]);

  const pick = (variant: Picked) => {
    props.onPick({ variantId: variant.variantId, sku: variant.sku, label: variant.label });
    setText('');
    setFound([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const query = text.trim();
    const exact = found.filter((variant) => variant.barcode === query || variant.sku === query.toUpperCase());
    const only = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
    if (only) pick(only);
  };

  return (
    <div className="variant-picker">
      <input
        type="search"
        name="variant-search"
        aria-label={t('inventory.addLine')}
        placeholder={t('inventory.addLine')}
        value={text}
        maxLength={120}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {searching && <span className="muted">{t('inventory.loading')}</span>}
      {problem && <p className="error">{t('office.loadFailed', { reason: problem })}</p>}
      {found.length > 0 && (
        <ul className="picker-results" data-testid="variant-results">
          {found.slice(0, 30).map((variant) => (
            <li key={variant.variantId}>
              <button type="button" className="ghost" onClick={() => pick(variant)}>
                <span className="mono">{variant.sku}</span> <span>{variant.label}</span>
                {variant.barcode && <span className="muted mono"> {variant.barcode}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
