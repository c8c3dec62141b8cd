import { encodeKeysetCursor } from '@allure/shared/catalog-cursor';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { Suggestion } from '../src/catalog/product-search.service.js';
import type { ProductSummary } from '../src/catalog/product-summaries.js';
import { call, dataOf } from './auth-helper.js';
import { type Catalog, catalogFixtures, freshSku } from './catalog-helper.js';
import { buildTestApp } from './helper.js';

// Search against the demo catalog (a fashion store in Dakar, French names) and a few products made here:
// typos, accents, French and English words, relevance, pagination, what is not for sale, and input limits.

interface Page {
  items: ProductSummary[];
  nextCursor: string | null;
}

let app: App;
let catalog: Catalog;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  catalog = await catalogFixtures(app);
});
afterAll(async () => {
  await catalog?.remove();
  await app?.close();
});

async function search(q: string, extra: Record<string, unknown> = {}): Promise<Page> {
  return dataOf<Page>(await call(app, 'catalog.products.search', { q, limit: 100, ...extra }));
}

async function suggest(q: string, limit?: number): Promise<Suggestion[]> {
  return dataOf<Suggestion[]>(
    await call(app, 'catalog.products.suggest', { q, ...(limit ? { limit } : {}) }),
  );
}

/** Active products with an active variant whose name matches the pattern (case and accents aside). */
async function named(pattern: string): Promise<string[]> {
  const { rows } = await app.db.pool.query<{ id: string }>(
    `SELECT p.id FROM product p WHERE p.status = 'active' AND catalog_fold(p.name) ~ $1
        AND EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND v.active)`,
    [pattern],
  );
  return rows.map((row) => row.id);
}

const idsOf = (page: Page) => page.items.map((item) => item.id);

describe('finding products', () => {
  it('finds "Robe … wax" typed "rob wax", the robes in wax first', async () => {
    const robesInWax = await named('^robe .*wax');
    expect(robesInWax.length).toBeGreaterThan(0);
    const page = await search('rob wax');
    expect(idsOf(page)).toEqual(expect.arrayContaining(robesInWax));
    for (const item of page.items.slice(0, robesInWax.length)) expect(item.name).toMatch(/^Robe .*wax/);
  });

  it('finds "Pagne" typed right and typed "pangne"', async () => {
    const pagnes = await named('^pagne');
    expect(pagnes.length).toBeGreaterThan(0);
    for (const q of ['pagne', 'PAGNE', 'pangne']) {
      const page = await search(q);
      expect(idsOf(page), q).toEqual(expect.arrayContaining(pagnes));
      expect(page.items[0]?.name, q).toMatch(/pagne/i);
    }
  });

  it('ignores accents and case: "écharpe", "echarpe" and "ECHARPE" find "Écharpe"', async () => {
    const accessories = await catalog.category('accessoires');
    const scarf = await catalog.product({ name: 'Écharpe en soie brodée Gorée', categoryId: accessories.id });
    for (const q of ['écharpe', 'echarpe', 'ECHARPE', 'Echarpe brodee', 'écharpes']) {
      expect((await search(q)).items[0]?.id, q).toBe(scarf.id);
    }
  });

  it('understands English as well as French: plurals of both, and English names', async () => {
    const accessories = await catalog.category('sacs');
    const tote = await catalog.product({ name: 'Leather tote bag Saly', categoryId: accessories.id });
    expect(idsOf(await search('leather bags'))).toContain(tote.id);
    expect(idsOf(await search('totes'))).toContain(tote.id);
    // The seed's English words: "Top" (French and English), the brand "Dakar Denim".
    const tops = await named('^top ');
    expect(tops.length).toBeGreaterThan(0);
    expect(idsOf(await search('tops'))).toEqual(expect.arrayContaining(tops));
    const denim = await app.db.pool.query<{ id: string }>(
      `SELECT id FROM product WHERE status = 'active' AND brand = 'Dakar Denim'`,
    );
    expect(idsOf(await search('dakar denim'))).toEqual(
      expect.arrayContaining(denim.rows.map((row) => row.id)),
    );
  });

  it('matches the category path and the colours too: "robe indigo" finds robes in indigo', async () => {
    const page = await search('robe indigo');
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(`${item.name} ${item.category.name}`).toMatch(/robe/i);
      expect(item.variants.map((variant) => variant.colour)).toContain('Indigo');
    }
    const femme = await search('femme');
    expect(femme.items.length).toBeGreaterThan(30);
  });

  it.each([
    ['words', 'wax'],
    ['typos', 'pangne'],
  ])('pages the %s pass with cursors, each product once, in the order of one big page', async (_pass, q) => {
    const whole = idsOf(await search(q));
    expect(whole.length).toBeGreaterThan(20);
    expect(whole.length).toBeLessThan(100);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(q, { limit: 7, ...(cursor ? { cursor } : {}) });
      walked.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(whole);
  });

  it('finds only what is for sale, and a product as soon as it is put on sale', async () => {
    const sacs = await catalog.category('sacs');
    const draft = await catalog.product({
      name: 'Pochette Zanzibar perlée',
      categoryId: sacs.id,
      status: 'draft',
    });
    expect(idsOf(await search('zanzibar'))).toEqual([]);
    expect(await suggest('zanzib')).toEqual([]);
    dataOf(await catalog.admin('products.setStatus', { id: draft.id, status: 'active' }));
    expect(idsOf(await search('zanzibar'))).toEqual([draft.id]);
    expect(await suggest('zanzib')).toEqual([{ name: 'Pochette Zanzibar perlée', slug: draft.slug }]);
    dataOf(await catalog.admin('products.setStatus', { id: draft.id, status: 'archived' }));
    expect(idsOf(await search('zanzibar'))).toEqual([]);
  });
});

describe('the search text follows the catalog', () => {
  it('finds a product by the colours of its active variants, as they change', async () => {
    const chaussures = await catalog.category('chaussures');
    const product = await catalog.product({
      name: 'Babouches Médina',
      categoryId: chaussures.id,
      variants: [{ sku: freshSku(), size: '40', colour: 'Safran', price: 20_000 }],
    });
    const [variant] = product.variants;
    if (!variant) throw new Error('no variant');
    expect(idsOf(await search('babouches safran'))).toContain(product.id);
    dataOf(await catalog.admin('variants.update', { id: variant.id, colour: 'Bleu nuit' }));
    expect(idsOf(await search('babouches safran'))).not.toContain(product.id);
    expect(idsOf(await search('babouches bleu nuit'))).toContain(product.id);
  });

  it('keeps both colours when two writers add variants to one product at the same time', async () => {
    const chaussures = await catalog.category('chaussures');
    const product = await catalog.product({ name: 'Escarpins Popenguine', categoryId: chaussures.id });
    const writers = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
    const [a, b] = [await writers.connect(), await writers.connect()];
    const add = (client: pg.PoolClient, colour: string) =>
      client.query(
        `INSERT INTO variant (id, product_id, sku, size, colour, price, currency)
         VALUES (gen_random_uuid(), $1, $2, '38', $3, 30000, 'XOF')`,
        [product.id, freshSku(), colour],
      );
    try {
      const pid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      await a.query('BEGIN');
      await b.query('BEGIN');
      await add(a, 'Cobalt');
      // B's trigger waits for A's lock on the product, then reads the variants A committed.
      const second = add(b, 'Corail');
      await vi.waitFor(async () => {
        const { rows } = await app.db.pool.query(
          'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        expect(rows[0]?.wait_event_type).toBe('Lock');
      });
      await a.query('COMMIT');
      await second;
      await b.query('COMMIT');
    } finally {
      a.release();
      b.release();
      await writers.end();
    }
    const { rows } = await app.db.pool.query<{ search_text: string }>(
      'SELECT search_text FROM product WHERE id = $1',
      [product.id],
    );
    expect(rows[0]?.search_text).toMatch(/cobalt/);
    expect(rows[0]?.search_text).toMatch(/corail/);
  });
});

describe('suggestions as you type', () => {
  it('completes every word typed so far, distinct names, at most the limit', async () => {
    const names = await suggest('rob lon', 8);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThanOrEqual(8);
    expect(new Set(names.map((item) => item.name)).size).toBe(names.length);
    for (const { name } of names) expect(name).toMatch(/\brob.*\blon/i);
  });

  it('falls back to typo tolerance when nothing starts like that, names matching first', async () => {
    const names = await suggest('pangne');
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]?.name).toMatch(/pagne/i);
    // The others are pagnes too, if only by their category ("Wax & pagnes").
    const { rows } = await app.db.pool.query<{ search_text: string }>(
      'SELECT search_text FROM product WHERE slug = ANY($1)',
      [names.map((item) => item.slug)],
    );
    expect(rows.every((row) => row.search_text.includes('pagne'))).toBe(true);
  });

  it('a new product is suggested at once', async () => {
    const sacs = await catalog.category('sacs');
    expect(await suggest('kilimandj')).toEqual([]);
    const bag = await catalog.product({
      name: 'Sac Kilimandjaro',
      categoryId: sacs.id,
      variants: [{ sku: freshSku(), price: 5_000 }],
    });
    expect(await suggest('kilimandj')).toEqual([{ name: bag.name, slug: bag.slug }]);
  });
});

describe('bad input is a 400 naming the field', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['an empty query', 'catalog.products.search', { q: '' }],
    ['a blank query', 'catalog.products.search', { q: '   ' }],
    ['punctuation only', 'catalog.products.search', { q: '?!…' }],
    ['a query over 120 characters', 'catalog.products.search', { q: 'robe '.repeat(30) }],
    ['more than 8 words', 'catalog.products.search', { q: 'a b c d e f g h i' }],
    ['an empty suggestion query', 'catalog.products.suggest', { q: '' }],
    ['more than 10 suggestions', 'catalog.products.suggest', { q: 'robe', limit: 11 }],
  ])('%s', async (_case, path, input) => {
    const answer = await call(app, path, input);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error?.data.zodError?.fieldErrors ?? {})).toEqual([
      'q' in input && !('limit' in input) ? 'q' : 'limit',
    ]);
  });

  it('refuses a listing cursor', async () => {
    const cursor = encodeKeysetCursor('name', 'Robe', '0190f0e0-0000-7000-8000-000000000001');
    const answer = await call(app, 'catalog.products.search', { q: 'robe', cursor });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.data.zodError?.fieldErrors.cursor).toBeDefined();
  });
});
