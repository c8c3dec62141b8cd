import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '@allure/db/credentials';
import type { StaffMember } from '@allure/shared/approval';
import type { Page } from '@allure/shared/pagination';
import { createPinVerifier } from '@allure/shared/pin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { hashToken, newOpaqueToken } from '../src/auth/opaque-token.js';
import type { SessionSummary } from '../src/auth/session.service.js';
import { signOrderLink } from '../src/orders/order-link.js';
import { type Call, call, dataOf, demoEmails, sessionFor, terminalToken } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { procedures } from './procedures.js';

// Object-level access (no IDOR): every procedure that takes or implies the id of an order, session,
// account, terminal or staff member only reaches the caller's own objects. A second store (ABJ1) with its
// own terminal, staff and customer sits next to the demo store (DKR1); each test shows that its scoping
// holds, and fails if the scoping were dropped. Everything created here is removed afterwards, so the
// other files sharing the database (which look up "T01") never see store B.

const storeB = {
  code: 'ABJ1',
  manager: 'manager.abj1@allure.test',
  cashier: 'cashier.abj1@allure.test',
  customer: 'client.abj1@allure.test',
  /** Stored in mixed case on the customer row: tracking must match it case-insensitively. */
  customerEmail: 'Khadija.Diallo@Example.ci',
  cashierPin: '8642',
};

const orderNumbers = { O1: 'DKR1-W-990101', O2: 'ABJ1-W-990101', O3: 'DKR1-T01-990101' } as const;
type OrderKey = keyof typeof orderNumbers;

type Actor =
  | 'customerA'
  | 'customerB'
  | 'cashierA'
  | 'managerA'
  | 'managerB'
  | 'admin'
  | 'terminalA'
  | 'terminalB';

interface OrderRead {
  id: string;
  number: string;
  lines: { sku: string }[];
}
interface TerminalRead {
  id: string;
  storeId: string;
  code: string;
  status: string;
}
interface Account {
  id: string;
  email: string;
  name: string;
  customer: { id: string; phone: string | null } | null;
}

describe('object-level access: no caller reaches another store, customer or account (IDOR)', () => {
  let app: App;
  const orders = {} as Record<OrderKey, { id: string; number: string }>;
  const tokens = {} as Record<Actor, string>;
  let storeAId: string;
  let storeBId: string;
  let terminalAId: string;
  let terminalBId: string;
  let terminalBCredentialHash: string;
  let customerAUserId: string;
  let customerARow: { id: string; name: string; phone: string | null };
  let customerAName: string;
  const usersB = {} as Record<'manager' | 'cashier' | 'customer', string>;
  let customerBRowId: string;
  let locationBId: string;
  const extraTerminalIds: string[] = [];

  beforeAll(async () => {
    app = await buildTestApp();
    const prisma = app.db.prisma;

    const storeA = await prisma.store.findUniqueOrThrow({ where: { code: 'DKR1' }, select: { id: true } });
    storeAId = storeA.id;
    const terminalA = await prisma.terminal.findUniqueOrThrow({
      where: { storeId_code: { storeId: storeAId, code: 'T01' } },
      select: { id: true },
    });
    terminalAId = terminalA.id;
    const customerAUser = await prisma.user.findUniqueOrThrow({
      where: { email: demoEmails.customer },
      select: { id: true, name: true, customer: { select: { id: true, name: true, phone: true } } },
    });
    if (!customerAUser.customer) throw new Error('the demo customer has no customer row');
    customerAUserId = customerAUser.id;
    customerAName = customerAUser.name;
    customerARow = customerAUser.customer;
    const cashierA = await prisma.user.findUniqueOrThrow({
      where: { email: demoEmails.cashier },
      select: { id: true },
    });

    // Store B, its stock location, its own terminal T01 (enrolled), staff with PINs and a shop customer.
    const storeBRow = await prisma.store.create({
      data: {
        code: storeB.code,
        name: 'Allure Abidjan Plateau',
        currency: 'XOF',
        timezone: 'Africa/Abidjan',
        city: 'Abidjan',
        country: 'CI',
      },
      select: { id: true },
    });
    storeBId = storeBRow.id;
    locationBId = (
      await prisma.stockLocation.create({
        data: { storeId: storeBId, code: 'ABJ1-STORE', name: 'Boutique Abidjan Plateau', kind: 'store' },
        select: { id: true },
      })
    ).id;
    terminalBCredentialHash = hashToken(newOpaqueToken());
    terminalBId = (
      await prisma.terminal.create({
        data: {
          storeId: storeBId,
          code: 'T01',
          name: 'Caisse 1',
          credentialHash: terminalBCredentialHash,
          enrolledAt: new Date(),
        },
        select: { id: true },
      })
    ).id;
    const passwordHash = await hashPassword(randomUUID());
    const [managerB, cashierB, customerB] = await Promise.all([
      prisma.user.create({
        data: {
          email: storeB.manager,
          name: 'Yao Kouassi',
          role: 'manager',
          passwordHash,
          pinVerifier: await createPinVerifier('1357'),
          storeId: storeBId,
        },
        select: { id: true },
      }),
      prisma.user.create({
        data: {
          email: storeB.cashier,
          name: 'Aya Koné',
          role: 'cashier',
          passwordHash,
          pinVerifier: await createPinVerifier(storeB.cashierPin),
          storeId: storeBId,
          discountLimitBps: 1000,
        },
        select: { id: true },
      }),
      prisma.user.create({
        data: { email: storeB.customer, name: 'Khadija Diallo', role: 'customer', passwordHash },
        select: { id: true },
      }),
    ]);
    usersB.manager = managerB.id;
    usersB.cashier = cashierB.id;
    usersB.customer = customerB.id;
    customerBRowId = (
      await prisma.customer.create({
        data: {
          name: 'Khadija Diallo',
          email: storeB.customerEmail,
          phone: '+2250700000001',
          storeId: storeBId,
          userId: customerB.id,
        },
        select: { id: true },
      })
    ).id;

    // One order each: O1 the demo customer's web order (A), O2 store B's customer's (B), O3 a walk-in sale
    // on terminal T01 of A, with no customer.
    const variant = await prisma.variant.findFirstOrThrow({
      where: { active: true },
      select: {
        id: true,
        sku: true,
        size: true,
        colour: true,
        price: true,
        product: { select: { name: true, vatRate: true } },
      },
      orderBy: { sku: 'asc' },
    });
    const vatRate = variant.product.vatRate;
    const tax = Math.round((variant.price * vatRate) / (10_000 + vatRate));
    const createOrder = (
      key: OrderKey,
      order: {
        channel: 'pos' | 'web';
        storeId: string;
        terminalId?: string;
        customerId?: string;
        cashierId?: string;
      },
    ) =>
      prisma.order.create({
        data: {
          number: orderNumbers[key],
          channel: order.channel,
          status: 'paid',
          paymentStatus: 'paid',
          storeId: order.storeId,
          terminalId: order.terminalId ?? null,
          customerId: order.customerId ?? null,
          cashierId: order.cashierId ?? null,
          currency: 'XOF',
          subtotal: variant.price,
          taxTotal: tax,
          total: variant.price,
          pricesIncludeTax: true,
          placedAt: new Date(),
          lines: {
            create: {
              position: 1,
              variantId: variant.id,
              productName: variant.product.name,
              variantLabel: `${variant.size} / ${variant.colour}`,
              sku: variant.sku,
              quantity: 1,
              unitPrice: variant.price,
              vatRate,
              tax,
              total: variant.price,
            },
          },
        },
        select: { id: true, number: true },
      });
    orders.O1 = await createOrder('O1', { channel: 'web', storeId: storeAId, customerId: customerARow.id });
    orders.O2 = await createOrder('O2', { channel: 'web', storeId: storeBId, customerId: customerBRowId });
    orders.O3 = await createOrder('O3', {
      channel: 'pos',
      storeId: storeAId,
      terminalId: terminalAId,
      cashierId: cashierA.id,
    });

    const accessToken = async (email: string) => (await sessionFor(app, email)).accessToken;
    tokens.customerA = await accessToken(demoEmails.customer);
    tokens.customerB = await accessToken(storeB.customer);
    tokens.cashierA = await accessToken(demoEmails.cashier);
    tokens.managerA = await accessToken(demoEmails.manager);
    tokens.managerB = await accessToken(storeB.manager);
    tokens.admin = await accessToken(demoEmails.admin);
    tokens.terminalA = await terminalToken(app, terminalAId);
    tokens.terminalB = await terminalToken(app, terminalBId);
  });

  afterAll(async () => {
    if (!app) return;
    const prisma = app.db.prisma;
    try {
      await prisma.order.deleteMany({ where: { number: { in: Object.values(orderNumbers) } } });
      await prisma.user.update({ where: { id: customerAUserId }, data: { name: customerAName } });
      await prisma.customer.update({
        where: { id: customerARow.id },
        data: { name: customerARow.name, phone: customerARow.phone },
      });
      await prisma.terminal.deleteMany({ where: { id: { in: extraTerminalIds } } });
      if (storeBId) {
        await prisma.customer.deleteMany({ where: { storeId: storeBId } });
        await prisma.user.deleteMany({
          where: { email: { in: [storeB.manager, storeB.cashier, storeB.customer] } },
        });
        await prisma.terminal.deleteMany({ where: { storeId: storeBId } });
        await prisma.stockLocation.deleteMany({ where: { id: locationBId } });
        await prisma.store.delete({ where: { id: storeBId } });
      }
    } finally {
      await app.close();
    }
  });

  /** What a refusal reveals, with the key the caller sent blanked out: must be the same for every hidden order. */
  function refusal(result: Call, key: string) {
    return {
      status: result.status,
      code: result.body.error?.data.code,
      message: result.body.error?.message.replaceAll(key, '<key>'),
    };
  }

  describe('orders.get', () => {
    const readable: { actor: Actor; sees: OrderKey[] }[] = [
      { actor: 'customerA', sees: ['O1'] },
      { actor: 'customerB', sees: ['O2'] },
      { actor: 'cashierA', sees: ['O1', 'O3'] },
      { actor: 'managerA', sees: ['O1', 'O3'] },
      { actor: 'managerB', sees: ['O2'] },
      { actor: 'admin', sees: ['O1', 'O2', 'O3'] },
      { actor: 'terminalA', sees: ['O1', 'O3'] },
      { actor: 'terminalB', sees: ['O2'] },
    ];

    it.each(readable)(
      '$actor reads $sees; every other order answers exactly like an id that does not exist (404)',
      async ({ actor, sees }) => {
        const unknownId = randomUUID();
        const unknown = refusal(
          await call(app, 'orders.get', { id: unknownId }, { token: tokens[actor] }),
          unknownId,
        );
        expect(unknown).toMatchObject({ status: 404, code: 'NOT_FOUND' });

        for (const key of ['O1', 'O2', 'O3'] as const) {
          const { id, number } = orders[key];
          const result = await call(app, 'orders.get', { id }, { token: tokens[actor] });
          if (sees.includes(key)) {
            const order = dataOf<OrderRead>(result);
            expect(order).toMatchObject({ id, number });
            expect(order.lines).toHaveLength(1);
          } else {
            expect(refusal(result, id), `${actor} reading ${key}`).toEqual(unknown);
          }
        }
      },
    );
  });

  describe('orders.mine', () => {
    it("lists exactly the signed-in customer's own orders", async () => {
      const own = async (userId: string) =>
        (
          await app.db.prisma.order.findMany({
            where: { customer: { userId } },
            select: { id: true },
            orderBy: [{ placedAt: 'desc' }, { id: 'desc' }],
          })
        ).map((order) => order.id);

      const pageA = dataOf<Page<OrderRead>>(
        await call(app, 'orders.mine', { limit: 100 }, { token: tokens.customerA }),
      );
      const idsA = pageA.items.map((order) => order.id);
      expect(idsA).toEqual(await own(customerAUserId));
      expect(idsA).toContain(orders.O1.id);
      expect(idsA).not.toContain(orders.O2.id);
      expect(idsA).not.toContain(orders.O3.id);

      const pageB = dataOf<Page<OrderRead>>(
        await call(app, 'orders.mine', { limit: 100 }, { token: tokens.customerB }),
      );
      expect(pageB.items.map((order) => order.id)).toEqual([orders.O2.id]);
      expect(pageB.nextCursor).toBeNull();
    });

    it.each(['cashierA', 'managerA', 'admin', 'terminalA'] as const)(
      'is refused to %s (403): staff and tills read orders through orders.get',
      async (actor) => {
        const result = await call(app, 'orders.mine', { limit: 10 }, { token: tokens[actor] });
        expect(result.status).toBe(403);
        expect(result.body.error?.data.code).toBe('FORBIDDEN');
      },
    );
  });

  describe('orders.track (guests: number and e-mail)', () => {
    const track = (number: string, email: string) => call(app, 'orders.track', { number, email });

    it('finds the order when the e-mail matches the customer, whatever its case', async () => {
      expect(dataOf<OrderRead>(await track(orders.O1.number, demoEmails.customer)).id).toBe(orders.O1.id);
      expect(dataOf<OrderRead>(await track(orders.O1.number, 'Client@ALLURE.test')).id).toBe(orders.O1.id);
      // Stored as "Khadija.Diallo@Example.ci".
      expect(dataOf<OrderRead>(await track(orders.O2.number, storeB.customerEmail.toLowerCase())).id).toBe(
        orders.O2.id,
      );
    });

    it("answers 404 to a right number with another customer's e-mail, like an unknown number", async () => {
      const unknownNumber = 'DKR1-W-990999';
      const unknown = refusal(await track(unknownNumber, demoEmails.customer), unknownNumber);
      expect(unknown).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(refusal(await track(orders.O1.number, storeB.customerEmail), orders.O1.number)).toEqual(unknown);
      expect(refusal(await track(orders.O2.number, demoEmails.customer), orders.O2.number)).toEqual(unknown);
    });

    it('answers 404 for an order without a customer, whatever e-mail is given', async () => {
      for (const email of [demoEmails.customer, demoEmails.cashier, storeB.customerEmail]) {
        const result = await track(orders.O3.number, email);
        expect(result.status).toBe(404);
        expect(result.body.error?.data.code).toBe('NOT_FOUND');
      }
    });

    it('requires the e-mail: a number alone is a 400 naming the field', async () => {
      const result = await call(app, 'orders.track', { number: orders.O1.number });
      expect(result.status).toBe(400);
      expect(result.body.error?.data.zodError?.fieldErrors.email).toEqual([expect.any(String)]);
    });
  });

  describe('orders.trackByLink (signed links)', () => {
    const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600_000);
    const trackByLink = (token: string) => call(app, 'orders.trackByLink', { token });

    it('opens the one order the link was signed for', async () => {
      const link = signOrderLink(app.auth.keys.orderLink, orders.O1.id, inAWeek());
      expect(dataOf<OrderRead>(await trackByLink(link))).toMatchObject({
        id: orders.O1.id,
        number: orders.O1.number,
      });
    });

    it.each([
      [
        'its order id swapped for another (MAC kept)',
        (link: string) => link.replace(orders.O1.id, orders.O2.id),
      ],
      [
        'it has expired',
        () => signOrderLink(app.auth.keys.orderLink, orders.O1.id, new Date(Date.now() - 1000)),
      ],
      [
        'it was signed with another key',
        () => signOrderLink(new Uint8Array(randomBytes(32)), orders.O2.id, inAWeek()),
      ],
    ])('refuses a link (400) when %s', async (_case, tamper) => {
      const link = signOrderLink(app.auth.keys.orderLink, orders.O1.id, inAWeek());
      const forged = tamper(link);
      expect(forged).not.toBe(link);
      const answer = await trackByLink(forged);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toBe('this tracking link is invalid or has expired');
      expect(answer.body.result).toBeUndefined();
    });
  });

  describe('auth.sessions', () => {
    it("revoking another user's session id signs out nothing, and their token keeps working", async () => {
      const victim = await sessionFor(app, demoEmails.customer);
      for (const attacker of ['customerB', 'managerA', 'admin'] as const) {
        const result = await call(
          app,
          'auth.sessions.revoke',
          { sessionId: victim.sessionId },
          { token: tokens[attacker], type: 'mutation' },
        );
        expect(dataOf<{ signedOut: number }>(result), attacker).toEqual({ signedOut: 0 });
      }
      const me = await call(app, 'auth.me', undefined, { token: victim.accessToken });
      expect(dataOf<Account>(me).id).toBe(customerAUserId);
      const rows = await app.db.prisma.session.findMany({
        where: { familyId: victim.sessionId },
        select: { revokedAt: true },
      });
      expect(rows).toEqual([{ revokedAt: null }]);
    });

    it('revoking one of your own sessions signs it out at once (its token is refused with 401)', async () => {
      const own = await sessionFor(app, demoEmails.customer);
      const other = await sessionFor(app, demoEmails.customer);
      const result = await call(
        app,
        'auth.sessions.revoke',
        { sessionId: own.sessionId },
        { token: other.accessToken, type: 'mutation' },
      );
      expect(dataOf<{ signedOut: number }>(result)).toEqual({ signedOut: 1 });
      const refused = await call(app, 'auth.me', undefined, { token: own.accessToken });
      expect(refused.status).toBe(401);
      expect(refused.body.error?.data.code).toBe('UNAUTHORIZED');
      expect(dataOf<Account>(await call(app, 'auth.me', undefined, { token: other.accessToken })).id).toBe(
        customerAUserId,
      );
    });

    it("lists only the caller's own sessions", async () => {
      const first = await sessionFor(app, demoEmails.customer);
      const second = await sessionFor(app, demoEmails.customer);
      const someoneElse = await sessionFor(app, storeB.customer);
      const listed = dataOf<SessionSummary[]>(
        await call(app, 'auth.sessions.list', undefined, { token: first.accessToken }),
      );
      const ids = listed.map((session) => session.id);
      expect(ids).toEqual(expect.arrayContaining([first.sessionId, second.sessionId]));
      expect(ids).not.toContain(someoneElse.sessionId);
      const owners = await app.db.prisma.session.findMany({
        where: { familyId: { in: ids } },
        select: { userId: true },
        distinct: ['userId'],
      });
      expect(owners).toEqual([{ userId: customerAUserId }]);
      expect(listed.filter((session) => session.current).map((session) => session.id)).toEqual([
        first.sessionId,
      ]);

      const listedB = dataOf<SessionSummary[]>(
        await call(app, 'auth.sessions.list', undefined, { token: someoneElse.accessToken }),
      );
      expect(listedB.map((session) => session.id)).not.toContain(first.sessionId);
    });
  });

  describe('auth.me and auth.updateProfile: only ever the caller', () => {
    it("no procedure takes a user or customer id, except a PIN sign-in and managers' order filters (both scoped to a store)", () => {
      const named = procedures.flatMap((procedure) =>
        procedure.fields
          .filter((key) => /user|customer|account/i.test(key))
          .map((key) => `${procedure.path}.${key}`),
      );
      expect(procedures.map((procedure) => procedure.path)).toContain('auth.updateProfile');
      expect(named.sort()).toEqual([
        'auth.pinLogin.userId',
        'orders.admin.count.customerId',
        'orders.admin.list.customerId',
      ]);
    });

    it('auth.me answers with the account of the token, for each caller', async () => {
      const meA = dataOf<Account>(await call(app, 'auth.me', undefined, { token: tokens.customerA }));
      expect(meA).toMatchObject({ id: customerAUserId, email: demoEmails.customer });
      expect(meA.customer?.id).toBe(customerARow.id);
      const meB = dataOf<Account>(await call(app, 'auth.me', undefined, { token: tokens.customerB }));
      expect(meB).toMatchObject({ id: usersB.customer, email: storeB.customer });
      expect(meB.customer?.id).toBe(customerBRowId);
    });

    it("updateProfile changes the caller's account and customer row, and nothing of anyone else", async () => {
      const prisma = app.db.prisma;
      const everyoneElse = async () => ({
        users: await prisma.user.findMany({
          where: { id: { not: customerAUserId } },
          select: { id: true, email: true, name: true, updatedAt: true },
          orderBy: { id: 'asc' },
        }),
        customers: await prisma.customer.findMany({
          where: { id: { not: customerARow.id } },
          select: { id: true, name: true, phone: true, updatedAt: true },
          orderBy: { id: 'asc' },
        }),
      });
      const before = await everyoneElse();
      const result = await call(
        app,
        'auth.updateProfile',
        { name: 'Aminata Sow-Diallo', phone: '+221770000901' },
        { token: tokens.customerA, type: 'mutation' },
      );
      expect(dataOf<Account>(result)).toMatchObject({ id: customerAUserId, name: 'Aminata Sow-Diallo' });
      const customerA = await prisma.customer.findUniqueOrThrow({
        where: { id: customerARow.id },
        select: { name: true, phone: true },
      });
      expect(customerA).toEqual({ name: 'Aminata Sow-Diallo', phone: '+221770000901' });
      expect(await everyoneElse()).toEqual(before);
      const customerB = await prisma.customer.findUniqueOrThrow({
        where: { id: customerBRowId },
        select: { name: true, phone: true },
      });
      expect(customerB).toEqual({ name: 'Khadija Diallo', phone: '+2250700000001' });
    });
  });

  describe('terminals', () => {
    async function terminalBRow() {
      return app.db.prisma.terminal.findUniqueOrThrow({
        where: { id: terminalBId },
        select: { status: true, credentialHash: true, enrollmentCodeHash: true, revokedAt: true },
      });
    }
    const untouched = () => ({
      status: 'active',
      credentialHash: terminalBCredentialHash,
      enrollmentCodeHash: null,
      revokedAt: null,
    });

    it("a manager cannot issue an enrollment code for, or revoke, another store's terminal (404, row untouched)", async () => {
      const cashierOnB = await sessionFor(app, storeB.cashier, terminalBId);
      for (const path of ['terminals.issueEnrollmentCode', 'terminals.revoke']) {
        const result = await call(
          app,
          path,
          { id: terminalBId },
          { token: tokens.managerA, type: 'mutation' },
        );
        expect(refusal(result, terminalBId), path).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      }
      expect(await terminalBRow()).toEqual(untouched());
      const session = await app.db.prisma.session.findFirstOrThrow({
        where: { familyId: cashierOnB.sessionId },
        select: { revokedAt: true },
      });
      expect(session.revokedAt).toBeNull();
      expect((await call(app, 'auth.me', undefined, { token: cashierOnB.accessToken })).status).toBe(200);
      expect((await call(app, 'terminals.staff', undefined, { token: tokens.terminalB })).status).toBe(200);

      // The store's own manager may: the refusal above is scoping, not a broken procedure.
      const issued = await call(
        app,
        'terminals.issueEnrollmentCode',
        { id: terminalBId },
        { token: tokens.managerB, type: 'mutation' },
      );
      expect(dataOf<{ code: string }>(issued).code).toEqual(expect.any(String));
      await app.db.prisma.terminal.update({
        where: { id: terminalBId },
        data: { enrollmentCodeHash: null, enrollmentExpiresAt: null },
      });
    });

    it("terminals.list shows a manager only their store's terminals; an admin sees both stores", async () => {
      const listedA = dataOf<TerminalRead[]>(
        await call(app, 'terminals.list', undefined, { token: tokens.managerA }),
      );
      expect(listedA.map((terminal) => terminal.id)).toContain(terminalAId);
      expect(listedA.every((terminal) => terminal.storeId === storeAId)).toBe(true);
      const listedB = dataOf<TerminalRead[]>(
        await call(app, 'terminals.list', undefined, { token: tokens.managerB }),
      );
      expect(listedB.map((terminal) => terminal.id)).toEqual([terminalBId]);
      const all = dataOf<TerminalRead[]>(
        await call(app, 'terminals.list', undefined, { token: tokens.admin }),
      );
      expect(all.map((terminal) => terminal.id)).toEqual(expect.arrayContaining([terminalAId, terminalBId]));
    });

    it("terminals.create by a manager lands in the manager's own store, whatever storeId is sent", async () => {
      const result = await call(
        app,
        'terminals.create',
        { storeId: storeBId, code: 'T90', name: 'Caisse test IDOR' },
        { token: tokens.managerA, type: 'mutation' },
      );
      const created = dataOf<TerminalRead>(result);
      extraTerminalIds.push(created.id);
      expect(created).toMatchObject({ code: 'T90', storeId: storeAId });
      expect(await app.db.prisma.terminal.count({ where: { storeId: storeBId } })).toBe(1);
    });

    it("terminals.staff gives a till only its own store's staff, with PIN verifiers but never a PIN or password hash", async () => {
      const staffA = dataOf<StaffMember[]>(
        await call(app, 'terminals.staff', undefined, { token: tokens.terminalA }),
      );
      const expectedA = await app.db.prisma.user.findMany({
        where: { storeId: storeAId, role: { in: ['cashier', 'manager'] } },
        select: { id: true },
      });
      expect(staffA.map((member) => member.id).sort()).toEqual(expectedA.map((user) => user.id).sort());
      expect(staffA.map((member) => member.id)).not.toContain(usersB.cashier);
      expect(staffA.map((member) => member.id)).not.toContain(usersB.manager);

      const staffB = dataOf<StaffMember[]>(
        await call(app, 'terminals.staff', undefined, { token: tokens.terminalB }),
      );
      expect(staffB.map((member) => member.id).sort()).toEqual([usersB.manager, usersB.cashier].sort());

      for (const member of [...staffA, ...staffB]) {
        expect(member.pinVerifier).toMatch(/^pbkdf2-sha256\$/);
        expect(Object.keys(member)).not.toContain('pin');
        expect(Object.keys(member)).not.toContain('passwordHash');
        expect(JSON.stringify(member)).not.toContain('$argon2');
      }
    });

    it("a till refuses (401) the right PIN of another store's cashier, and starts no session", async () => {
      const attempt = await call(
        app,
        'auth.pinLogin',
        { userId: usersB.cashier, pin: storeB.cashierPin },
        { token: tokens.terminalA, type: 'mutation' },
      );
      expect(attempt.status).toBe(401);
      expect(attempt.body.error?.data.code).toBe('UNAUTHORIZED');
      expect(
        await app.db.prisma.session.count({ where: { userId: usersB.cashier, terminalId: terminalAId } }),
      ).toBe(0);

      // The same PIN on the cashier's own store's till signs in: the refusal above is the store scope.
      const own = await call(
        app,
        'auth.pinLogin',
        { userId: usersB.cashier, pin: storeB.cashierPin },
        { token: tokens.terminalB, type: 'mutation' },
      );
      expect(dataOf<{ user: { id: string; storeId: string } }>(own).user).toMatchObject({
        id: usersB.cashier,
        storeId: storeBId,
      });
    });
  });

  describe('role checks in front of the object checks', () => {
    it('a customer may not call staff procedures (403)', async () => {
      const result = await call(app, 'terminals.list', undefined, { token: tokens.customerA });
      expect(result.status).toBe(403);
      expect(result.body.error?.data.code).toBe('FORBIDDEN');
    });

    it("a cashier may not revoke a terminal, even their own store's (403, row untouched)", async () => {
      const cashierB = (await sessionFor(app, storeB.cashier)).accessToken;
      const result = await call(
        app,
        'terminals.revoke',
        { id: terminalBId },
        { token: cashierB, type: 'mutation' },
      );
      expect(result.status).toBe(403);
      expect(result.body.error?.data.code).toBe('FORBIDDEN');
      const row = await app.db.prisma.terminal.findUniqueOrThrow({
        where: { id: terminalBId },
        select: { status: true, credentialHash: true },
      });
      expect(row).toEqual({ status: 'active', credentialHash: terminalBCredentialHash });
    });
  });
});
