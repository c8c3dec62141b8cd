import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { Audience } from '../src/auth/principal.js';
import type { Meta } from '../src/trpc/trpc.js';
import { call, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { procedures } from './procedures.js';

// Who may call what, written out once more: a change to a declaration must be a deliberate change here.
const staff = ['admin', 'manager', 'cashier'] as const;
const everyone = [...staff, 'customer'] as const;
const managers = ['admin', 'manager'] as const;

const expectedAccess: Record<string, Meta['allow']> = {
  'auth.login': 'public',
  'auth.register': 'public',
  'auth.refresh': 'public',
  'auth.requestPasswordReset': 'public',
  'auth.resetPassword': 'public',
  'auth.logout': everyone,
  'auth.logoutEverywhere': everyone,
  'auth.sessions.list': everyone,
  'auth.sessions.revoke': everyone,
  'auth.me': everyone,
  'auth.updateProfile': everyone,
  'auth.changePassword': everyone,
  'auth.pinLogin': ['terminal'],
  'catalog.categories': 'public',
  'catalog.products.list': 'public',
  'catalog.products.bySlug': 'public',
  'catalog.products.availability': 'public',
  'catalog.products.search': 'public',
  'catalog.products.suggest': 'public',
  'catalog.variants.setPrice': managers,
  'catalog.admin.currency': managers,
  'catalog.admin.categories.create': managers,
  'catalog.admin.categories.update': managers,
  'catalog.admin.categories.move': managers,
  'catalog.admin.categories.delete': managers,
  'catalog.admin.products.list': managers,
  'catalog.admin.products.get': managers,
  'catalog.admin.products.create': managers,
  'catalog.admin.products.update': managers,
  'catalog.admin.products.setStatus': managers,
  'catalog.admin.variants.create': managers,
  'catalog.admin.variants.update': managers,
  'catalog.admin.variants.setActive': managers,
  'checkout.place': 'public',
  'checkout.status': 'public',
  'checkout.watch': 'public',
  'jobs.deadLetters.list': managers,
  'jobs.deadLetters.resolve': managers,
  'jobs.openDashboard': managers,
  'media.images.list': managers,
  'media.images.failed': managers,
  'media.images.update': managers,
  'media.images.delete': managers,
  'media.images.retry': managers,
  'inventory.locations.list': managers,
  'inventory.adjust': managers,
  'inventory.transfer': managers,
  'inventory.receive': managers,
  'inventory.documents.list': managers,
  'inventory.documents.get': managers,
  'inventory.levels.list': managers,
  'inventory.levels.setThreshold': managers,
  'inventory.levels.setLocationThreshold': managers,
  'inventory.lowStock.list': managers,
  'inventory.movements.list': managers,
  'inventory.oversellAlerts.list': managers,
  'inventory.oversellAlerts.resolve': managers,
  'orders.get': [...everyone, 'terminal'],
  'orders.mine': ['customer'],
  'orders.track': 'public',
  'orders.trackByLink': 'public',
  'orders.admin.list': managers,
  'orders.admin.count': managers,
  'orders.admin.get': managers,
  'orders.admin.refund': managers,
  'reports.salesByDay': managers,
  'reports.salesByHour': managers,
  'reports.byCategory': managers,
  'reports.byCashier': managers,
  'reports.byPaymentMethod': managers,
  'reports.topProducts': managers,
  'reports.margins': managers,
  'reports.shifts': managers,
  'reports.zReport': managers,
  'reports.start': managers,
  'reports.job': managers,
  'sync.pull': ['terminal'],
  'sync.push': ['terminal'],
  'sync.stream': ['terminal'],
  'sync.quarantine.list': managers,
  'sync.quarantine.resolve': managers,
  'sync.discrepancies.list': managers,
  'sync.discrepancies.resolve': managers,
  'staff.list': managers,
  'staff.create': managers,
  'staff.update': managers,
  'staff.setPin': managers,
  'staff.setActive': managers,
  'stores.list': managers,
  'terminals.list': managers,
  'terminals.create': managers,
  'terminals.issueEnrollmentCode': managers,
  'terminals.revoke': managers,
  'terminals.enroll': 'public',
  'terminals.authenticate': 'public',
  'terminals.staff': ['terminal'],
  'terminals.profile': ['terminal'],
};

const audiences: Audience[] = ['admin', 'manager', 'cashier', 'customer', 'terminal'];

describe('authorization', () => {
  it('every procedure declares who may call it, exactly as reviewed', () => {
    const undeclared = procedures.filter((procedure) => procedure.allow === undefined);
    expect(undeclared.map((procedure) => procedure.path)).toEqual([]);
    const declared = Object.fromEntries(procedures.map((procedure) => [procedure.path, procedure.allow]));
    expect(declared).toEqual(expectedAccess);
  });

  describe('each role against each procedure', () => {
    let app: App;
    beforeAll(async () => {
      app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    });
    afterAll(() => app?.close());

    it.each(procedures)('$path', async ({ path, allow, type }) => {
      const anonymous = await call(app, path, undefined, { type });
      if (allow === 'public') expect(anonymous.status, 'anonymous').not.toBe(401);
      else expect(anonymous.status, 'anonymous').toBe(401);

      for (const audience of audiences) {
        // A fresh session per call: some procedures (logout) end the session that calls them.
        const token = await tokenFor(app, audience);
        const answer = await call(app, path, undefined, { type, token });
        const admitted = allow === 'public' || (allow ?? []).includes(audience);
        if (admitted) expect([401, 403], `${audience} is admitted`).not.toContain(answer.status);
        else {
          expect(answer.status, `${audience} is refused`).toBe(403);
          expect(answer.body.error?.message).toBe('your role may not do this');
        }
      }
    });
  });
});
