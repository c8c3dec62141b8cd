import { createContext, type MouseEvent, type ReactNode, useContext } from 'react';
import type { ShopApi } from '../api/api-client.js';
import type { Category } from '../api/shop-types.js';
import type { Translate } from '../i18n/translate.js';
import type { Locale, Route } from '../routes.js';
import type { ShopStore } from './boot.js';

export interface Shop {
  locale: Locale;
  t: Translate;
  store: ShopStore;
  apiUrl: string;
  categories: Category[];
  /** Null on the server: nothing there talks to the API over HTTP. */
  api: ShopApi | null;
  /** A catalog price: every price is in the store's currency (shared/catalog-currency.ts). */
  price(amount: number): string;
  href(route: Route): string;
  navigate(href: string, options?: { replace?: boolean }): void;
}

const ShopContext = createContext<Shop | null>(null);

export function ShopProvider({ shop, children }: { shop: Shop; children: ReactNode }) {
  return <ShopContext value={shop}>{children}</ShopContext>;
}

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop outside ShopProvider');
  return shop;
}

/** An ordinary link that the shop follows without reloading (a new tab or a modified click still works). */
export function Link({
  to,
  children,
  className,
  ...rest
}: { to: string; children: ReactNode; className?: string } & Omit<
  React.AnchorHTMLAttributes<HTMLAnchorElement>,
  'href'
>) {
  const { navigate } = useShop();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} className={className} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
