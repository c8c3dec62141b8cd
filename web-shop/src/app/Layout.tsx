import type { ReactNode } from 'react';
import { cartCount } from '../cart/cart.js';
import { useCart } from '../cart/cart-store.js';
import { SearchBox } from '../catalog/SearchBox.js';
import { hrefOf, NO_FILTERS, type Place } from '../routes.js';
import { Link, useShop } from './shop-context.js';

export function Layout({ place, children }: { place: Place; children: ReactNode }) {
  const { t, href, categories, store } = useShop();
  const count = cartCount(useCart());
  const other = place.locale === 'fr' ? 'en' : 'fr';
  const top = categories.filter((category) => category.parentId === null);
  return (
    <>
      <a className="skip" href="#content">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header-row">
          <Link to={href({ page: 'home' })} className="logo">
            {store.name}
          </Link>
          <SearchBox initial={place.route.page === 'search' ? place.route.q : ''} />
          <nav className="header-links">
            <Link to={href({ page: 'account' })}>{t('nav.account')}</Link>
            <Link to={hrefOf(other, place.route)} hrefLang={other} lang={other}>
              {t('nav.language')}
            </Link>
            <Link to={href({ page: 'cart' })} aria-label={t('cart.count', { count })} className="cart-link">
              {t('nav.cart')} <span className="cart-count">{count}</span>
            </Link>
          </nav>
        </div>
        <nav className="categories" aria-label={t('home.categories')}>
          {top.map((category) => (
            <Link
              key={category.id}
              to={href({ page: 'category', slug: category.slug, filters: NO_FILTERS })}
              aria-current={
                place.route.page === 'category' && place.route.slug === category.slug ? 'page' : undefined
              }
            >
              {category.name}
            </Link>
          ))}
        </nav>
      </header>
      <main id="content" className="main">
        {children}
      </main>
      <footer className="footer">
        <Link to={href({ page: 'track' })}>{t('nav.track')}</Link>
        <span>{t('shop.tagline', { store: store.name })}</span>
      </footer>
    </>
  );
}
