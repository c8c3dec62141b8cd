import { verifyPin } from '@allure/shared/pin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf, demoEmails, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

interface Enrollment {
  terminalId: string;
  terminalCode: string;
  storeId: string;
  credential: string;
}
interface Terminal {
  id: string;
  code: string;
  status: string;
}
interface StaffEntry {
  id: string;
  role: string;
  pinVerifier: string | null;
}

describe('terminal enrollment, PIN sign-in and revocation', () => {
  let app: App;
  let managerToken: string;

  beforeAll(async () => {
    app = await buildTestApp();
    managerToken = (await sessionFor(app, demoEmails.manager)).accessToken;
  });
  afterAll(() => app?.close());

  const asManager = (path: string, input: unknown, type: 'query' | 'mutation' = 'mutation') =>
    call(app, path, input, { token: managerToken, type });

  async function newTerminal(code: string): Promise<Terminal> {
    return dataOf<Terminal>(await asManager('terminals.create', { code, name: `Caisse ${code}` }));
  }
  async function enrolled(code: string) {
    const terminal = await newTerminal(code);
    const issued = dataOf<{ code: string }>(
      await asManager('terminals.issueEnrollmentCode', { id: terminal.id }),
    );
    const enrollment = dataOf<Enrollment>(
      await call(app, 'terminals.enroll', { code: issued.code }, { type: 'mutation' }),
    );
    const access = dataOf<{ accessToken: string }>(
      await call(
        app,
        'terminals.authenticate',
        { terminalId: enrollment.terminalId, credential: enrollment.credential },
        { type: 'mutation' },
      ),
    );
    return { terminal, enrollment, token: access.accessToken };
  }

  it('enrolls a till with a one-time code into the manager’s store', async () => {
    const terminal = await newTerminal('T11');
    const issued = dataOf<{ code: string; expiresAt: string }>(
      await asManager('terminals.issueEnrollmentCode', { id: terminal.id }),
    );
    expect(issued.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const minutes = (new Date(issued.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // Typed as read out loud: lower case, no dashes.
    const typed = issued.code.replaceAll('-', '').toLowerCase();
    const enrollment = dataOf<Enrollment>(
      await call(app, 'terminals.enroll', { code: typed }, { type: 'mutation' }),
    );
    const manager = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.manager } });
    expect(enrollment).toMatchObject({
      terminalId: terminal.id,
      terminalCode: 'T11',
      storeId: manager.storeId,
    });
    expect(enrollment.credential).toMatch(/^[\w-]{43}$/);

    const again = await call(app, 'terminals.enroll', { code: issued.code }, { type: 'mutation' });
    expect(again.status).toBe(401);
    const row = await app.db.prisma.terminal.findUniqueOrThrow({ where: { id: terminal.id } });
    expect(row.credentialHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.credentialHash).not.toContain(enrollment.credential);
    expect(row.enrollmentCodeHash).toBeNull();
  });

  it('refuses an expired enrollment code', async () => {
    const terminal = await newTerminal('T12');
    const issued = dataOf<{ code: string }>(
      await asManager('terminals.issueEnrollmentCode', { id: terminal.id }),
    );
    await app.db.prisma.terminal.update({
      where: { id: terminal.id },
      data: { enrollmentExpiresAt: new Date(Date.now() - 1_000) },
    });
    expect((await call(app, 'terminals.enroll', { code: issued.code }, { type: 'mutation' })).status).toBe(
      401,
    );
  });

  it('authenticates the device credential and replicates PIN verifiers, never PINs', async () => {
    const { enrollment, token } = await enrolled('T13');
    const wrong = await call(
      app,
      'terminals.authenticate',
      { terminalId: enrollment.terminalId, credential: 'C'.repeat(43) },
      { type: 'mutation' },
    );
    expect(wrong.status).toBe(401);

    const staff = dataOf<StaffEntry[]>(await call(app, 'terminals.staff', undefined, { token }));
    const cashier = staff.find((entry) => entry.role === 'cashier' && entry.pinVerifier);
    expect(cashier?.pinVerifier).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect(await verifyPin('1234', cashier?.pinVerifier ?? '')).toBe(true);
    expect(JSON.stringify(staff)).not.toMatch(/"pin"|passwordHash|argon2/);

    const profile = dataOf<{
      terminal: { id: string; code: string; lastOrderSeq: number };
      store: { id: string; currency: string; pricesIncludeTax: boolean; sellingLocationId: string | null };
    }>(await call(app, 'terminals.profile', undefined, { token }));
    expect(profile.terminal).toMatchObject({
      id: enrollment.terminalId,
      code: enrollment.terminalCode,
      lastOrderSeq: 0,
    });
    const store = await app.db.prisma.store.findUniqueOrThrow({
      where: { id: enrollment.storeId },
      include: { locations: { where: { kind: 'store' } } },
    });
    expect(profile.store).toMatchObject({
      id: store.id,
      currency: store.currency,
      pricesIncludeTax: store.pricesIncludeTax,
      sellingLocationId: store.locations[0]?.id,
    });
    expect((await call(app, 'terminals.profile', undefined, { token: managerToken })).status).toBe(403);
  });

  it('signs a cashier in with a PIN on an enrolled terminal, the session bound to it', async () => {
    const { enrollment, token } = await enrolled('T14');
    const cashier = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.cashier } });
    const signedIn = dataOf<{ accessToken: string; sessionId: string }>(
      await call(app, 'auth.pinLogin', { userId: cashier.id, pin: '1234' }, { token, type: 'mutation' }),
    );
    const session = await app.db.prisma.session.findFirstOrThrow({ where: { familyId: signedIn.sessionId } });
    expect(session.terminalId).toBe(enrollment.terminalId);
    const claims = JSON.parse(Buffer.from(signedIn.accessToken.split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ rol: 'cashier', tid: enrollment.terminalId });

    // Only a terminal may call it: a manager's token cannot mint cashier sessions.
    const asPerson = await call(
      app,
      'auth.pinLogin',
      { userId: cashier.id, pin: '1234' },
      { token: managerToken, type: 'mutation' },
    );
    expect(asPerson.status).toBe(403);
  });

  it('locks a cashier out of a terminal after five wrong PINs, even for the right one, with Retry-After', async () => {
    const { token } = await enrolled('T15');
    const cashier = await app.db.prisma.user.findUniqueOrThrow({ where: { email: 'cashier2@allure.test' } });
    const attempt = (pin: string) =>
      call(app, 'auth.pinLogin', { userId: cashier.id, pin }, { token, type: 'mutation' });

    const messages: string[] = [];
    for (const pin of ['0000', '1111', '2222', '3333']) {
      const answer = await attempt(pin);
      expect(answer.status).toBe(401);
      messages.push(answer.body.error?.message ?? '');
    }
    expect(messages).toEqual([
      'wrong PIN: 4 attempts left',
      'wrong PIN: 3 attempts left',
      'wrong PIN: 2 attempts left',
      'wrong PIN: 1 attempt left',
    ]);
    const fifth = await attempt('4444');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error?.message).toMatch(/locked for 15 min/);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(800);

    const right = await attempt('5678');
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('refuses parallel PIN guesses beyond the lock-out (no race past the counter)', async () => {
    const { token } = await enrolled('T16');
    const cashier = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.cashier } });
    const guesses = Array.from({ length: 15 }, (_, index) => String(index).padStart(4, '9'));
    const answers = await Promise.all(
      guesses.map((pin) =>
        call(app, 'auth.pinLogin', { userId: cashier.id, pin }, { token, type: 'mutation' }),
      ),
    );
    const checked = answers.filter((answer) => answer.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(10);
  });

  it('takes a revoked terminal out of service at once: credential, device token and cashier sessions', async () => {
    const { terminal, enrollment, token } = await enrolled('T17');
    const cashier = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.cashier } });
    const cashierSession = dataOf<{ accessToken: string; refreshToken: string }>(
      await call(app, 'auth.pinLogin', { userId: cashier.id, pin: '1234' }, { token, type: 'mutation' }),
    );
    expect((await call(app, 'terminals.staff', undefined, { token })).status).toBe(200);

    dataOf(await asManager('terminals.revoke', { id: terminal.id }));

    expect((await call(app, 'terminals.staff', undefined, { token })).status).toBe(401);
    expect((await call(app, 'auth.me', undefined, { token: cashierSession.accessToken })).status).toBe(401);
    const refresh = await call(
      app,
      'auth.refresh',
      { refreshToken: cashierSession.refreshToken },
      { type: 'mutation' },
    );
    expect(refresh.status).toBe(401);
    const reauth = await call(
      app,
      'terminals.authenticate',
      { terminalId: enrollment.terminalId, credential: enrollment.credential },
      { type: 'mutation' },
    );
    expect(reauth.status).toBe(401);
    const listed = dataOf<Terminal[]>(await asManager('terminals.list', undefined, 'query'));
    expect(listed.find((entry) => entry.id === terminal.id)?.status).toBe('revoked');
  });

  it('rejects a duplicate till code in the same store', async () => {
    await newTerminal('T18');
    expect((await asManager('terminals.create', { code: 'T18', name: 'Again' })).status).toBe(409);
  });
});
