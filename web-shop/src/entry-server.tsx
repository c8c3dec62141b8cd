import { renderToString } from 'react-dom/server';
import { App } from './app/App.js';
import type { ShopBoot } from './app/boot.js';

/** The page's HTML, as the browser's first render will produce it again when it hydrates. */
export function renderApp(boot: ShopBoot): string {
  return renderToString(<App boot={boot} api={null} />);
}
