// Reading a server-rendered page as a search engine or a link preview does: from its HTML, without script.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text as written in HTML (React and the head writer escape quotes and ampersands). */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? entity;
  });
}

/** The attributes of every tag `name` in `html`, decoded. */
export function tags(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\s([^>]*?)\\s*/?>`, 'g'))].map((tag) =>
    Object.fromEntries(
      [...(tag[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [
        key,
        decode(value ?? ''),
      ]),
    ),
  );
}

export function meta(html: string, attribute: 'name' | 'property', key: string): string | undefined {
  return tags(html, 'meta').find((tag) => tag[attribute] === key)?.content;
}

export function element(html: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(html);
  return match?.[1] === undefined ? undefined : decode(match[1]);
}

/** The page's JSON-LD blocks, parsed. */
export function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (script) => JSON.parse(script[1] ?? 'null') as Record<string, unknown>,
  );
}
