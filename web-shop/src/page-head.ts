import { type Currency, minorUnitExponent } from '@allure/shared/currency';
import { renditionFor } from '@allure/shared/product-image';
import type { ShopBoot } from './app/boot.js';
import { translator } from './i18n/translate.js';
import type { PageData } from './page-data.js';
import { hrefOf, locales, type Place } from './routes.js';
import { mediaUrl } from './ui/product-images.js';

/** What search engines and link previews read of a page, without running any script. */
export interface PageHead {
  title: string;
  description: string;
  /** Path of the page in each language (hreflang), the current one first. */
  alternates: { locale: string; path: string }[];
  /** Open Graph properties (og:…). */
  openGraph: Record<string, string>;
  /** schema.org JSON-LD, for a product page. */
  jsonLd: object | null;
  /** Pages about one shopper are not for search engines. */
  noIndex: boolean;
}

const DESCRIPTION_LENGTH = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= DESCRIPTION_LENGTH ? flat : `${flat.slice(0, DESCRIPTION_LENGTH - 1).trimEnd()}…`;
}

export function pageHead(place: Place, data: PageData, boot: Pick<ShopBoot, 'apiUrl' | 'store'>): PageHead {
  const t = translator(place.locale);
  const shop = boot.store.name;
  const tagline = t('shop.tagline', { store: shop });
  const alternates = [place.locale, ...locales.filter((locale) => locale !== place.locale)].map((locale) => ({
    locale,
    path: hrefOf(locale, place.route),
  }));
  const base = {
    alternates,
    openGraph: {
      'og:site_name': shop,
      'og:locale': place.locale === 'fr' ? 'fr_FR' : 'en_GB',
      'og:type': 'website',
    },
    jsonLd: null,
    noIndex: false,
  };
  switch (data.page) {
    case 'home':
      return {
        ...base,
        title: shop,
        description: tagline,
        openGraph: { ...base.openGraph, 'og:title': shop, 'og:description': tagline },
      };
    case 'category': {
      const names = data.products.items.slice(0, 6).map((item) => item.name);
      const description = clip(`${data.category.name}: ${names.join(', ')}. ${tagline}`);
      const title = `${data.category.name} · ${shop}`;
      const [first] = data.products.items.flatMap((item) => item.images);
      return {
        ...base,
        title,
        description,
        openGraph: {
          ...base.openGraph,
          'og:title': title,
          'og:description': description,
          ...(first ? ogImage(boot.apiUrl, first) : {}),
        },
      };
    }
    case 'product': {
      const { product } = data;
      const description = clip(
        product.description || `${product.name}${product.brand ? `, ${product.brand}` : ''}. ${tagline}`,
      );
      const title = `${product.name} · ${shop}`;
      const [image] = product.images;
      return {
        ...base,
        title,
        description,
        openGraph: {
          ...base.openGraph,
          'og:type': 'product',
          'og:title': product.name,
          'og:description': description,
          ...(image ? ogImage(boot.apiUrl, image) : {}),
        },
        jsonLd: productJsonLd(data.product, boot.apiUrl, boot.store.currency),
      };
    }
    case 'search':
      return {
        ...base,
        title: `${t('search.title', { q: data.q })} · ${shop}`,
        description: tagline,
        noIndex: true,
      };
    case 'not-found':
      return {
        ...base,
        title: `${t('notFound.title')} · ${shop}`,
        description: t('notFound.text'),
        noIndex: true,
      };
    default:
      return { ...base, title: shop, description: tagline, noIndex: true };
  }
}

type Image = Extract<PageData, { page: 'product' }>['product']['images'][number];

/** Previews want one JPEG-or-WebP picture about 1200 px wide: the widest WebP up to 1280. */
function ogImage(apiUrl: string, image: Image): Record<string, string> {
  const webp = image.renditions.filter((item) => item.format === 'webp').sort((a, b) => a.width - b.width);
  const chosen = webp.filter((item) => item.width <= 1280).at(-1) ?? webp[0];
  if (!chosen) return {};
  return {
    'og:image': mediaUrl(apiUrl, chosen.src),
    'og:image:width': String(chosen.width),
    'og:image:height': String(chosen.height),
    'og:image:type': 'image/webp',
  };
}

function productJsonLd(
  product: Extract<PageData, { page: 'product' }>['product'],
  apiUrl: string,
  currency: Currency,
) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    ...(product.description ? { description: product.description } : {}),
    ...(product.brand ? { brand: { '@type': 'Brand', name: product.brand } } : {}),
    // The widest WebP of each photo.
    image: product.images.flatMap((image) => {
      const widest = renditionFor(image, Number.POSITIVE_INFINITY, ['webp']);
      return widest ? [mediaUrl(apiUrl, widest.src)] : [];
    }),
    // Each variant is an offer; availability is left out because the page's HTML is cached and stock is not.
    offers: product.variants.map((variant) => ({
      '@type': 'Offer',
      sku: variant.sku,
      ...(variant.barcode ? { gtin: variant.barcode } : {}),
      price: minorToDecimal(variant.price, currency),
      priceCurrency: currency,
    })),
  };
}

/** schema.org prices are decimal strings in major units ("12.50" EUR, "15000" XOF). */
function minorToDecimal(amount: number, currency: Currency): string {
  const exponent = minorUnitExponent(currency);
  return exponent === 0 ? String(amount) : (amount / 10 ** exponent).toFixed(exponent);
}
