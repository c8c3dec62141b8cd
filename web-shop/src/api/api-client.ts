import type { AppRouter } from '@allure/sync-server/router';
import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  TRPCClientError,
} from '@trpc/client';
import type { CatalogReads, ListProductsInput } from './shop-types.js';

export type ShopApi = TRPCClient<AppRouter>;

/**
 * The API as the browser reaches it (another origin: `credentials: 'include'` carries the account's
 * refresh cookie). Reads are GETs, so the browser's HTTP cache and the server's ETags answer repeats;
 * order status arrives as server-sent events.
 */
export function shopApi(apiUrl: string, accessToken: () => string | null): ShopApi {
  const url = `${apiUrl}/trpc`;
  const headers = () => {
    const token = accessToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({ url }),
        false: httpLink({
          url,
          headers,
          fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
        }),
      }),
    ],
  });
}

/** The code of a refusal the API explained (NOT_FOUND, BAD_REQUEST, CONFLICT…); null for anything else. */
export function refusalOf(error: unknown): { code: string; message: string } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? { code, message: error.message } : null;
}

const NO_PRODUCTS = { items: [], nextCursor: null };

export function apiCatalogReads(api: ShopApi): CatalogReads {
  return {
    categories: () => api.catalog.categories.query(),
    products: (input: ListProductsInput) => api.catalog.products.list.query(input),
    search: (input) =>
      api.catalog.products.search.query(input).catch((error: unknown) => {
        // A query of punctuation only folds to no words: the API refuses it, the shop finds nothing.
        if (refusalOf(error)?.code === 'BAD_REQUEST') return NO_PRODUCTS;
        throw error;
      }),
    product: (slug) =>
      api.catalog.products.bySlug.query({ slug }).catch((error: unknown) => {
        if (refusalOf(error)?.code === 'NOT_FOUND') return null;
        throw error;
      }),
  };
}
