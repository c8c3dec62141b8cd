import type { ShopBoot } from '../src/app/boot.js';
import { BOOT_ELEMENT_ID } from '../src/app/boot.js';
import type { PageHead } from '../src/page-head.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** JSON inside a <script>: no sequence in it can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The LCP image's preload: the browser fetches it with the HTML, before any script runs. */
export interface ImagePreload {
  srcset: string;
  sizes: string;
  type: string;
}

export function headHtml(
  head: PageHead,
  origin: string,
  options: { apiUrl: string; preload: ImagePreload | null },
): string {
  const [current] = head.alternates;
  const tags = [
    `<title>${escapeHtml(head.title)}</title>`,
    `<meta name="description" content="${escapeHtml(head.description)}" />`,
    head.noIndex ? '<meta name="robots" content="noindex" />' : '',
    current ? `<link rel="canonical" href="${escapeHtml(origin + current.path)}" />` : '',
    ...head.alternates.map(
      (alternate) =>
        `<link rel="alternate" hreflang="${alternate.locale}" href="${escapeHtml(origin + alternate.path)}" />`,
    ),
    current ? `<meta property="og:url" content="${escapeHtml(origin + current.path)}" />` : '',
    ...Object.entries(head.openGraph).map(
      ([property, content]) => `<meta property="${escapeHtml(property)}" content="${escapeHtml(content)}" />`,
    ),
    // Without `crossorigin`: the photos and the API calls (`credentials: 'include'`) are credentialed
    // requests, which only reuse a connection opened for credentialed ones.
    `<link rel="preconnect" href="${escapeHtml(options.apiUrl)}" />`,
    options.preload
      ? `<link rel="preload" as="image" type="${options.preload.type}" imagesrcset="${escapeHtml(options.preload.srcset)}" imagesizes="${escapeHtml(options.preload.sizes)}" fetchpriority="high" />`
      : '',
    head.jsonLd ? `<script type="application/ld+json">${scriptJson(head.jsonLd)}</script>` : '',
  ];
  return tags.filter(Boolean).join('\n    ');
}

/** The built index.html with the page put in: language, head, rendered app and the boot data. */
export function pageHtml(
  template: string,
  parts: { lang: string; head: string; app: string; boot: ShopBoot },
): string {
  return template
    .replace('<html lang="fr">', `<html lang="${parts.lang}">`)
    .replace('<!--head-->', () => parts.head)
    .replace('<!--app-->', () => parts.app)
    .replace(
      '<!--boot-->',
      () => `<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptJson(parts.boot)}</script>`,
    );
}
