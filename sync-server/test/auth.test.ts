import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { PASSWORD_RESET_TOPIC } from '../src/auth/password.service.js';
import { call, dataOf, demoEmails, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  sessionId: string;
  user: { id: string; role: string };
}

const password = 'allure-demo';

describe('sign-in, refresh-token rotation and sign-out', () => {
  let app: App;
  // A second instance on the same database and Redis: what one instance revokes, the other refuses.
  let other: App;

  beforeAll(async () => {
    app = await buildTestApp({ REFRESH_REUSE_GRACE_S: '2' });
    const prefix = app.redis.options.keyPrefix ?? '';
    other = await buildTestApp({ REFRESH_REUSE_GRACE_S: '2', REDIS_KEY_PREFIX: prefix });
  });
  afterAll(async () => {
    await Promise.all([app?.close(), other?.close()]);
  });

  const login = (email: string, secret = password, transport?: 'cookie' | 'body') =>
    call(
      app,
      'auth.login',
      { email, password: secret, ...(transport ? { transport } : {}) },
      { type: 'mutation' },
    );
  const me = (target: App, token: string) => call(target, 'auth.me', undefined, { token });
  const refresh = (refreshToken: string) => call(app, 'auth.refresh', { refreshToken }, { type: 'mutation' });

  it('signs staff and customers in with e-mail and password, and the access token works', async () => {
    for (const email of Object.values(demoEmails)) {
      const tokens = dataOf<Tokens>(await login(email.toUpperCase()));
      expect(tokens.refreshToken).toMatch(/^[\w-]{43}$/);
      const account = dataOf<{ email: string }>(await me(app, tokens.accessToken));
      expect(account.email).toBe(email);
    }
  });

  it('gives the same answer for a wrong password, an unknown e-mail and a disabled account', async () => {
    const user = await app.db.prisma.user.create({
      data: { email: 'disabled@allure.test', name: 'Off', role: 'cashier', passwordHash: 'x', active: false },
    });
    const answers = await Promise.all([
      login(demoEmails.cashier, 'not-the-password'),
      login('nobody@allure.test'),
      login(user.email),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body.error?.message).toBe('wrong e-mail or password');
    }
  });

  it('issues short-lived access tokens with minimal claims', async () => {
    const tokens = dataOf<Tokens & { accessTokenExpiresAt: string }>(await login(demoEmails.manager));
    const [, payload = ''] = tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(Object.keys(claims).sort()).toEqual([
      'aud',
      'exp',
      'iat',
      'iss',
      'knd',
      'rol',
      'sid',
      'sto',
      'sub',
      'tid',
    ]);
    expect(claims.exp - claims.iat).toBe(600);
    expect(JSON.stringify(claims)).not.toContain('@');
  });

  it('rotates the refresh token on every use and refuses the old one once the grace window is over', async () => {
    const first = dataOf<Tokens>(await login(demoEmails.cashier));
    const second = dataOf<Tokens>(await refresh(first.refreshToken ?? ''));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    const third = dataOf<Tokens>(await refresh(second.refreshToken ?? ''));
    expect((await me(app, third.accessToken)).status).toBe(200);

    // Rows store hashes only.
    const rows = await app.db.prisma.session.findMany({ where: { familyId: first.sessionId } });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(first.refreshToken);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    // Replaying the first token (stolen, or a very late retry) revokes the whole family, on every instance.
    const replay = await refresh(first.refreshToken ?? '');
    expect(replay.status).toBe(401);
    expect(replay.body.error?.message).toMatch(/already used/);
    expect((await refresh(third.refreshToken ?? '')).status).toBe(401);
    expect((await me(app, third.accessToken)).status).toBe(401);
    expect((await me(other, third.accessToken)).status).toBe(401);
  });

  it('forgives a retry within the grace window (a response lost on store Wi-Fi) without signing out', async () => {
    const first = dataOf<Tokens>(await login(demoEmails.cashier));
    const lost = dataOf<Tokens>(await refresh(first.refreshToken ?? ''));
    const retried = dataOf<Tokens>(await refresh(first.refreshToken ?? ''));
    expect(retried.sessionId).toBe(first.sessionId);
    expect(retried.refreshToken).not.toBe(lost.refreshToken);
    expect((await me(app, retried.accessToken)).status).toBe(200);
    const next = dataOf<Tokens>(await refresh(retried.refreshToken ?? ''));
    expect((await me(app, next.accessToken)).status).toBe(200);
  });

  it('refuses a refresh token nobody issued, and a malformed one with 400', async () => {
    expect((await refresh('A'.repeat(43))).status).toBe(401);
    expect((await refresh('not a token')).status).toBe(400);
  });

  it('logout ends this device at once on every instance; other devices stay signed in', async () => {
    const laptop = await sessionFor(app, demoEmails.manager);
    const phone = await sessionFor(app, demoEmails.manager);
    expect((await me(other, laptop.accessToken)).status).toBe(200);
    dataOf(await call(app, 'auth.logout', undefined, { token: laptop.accessToken, type: 'mutation' }));
    const refused = await me(other, laptop.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.message).toBe('session was signed out');
    expect((await refresh(laptop.refreshToken)).status).toBe(401);
    expect((await me(other, phone.accessToken)).status).toBe(200);
  });

  it('"sign out everywhere" ends every session of the account at once', async () => {
    const sessions = await Promise.all([1, 2, 3].map(() => sessionFor(app, demoEmails.admin)));
    const [first] = sessions;
    if (!first) throw new Error('no session');
    const result = dataOf<{ signedOut: number }>(
      await call(other, 'auth.logoutEverywhere', undefined, { token: first.accessToken, type: 'mutation' }),
    );
    expect(result.signedOut).toBeGreaterThanOrEqual(3);
    for (const session of sessions) {
      expect((await me(app, session.accessToken)).status).toBe(401);
      expect((await refresh(session.refreshToken)).status).toBe(401);
    }
  });

  it('lists sessions per device, marks the current one, and revokes one of them', async () => {
    const email = demoEmails.cashier;
    await app.db.prisma.session.updateMany({ where: { user: { email } }, data: { revokedAt: new Date() } });
    const a = await sessionFor(app, email);
    const b = await sessionFor(app, email);
    dataOf(await refresh(b.refreshToken)); // a rotation is the same device, not a new entry
    const list = dataOf<{ id: string; current: boolean; userAgent: string }[]>(
      await call(app, 'auth.sessions.list', undefined, { token: a.accessToken }),
    );
    expect(list.map((entry) => entry.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
    expect(list.find((entry) => entry.current)?.id).toBe(a.sessionId);

    dataOf(
      await call(
        app,
        'auth.sessions.revoke',
        { sessionId: b.sessionId },
        { token: a.accessToken, type: 'mutation' },
      ),
    );
    expect((await me(app, b.accessToken)).status).toBe(401);
    expect((await me(app, a.accessToken)).status).toBe(200);
  });

  it('keeps the web shop refresh token in an httpOnly, Secure, SameSite=Strict cookie only', async () => {
    const signedIn = await login(demoEmails.customer, password, 'cookie');
    const body = dataOf<Tokens>(signedIn);
    expect(body.refreshToken).toBeNull();
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/^allure_refresh=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/trpc/);

    const token = /^allure_refresh=([\w-]{43});/.exec(cookie)?.[1] ?? '';
    const refreshed = await call(
      app,
      'auth.refresh',
      {},
      { type: 'mutation', headers: { cookie: `allure_refresh=${token}` } },
    );
    expect(dataOf<Tokens>(refreshed).refreshToken).toBeNull();
    const rotated = /^allure_refresh=([\w-]{43});/.exec(String(refreshed.headers['set-cookie']))?.[1];
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(token);
  });

  it('resets a forgotten password once, through an e-mail queued in the outbox, and signs out everywhere', async () => {
    const email = 'reset-me@allure.test';
    await app.db.prisma.user.create({
      data: { email, name: 'Reset', role: 'customer', passwordHash: 'unused' },
    });
    const before = await sessionFor(app, email);
    const ask = (address: string) =>
      call(app, 'auth.requestPasswordReset', { email: address }, { type: 'mutation' });
    // The same answer whether or not the account exists.
    expect(dataOf(await ask('nobody-here@allure.test'))).toEqual({ requested: true });
    expect(dataOf(await ask(email))).toEqual({ requested: true });

    const message = await app.db.prisma.outboxMessage.findFirstOrThrow({
      where: { topic: PASSWORD_RESET_TOPIC, payload: { path: ['to'], equals: email } },
    });
    const token = (message.payload as { token: string }).token;
    const stored = await app.db.prisma.passwordReset.findFirstOrThrow({ where: { user: { email } } });
    expect(stored.tokenHash).not.toBe(token);

    const newPassword = 'a brand new passphrase';
    const reset = (secret: string) =>
      call(app, 'auth.resetPassword', { token: secret, newPassword }, { type: 'mutation' });
    expect((await reset('B'.repeat(43))).status).toBe(401);
    expect(dataOf(await reset(token))).toEqual({ reset: true });
    expect((await reset(token)).status).toBe(401);
    expect((await me(app, before.accessToken)).status).toBe(401);
    expect((await login(email, newPassword)).status).toBe(200);
  });

  it('changes a password with the current one, signing out the other sessions only', async () => {
    const email = 'change-me@allure.test';
    const { hashPassword } = await import('@allure/db/credentials');
    await app.db.prisma.user.create({
      data: { email, name: 'Change', role: 'customer', passwordHash: await hashPassword(password) },
    });
    const here = await sessionFor(app, email);
    const elsewhere = await sessionFor(app, email);
    const change = (currentPassword: string) =>
      call(
        app,
        'auth.changePassword',
        { currentPassword, newPassword: 'another long passphrase' },
        { token: here.accessToken, type: 'mutation' },
      );
    expect((await change('wrong password!')).status).toBe(401);
    dataOf(await change(password));
    expect((await me(app, here.accessToken)).status).toBe(200);
    expect((await me(app, elsewhere.accessToken)).status).toBe(401);
  });
});
