import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOOT_ELEMENT_ID, type ShopBoot } from '../src/app/boot.js';
import type { PageHead } from '../src/page-head.js';
import { escapeHtml, headHtml, type ImagePreload, pageHtml, scriptJson } from './page-html.js';

const ORIGIN = 'https://shop.allure.example';
const API_URL = 'https://api.allure.example';
const HOSTILE = '"><script>alert(1)</script><!--';

function head(overrides: Partial<PageHead> = {}): PageHead {
  return {
    title: 'Robe wax · Allure Dakar',
    description: 'Robe longue en wax.',
    alternates: [
      { locale: 'fr', path: '/fr/p/robe-wax' },
      { locale: 'en', path: '/en/p/robe-wax' },
    ],
    openGraph: { 'og:site_name': 'Allure Dakar', 'og:title': 'Robe wax' },
    jsonLd: null,
    noIndex: false,
    ...overrides,
  };
}

const preload: ImagePreload = {
  srcset: `${API_URL}/media/a-320.avif 320w, ${API_URL}/media/a-640.avif 640w`,
  sizes: '(min-width: 48rem) 50vw, 100vw',
  type: 'image/avif',
};

function html(pageHead: PageHead, imagePreload: ImagePreload | null = null) {
  return headHtml(pageHead, ORIGIN, { apiUrl: API_URL, preload: imagePreload });
}

/** The elements of one tag name in a piece of HTML, as written. */
function tags(text: string, name: string): string[] {
  return text.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes an ampersand that already starts an entity, so the text shows as typed', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('leaves other text, accents and emoji as they are', () => {
    expect(escapeHtml('Robe été — 15 000 F CFA 👗')).toBe('Robe été — 15 000 F CFA 👗');
  });
});

describe('scriptJson', () => {
  const hostile = {
    name: 'Robe </script><script>alert(1)</script>',
    note: '<!-- x -->',
    lines: 'a\u2028b\u2029c',
  };

  it('cannot close the script element nor open a comment', () => {
    const json = scriptJson(hostile);
    expect(json).not.toMatch(/<\/script/i);
    expect(json).not.toContain('<!--');
    expect(json).not.toContain('<');
  });

  it('escapes the line and paragraph separators that old JavaScript parsers end a string at', () => {
    const json = scriptJson(hostile);
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(json).toContain('a\\u2028b\\u2029c');
  });

  it('reads back as the same value', () => {
    expect(JSON.parse(scriptJson(hostile))).toEqual(hostile);
    expect(JSON.parse(scriptJson([1, 'x', null, { nested: true }]))).toEqual([
      1,
      'x',
      null,
      { nested: true },
    ]);
  });
});

describe('headHtml', () => {
  it('writes the title, description, canonical address and one alternate per language', () => {
    const text = html(head());
    expect(text).toContain('<title>Robe wax · Allure Dakar</title>');
    expect(text).toContain('<meta name="description" content="Robe longue en wax." />');
    expect(text).toContain(`<link rel="canonical" href="${ORIGIN}/fr/p/robe-wax" />`);
    expect(text).toContain(`<meta property="og:url" content="${ORIGIN}/fr/p/robe-wax" />`);
    expect(tags(text, 'link').filter((tag) => tag.includes('rel="alternate"'))).toEqual([
      `<link rel="alternate" hreflang="fr" href="${ORIGIN}/fr/p/robe-wax" />`,
      `<link rel="alternate" hreflang="en" href="${ORIGIN}/en/p/robe-wax" />`,
    ]);
    expect(text).toContain('<meta property="og:title" content="Robe wax" />');
    expect(text).toContain(`<link rel="preconnect" href="${API_URL}" />`);
  });

  it('escapes text a manager or a shopper typed: a product named like markup stays text', () => {
    const text = html(
      head({
        title: `${HOSTILE} · Allure`,
        description: HOSTILE,
        openGraph: { 'og:title': HOSTILE },
        alternates: [{ locale: 'fr', path: `/fr/search?q=${HOSTILE}` }],
      }),
    );
    expect(tags(text, 'script')).toEqual([]);
    expect(text).not.toContain('<!--');
    expect(text).toContain('<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- · Allure</title>');
    expect(text).toContain(
      '<meta property="og:title" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--" />',
    );
    // Every attribute value still closes where it should: each tag is whole.
    for (const tag of [...tags(text, 'meta'), ...tags(text, 'link')])
      expect(tag).toMatch(/^<(meta|link) (\w[\w-]*(="[^"<>]*")? ?)+\/>$/);
  });

  it('escapes the ampersands of a query in the addresses', () => {
    const text = html(head({ alternates: [{ locale: 'fr', path: '/fr/c/robes?size=M&stock=1' }] }));
    expect(text).toContain(`<link rel="canonical" href="${ORIGIN}/fr/c/robes?size=M&amp;stock=1" />`);
  });

  it('asks robots not to index only the pages that say so', () => {
    expect(html(head({ noIndex: true }))).toContain('<meta name="robots" content="noindex" />');
    expect(html(head({ noIndex: false }))).not.toContain('robots');
  });

  it('preloads the main image only when given one', () => {
    expect(html(head())).not.toContain('rel="preload"');
    const text = html(head(), preload);
    const [tag, ...others] = tags(text, 'link').filter((link) => link.includes('rel="preload"'));
    expect(others).toEqual([]);
    expect(tag).toBe(
      `<link rel="preload" as="image" type="image/avif" imagesrcset="${preload.srcset}" imagesizes="${preload.sizes}" fetchpriority="high" />`,
    );
  });

  it('writes JSON-LD that cannot break out of its script element', () => {
    const jsonLd = { '@type': 'Product', name: 'Robe </script><script>alert(1)</script>' };
    const text = html(head({ jsonLd }));
    expect(tags(text, 'script')).toEqual(['<script type="application/ld+json">']);
    expect(text.match(/<\/script>/g)).toHaveLength(1);
    const body = text.slice(
      text.indexOf('<script type="application/ld+json">') + 35,
      text.lastIndexOf('</script>'),
    );
    expect(JSON.parse(body)).toEqual(jsonLd);
  });

  it('writes no JSON-LD, canonical or alternates the page does not have', () => {
    const text = html(head({ alternates: [] }));
    expect(text).not.toContain('ld+json');
    expect(text).not.toContain('canonical');
    expect(text).not.toContain('og:url');
    expect(text).not.toContain('hreflang');
  });
});

describe('pageHtml', () => {
  const template = readFileSync(new URL('../index.html', import.meta.url), 'utf8');

  function boot(productName: string): ShopBoot {
    return {
      apiUrl: API_URL,
      store: {
        id: '7c6b5a49-3827-4165-8a4b-3c2d1e0f9a8b',
        name: 'Allure Dakar',
        currency: 'XOF',
        country: 'SN',
      },
      categories: [
        { id: '00000000-0000-4000-8000-000000000001', slug: 'robes', name: productName, parentId: null },
      ],
      place: { locale: 'en', route: { page: 'home' } },
      data: { page: 'not-found' },
    };
  }

  /** The boot data as the browser reads it back from the page. */
  function bootIn(page: string): unknown {
    const open = `<script type="application/json" id="${BOOT_ELEMENT_ID}">`;
    const start = page.indexOf(open);
    expect(start).toBeGreaterThanOrEqual(0);
    return JSON.parse(page.slice(start + open.length, page.indexOf('</script>', start)));
  }

  it('fills every placeholder of the built page', () => {
    const page = pageHtml(template, {
      lang: 'en',
      head: '<title>Allure</title>',
      app: '<main>Robes</main>',
      boot: boot('Robes'),
    });
    expect(page).not.toMatch(/<!--(lang|head|app|boot)-->/);
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<head>[\s\S]*<title>Allure<\/title>[\s\S]*<\/head>/);
    expect(page).toContain('<div id="shop"><main>Robes</main></div>');
    expect(bootIn(page)).toEqual(boot('Robes'));
  });

  it('puts content in as written: $ sequences are not replacement patterns', () => {
    const content = "Prix : 15 000 $ — $& $1 $$ $` $' $<name>";
    const page = pageHtml(template, {
      lang: 'fr',
      head: `<title>${content}</title>`,
      app: `<p>${content}</p>`,
      boot: boot(content),
    });
    expect(page).toContain(`<title>${content}</title>`);
    expect(page).toContain(`<div id="shop"><p>${content}</p></div>`);
    expect(bootIn(page)).toEqual(boot(content));
  });

  it('keeps the boot data inside its script element whatever a name in it holds', () => {
    const page = pageHtml(template, {
      lang: 'fr',
      head: '',
      app: '',
      boot: boot(`</script><script>alert(1)</script>\u2028`),
    });
    expect(tags(page, 'script').filter((tag) => !tag.includes('type="module"'))).toEqual([
      `<script type="application/json" id="${BOOT_ELEMENT_ID}">`,
    ]);
    expect(bootIn(page)).toEqual(boot(`</script><script>alert(1)</script>\u2028`));
  });
});
