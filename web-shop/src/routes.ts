/**
 * The shop's addresses. Every page lives under its language (`/fr/…`, `/en/…`) so a link, a search engine
 * and a shared preview all get the page in the language it was shared in. Category filters are in the
 * query string: a filtered listing is a link like any other.
 */
export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];

export const productSorts = ['name', 'newest', 'price-asc', 'price-desc'] as const;
export type ProductSort = (typeof productSorts)[number];

/** The filters a shopper can tick on a listing; the API's limits apply (at most 20 values each). */
export interface ListingFilters {
  sizes: string[];
  colours: string[];
  inStock: boolean;
  sort: ProductSort;
}

export const NO_FILTERS: ListingFilters = { sizes: [], colours: [], inStock: false, sort: 'name' };

export type Route =
  | { page: 'home' }
  | { page: 'category'; slug: string; filters: ListingFilters }
  | { page: 'search'; q: string }
  | { page: 'product'; slug: string; variantId: string | null }
  | { page: 'cart' }
  | { page: 'checkout' }
  | { page: 'order'; token: string }
  | { page: 'track' }
  | { page: 'account' }
  | { page: 'not-found' };

export interface Place {
  locale: Locale;
  route: Route;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_FILTER_VALUES = 20;
const MAX_VALUE_LENGTH = 40;
const MAX_QUERY_LENGTH = 120;

function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? '');
}

function values(params: URLSearchParams, name: string): string[] {
  const given = params
    .getAll(name)
    .map((value) => value.trim())
    .filter((value) => value.length > 0 && value.length <= MAX_VALUE_LENGTH);
  return [...new Set(given)].slice(0, MAX_FILTER_VALUES);
}

export function filtersOf(params: URLSearchParams): ListingFilters {
  const sort = params.get('sort');
  return {
    sizes: values(params, 'size'),
    colours: values(params, 'colour'),
    inStock: params.get('stock') === '1',
    sort: (productSorts as readonly string[]).includes(sort ?? '') ? (sort as ProductSort) : 'name',
  };
}

/** Where a URL points; null when it is not under a language (the server then picks one). */
export function placeOf(pathname: string, search = ''): Place | null {
  const [, first, ...rest] = pathname.split('/');
  if (!isLocale(first)) return null;
  const params = new URLSearchParams(search);
  const parts = rest.filter((part) => part !== '');
  return { locale: first, route: routeOf(parts, params) };
}

function routeOf(parts: string[], params: URLSearchParams): Route {
  const [section, key, ...extra] = parts;
  if (section === undefined) return { page: 'home' };
  if (extra.length > 0) return { page: 'not-found' };
  if (key === undefined) {
    switch (section) {
      case 'search': {
        const q = (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
        return { page: 'search', q };
      }
      case 'cart':
      case 'checkout':
      case 'track':
      case 'account':
        return { page: section };
      default:
        return { page: 'not-found' };
    }
  }
  if (section === 'c' && SLUG.test(key)) return { page: 'category', slug: key, filters: filtersOf(params) };
  if (section === 'p' && SLUG.test(key)) {
    const variant = params.get('variant');
    return {
      page: 'product',
      slug: key,
      variantId: variant && /^[0-9a-f-]{36}$/.test(variant) ? variant : null,
    };
  }
  if (section === 'orders' && key.length <= 200) return { page: 'order', token: key };
  return { page: 'not-found' };
}

/** The address of a place: `placeOf(hrefOf(place))` is the place again. */
export function hrefOf(locale: Locale, route: Route): string {
  const base = `/${locale}`;
  switch (route.page) {
    case 'home':
      return base;
    case 'category': {
      const params = new URLSearchParams();
      for (const size of route.filters.sizes) params.append('size', size);
      for (const colour of route.filters.colours) params.append('colour', colour);
      if (route.filters.inStock) params.set('stock', '1');
      if (route.filters.sort !== 'name') params.set('sort', route.filters.sort);
      const query = params.toString();
      return `${base}/c/${route.slug}${query ? `?${query}` : ''}`;
    }
    case 'search':
      return `${base}/search?${new URLSearchParams({ q: route.q })}`;
    case 'product':
      return `${base}/p/${route.slug}${route.variantId ? `?variant=${route.variantId}` : ''}`;
    case 'order':
      return `${base}/orders/${encodeURIComponent(route.token)}`;
    case 'not-found':
      return `${base}/not-found`;
    default:
      return `${base}/${route.page}`;
  }
}

/** The language a visitor without one in the URL gets: the first of theirs we speak, else French. */
export function preferredLocale(acceptLanguage: string | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((option) => option.trim()).find((option) => option.startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0], weight: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  return ranked.map((entry) => entry.language).find(isLocale) ?? 'fr';
}
