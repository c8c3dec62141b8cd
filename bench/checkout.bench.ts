import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { benchDatabase } from './lib/bench-database.js';
import { measureBaseline, startBenchServer } from './lib/bench-server.js';
import { load } from './lib/load.js';
import { printFigures, printRows, printTable } from './lib/report.js';
import { percentile, round1 } from './lib/stats.js';

// Web checkout on the large seed, payments by the simulator (which answers after SIMULATED_PROVIDER_MS, as a
// card acquirer would in tens of milliseconds), workers in the server process:
//   1. accepted: checkouts/s and latency of `checkout.place` under load (reserve stock, record, enqueue);
//   2. paid: from submitting a checkout to its status stream saying paid, one shopper after another;
// beside a bare Fastify route serving a body of the same size in the same run.

const PORT = 3111;
const BASELINE_PORT = 3112;
const SIMULATED_PROVIDER_MS = 30;
/** Carts pick their variant among this many, each topped up so that no checkout runs out of stock. */
const VARIANTS = 3_000;
const PAID_SAMPLES = 200;
const PAID_CONCURRENCY = 4;

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);

interface Checkout {
  outcome: string;
  order?: { id: string; trackingToken: string; status: string };
}

export default async function checkoutBench(): Promise<void> {
  const { databaseUrl, redisUrl } = await benchDatabase({ name: 'allure_bench_checkout', fresh: true });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const { storeId, variantIds } = await stockUp(pool);
  const server = await startBenchServer(
    PORT,
    { databaseUrl, redisUrl },
    {
      CHECKOUT_PER_IP_15MIN: '1000000',
      PAYMENT_SIMULATOR_DELAY_MS: String(SIMULATED_PROVIDER_MS),
      WORKER_CONCURRENCY: '16',
      MAIL_URL: 'file:///tmp/allure-bench-mail',
    },
  );
  const cart = () =>
    JSON.stringify({
      id: randomUUID(),
      storeId,
      lines: [{ variantId: variantIds[Math.floor(Math.random() * variantIds.length)], quantity: 1 }],
      contact: { name: 'Bench Shopper', email: `shopper${Math.floor(Math.random() * 1000)}@bench.test` },
      payment: { method: 'card', token: 'tok_sim_success' },
    });
  const placeUrl = `${server.url}/trpc/checkout.place`;
  let accept: Awaited<ReturnType<typeof load>>;
  let paidMs: number[];
  let bodyBytes: number;
  try {
    const sample = await fetch(placeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: cart(),
    });
    bodyBytes = (await sample.text()).length;
    log('warming up');
    await load({ url: placeUrl, post: cart, connections: 8, durationSeconds: 2 });
    log('accepted checkouts: 16 connections, 10 s');
    accept = await load({ url: placeUrl, post: cart, connections: 16, durationSeconds: 10 });
    const accepted = await countOutcomes(pool);
    log(`orders recorded: ${accepted.total}, of which paid so far ${accepted.paid}`);
    log('waiting for the payment backlog to drain');
    await drained(pool);
    log(`checkout to paid: ${PAID_SAMPLES} shoppers, ${PAID_CONCURRENCY} at a time`);
    paidMs = await checkoutToPaid(server.url, cart);
  } finally {
    await server.stop();
    await pool.end();
  }

  const bare = await measureBaseline(BASELINE_PORT, bodyBytes, { connections: 16, durationSeconds: 10 });

  printTable(`checkout accepted (${bodyBytes}-byte answer), 16 connections, 10 s`, {
    'bare Fastify route, same body': bare,
    'checkout.place': accept,
  });
  printRows('checkout to paid (simulated provider answers in 30 ms)', {
    'submit → status stream says paid': {
      samples: paidMs.length,
      p50_ms: round1(percentile(paidMs, 50)),
      p99_ms: round1(percentile(paidMs, 99)),
    },
  });
  printFigures({
    bench: 'checkout',
    accept_rps: Math.round(accept.rps),
    accept_p99_ms: accept.p99Ms,
    paid_p99_ms: round1(percentile(paidMs, 99)),
    baseline_rps: Math.round(bare.rps),
  });
}

/** The demo store sells online from its web location: enough units there that no cart runs out. */
async function stockUp(pool: pg.Pool): Promise<{ storeId: string; variantIds: string[] }> {
  const { rows } = await pool.query<{ store_id: string; location_id: string }>(
    `SELECT store_id, id AS location_id FROM stock_location WHERE kind = 'web' AND store_id IS NOT NULL LIMIT 1`,
  );
  const web = rows[0];
  if (!web) throw new Error('no web location in the bench database');
  const variants = await pool.query<{ id: string }>(
    `SELECT v.id FROM variant v JOIN product p ON p.id = v.product_id
      WHERE v.active AND p.status = 'active' ORDER BY v.id LIMIT $1`,
    [VARIANTS],
  );
  await pool.query(
    `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, reason)
     SELECT gen_random_uuid(), id, $1, 1000, 'receipt', 'bench stock' FROM unnest($2::uuid[]) AS id ORDER BY id`,
    [web.location_id, variants.rows.map((row) => row.id)],
  );
  return { storeId: web.store_id, variantIds: variants.rows.map((row) => row.id) };
}

async function countOutcomes(pool: pg.Pool): Promise<{ total: number; paid: number }> {
  const { rows } = await pool.query<{ total: number; paid: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'paid')::int AS paid FROM "order" WHERE channel = 'web'`,
  );
  return rows[0] ?? { total: 0, paid: 0 };
}

async function drained(pool: pg.Pool): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM "order" WHERE channel = 'web' AND status = 'pending'`,
    );
    if ((rows[0]?.pending ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Each shopper submits, then follows the order's status stream (as the shop's page does) until paid. */
async function checkoutToPaid(base: string, cart: () => string): Promise<number[]> {
  const samples: number[] = [];
  const shopper = async () => {
    while (samples.length < PAID_SAMPLES) {
      const started = performance.now();
      const response = await fetch(`${base}/trpc/checkout.place`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: cart(),
      });
      const placed = ((await response.json()) as { result: { data: Checkout } }).result.data;
      if (placed.outcome !== 'accepted' || !placed.order)
        throw new Error(`checkout not accepted: ${placed.outcome}`);
      await untilPaid(base, placed.order.trackingToken);
      samples.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: PAID_CONCURRENCY }, shopper));
  return samples;
}

async function untilPaid(base: string, trackingToken: string): Promise<void> {
  const abort = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ trackingToken }));
  const response = await fetch(`${base}/trpc/checkout.watch?input=${input}`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!response.body) throw new Error('no status stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (let buffer = ''; ; ) {
      const { value, done } = await reader.read();
      if (done) throw new Error('status stream ended before the order was paid');
      buffer += value;
      if (/"status":"paid"/.test(buffer)) return;
      if (/"status":"payment_failed"/.test(buffer)) throw new Error('payment failed');
    }
  } finally {
    abort.abort();
  }
}
