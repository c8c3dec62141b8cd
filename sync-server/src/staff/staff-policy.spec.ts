import { describe, expect, it } from 'vitest';
import { changeRefusal, creationRefusal, type StaffActor, type StaffFacts } from './staff-policy.js';

const storeA = 'store-a';
const storeB = 'store-b';
const admin: StaffActor = { userId: 'admin-1', role: 'admin', storeId: storeA };
const manager: StaffActor = { userId: 'manager-1', role: 'manager', storeId: storeA };

const member = (overrides: Partial<StaffFacts>): StaffFacts => ({
  id: 'someone',
  name: 'Fatou Sarr',
  role: 'cashier',
  storeId: storeA,
  active: true,
  ...overrides,
});

describe('creationRefusal', () => {
  it('lets a manager add cashiers only', () => {
    expect(creationRefusal(manager, 'cashier')).toBeNull();
    expect(creationRefusal(manager, 'manager')?.kind).toBe('forbidden');
    expect(creationRefusal(manager, 'admin')?.kind).toBe('forbidden');
  });
  it('lets an admin add anyone', () => {
    for (const role of ['cashier', 'manager', 'admin'] as const)
      expect(creationRefusal(admin, role)).toBeNull();
  });
});

describe('changeRefusal', () => {
  it("hides another store's people from a manager, whatever their role", () => {
    expect(changeRefusal(manager, member({ storeId: storeB }), { active: false }, 1)).toEqual({
      kind: 'hidden',
    });
    expect(changeRefusal(manager, member({ storeId: null, role: 'admin' }), { pin: true }, 1)).toEqual({
      kind: 'hidden',
    });
  });

  it("lets a manager change their store's cashiers, but not make them managers or move them", () => {
    const cashier = member({});
    expect(changeRefusal(manager, cashier, { active: false }, 1)).toBeNull();
    expect(changeRefusal(manager, cashier, { pin: true }, 1)).toBeNull();
    expect(changeRefusal(manager, cashier, { details: true, role: 'cashier' }, 1)).toBeNull();
    expect(changeRefusal(manager, cashier, { role: 'manager' }, 1)?.kind).toBe('forbidden');
    expect(changeRefusal(manager, cashier, { storeId: storeB }, 1)?.kind).toBe('forbidden');
  });

  it('keeps a manager off other managers, except their own PIN', () => {
    const other = member({ id: 'manager-2', role: 'manager' });
    expect(changeRefusal(manager, other, { active: false }, 1)?.kind).toBe('forbidden');
    expect(changeRefusal(manager, other, { pin: true }, 1)?.kind).toBe('forbidden');
    const self = member({ id: manager.userId, role: 'manager' });
    expect(changeRefusal(manager, self, { pin: true }, 1)).toBeNull();
    expect(changeRefusal(manager, self, { details: true }, 1)?.kind).toBe('forbidden');
  });

  it('lets an admin change anyone in any store', () => {
    expect(
      changeRefusal(admin, member({ storeId: storeB, role: 'manager' }), { role: 'cashier' }, 1),
    ).toBeNull();
    expect(changeRefusal(admin, member({ role: 'admin', id: 'admin-2' }), { active: false }, 2)).toBeNull();
  });

  it('refuses deactivating oneself', () => {
    const self = member({ id: admin.userId, role: 'admin' });
    expect(changeRefusal(admin, self, { active: false }, 3)?.kind).toBe('conflict');
    expect(changeRefusal(admin, self, { active: true }, 3)).toBeNull();
  });

  it('keeps the last active admin an active admin', () => {
    const lastAdmin = member({ id: 'admin-2', role: 'admin' });
    expect(changeRefusal(admin, lastAdmin, { role: 'manager' }, 1)).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('last active admin'),
    });
    expect(changeRefusal(admin, lastAdmin, { active: false }, 1)?.kind).toBe('conflict');
    expect(
      changeRefusal(admin, member({ id: admin.userId, role: 'admin' }), { role: 'manager' }, 1)?.kind,
    ).toBe('conflict');
    expect(changeRefusal(admin, lastAdmin, { role: 'manager' }, 2)).toBeNull();
    // An inactive admin is no admin anyone relies on: demoting one locks nobody out.
    expect(changeRefusal(admin, member({ role: 'admin', active: false }), { role: 'cashier' }, 1)).toBeNull();
  });

  it('gives no PIN to an admin', () => {
    expect(changeRefusal(admin, member({ role: 'admin', id: 'admin-2' }), { pin: true }, 2)?.kind).toBe(
      'invalid',
    );
    expect(changeRefusal(admin, member({ role: 'manager' }), { pin: true }, 1)).toBeNull();
  });
});
