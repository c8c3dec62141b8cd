import { useCallback, useEffect, useRef, useState } from 'react';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list: its first page again whenever `fetchPage` changes (new filters), the next one
 * appended on `loadMore`. An answer to an older query never overwrites a newer one's.
 */
export function usePages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    fetchPage(undefined)
      .then((page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setProblem(null);
      })
      .catch((error: Error) => mine === generation.current && setProblem(error.message))
      .finally(() => mine === generation.current && setLoading(false));
  }, [fetchPage]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const mine = generation.current;
    setLoading(true);
    try {
      const page = await fetchPage(nextCursor);
      if (mine !== generation.current) return;
      setItems((current) => [...(current ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setLoading(false);
    }
  }, [fetchPage, nextCursor]);

  return { items, nextCursor, loading, problem, loadMore };
}

/** A paged list as `usePages` keeps it. */
export type Pages<T> = ReturnType<typeof usePages<T>>;
