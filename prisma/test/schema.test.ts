import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../src/client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

// The generated client running against the hand-written migration: if a column, type or enum did not
// match what the client expects, these queries would fail.

describe('Prisma client on the migrated database', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('schema');
    db = createDatabase({ url: testDb.url, poolMax: 4, acquireTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  async function createStoreWithCatalog(code: string) {
    const { prisma } = db;
    const store = await prisma.store.create({
      data: { code, name: `Store ${code}`, currency: 'XOF', timezone: 'Africa/Dakar' },
    });
    const location = await prisma.stockLocation.create({
      data: { storeId: store.id, code: `${code}-STORE`, name: 'Floor', kind: 'store' },
    });
    const terminal = await prisma.terminal.create({
      data: { storeId: store.id, code: 'T01', name: 'Caisse 1' },
    });
    const cashier = await prisma.user.create({
      data: {
        email: `cashier.${code.toLowerCase()}@allure.test`,
        name: 'Fatou',
        role: 'cashier',
        passwordHash: 'x',
        storeId: store.id,
      },
    });
    const category = await prisma.category.create({ data: { slug: `robes-${code}`, name: 'Robes' } });
    const product = await prisma.product.create({
      data: {
        slug: `robe-${code}`,
        name: 'Robe portefeuille',
        categoryId: category.id,
        vatRate: 1800,
        status: 'active',
        variants: {
          create: [
            {
              sku: `${code}-M`,
              barcode: `${code}M`,
              size: 'M',
              colour: 'Indigo',
              price: 25_000,
              currency: 'XOF',
            },
            { sku: `${code}-L`, size: 'L', colour: 'Indigo', price: 25_000, currency: 'XOF', position: 1 },
          ],
        },
      },
      include: { variants: { orderBy: { position: 'asc' } } },
    });
    return { store, location, terminal, cashier, category, product };
  }

  it('creates, reads, updates and deletes catalog and order rows, enums included', async () => {
    const { prisma } = db;
    const { store, terminal, cashier, product } = await createStoreWithCatalog('CRUD');
    const [variant] = product.variants;
    if (!variant) throw new Error('no variant');
    expect(store).toMatchObject({ pricesIncludeTax: true, locale: 'fr' });
    expect(product.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(terminal).toMatchObject({ status: 'active', lastOrderSeq: 0 });

    const shift = await prisma.shift.create({
      data: { storeId: store.id, terminalId: terminal.id, openedById: cashier.id, openingFloat: 50_000 },
    });
    const customer = await prisma.customer.create({
      data: { name: 'Aminata', phone: '+221 77 000 00 00', storeId: store.id },
    });
    const order = await prisma.order.create({
      data: {
        number: 'DKR1-T01-000001',
        channel: 'pos',
        storeId: store.id,
        terminalId: terminal.id,
        customerId: customer.id,
        cashierId: cashier.id,
        shiftId: shift.id,
        currency: 'XOF',
        subtotal: 50_000,
        taxTotal: 7_627,
        total: 50_000,
        pricesIncludeTax: true,
        placedAt: new Date('2026-01-05T10:00:00Z'),
        lines: {
          create: {
            position: 0,
            variantId: variant.id,
            productName: product.name,
            variantLabel: 'M / Indigo',
            sku: variant.sku,
            quantity: 2,
            unitPrice: 25_000,
            vatRate: 1800,
            tax: 7_627,
            total: 50_000,
          },
        },
        payments: {
          create: { method: 'mobile_money', status: 'paid', amount: 50_000, providerRef: 'wave-123' },
        },
        statusHistory: { create: { toStatus: 'pending', actorId: cashier.id } },
      },
      include: { lines: true, payments: true },
    });
    expect(order).toMatchObject({ status: 'pending', paymentStatus: 'pending', discountTotal: 0 });
    expect(order.payments[0]).toMatchObject({ method: 'mobile_money', status: 'paid' });

    const paid = await prisma.order.update({
      where: { id: order.id },
      data: {
        status: 'paid',
        paymentStatus: 'paid',
        statusHistory: { create: { fromStatus: 'pending', toStatus: 'paid', actorId: cashier.id } },
      },
    });
    expect(paid.updatedAt.getTime()).toBeGreaterThanOrEqual(order.updatedAt.getTime());
    const found = await prisma.order.findMany({
      where: { status: 'paid', paymentStatus: 'paid', storeId: store.id },
      select: { number: true, statusHistory: { select: { toStatus: true }, orderBy: { createdAt: 'asc' } } },
    });
    expect(found).toEqual([
      { number: 'DKR1-T01-000001', statusHistory: [{ toStatus: 'pending' }, { toStatus: 'paid' }] },
    ]);

    const refund = await prisma.refund.create({
      data: {
        orderId: order.id,
        amount: 25_000,
        method: 'cash',
        restock: true,
        createdById: cashier.id,
        lines: { create: { orderLineId: order.lines[0]?.id ?? '', quantity: 1, amount: 25_000 } },
      },
      include: { lines: true },
    });
    expect(refund.lines).toHaveLength(1);

    // Orders are never cascade-deleted: a sold variant cannot go, a forgotten customer leaves the order.
    await expect(prisma.variant.delete({ where: { id: variant.id } })).rejects.toThrow(
      /order_line_variant_id_fkey/,
    );
    await prisma.customer.delete({ where: { id: customer.id } });
    expect(await prisma.order.findUnique({ where: { id: order.id }, select: { customerId: true } })).toEqual({
      customerId: null,
    });
    // A draft product without sales takes its variants with it.
    const draft = await prisma.product.create({
      data: {
        slug: 'draft-crud',
        name: 'Brouillon',
        categoryId: product.categoryId,
        vatRate: 1800,
        variants: { create: { sku: 'DRAFT-1', size: 'TU', colour: 'Noir', price: 5_000, currency: 'XOF' } },
      },
    });
    expect(draft.status).toBe('draft');
    await prisma.product.delete({ where: { id: draft.id } });
    expect(await prisma.variant.count({ where: { productId: draft.id } })).toBe(0);
  });

  it('stores infrastructure rows: change feed (bigint seq, xid8 txid), JSON, uuid arrays', async () => {
    const { prisma, pool } = db;
    const first = await prisma.changeLog.create({
      data: { collection: 'products', documentId: '0190f0e0-0000-7000-8000-000000000001' },
    });
    const second = await prisma.changeLog.create({
      data: { collection: 'products', documentId: '0190f0e0-0000-7000-8000-000000000002', deleted: true },
    });
    expect(typeof first.seq).toBe('bigint');
    expect(second.seq).toBeGreaterThan(first.seq);
    const txids = await pool.query<{ txid: string }>(
      'SELECT txid::text AS txid FROM change_log WHERE seq = ANY($1) ORDER BY seq',
      [[first.seq, second.seq]],
    );
    expect(txids.rows.map((row) => BigInt(row.txid))).toEqual([expect.any(BigInt), expect.any(BigInt)]);

    const key = await prisma.idempotencyKey.create({
      data: {
        scope: 'orders.create',
        key: 'abc',
        requestHash: 'f'.repeat(64),
        responseStatus: 201,
        responseBody: { id: 'x', lines: [1, 2] },
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    expect(key.responseBody).toEqual({ id: 'x', lines: [1, 2] });
    await expect(
      prisma.idempotencyKey.create({
        data: { scope: 'orders.create', key: 'abc', requestHash: '0'.repeat(64), expiresAt: new Date() },
      }),
    ).rejects.toThrow();

    const job = await prisma.outboxMessage.create({
      data: { topic: 'image.process', payload: { imageId: 'i1' } },
    });
    expect(job).toMatchObject({ status: 'pending', attempts: 0, processedAt: null });

    const { product, location } = await createStoreWithCatalog('INFRA');
    const variantId = product.variants[0]?.id ?? '';
    const alert = await prisma.oversellAlert.create({
      data: {
        variantId,
        locationId: location.id,
        quantityShort: 2,
        orderIds: [first.documentId, second.documentId],
      },
    });
    expect(alert.orderIds).toEqual([first.documentId, second.documentId]);
  });

  it('keeps the stock ledger append-only', async () => {
    const { prisma, pool } = db;
    const { product, location } = await createStoreWithCatalog('LEDGER');
    const variantId = product.variants[0]?.id ?? '';
    const movement = await prisma.stockMovement.create({
      data: { variantId, locationId: location.id, quantity: 5, kind: 'receipt', reason: 'Stock initial' },
    });

    await expect(
      prisma.stockMovement.update({ where: { id: movement.id }, data: { quantity: 6 } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.stockMovement.delete({ where: { id: movement.id } })).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM stock_movement')).rejects.toThrow(/append-only: DELETE/);
    expect(await prisma.stockMovement.count()).toBe(1);
  });

  it('enforces the constraints written by hand in the migration', async () => {
    const { prisma } = db;
    const { store, terminal, cashier } = await createStoreWithCatalog('CHECKS');

    await expect(
      prisma.user.create({
        data: { email: 'Mixed@Allure.test', name: 'X', role: 'admin', passwordHash: 'x' },
      }),
    ).rejects.toThrow(/user_email_lowercase_check/);
    await expect(prisma.store.update({ where: { id: store.id }, data: { locale: 'de' } })).rejects.toThrow(
      /store_locale_check/,
    );

    const shift = { storeId: store.id, terminalId: terminal.id, openedById: cashier.id, openingFloat: 0 };
    const open = await prisma.shift.create({ data: shift });
    await expect(prisma.shift.create({ data: shift })).rejects.toThrow(/shift_terminal_id_open_key/);
    await prisma.shift.update({ where: { id: open.id }, data: { status: 'closed', closedAt: new Date() } });
    await expect(prisma.shift.create({ data: shift })).resolves.toMatchObject({ status: 'open' });
  });
});
