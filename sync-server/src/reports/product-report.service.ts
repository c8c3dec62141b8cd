import { addRowsByKey, shareBps } from '@allure/shared/report';
import type { ReportInput, TopProductsInput } from '@allure/shared/report.schema';
import type { StaffPrincipal } from '../auth/store-scope.js';
import type { Context } from '../trpc/context.js';
import {
  IS_SALE,
  PLACED_IN_WINDOW,
  type Progress,
  REFUNDED_IN_WINDOW,
  type ReportStore,
  reportStore,
  type Summed,
  sumOverPeriod,
} from './report-period.js';
import type { SalesReport } from './sales-report.service.js';

// Reports on what was sold, line by line: by category, the top products, and margins. Lines carry what
// the customer paid for them (their share of the cart discount included) and their tax; refund lines what
// went back. Costs are the variants' current cost prices (order lines keep no cost), known only when set and
// in the order's currency.

/** The figures of the line statement below, by the column each comes back in. */
const LINE_SUMS = {
  units: 'units',
  discounts: 'discounts',
  sales: 'sales',
  salesTax: 'sales_tax',
  costedSales: 'costed_sales',
  cost: 'cost',
  unitsRefunded: 'units_refunded',
  refunds: 'refunds',
  refundedTax: 'refunded_tax',
  costedRefunds: 'costed_refunds',
  refundedCost: 'refunded_cost',
} as const;

type LineSums = Summed<keyof typeof LINE_SUMS>;

const COSTED = 'v.cost_price IS NOT NULL AND v.currency = o.currency';

async function lineSums(
  ctx: Pick<Context, 'db'>,
  store: ReportStore,
  input: ReportInput,
  key: string,
  onProgress: Progress | undefined,
): Promise<Map<string, LineSums>> {
  return sumOverPeriod(
    ctx,
    store,
    input,
    `WITH sold AS (
           SELECT ${key} AS key, sum(l.quantity) AS units, sum(l.discount) AS discounts,
                  sum(l.total - l.tax) AS sales, sum(l.tax) AS sales_tax,
                  sum(l.total - l.tax) FILTER (WHERE ${COSTED}) AS costed_sales,
                  sum(v.cost_price::bigint * l.quantity) FILTER (WHERE ${COSTED}) AS cost
             FROM "order" o
             JOIN order_line l ON l.order_id = o.id
             JOIN variant v ON v.id = l.variant_id
             JOIN product p ON p.id = v.product_id
            WHERE ${IS_SALE} AND ${PLACED_IN_WINDOW}
            GROUP BY 1
         ), refunded AS (
           SELECT ${key} AS key, sum(rl.quantity) AS units_refunded, sum(rl.amount - rl.tax) AS refunds,
                  sum(rl.tax) AS refunded_tax,
                  sum(rl.amount - rl.tax) FILTER (WHERE ${COSTED}) AS costed_refunds,
                  sum(v.cost_price::bigint * rl.quantity) FILTER (WHERE ${COSTED}) AS refunded_cost
             FROM refund r
             JOIN "order" o ON o.id = r.order_id
             JOIN refund_line rl ON rl.refund_id = r.id
             JOIN order_line l ON l.id = rl.order_line_id
             JOIN variant v ON v.id = l.variant_id
             JOIN product p ON p.id = v.product_id
            WHERE ${IS_SALE} AND ${REFUNDED_IN_WINDOW}
            GROUP BY 1
         )
         SELECT coalesce(s.key, f.key) AS key, s.units, s.discounts, s.sales, s.sales_tax, s.costed_sales, s.cost,
                f.units_refunded, f.refunds, f.refunded_tax, f.costed_refunds, f.refunded_cost
           FROM sold s FULL JOIN refunded f ON f.key = s.key`,
    LINE_SUMS,
    onProgress,
  );
}

export interface LineFigures {
  units: number;
  unitsRefunded: number;
  netUnits: number;
  discounts: number;
  sales: number;
  refunds: number;
  netSales: number;
  tax: number;
  total: number;
}

function lineFigures(sums: LineSums): LineFigures {
  const netSales = sums.sales - sums.refunds;
  const tax = sums.salesTax - sums.refundedTax;
  return {
    units: sums.units,
    unitsRefunded: sums.unitsRefunded,
    netUnits: sums.units - sums.unitsRefunded,
    discounts: sums.discounts,
    sales: sums.sales,
    refunds: sums.refunds,
    netSales,
    tax,
    total: netSales + tax,
  };
}

export interface CategoryRef {
  id: string;
  name: string;
  parentId: string | null;
}

async function categoriesById(ctx: Pick<Context, 'db'>, ids: string[]): Promise<Map<string, CategoryRef>> {
  const categories = await ctx.db.prisma.category.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, parentId: true },
  });
  return new Map(categories.map((category) => [category.id, category]));
}

const unknownCategory = (id: string): CategoryRef => ({ id, name: '', parentId: null });

/** By the category of the product sold (as the catalogue files it today). */
export async function salesByCategory(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
  onProgress?: Progress,
): Promise<SalesReport<LineFigures & { category: CategoryRef }>> {
  const store = await reportStore(ctx, principal, input.storeId);
  const sums = await lineSums(ctx, store, input, 'p.category_id::text', onProgress);
  const categories = await categoriesById(ctx, [...sums.keys()]);
  const rows = [...sums.values()]
    .map((row) => ({ category: categories.get(row.key) ?? unknownCategory(row.key), ...lineFigures(row) }))
    .sort((a, b) => b.netSales - a.netSales || a.category.id.localeCompare(b.category.id));
  return { store, from: input.from, to: input.to, rows };
}

/** The best sellers, by net sales before tax or by units, refunds deducted. */
export async function topProducts(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: TopProductsInput,
  onProgress?: Progress,
): Promise<SalesReport<LineFigures & { product: { id: string; name: string; categoryId: string } }>> {
  const store = await reportStore(ctx, principal, input.storeId);
  const sums = await lineSums(ctx, store, input, 'p.id::text', onProgress);
  const rank = (row: LineFigures) => (input.rankBy === 'units' ? row.netUnits : row.netSales);
  const best = [...sums.values()]
    .map((row) => ({ id: row.key, figures: lineFigures(row) }))
    .sort((a, b) => rank(b.figures) - rank(a.figures) || a.id.localeCompare(b.id))
    .slice(0, input.limit);
  const products = await ctx.db.prisma.product.findMany({
    where: { id: { in: best.map((row) => row.id) } },
    select: { id: true, name: true, categoryId: true },
  });
  const byId = new Map(products.map((product) => [product.id, product]));
  return {
    store,
    from: input.from,
    to: input.to,
    rows: best.map((row) => ({
      product: byId.get(row.id) ?? { id: row.id, name: '', categoryId: '' },
      ...row.figures,
    })),
  };
}

export interface MarginFigures {
  /** Net sales before tax, refunds deducted. */
  netSales: number;
  /** Of which on lines whose cost is known… */
  costedSales: number;
  /** …which cost this (returned units' cost deducted)… */
  cost: number;
  /** …leaving this margin, as basis points of costedSales (null when nothing was costed). */
  margin: number;
  marginBps: number | null;
  /** Net sales of lines without a known cost, and their share of netSales in basis points. */
  uncostedSales: number;
  uncostedShareBps: number | null;
}

const emptySums: Omit<LineSums, 'key'> = {
  units: 0,
  discounts: 0,
  sales: 0,
  salesTax: 0,
  costedSales: 0,
  cost: 0,
  unitsRefunded: 0,
  refunds: 0,
  refundedTax: 0,
  costedRefunds: 0,
  refundedCost: 0,
};

function marginFigures(sums: Omit<LineSums, 'key'>): MarginFigures {
  const netSales = sums.sales - sums.refunds;
  const costedSales = sums.costedSales - sums.costedRefunds;
  const cost = sums.cost - sums.refundedCost;
  const margin = costedSales - cost;
  const uncostedSales = netSales - costedSales;
  return {
    netSales,
    costedSales,
    cost,
    margin,
    marginBps: shareBps(margin, costedSales),
    uncostedSales,
    uncostedShareBps: shareBps(uncostedSales, netSales),
  };
}

/** Margins where costs are known, for the store and for each category. */
export async function margins(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
  onProgress?: Progress,
): Promise<{
  store: ReportStore;
  from: string;
  to: string;
  totals: MarginFigures;
  rows: (MarginFigures & { category: CategoryRef })[];
}> {
  const store = await reportStore(ctx, principal, input.storeId);
  const sums = await lineSums(ctx, store, input, 'p.category_id::text', onProgress);
  const categories = await categoriesById(ctx, [...sums.keys()]);
  const all = new Map<string, LineSums>();
  addRowsByKey(
    all,
    [...sums.values()].map((row) => ({ ...row, key: 'all' })),
    (row) => row.key,
    Object.keys(LINE_SUMS) as (keyof typeof LINE_SUMS)[],
  );
  const totals = all.get('all');
  const rows = [...sums.values()]
    .map((row) => ({ category: categories.get(row.key) ?? unknownCategory(row.key), ...marginFigures(row) }))
    .sort((a, b) => b.margin - a.margin || a.category.id.localeCompare(b.category.id));
  return {
    store,
    from: input.from,
    to: input.to,
    totals: totals ? marginFigures(totals) : marginFigures(emptySums),
    rows,
  };
}
