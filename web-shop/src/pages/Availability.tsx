import { useEffect, useState } from 'react';
import { useShop } from '../app/shop-context.js';

/**
 * Stock is read live, not with the page: the page's HTML is cached for a minute, stock changes with every
 * sale. Until it arrives the line keeps its height, so nothing below it moves.
 */
export function useAvailability(variantIds: readonly string[]): ReadonlyMap<string, number> {
  const { api } = useShop();
  const [stock, setStock] = useState<ReadonlyMap<string, number>>(new Map());
  const key = variantIds.join(',');
  useEffect(() => {
    if (!api || key === '') return;
    let current = true;
    api.catalog.products.availability
      .query({ variantIds: key.split(',') })
      .then((rows) => {
        if (current) setStock(new Map(rows.map((row) => [row.variantId, row.available])));
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [api, key]);
  return stock;
}

export function Availability({
  available,
  chosen,
  fewLeft,
}: {
  available: number | undefined;
  chosen: boolean;
  fewLeft: number;
}) {
  const { t } = useShop();
  let text = '';
  if (chosen) {
    if (available === undefined) text = t('product.checking');
    else if (available === 0) text = t('product.soldOut');
    else if (available <= fewLeft) text = t('product.fewLeft', { count: available });
    else text = t('product.inStock');
  }
  return (
    <p className="availability" data-available={available ?? ''}>
      {text || '\u00a0'}
    </p>
  );
}
