import type { AppRouter } from '@allure/sync-server/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

// What the shop reads and sends, as the API's router declares it: one definition, no copies.
type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type Category = Outputs['catalog']['categories'][number];
export type ProductPage = Outputs['catalog']['products']['list'];
export type ProductSummary = ProductPage['items'][number];
export type ProductDetail = Outputs['catalog']['products']['bySlug'];
export type Variant = ProductDetail['variants'][number];
export type Suggestion = Outputs['catalog']['products']['suggest'][number];
export type ListProductsInput = Inputs['catalog']['products']['list'];
export type CheckoutInput = Inputs['checkout']['place'];
export type CheckoutResult = Outputs['checkout']['place'];
export type OrderProgress = Outputs['checkout']['status'];
export type OrderView = Outputs['orders']['track'];

/** The catalog reads a page needs: the API over HTTP in the browser, the services themselves on the server. */
export interface CatalogReads {
  categories(): Promise<Category[]>;
  products(input: ListProductsInput): Promise<ProductPage>;
  search(input: { q: string; cursor?: string; limit?: number }): Promise<ProductPage>;
  /** null when no active product has this slug. */
  product(slug: string): Promise<ProductDetail | null>;
}
