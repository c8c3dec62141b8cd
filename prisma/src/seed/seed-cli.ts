import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadCliConfig, redactUrl } from '../cli-config.js';
import { type DemoStoreName, demoStoreNames, isDemoStoreName } from './demo-stores.js';
import { type SeedSize, seed } from './seed.js';
import { demoPassword } from './store.js';

// `pnpm --filter @allure/db seed [--size demo|large] [--store dakar|paris] [--reset]`

const usage = `Usage: seed [--size demo|large] [--store ${demoStoreNames.join('|')}] [--reset]

  --size demo    the demo store: ~200 products (default)
  --size large   5,000 products × 10 variants = 50,000 variants, for benchmarks
  --store dakar  Allure Dakar Plateau, selling in CFA francs (XOF) (default)
  --store paris  Allure Paris Marais, selling in euros (EUR)
  --reset        empty every application table first (keeps _prisma_migrations)

DATABASE_URL selects the database (default postgresql://postgres@127.0.0.1:5432/allure).`;

function parseCli(): { size: SeedSize; store: DemoStoreName; reset: boolean } {
  try {
    // pnpm forwards the `--` of `pnpm db:seed -- --size large`: skip it.
    const args = process.argv.slice(2);
    const { values } = parseArgs({
      args: args[0] === '--' ? args.slice(1) : args,
      options: {
        size: { type: 'string', default: 'demo' },
        store: { type: 'string', default: 'dakar' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (values.size !== 'demo' && values.size !== 'large') throw new Error(`unknown size "${values.size}"`);
    if (!isDemoStoreName(values.store)) throw new Error(`unknown store "${values.store}"`);
    return { size: values.size, store: values.store, reset: values.reset };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}

const options = parseCli();
const { databaseUrl } = loadCliConfig(process.env);

async function main(): Promise<void> {
  console.log(
    `Seeding ${redactUrl(databaseUrl)} (size ${options.size}, store ${options.store}${options.reset ? ', reset' : ''})`,
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'allure-seed' });
  try {
    const result = await seed(pool, { ...options, log: (message) => console.log(message) });
    console.table(result.counts);
    if (result.status === 'seeded') {
      console.log(
        `Sign in as admin@allure.test, manager@allure.test or cashier@allure.test, password "${demoPassword}".`,
      );
    }
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(`Seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
