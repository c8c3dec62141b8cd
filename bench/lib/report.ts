export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export function printTable(title: string, rows: Record<string, LoadResult>): void {
  process.stdout.write(`\n${title}\n`);
  const lines = Object.entries(rows).map(([name, result]) => ({
    target: name,
    'req/s': Math.round(result.rps),
    'p50 ms': result.p50Ms,
    'p99 ms': result.p99Ms,
    errors: result.errors + result.non2xx,
  }));
  console.table(lines);
}

/** The last line a bench prints: one JSON object of the figures its issue names. */
export function printFigures(figures: { bench: string } & Record<string, number | string | boolean>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Any other figures, one row per measurement. */
export function printRows(title: string, rows: Record<string, Record<string, number | string>>): void {
  process.stdout.write(`\n${title}\n`);
  console.table(Object.entries(rows).map(([name, figures]) => ({ measurement: name, ...figures })));
}
