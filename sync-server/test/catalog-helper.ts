import { randomUUID } from 'node:crypto';
import { gtinCheckDigit } from '@allure/shared/barcode';
import type { App } from '../src/app.js';
import type { ProductForEditing } from '../src/catalog/catalog-admin-read.service.js';
import { type Call, call, dataOf, sessionFor } from './auth-helper.js';

// Catalog fixtures made through the back-office API, as a manager would make them, and removed again so
// that the files after this one see the demo catalog. Codes carry a run tag, so files never collide.

const tag = randomUUID().slice(0, 6).toUpperCase();
let serial = 0;

/** A SKU nobody else has. */
export function freshSku(prefix = 'TST'): string {
  serial += 1;
  return `${prefix}-${tag}-${serial}`;
}

/** An EAN-13 nobody else has (prefix 29: in-store numbering, like the seed's 20-29 range). */
export function freshBarcode(): string {
  serial += 1;
  const body = `29${String(Number.parseInt(tag, 16) % 1_000_000).padStart(6, '0')}${String(serial).padStart(4, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export interface Catalog {
  app: App;
  token: string;
  /** A back-office call as the demo manager: a mutation unless `type` says otherwise. */
  admin(path: string, input: unknown, type?: 'query' | 'mutation'): Promise<Call>;
  /** Creates a product (one size M variant in Indigo unless told otherwise); remembered for `remove`. */
  product(fields: Record<string, unknown> & { categoryId: string }): Promise<ProductForEditing>;
  /** The demo category with this slug. */
  category(slug: string): Promise<{ id: string; name: string; parentId: string | null }>;
  /** Remembers a category made by the test, for `remove`. */
  madeCategory(id: string): void;
  /** Deletes what the file made (products have no sales: their variants and history go with them). */
  remove(): Promise<void>;
}

export async function catalogFixtures(app: App): Promise<Catalog> {
  const { accessToken: token } = await sessionFor(app, 'manager@allure.test');
  const products: string[] = [];
  const categories: string[] = [];
  const admin = (path: string, input: unknown, type: 'query' | 'mutation' = 'mutation') =>
    call(app, `catalog.admin.${path}`, input, { token, type });
  return {
    app,
    token,
    admin,
    async product(fields) {
      const product = dataOf<ProductForEditing>(
        await admin('products.create', {
          name: `Produit ${tag} ${serial}`,
          vatRate: 1800,
          status: 'active',
          variants: [{ sku: freshSku(), size: 'M', colour: 'Indigo', price: 10_000 }],
          ...fields,
        }),
      );
      products.push(product.id);
      return product;
    },
    async category(slug) {
      return app.db.prisma.category.findUniqueOrThrow({
        where: { slug },
        select: { id: true, name: true, parentId: true },
      });
    },
    madeCategory(id) {
      categories.push(id);
    },
    async remove() {
      await app.db.pool.query('DELETE FROM product WHERE id = ANY($1::uuid[])', [products]);
      // Children before parents: the most recently made first.
      for (const id of categories.reverse()) {
        await app.db.pool.query('DELETE FROM category WHERE id = $1', [id]);
      }
    },
  };
}

/** How many times the cache loaded a read of this kind (a miss or a refresh) in this app. */
export async function loadsOf(app: App, kind: string): Promise<number> {
  const metric = await app.metrics.registry.getSingleMetric('cache_load_duration_seconds')?.get();
  return (
    metric?.values.find(
      (value) =>
        (value as { metricName?: string }).metricName?.endsWith('_count') && value.labels.kind === kind,
    )?.value ?? 0
  );
}
