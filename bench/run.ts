import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `pnpm bench <name>` runs bench/<name>.bench.ts. Each bench provisions what it needs, measures a baseline
// in the same run, prints readable figures and ends with one JSON line of them.

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));

const name = process.argv[2];
if (name === undefined || !available.includes(name)) {
  process.stderr.write(
    `${name === undefined ? 'Name a benchmark' : `No benchmark "${name}"`}: pnpm bench <${available.join('|')}>\n`,
  );
  process.exit(2);
}

const bench = (await import(`./${name}.bench.ts`)) as { default: () => Promise<void> };
await bench.default();
