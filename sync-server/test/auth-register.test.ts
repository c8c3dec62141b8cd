import { randomUUID } from 'node:crypto';
import type { RegisterInput } from '@allure/shared/auth.schema';
import type { Page } from '@allure/shared/pagination';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { ACCOUNT_CREATED_TOPIC } from '../src/auth/registration.service.js';
import { type Call, call, dataOf, demoEmails } from './auth-helper.js';
import {
  checkoutOf,
  fastPayments,
  placeCheckout,
  type WebStock,
  webStock,
  webVariants,
} from './checkout-helper.js';
import { buildTestApp } from './helper.js';

// `auth.register`: a shopper opens an account and is signed in at once, like `auth.login`. A taken address
// is one CONFLICT whatever the account; nothing proves the address is the shopper's, so guest orders placed
// with it are never linked to the new account.

interface SignedIn {
  user: { id: string; name: string; role: string; storeId: string | null };
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string;
}
interface Account {
  id: string;
  email: string;
  name: string;
  role: string;
  storeId: string | null;
  customer: { id: string; phone: string | null } | null;
}

const password = 'a long enough passphrase';
const EMAIL_TAKEN = 'an account already uses this e-mail: sign in, or reset its password';

describe('auth.register', () => {
  let app: App;
  let web: WebStock;
  let addresses = 0;

  beforeAll(async () => {
    app = await buildTestApp(fastPayments);
    web = await webStock(app);
  });
  afterAll(() => app?.close());

  const newEmail = () => `shopper.${randomUUID().slice(0, 8)}@example.sn`;
  /** A client address of its own per call unless told: the sign-up quota is per address. */
  const nextAddress = () => {
    addresses += 1;
    return `10.77.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
  };
  const register = (input: Partial<RegisterInput> & Record<string, unknown>, from = nextAddress()) =>
    call(
      app,
      'auth.register',
      { email: newEmail(), password, name: 'Awa Diop', transport: 'body', ...input },
      { type: 'mutation', remoteAddress: from },
    );
  const account = async (token: string) => dataOf<Account>(await call(app, 'auth.me', undefined, { token }));

  it('opens a customer account and signs it in at once, the refresh token in the cookie', async () => {
    const email = newEmail();
    const answer = await register({ email: email.toUpperCase(), transport: 'cookie' });
    const signedIn = dataOf<SignedIn>(answer);
    expect(signedIn.user).toEqual({
      id: expect.any(String),
      name: 'Awa Diop',
      role: 'customer',
      storeId: null,
    });
    expect(signedIn.refreshToken).toBeNull();
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toMatch(/^allure_refresh=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    // The access token works, the account is the shopper's own, with its customer record.
    expect(await account(signedIn.accessToken)).toEqual({
      id: signedIn.user.id,
      email,
      name: 'Awa Diop',
      role: 'customer',
      storeId: null,
      customer: { id: expect.any(String), phone: null },
    });
    // The refresh cookie works, and so does the password from now on.
    const token = /^allure_refresh=([\w-]{43});/.exec(cookie)?.[1] ?? '';
    const refreshed = await call(
      app,
      'auth.refresh',
      {},
      { type: 'mutation', headers: { cookie: `allure_refresh=${token}` } },
    );
    expect(dataOf<SignedIn>(refreshed).sessionId).toBe(signedIn.sessionId);
    const login = await call(app, 'auth.login', { email, password }, { type: 'mutation' });
    expect(dataOf<SignedIn>(login).user.id).toBe(signedIn.user.id);
  });

  it('answers exactly like auth.login, refresh token in the body when asked', async () => {
    const email = newEmail();
    const registered = dataOf<SignedIn>(await register({ email }));
    const login = dataOf<SignedIn>(await call(app, 'auth.login', { email, password }, { type: 'mutation' }));
    expect(Object.keys(registered).sort()).toEqual(Object.keys(login).sort());
    expect(registered.user).toEqual(login.user);
    expect(registered.refreshToken).toMatch(/^[\w-]{43}$/);
  });

  it('makes a customer whatever else is sent: no role, no store to ask for', async () => {
    const email = newEmail();
    const signedIn = dataOf<SignedIn>(
      await register({ email, role: 'admin', storeId: web.storeId, discountLimitBps: 10_000 }),
    );
    expect(signedIn.user).toMatchObject({ role: 'customer', storeId: null });
    const row = await app.db.prisma.user.findUniqueOrThrow({
      where: { email },
      select: { role: true, storeId: true, discountLimitBps: true, passwordHash: true },
    });
    expect(row).toMatchObject({ role: 'customer', storeId: null, discountLimitBps: 0 });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a taken e-mail with one CONFLICT for every kind of account, and creates nothing', async () => {
    const disabled = newEmail();
    await app.db.prisma.user.create({
      data: { email: disabled, name: 'Off', role: 'customer', passwordHash: 'x', active: false },
    });
    const counts = async () => ({
      users: await app.db.prisma.user.count(),
      customers: await app.db.prisma.customer.count(),
      sessions: await app.db.prisma.session.count(),
    });
    const before = await counts();
    for (const email of [demoEmails.customer, 'Cashier@Allure.test', demoEmails.admin, disabled]) {
      const refused = await register({ email, transport: 'cookie' });
      expect(refused.status, email).toBe(409);
      expect(refused.body.error?.data.code).toBe('CONFLICT');
      expect(refused.body.error?.message).toBe(EMAIL_TAKEN);
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    expect(await counts()).toEqual(before);
  });

  it('makes one account of sign-ups racing for one address', async () => {
    const email = newEmail();
    const answers = await Promise.all([register({ email }), register({ email }), register({ email })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    expect(await app.db.prisma.user.count({ where: { email } })).toBe(1);
    expect(await app.db.prisma.customer.count({ where: { email } })).toBe(1);
  });

  it('takes new passwords by the rules of a reset: 12 to 128 characters', async () => {
    for (const [secret, status] of [
      ['x'.repeat(11), 400],
      ['x'.repeat(129), 400],
      ['x'.repeat(12), 200],
    ] as const) {
      const answer = await register({ password: secret });
      expect(answer.status, `${secret.length} characters`).toBe(status);
      if (status === 400) {
        expect(Object.keys(answer.body.error?.data.zodError?.fieldErrors ?? {})).toEqual(['password']);
      }
    }
  });

  it('tells the address an account was opened, in the shopper’s language, with nothing the registrant typed', async () => {
    const email = newEmail();
    await register({ email, name: 'Click https://evil.example to win', locale: 'en' });
    const message = await app.db.prisma.outboxMessage.findFirstOrThrow({
      where: { topic: ACCOUNT_CREATED_TOPIC, payload: { path: ['to'], equals: email } },
      select: { payload: true },
    });
    expect(message.payload).toEqual({ to: email, locale: 'en' });
  });

  it("leaves a guest's orders with the same e-mail out of the account; the account's orders are its own", async () => {
    const email = newEmail();
    const [variantId] = await webVariants(app, web, 1);
    if (!variantId) throw new Error('no variant');
    const cash = { method: 'cash' } as const;
    // Someone ordered as a guest with this address (maybe its owner, maybe not the one registering now).
    const guestInput = checkoutOf(web, [{ variantId, quantity: 1 }], cash);
    guestInput.contact = { ...guestInput.contact, email };
    const guest = await placeCheckout(app, guestInput);
    if (guest.outcome !== 'accepted') throw new Error(`guest checkout: ${guest.outcome}`);
    const guestRow = await app.db.prisma.customer.findFirstOrThrow({
      where: { orders: { some: { id: guest.order.id } } },
      select: { id: true, userId: true },
    });
    expect(guestRow.userId).toBeNull();

    const signedIn = dataOf<SignedIn>(await register({ email }));
    const mine = async () =>
      dataOf<Page<{ id: string }>>(
        await call(app, 'orders.mine', { limit: 100 }, { token: signedIn.accessToken }),
      ).items.map((order) => order.id);
    expect(await mine()).toEqual([]);
    expect(
      (
        await app.db.prisma.customer.findUniqueOrThrow({
          where: { id: guestRow.id },
          select: { userId: true },
        })
      ).userId,
    ).toBeNull();
    // The guest order is not the account's to open either.
    const opened = await call(app, 'orders.get', { id: guest.order.id }, { token: signedIn.accessToken });
    expect(opened.status).toBe(404);

    // Signed in, with the same contact e-mail: the order goes to the account's own record, not the guest's.
    const ownInput = checkoutOf(web, [{ variantId, quantity: 1 }], cash);
    ownInput.contact = { ...ownInput.contact, email };
    const own = dataOf<{ outcome: string; order: { id: string } }>(
      await call(app, 'checkout.place', ownInput, { type: 'mutation', token: signedIn.accessToken }),
    );
    expect(own.outcome).toBe('accepted');
    expect(await mine()).toEqual([own.order.id]);
  });

  it('limits sign-ups per client address (10 an hour), taken addresses included; others go on', async () => {
    const from = '10.99.0.1';
    const answers: Call[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      answers.push(await register({ email: attempt % 2 ? demoEmails.customer : newEmail() }, from));
    }
    expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual([
      200, 409, 200, 409, 200, 409, 200, 409, 200, 409,
    ]);
    const refused = answers[10];
    expect(refused?.status).toBe(429);
    expect(refused?.headers['retry-after']).toBeDefined();
    expect(refused?.body.error?.message).toMatch(/^too many requests \(register-ip\)/);
    expect((await register({}, '10.99.0.2')).status).toBe(200);
  });
});
