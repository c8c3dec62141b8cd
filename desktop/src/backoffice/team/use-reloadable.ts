import { type DependencyList, useCallback, useEffect, useState } from 'react';

/**
 * Data a screen loads from the server and loads again after a change (or when `deps` change): the last
 * answer, the last failure, and `reload`. An answer that arrives after a newer load started is dropped.
 */
export function useReloadable<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  // `load` is a new closure each render; `deps` say when what it loads changes.
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    stableLoad().then(
      (next) => {
        if (!current) return;
        setData(next);
        setFailure(null);
      },
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [stableLoad, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, failure, reload };
}
