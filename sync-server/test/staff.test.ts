import { randomUUID } from 'node:crypto';
import { verifyPin } from '@allure/shared/pin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { type Call, call, dataOf, demoEmails, sessionFor, terminalToken } from './auth-helper.js';
import { buildTestApp } from './helper.js';

// Staff management from the back office, against PostgreSQL: a manager adds and looks after their own
// store's cashiers, an admin anyone anywhere; PINs are kept as verifiers only; deactivation signs a person
// out everywhere and off the tills; the last admin cannot be demoted or deactivated. A second store (STF2)
// shows the store scope. Everything created here is removed afterwards.

interface Member {
  id: string;
  name: string;
  email: string;
  role: string;
  storeId: string | null;
  active: boolean;
  hasPin: boolean;
}
interface TillStaff {
  id: string;
  active: boolean;
  pinVerifier: string | null;
}

const password = 'correct horse battery';

describe('staff management', () => {
  let app: App;
  let storeAId: string;
  let storeBId: string;
  let terminalAToken: string;
  const tokens = {} as Record<'manager' | 'admin' | 'managerB', string>;
  const created: string[] = [];

  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    const prisma = app.db.prisma;
    storeAId = (await prisma.store.findUniqueOrThrow({ where: { code: 'DKR1' }, select: { id: true } })).id;
    storeBId = (
      await prisma.store.create({
        data: { code: 'STF2', name: 'Allure Thiès', currency: 'XOF', timezone: 'Africa/Dakar' },
        select: { id: true },
      })
    ).id;
    const terminalA = await prisma.terminal.findFirstOrThrow({
      where: { storeId: storeAId, code: 'T01' },
      select: { id: true },
    });
    terminalAToken = await terminalToken(app, terminalA.id);
    tokens.manager = (await sessionFor(app, demoEmails.manager)).accessToken;
    tokens.admin = (await sessionFor(app, demoEmails.admin)).accessToken;
    const managerB = await prisma.user.create({
      data: {
        email: 'manager.stf2@allure.test',
        name: 'Astou Kane',
        role: 'manager',
        storeId: storeBId,
        passwordHash: 'unused',
      },
      select: { id: true, email: true },
    });
    created.push(managerB.id);
    tokens.managerB = (await sessionFor(app, managerB.email)).accessToken;
  });

  afterAll(async () => {
    if (!app) return;
    await app.db.prisma.user.deleteMany({ where: { id: { in: created } } });
    await app.db.prisma.store.deleteMany({ where: { id: storeBId } });
    await app.close();
  });

  const as = (who: keyof typeof tokens) => ({
    mutate: (path: string, input: unknown) =>
      call(app, path, input, { token: tokens[who], type: 'mutation' }),
    query: (path: string, input?: unknown) => call(app, path, input, { token: tokens[who] }),
  });
  function refusal(result: Call) {
    return { status: result.status, code: result.body.error?.data.code, message: result.body.error?.message };
  }
  async function newCashier(who: keyof typeof tokens, fields: Record<string, unknown> = {}) {
    const id = randomUUID();
    const input = {
      id,
      name: 'Khady Faye',
      email: `cashier.${id.slice(0, 8)}@allure.test`,
      role: 'cashier',
      pin: '2580',
      ...fields,
    };
    const member = dataOf<Member>(await as(who).mutate('staff.create', input));
    created.push(member.id);
    return { member, input };
  }
  const row = (id: string) =>
    app.db.prisma.user.findUniqueOrThrow({
      where: { id },
      select: { role: true, storeId: true, active: true, pinVerifier: true, passwordHash: true },
    });

  it('a manager adds a cashier with a PIN to their own store, whatever store is named; the till gets the verifier', async () => {
    const { member } = await newCashier('manager', { storeId: storeBId });
    expect(member).toMatchObject({ role: 'cashier', storeId: storeAId, active: true, hasPin: true });
    expect(JSON.stringify(member)).not.toMatch(/2580|pbkdf2|argon2/);
    const stored = await row(member.id);
    expect(await verifyPin('2580', stored.pinVerifier ?? '')).toBe(true);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    const listed = dataOf<Member[]>(await as('manager').query('staff.list', {}));
    expect(listed.map((entry) => entry.id)).toContain(member.id);
    expect(listed.every((entry) => entry.storeId === storeAId)).toBe(true);
    const till = dataOf<TillStaff[]>(
      await call(app, 'terminals.staff', undefined, { token: terminalAToken }),
    );
    expect(till.find((entry) => entry.id === member.id)?.pinVerifier).toBe(stored.pinVerifier);
  });

  it('a retried create answers with the same person, once; a reused id or e-mail is a conflict', async () => {
    const { member, input } = await newCashier('manager');
    const again = dataOf<Member>(await as('manager').mutate('staff.create', input));
    expect(again).toEqual(member);
    expect(await app.db.prisma.user.count({ where: { email: input.email } })).toBe(1);

    const otherEmail = await as('manager').mutate('staff.create', {
      ...input,
      email: 'someone.else@allure.test',
    });
    expect(refusal(otherEmail)).toMatchObject({ status: 409, code: 'CONFLICT' });
    const takenEmail = await as('manager').mutate('staff.create', { ...input, id: randomUUID() });
    expect(refusal(takenEmail)).toMatchObject({
      status: 409,
      message: `someone already signs in with ${input.email}`,
    });
  });

  it('refuses input that cannot make a staff member, naming the field', async () => {
    const base = { id: randomUUID(), name: 'Modou Sy', email: 'modou.sy@allure.test' };
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'cashier' }, 'pin'],
      [{ role: 'cashier', pin: '12' }, 'pin'],
      [{ role: 'manager', password: 'short' }, 'password'],
      [{ role: 'customer', password }, 'role'],
      [{ role: 'cashier', pin: '2580', name: 'x'.repeat(121) }, 'name'],
      [{ role: 'cashier', pin: '2580', email: 'not an e-mail' }, 'email'],
    ];
    for (const [fields, field] of cases) {
      const result = await as('admin').mutate('staff.create', { ...base, storeId: storeAId, ...fields });
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(result.body.error?.data.zodError?.fieldErrors ?? {})).toContain(field);
    }
    expect(await app.db.prisma.user.count({ where: { email: base.email } })).toBe(0);
    const noStore = await as('admin').mutate('staff.create', { ...base, role: 'cashier', pin: '2580' });
    expect(refusal(noStore)).toMatchObject({ status: 400, message: 'name the store this person works in' });
  });

  it("keeps a manager to their store's cashiers: no managers, no other store, no promotions", async () => {
    const manager = await as('manager').mutate('staff.create', {
      id: randomUUID(),
      name: 'Cheikh Ba',
      email: 'cheikh.ba@allure.test',
      role: 'manager',
      password,
    });
    expect(refusal(manager)).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    const { member: cashierB } = await newCashier('managerB');
    expect(cashierB.storeId).toBe(storeBId);
    for (const [path, input] of [
      ['staff.setActive', { id: cashierB.id, active: false }],
      ['staff.setPin', { id: cashierB.id, pin: '9999' }],
      ['staff.update', { id: cashierB.id, name: 'Someone else' }],
    ] as const) {
      expect(refusal(await as('manager').mutate(path, input)), path).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    expect(await row(cashierB.id)).toMatchObject({ active: true, storeId: storeBId });
    expect(
      dataOf<Member[]>(await as('manager').query('staff.list', { storeId: storeBId })).map((m) => m.id),
    ).not.toContain(cashierB.id);

    const { member: cashierA } = await newCashier('manager');
    const promoted = await as('manager').mutate('staff.update', { id: cashierA.id, role: 'manager' });
    expect(refusal(promoted)).toMatchObject({
      status: 403,
      message: 'only an admin can make someone a manager or an admin',
    });
    const demoManager = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.manager } });
    const own = await as('manager').mutate('staff.update', { id: demoManager.id, name: 'Moussa' });
    expect(refusal(own)).toMatchObject({ status: 403 });
    // Their own till PIN they may set.
    const pin = dataOf<Member>(
      await as('manager').mutate('staff.setPin', { id: demoManager.id, pin: '2468' }),
    );
    expect(pin.hasPin).toBe(true);
  });

  it('a new PIN replaces the verifier the tills get', async () => {
    const { member } = await newCashier('manager');
    const before = (await row(member.id)).pinVerifier;
    dataOf<Member>(await as('manager').mutate('staff.setPin', { id: member.id, pin: '4711' }));
    const after = (await row(member.id)).pinVerifier ?? '';
    expect(after).not.toBe(before);
    expect(await verifyPin('4711', after)).toBe(true);
    expect(await verifyPin('2580', after)).toBe(false);
  });

  it('deactivating signs the person out everywhere and off the tills; asking twice answers the same', async () => {
    const { member } = await newCashier('manager');
    const terminal = await app.db.prisma.terminal.findFirstOrThrow({
      where: { storeId: storeAId, code: 'T01' },
    });
    const session = await sessionFor(app, member.email, terminal.id);
    expect((await call(app, 'auth.me', undefined, { token: session.accessToken })).status).toBe(200);

    const off = dataOf<Member>(
      await as('manager').mutate('staff.setActive', { id: member.id, active: false }),
    );
    expect(off.active).toBe(false);
    expect((await call(app, 'auth.me', undefined, { token: session.accessToken })).status).toBe(401);
    const refresh = await call(
      app,
      'auth.refresh',
      { refreshToken: session.refreshToken },
      { type: 'mutation' },
    );
    expect(refresh.status).toBe(401);
    const pinLogin = await call(
      app,
      'auth.pinLogin',
      { userId: member.id, pin: '2580' },
      { token: terminalAToken, type: 'mutation' },
    );
    expect(pinLogin.status).toBe(401);
    const till = dataOf<TillStaff[]>(
      await call(app, 'terminals.staff', undefined, { token: terminalAToken }),
    );
    expect(till.find((entry) => entry.id === member.id)?.active).toBe(false);

    expect(
      dataOf<Member>(await as('manager').mutate('staff.setActive', { id: member.id, active: false })),
    ).toEqual(off);
    const on = dataOf<Member>(await as('manager').mutate('staff.setActive', { id: member.id, active: true }));
    expect(on.active).toBe(true);
    const back = await call(
      app,
      'auth.pinLogin',
      { userId: member.id, pin: '2580' },
      { token: terminalAToken, type: 'mutation' },
    );
    expect(back.status).toBe(200);
  });

  it('an admin manages anyone in any store; a new role signs the person out', async () => {
    const { member } = await newCashier('admin', { storeId: storeBId });
    expect(member.storeId).toBe(storeBId);
    const session = await sessionFor(app, member.email);
    const moved = dataOf<Member>(
      await as('admin').mutate('staff.update', { id: member.id, role: 'manager', storeId: storeAId }),
    );
    expect(moved).toMatchObject({ role: 'manager', storeId: storeAId });
    expect((await call(app, 'auth.me', undefined, { token: session.accessToken })).status).toBe(401);
    const renamed = dataOf<Member>(
      await as('admin').mutate('staff.update', { id: member.id, name: 'Khady Faye Ndiaye' }),
    );
    expect(renamed.name).toBe('Khady Faye Ndiaye');

    const ofB = dataOf<Member[]>(await as('admin').query('staff.list', { storeId: storeBId }));
    expect(ofB.every((entry) => entry.storeId === storeBId || entry.role === 'admin')).toBe(true);
    expect(ofB.map((entry) => entry.email)).toEqual(
      expect.arrayContaining(['manager.stf2@allure.test', demoEmails.admin]),
    );
  });

  it('nobody deactivates themselves, and the last admin stays an active admin', async () => {
    const admin = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.admin } });
    const self = await as('admin').mutate('staff.setActive', { id: admin.id, active: false });
    expect(refusal(self)).toMatchObject({
      status: 409,
      message: 'you cannot deactivate your own account: ask another admin',
    });
    const demote = await as('admin').mutate('staff.update', {
      id: admin.id,
      role: 'manager',
      storeId: storeAId,
    });
    expect(refusal(demote)).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(refusal(demote).message).toContain('last active admin');
    expect(await row(admin.id)).toMatchObject({ role: 'admin', active: true });
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const second = dataOf<Member>(
      await as('admin').mutate('staff.create', {
        id: randomUUID(),
        name: 'Seynabou Diouf',
        email: 'seynabou.diouf@allure.test',
        role: 'admin',
        password,
      }),
    );
    created.push(second.id);
    const admin = await app.db.prisma.user.findUniqueOrThrow({ where: { email: demoEmails.admin } });
    const secondToken = (await sessionFor(app, second.email)).accessToken;
    const [first, other] = await Promise.all([
      as('admin').mutate('staff.update', { id: second.id, role: 'manager', storeId: storeAId }),
      call(
        app,
        'staff.update',
        { id: admin.id, role: 'manager', storeId: storeAId },
        { token: secondToken, type: 'mutation' },
      ),
    ]);
    // One wins; the other is refused as the last admin's demotion (409), or finds itself already signed out
    // by the winner's demotion (401) when it arrives after it. Either way one admin is left.
    const statuses = [first.status, other.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    expect(await app.db.prisma.user.count({ where: { role: 'admin', active: true } })).toBe(1);
    // Put the demo admin back if the race demoted them, for the tests and files after this one; their
    // demotion signed their sessions out, so they sign in again.
    await app.db.prisma.user.update({
      where: { id: admin.id },
      data: { role: 'admin', storeId: admin.storeId },
    });
    tokens.admin = (await sessionFor(app, demoEmails.admin)).accessToken;
  });

  it('stores.list: every store for an admin, their own for a manager', async () => {
    const all = dataOf<{ id: string; code: string }[]>(await as('admin').query('stores.list'));
    expect(all.map((store) => store.id)).toEqual(expect.arrayContaining([storeAId, storeBId]));
    expect(
      dataOf<{ id: string }[]>(await as('manager').query('stores.list')).map((store) => store.id),
    ).toEqual([storeAId]);
    expect(
      dataOf<{ id: string }[]>(await as('managerB').query('stores.list')).map((store) => store.id),
    ).toEqual([storeBId]);
  });
});
