import type { Pages } from './use-pages.js';

/**
 * A paged table's foot: `loading` while a page is on its way, and the button for the next page while there
 * is one. Both labels come from the screen's own catalog.
 */
export function LoadMore(props: {
  pages: Pick<Pages<unknown>, 'nextCursor' | 'loading' | 'loadMore'>;
  more: string;
  loading: string;
}) {
  const { nextCursor, loading, loadMore } = props.pages;
  return (
    <div className="row">
      {loading && <span className="muted">{props.loading}</span>}
      {nextCursor && (
        <button type="button" onClick={() => void loadMore()} disabled={loading}>
          {props.more}
        </button>
      )}
    </div>
  );
}
