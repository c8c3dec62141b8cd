import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProductPage, ProductSummary } from '../api/shop-types.js';

/**
 * Infinite scroll over a keyset-paged list: the first page came with the page, the next ones load when the
 * sentinel below the grid nears the viewport (or its button is pressed, for keyboards and old browsers).
 */
export function useMoreProducts(first: ProductPage, loadAfter: (cursor: string) => Promise<ProductPage>) {
  const [items, setItems] = useState<ProductSummary[]>(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const sentinel = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    setItems(first.items);
    setCursor(first.nextCursor);
    setState('idle');
  }, [first]);

  const more = useCallback(() => {
    if (!cursor || state === 'loading') return;
    setState('loading');
    loadAfter(cursor).then(
      (page) => {
        setItems((shown) => [
          ...shown,
          ...page.items.filter((item) => !shown.some((other) => other.id === item.id)),
        ]);
        setCursor(page.nextCursor);
        setState('idle');
      },
      () => setState('failed'),
    );
  }, [cursor, state, loadAfter]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !cursor || state !== 'idle') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) more();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [cursor, state, more]);

  return { items, hasMore: cursor !== null, state, more, sentinel };
}
