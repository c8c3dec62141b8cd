import type { SearchProductsInput, SuggestProductsInput } from '@allure/shared/catalog.schema';
import { encodeKeysetCursor, parseKeysetCursor } from '@allure/shared/catalog-cursor';
import type { Page } from '@allure/shared/pagination';
import type pg from 'pg';
import { InvalidInputError } from '../errors.js';
import { inTransaction } from '../sync/batch.js';
import type { Context } from '../trpc/context.js';
import { catalogCacheKinds } from './catalog.service.js';
import { catalogTags } from './catalog-tags.js';
import { loadSummaries, type ProductSummary, shownTags } from './product-summaries.js';
import { SqlParams } from './sql-params.js';

/**
 * Product search over each product's search document (name, brand, category path, colours; see the
 * catalog_search migration), in two passes:
 *
 * 1. Words: full text, stemmed in French and English, every word of the query in the product ("robes"
 *    finds "Robe", "chemises" finds "Chemise"), ranked by full-text rank, where the name weighs most. The
 *    full-text index answers it, however many products match.
 * 2. Typos, only when the words match nothing: every word close enough to some word of the product
 *    (pg_trgm: "pangne" finds "Pagne", "snadales" finds "Sandales"), ranked by closeness. Reading the
 *    trigram index costs a similarity computation per candidate (about 10 µs each), which a broad query
 *    answered by the first pass never pays.
 *
 * Keyset-paginated on (rank, id), the rank rounded to six places so that it compares exactly from page to
 * page; the cursor names the pass it came from. Only active products with an active variant are found.
 */

/**
 * Word similarity (pg_trgm, 0 to 1) a query word must reach against a product's text. A 4-letter word
 * with one letter wrong scores 0.40 against the right word, and against many wrong ones ("robe" and
 * "rose"); a 6-letter word with a letter too many scores 0.44 ("pangne", "pagne").
 */
export const TYPO_THRESHOLD = '0.42';

const sellable = 'EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND v.active)';

type Pass = 'relevance' | 'similarity';

interface RankRow {
  id: string;
  rank: string;
}

export async function searchProducts(
  ctx: Pick<Context, 'db' | 'cache'>,
  input: SearchProductsInput,
): Promise<Page<ProductSummary>> {
  const key = `${input.q.join(' ')}:${input.limit}:${input.cursor ?? ''}`;
  return ctx.cache.read(catalogCacheKinds.productSearch, key, async () => {
    const { pass, rows } = await rankedPage(ctx, input);
    const ranked = rows.slice(0, input.limit);
    const items = await loadSummaries(
      ctx.db,
      ranked.map((row) => row.id),
    );
    const last = ranked.at(-1);
    const page = {
      items,
      nextCursor: rows.length > input.limit && last ? encodeKeysetCursor(pass, last.rank, last.id) : null,
    };
    return { value: page, tags: [catalogTags.search, ...shownTags(items)] };
  });
}

/** The ids and ranks of a page, and the pass they come from (limit + 1 rows, to know whether more follow). */
async function rankedPage(ctx: Pick<Context, 'db'>, input: SearchProductsInput) {
  const after = input.cursor === undefined ? null : keysetOf(input.cursor);
  if (after?.pass !== 'similarity') {
    const { rows } = await ctx.db.pool.query<RankRow>(searchQuery('relevance', input, after));
    // A later page of this pass, or a first page that found something.
    if (rows.length > 0 || after !== null) return { pass: 'relevance' as const, rows };
  }
  const { rows } = await withTypoThreshold(ctx.db.pool, (client) =>
    client.query<RankRow>(searchQuery('similarity', input, after)),
  );
  return { pass: 'similarity' as const, rows };
}

function keysetOf(cursor: string) {
  for (const pass of ['relevance', 'similarity'] as const) {
    const keyset = parseKeysetCursor(cursor, pass);
    if (keyset !== null) return { pass, ...keyset };
  }
  throw new InvalidInputError('cursor: not one this list gave out for this order');
}

export interface Suggestion {
  name: string;
  slug: string;
}

/**
 * A few product names for what is typed so far: each word as a prefix ("rob lo" → "Robe longue…"), from
 * the full-text index alone, which is cheap enough for every keystroke. Only when that finds nothing are
 * typos tolerated, as in search.
 */
export async function suggestProducts(
  ctx: Pick<Context, 'db' | 'cache'>,
  input: SuggestProductsInput,
): Promise<Suggestion[]> {
  const key = `${input.q.join(' ')}:${input.limit}`;
  return ctx.cache.read(catalogCacheKinds.productSuggest, key, async () => {
    const prefix = new SqlParams();
    const prefixes = prefix.add(input.q.map((word) => `${word}:*`).join(' & '), 'text');
    const query = `(to_tsquery('french', ${prefixes}) || to_tsquery('english', ${prefixes}))`;
    const found = await ctx.db.pool.query<Suggestion>(
      suggestionsQuery(
        `p.search_vector @@ ${query}`,
        `ts_rank(p.search_vector, ${query})`,
        prefix,
        input.limit,
      ),
      prefix.values,
    );
    if (found.rows.length > 0) return { value: found.rows, tags: [catalogTags.search] };
    const typo = new SqlParams();
    const words = typo.add(input.q, 'text[]');
    const close = input.q.map((word) => `${typo.add(word, 'text')} <% p.search_text`).join(' AND ');
    const similarity = closeness(words);
    const fuzzy = await withTypoThreshold(ctx.db.pool, (client) =>
      client.query<Suggestion>(suggestionsQuery(close, similarity, typo, input.limit), typo.values),
    );
    return { value: fuzzy.rows, tags: [catalogTags.search] };
  });
}

/** Distinct names (a large catalog reuses some), the best match of each, best first. */
function suggestionsQuery(match: string, rank: string, params: SqlParams, limit: number): string {
  return `SELECT name, slug FROM (
            SELECT DISTINCT ON (p.name) p.name, p.slug, ${rank} AS rank
              FROM product p
             WHERE p.status = 'active' AND ${match} AND ${sellable}
             ORDER BY p.name, rank DESC, p.id) named
          ORDER BY rank DESC, name
          LIMIT ${params.add(limit, 'int')}`;
}

function searchQuery(
  pass: Pass,
  input: SearchProductsInput,
  after: { key: string; id: string } | null,
): { text: string; values: unknown[] } {
  const params = new SqlParams();
  let match: string;
  let rank: string;
  if (pass === 'relevance') {
    const text = params.add(input.q.join(' '), 'text');
    const query = `(plainto_tsquery('french', ${text}) || plainto_tsquery('english', ${text}))`;
    match = `p.search_vector @@ ${query}`;
    rank = `ts_rank(p.search_vector, ${query})`;
  } else {
    match = input.q.map((word) => `${params.add(word, 'text')} <% p.search_text`).join(' AND ');
    rank = closeness(params.add(input.q, 'text[]'));
  }
  let position = '';
  if (after !== null) {
    const key = params.add(after.key, 'numeric');
    position = `WHERE rank < ${key} OR (rank = ${key} AND id > ${params.add(after.id, 'uuid')})`;
  }
  return {
    text: `SELECT id, rank::text AS rank FROM (
             SELECT p.id, round((${rank})::numeric, 6) AS rank
               FROM product p
              WHERE p.status = 'active' AND ${match} AND ${sellable}) ranked
           ${position}
           ORDER BY rank DESC, id
           LIMIT ${params.add(input.limit + 1, 'int')}`,
    values: params.values,
  };
}

/**
 * How close the query's words are to the product's, typos included: per word, its similarity to the name
 * and to the whole text, averaged (a word found in the name counts more than one found in the category).
 */
function closeness(words: string): string {
  return `(SELECT avg(word_similarity(w, catalog_fold(p.name)) + word_similarity(w, p.search_text)) / 2
             FROM unnest(${words}) w)`;
}

/**
 * Runs `work` in a transaction where pg_trgm's `<%` uses TYPO_THRESHOLD: the threshold is a setting, not an
 * argument, of the operator the trigram index serves, and set for this transaction only.
 */
function withTypoThreshold<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)", [TYPO_THRESHOLD]);
    return work(client);
  });
}
