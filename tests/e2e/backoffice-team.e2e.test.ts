import { randomUUID } from 'node:crypto';
import { cashSale, sellableVariants, tillIdentity } from '@allure/db/fixtures/till-sales';
import { verifyPin } from '@allure/shared/pin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRendererWorld, type RendererWorld } from '../support/renderer-world.js';
import { apiClient, enrollTerminals, terminalAccessToken } from '../support/server.js';

// The back office's Team and Sync screens as a manager uses them, in Chromium against the real server:
// add a cashier with a PIN (who can then sign in on a till), give her a new PIN, deactivate her (signed
// out, refused by the till), create a till and read its enrollment code (which enrolls a till), revoke a
// till, see a sale a till sent that the server set aside, with its reason in words, and mark it handled,
// and a sale to check with its amounts. Then an admin gets the store picker. Screenshots in
// tests/artifacts/backoffice-team/.

describe('back office: team, tills and sync issues', () => {
  let world: RendererWorld;
  beforeAll(async () => {
    world = await openRendererWorld({ artifacts: 'backoffice-team', viewport: { width: 1366, height: 860 } });
  });
  afterAll(() => world?.close());

  async function signIn(email: string) {
    const { page } = world;
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill('allure-demo');
    await page.keyboard.press('Enter');
    await page.locator('nav.office-nav').waitFor();
  }

  it('a manager adds a cashier, enrolls and revokes a till, and deals with a quarantined sale', async () => {
    const { page, pool, site, server, pageErrors, screenshot } = world;
    const baseUrl = server.baseUrl;
    // A till of the store that sent a sale the server cannot read (an out-of-date till app, say).
    const [till] = await enrollTerminals(baseUrl, ['T05']);
    if (!till) throw new Error('no till');
    const tillToken = await terminalAccessToken(baseUrl, till);
    const asTill = apiClient(baseUrl, () => tillToken);
    const unreadable = { id: randomUUID(), number: 'DKR1-T05-000001', lines: 'three shirts' };
    // And one sold 500 F CFA above the catalogue price: recorded, with a discrepancy to check.
    const [variant] = await sellableVariants(pool, 1);
    if (!variant) throw new Error('no variant');
    const overpriced = cashSale(await tillIdentity(pool, till.terminalId), 2, [
      { variant, quantity: 1, unitPrice: variant.price + 500 },
    ]);
    await asTill.sync.push.mutate({
      collection: 'orders',
      rows: [unreadable, overpriced].map((order) => ({ newDocumentState: order, assumedMasterState: null })),
    });

    await page.goto(site.origin);
    await page.getByLabel('Adresse du serveur').fill(baseUrl);
    await page.getByRole('button', { name: 'Back-office' }).click();
    await signIn('manager@allure.test');
    await page.locator('[data-section="team"]').click();
    const staff = page.getByTestId('staff-panel');
    await staff.locator('[data-staff="cashier@allure.test"]').waitFor();
    // A manager has no store picker: their store is their own.
    expect(await page.locator('select[name="store"]').count()).toBe(0);
    await screenshot('team');

    // A new cashier with a PIN.
    await staff.getByRole('button', { name: 'Ajouter une personne' }).click();
    await staff.locator('input[name="name"]').fill('Ndèye Coumba Diagne');
    await staff.locator('input[name="email"]').fill('ndeye.diagne@allure.test');
    await staff.locator('input[name="pin"]').fill('4826');
    await screenshot('new-cashier');
    await staff.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await staff.getByRole('status').filter({ hasText: 'Ndèye Coumba Diagne a été ajouté·e.' }).waitFor();
    const row = staff.locator('[data-staff="ndeye.diagne@allure.test"]');
    expect(await row.textContent()).toContain('Vendeur');
    expect(await row.textContent()).toContain('Actif');
    const { rows: users } = await pool.query<{
      id: string;
      role: string;
      pin_verifier: string;
      store_code: string;
    }>(
      `SELECT u.id, u.role, u.pin_verifier, s.code AS store_code
         FROM "user" u JOIN store s ON s.id = u.store_id WHERE u.email = 'ndeye.diagne@allure.test'`,
    );
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'cashier', store_code: 'DKR1' });
    expect(await verifyPin('4826', users[0]?.pin_verifier ?? '')).toBe(true);
    // The till of the store lets her sign in with that PIN.
    const signedIn = await asTill.auth.pinLogin.mutate({ userId: users[0]?.id ?? '', pin: '4826' });
    expect(signedIn.user.role).toBe('cashier');
    // Her till session ends when she is deactivated below.
    const herSession = apiClient(baseUrl, () => signedIn.accessToken);
    expect((await herSession.auth.me.query()).id).toBe(users[0]?.id);

    // A new PIN, then deactivation (confirmed): the till no longer lets her in, with either PIN.
    await row.getByRole('button', { name: 'Code PIN' }).click();
    await staff.locator('input[name="new-pin"]').fill('7391');
    await staff.getByRole('button', { name: 'Enregistrer' }).click();
    await staff.getByRole('status').filter({ hasText: 'Nouveau code PIN enregistré' }).waitFor();
    const userId = users[0]?.id ?? '';
    expect((await asTill.auth.pinLogin.mutate({ userId, pin: '7391' })).user.id).toBe(userId);
    await row.getByRole('button', { name: 'Désactiver' }).click();
    expect(await staff.locator('.confirm').textContent()).toContain('Désactiver Ndèye Coumba Diagne ?');
    await staff.locator('.confirm').getByRole('button', { name: 'Désactiver' }).click();
    await expect.poll(() => row.textContent()).toContain('Désactivé');
    await expect(asTill.auth.pinLogin.mutate({ userId, pin: '7391' })).rejects.toThrow(/wrong PIN/);
    await expect(herSession.auth.me.query()).rejects.toThrow();
    const tillStaff = await asTill.terminals.staff.query();
    expect(tillStaff.find((member) => member.id === userId)?.active).toBe(false);

    // A new till and its enrollment code, large, with its expiry.
    const tills = page.getByTestId('terminals-panel');
    await tills.getByRole('button', { name: 'Nouvelle caisse' }).click();
    await tills.locator('input[name="terminal-code"]').fill('T08');
    await tills.locator('input[name="terminal-name"]').fill('Caisse cabine');
    await tills.getByRole('button', { name: 'Créer la caisse' }).click();
    const panel = page.getByTestId('enrollment-code');
    await panel.waitFor();
    const code = ((await panel.locator('.code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await panel.textContent()).toMatch(/Valable jusqu’à \d{2}:\d{2}/);
    await tills.locator('[data-terminal="T08"]').waitFor();
    await screenshot('enrollment-code');
    // The code is the real one: a till enrolls with it, as typed from the screen.
    const enrolled = await apiClient(baseUrl).terminals.enroll.mutate({ code });
    expect(enrolled).toMatchObject({ terminalCode: 'T08', storeCode: 'DKR1' });
    await panel.getByRole('button', { name: 'Fermer' }).click();

    // Revoking T05, confirmed.
    const t05 = tills.locator('[data-terminal="T05"]');
    await t05.getByRole('button', { name: 'Révoquer' }).click();
    expect(await tills.locator('.confirm').textContent()).toContain('Révoquer T05 · Caisse T05 ?');
    await screenshot('revoke-confirm');
    await tills.locator('.confirm').getByRole('button', { name: 'Révoquer' }).click();
    await tills.getByRole('status').filter({ hasText: 'T05 · Caisse T05 est révoquée.' }).waitFor();
    await expect.poll(() => t05.textContent()).toContain('Révoquée');
    const { rows: revoked } = await pool.query(`SELECT status FROM terminal WHERE id = $1`, [
      till.terminalId,
    ]);
    expect(revoked).toEqual([{ status: 'revoked' }]);
    await expect(asTill.terminals.staff.query()).rejects.toThrow();
    await screenshot('team-after');

    // The quarantined sale: what, which till, why in words, when; then handled.
    await page.locator('[data-section="sync"]').click();
    const quarantine = page.getByTestId('quarantine');
    const item = quarantine.locator('li').filter({ hasText: 'DKR1-T05-000001' });
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Vente');
    expect(text).toContain('Caisse T05');
    expect(text).toContain('document illisible');
    const discrepancy = page
      .getByTestId('discrepancies')
      .locator('li')
      .filter({ hasText: overpriced.number });
    const discrepancyText = ((await discrepancy.textContent()) ?? '').replace(/\s/g, ' ');
    expect(discrepancyText).toContain('Vendu à un autre prix que celui du catalogue.');
    expect(discrepancyText.replace(/ /g, '')).toContain(`encaissé${variant.price + 500}FCFA`);
    await screenshot('sync');
    await item.getByRole('button', { name: 'Marquer comme réglé' }).click();
    await expect.poll(() => item.count()).toBe(0);
    const { rows: handled } = await pool.query(
      `SELECT resolved_at IS NOT NULL AS handled FROM quarantined_document WHERE document_id = $1`,
      [unreadable.id],
    );
    expect(handled).toEqual([{ handled: true }]);

    // An admin picks the store the screens work on.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await signIn('admin@allure.test');
    const picker = page.locator('select[name="store"]');
    await picker.waitFor();
    await expect
      .poll(() => picker.locator('option').allTextContents())
      .toEqual(['Tous les magasins', 'DKR1 · Allure Dakar Plateau']);
    await page.locator('[data-section="team"]').click();
    await picker.selectOption({ label: 'Tous les magasins' });
    await staff.locator('[data-staff="admin@allure.test"]').waitFor();
    await screenshot('admin-team');
    expect(pageErrors).toEqual([]);
  });
});
