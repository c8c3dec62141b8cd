import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoadMore } from './LoadMore.js';

const foot = (nextCursor: string | null, loading: boolean) =>
  renderToStaticMarkup(
    createElement(LoadMore, {
      pages: { nextCursor, loading, loadMore: async () => {} },
      more: 'Load more',
      loading: 'Loading…',
    }),
  );

describe('LoadMore', () => {
  it('offers the next page only while there is one', () => {
    expect(foot('c1', false)).toContain('>Load more</button>');
    expect(foot(null, false)).not.toContain('<button');
  });

  it('says a page is on its way, and asks for no other meanwhile', () => {
    expect(foot(null, true)).toContain('Loading…');
    expect(foot('c1', true)).toMatch(/<button[^>]*disabled=""[^>]*>Load more<\/button>/);
    expect(foot('c1', false)).not.toContain('Loading…');
  });
});
