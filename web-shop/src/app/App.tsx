import { formatMoney } from '@allure/shared/money-format';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { apiCatalogReads, type ShopApi } from '../api/api-client.js';
import { translator } from '../i18n/translate.js';
import { loadPage, type PageData } from '../page-data.js';
import { pageHead } from '../page-head.js';
import { AccountPage } from '../pages/AccountPage.js';
import { CartPage } from '../pages/CartPage.js';
import { CategoryPage } from '../pages/CategoryPage.js';
import { CheckoutPage } from '../pages/CheckoutPage.js';
import { HomePage } from '../pages/HomePage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { OrderPage } from '../pages/OrderPage.js';
import { ProductPage } from '../pages/ProductPage.js';
import { SearchPage } from '../pages/SearchPage.js';
import { TrackPage } from '../pages/TrackPage.js';
import { hrefOf, type Place, placeOf } from '../routes.js';
import type { ShopBoot } from './boot.js';
import { Layout } from './Layout.js';
import { type Shop, ShopProvider } from './shop-context.js';

interface Shown {
  place: Place;
  data: PageData;
}

function Page({ shown }: { shown: Shown }) {
  const { route } = shown.place;
  const { data } = shown;
  if (data.page === 'home') return <HomePage newest={data.newest} />;
  if (data.page === 'category' && route.page === 'category')
    return <CategoryPage category={data.category} products={data.products} filters={route.filters} />;
  if (data.page === 'search') return <SearchPage q={data.q} products={data.products} />;
  if (data.page === 'product' && route.page === 'product')
    return <ProductPage product={data.product} variantId={route.variantId} />;
  switch (route.page) {
    case 'cart':
      return <CartPage />;
    case 'checkout':
      return <CheckoutPage />;
    case 'order':
      return <OrderPage token={route.token} />;
    case 'track':
      return <TrackPage />;
    case 'account':
      return <AccountPage />;
    default:
      return <NotFoundPage />;
  }
}

/**
 * The whole shop. On the server it renders the page it is given; in the browser it then follows links
 * itself: the next page's catalog data is loaded, and the address changes once it is shown.
 */
export function App({ boot, api }: { boot: ShopBoot; api: ShopApi | null }) {
  const [shown, setShown] = useState<Shown>({ place: boot.place, data: boot.data });
  const latest = useRef(0);
  const { locale } = shown.place;
  const reads = useMemo(() => (api ? apiCatalogReads(api) : null), [api]);

  const show = useCallback(
    async (href: string, how: 'push' | 'replace' | 'pop') => {
      const url = new URL(href, window.location.href);
      const place = placeOf(url.pathname, url.search);
      if (!place || !reads) {
        window.location.assign(url);
        return;
      }
      const ticket = ++latest.current;
      let data: PageData;
      try {
        data = await loadPage(place.route, boot.categories, reads);
      } catch {
        // The API is out of reach: a full load shows the server's own page (or the browser's error).
        window.location.assign(url);
        return;
      }
      if (ticket !== latest.current) return;
      if (how === 'push') window.history.pushState(null, '', url);
      if (how === 'replace') window.history.replaceState(null, '', url);
      setShown({ place, data });
      document.title = pageHead(place, data, boot).title;
      if (how === 'push') window.scrollTo(0, 0);
    },
    [reads, boot],
  );

  const shop = useMemo<Shop>(
    () => ({
      locale,
      t: translator(locale),
      store: boot.store,
      apiUrl: boot.apiUrl,
      categories: boot.categories,
      api,
      price: (amount) => formatMoney(amount, boot.store.currency, locale),
      href: (route) => hrefOf(locale, route),
      navigate: (href, options) => void show(href, options?.replace ? 'replace' : 'push'),
    }),
    [api, boot, locale, show],
  );

  useEffect(() => {
    const onPop = () => void show(window.location.href, 'pop');
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [show]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <ShopProvider shop={shop}>
      <Layout place={shown.place}>
        <Page shown={shown} />
      </Layout>
    </ShopProvider>
  );
}
