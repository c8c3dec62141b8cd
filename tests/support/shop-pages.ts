import type pg from 'pg';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// What a shopper does on the web shop's pages, in either language, for the web shop's e2e files.

/** The words a shopper reads and clicks, as the shop writes them in each language. */
export const shopWords = {
  fr: {
    size: 'Taille',
    colour: 'Couleur',
    add: 'Ajouter au panier',
    added: 'Ajouté à votre panier.',
    toCheckout: 'Commander',
    checkout: 'Commande',
    placeOrder: 'Passer la commande',
  },
  en: {
    size: 'Size',
    colour: 'Colour',
    add: 'Add to cart',
    added: 'Added to your cart.',
    toCheckout: 'Checkout',
    checkout: 'Checkout',
    placeOrder: 'Place order',
  },
} as const;
export type ShopLanguage = keyof typeof shopWords;

/** Where the shop keeps the cart in the browser. */
export const CART_KEY = 'allure.cart.v1';

export interface StockedVariant {
  id: string;
  slug: string;
  name: string;
  size: string;
  colour: string;
  quantity: number;
}

/** Active products with at least one variant of `atLeast` units online, in the order of `slugs` when given. */
export async function stockedVariants(
  pool: pg.Pool,
  options: { slugs?: string[]; atLeast: number },
): Promise<StockedVariant[][]> {
  const { rows } = await pool.query<StockedVariant>(
    `SELECT v.id, p.slug, p.name, v.size, v.colour, s.quantity
       FROM product p
       JOIN variant v ON v.product_id = p.id AND v.active
       JOIN stock_level s ON s.variant_id = v.id AND s.quantity >= $2
       JOIN stock_location l ON l.id = s.location_id AND l.kind = 'web'
      WHERE p.status = 'active' AND ($1::text[] IS NULL OR p.slug = ANY($1::text[]))
      ORDER BY p.slug, v.position, v.id`,
    [options.slugs ?? null, options.atLeast],
  );
  const byProduct = new Map<string, StockedVariant[]>();
  for (const row of rows) byProduct.set(row.slug, [...(byProduct.get(row.slug) ?? []), row]);
  const slugs = options.slugs ?? [...byProduct.keys()];
  return slugs.flatMap((slug) => {
    const variants = byProduct.get(slug);
    return variants ? [variants] : [];
  });
}

/**
 * Resolves once React has hydrated the server's HTML (its elements carry React's props): clicks now reach
 * the app. Checked on a timer, not on animation frames, which a page in the background does not get.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      return main !== null && Object.keys(main).some((key) => key.startsWith('__reactProps$'));
    },
    undefined,
    { polling: 100 },
  );
}

export const cartCount = (page: Page) => page.locator('.cart-count').textContent();

export const storedCart = (page: Page) =>
  page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? '[]') as { variantId: string; quantity: number }[],
    CART_KEY,
  );

/** Picks a variant with the product page's size and colour buttons, and adds it to the cart once it shows in stock. */
export async function addVariant(page: Page, variant: StockedVariant, language: ShopLanguage = 'fr') {
  const words = shopWords[language];
  const size = page
    .getByRole('group', { name: words.size })
    .getByRole('button', { name: variant.size, exact: true });
  const colour = page
    .getByRole('group', { name: words.colour })
    .getByRole('button', { name: variant.colour, exact: true });
  await size.click();
  await colour.click();
  // The address names the chosen variant, and the line under the price says how many are left online.
  await expect.poll(() => new URL(page.url()).searchParams.get('variant')).toBe(variant.id);
  expect(await size.getAttribute('aria-pressed')).toBe('true');
  expect(await colour.getAttribute('aria-pressed')).toBe('true');
  await expect
    .poll(() => page.locator('.availability').getAttribute('data-available'))
    .toBe(String(variant.quantity));
  await page.getByRole('button', { name: words.add }).click();
  await expect.poll(() => page.locator('.notice').textContent()).toBe(words.added);
}

/**
 * From any page with a cart: the cart, then the checkout form, paying by card with `token`; a guest
 * types a name and e-mail, a signed-in shopper (`contact` null) leaves them to the account.
 */
export async function fillCheckout(
  page: Page,
  contact: { name: string; email: string } | null,
  token: string,
  language: ShopLanguage = 'fr',
) {
  const words = shopWords[language];
  await page.locator('.cart-link').click();
  await page.getByRole('link', { name: words.toCheckout }).click();
  await page.getByRole('heading', { name: words.checkout, exact: true }).waitFor();
  if (contact) {
    await page.locator('input[name="name"]').fill(contact.name);
    await page.locator('input[name="email"]').fill(contact.email);
  }
  expect(await page.locator('input[name="payment"][value="card"]').isChecked()).toBe(true);
  await page.locator('input[name="cardToken"]').fill(token);
}
