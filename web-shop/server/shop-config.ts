import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '@allure/sync-server/config';
import { z } from 'zod';

/**
 * The shop server's settings. It shares the API's database, Redis and secrets (read by the API's own
 * loader, so both refuse the same mistakes), and adds where it listens and where browsers reach the API.
 */
export interface ShopConfig {
  api: Config;
  host: string;
  port: number;
  /** The API's address as browsers see it: their calls and the product photos go there. */
  apiPublicUrl: string;
  /** The store the shop sells for, by code; needed only when several stores have a web location. */
  storeCode: string | undefined;
  /** How long shared caches may keep a catalog page's HTML. */
  pageMaxAgeS: number;
  /** The Vite build: client files and the server renderer. */
  distDir: string;
}

const shopEnv = z.object({
  SHOP_HOST: z.string().min(1).default('0.0.0.0'),
  SHOP_PORT: z.coerce.number().int().min(1).max(65_535).default(5173),
  API_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://localhost:3000')
    .transform((url) => url.replace(/\/+$/, '')),
  SHOP_STORE_CODE: z.string().min(1).max(8).optional(),
  SHOP_PAGE_MAX_AGE_S: z.coerce.number().int().min(0).max(86_400).default(60),
  // The package's own dist, found the same way from the sources (tsx) and from the compiled server.
  SHOP_DIST_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('dist', import.meta.resolve('@allure/web-shop/package.json')))),
});

export function loadShopConfig(): ShopConfig {
  const api = loadConfig();
  const parsed = shopEnv.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid shop settings: ${problems.join('; ')}`);
  }
  const shop = parsed.data;
  return {
    api,
    host: shop.SHOP_HOST,
    port: shop.SHOP_PORT,
    apiPublicUrl: shop.API_PUBLIC_URL,
    storeCode: shop.SHOP_STORE_CODE,
    pageMaxAgeS: shop.SHOP_PAGE_MAX_AGE_S,
    distDir: shop.SHOP_DIST_DIR,
  };
}
