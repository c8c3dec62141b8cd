import { type SubmitEvent, useEffect, useId, useState } from 'react';
import type { Suggestion } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';

const SUGGEST_DELAY_MS = 150;

/**
 * The header's search. Product names are suggested as the shopper types, in the browser's own list
 * (keyboard, screen readers and touch work as everywhere); picking one opens that product.
 */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t, api, href, navigate } = useShop();
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const listId = useId();

  useEffect(() => setText(initial), [initial]);

  useEffect(() => {
    const q = text.trim();
    if (!api || q.length < 2) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.catalog.products.suggest
        .query({ q, limit: 6 })
        .then((found) => {
          if (current) setSuggestions(found);
        })
        // Suggestions are a help, not the search: without them the form still searches.
        .catch(() => {
          if (current) setSuggestions([]);
        });
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text]);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = text.trim();
    const chosen = suggestions.find((suggestion) => suggestion.name === q);
    if (chosen) navigate(href({ page: 'product', slug: chosen.slug, variantId: null }));
    else if (q) navigate(href({ page: 'search', q }));
  };

  return (
    <search className="search">
      <form className="search-form" action={href({ page: 'search', q: '' }).split('?')[0]} onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`${listId}-input`}>
          {t('search.label')}
        </label>
        <input
          id={`${listId}-input`}
          name="q"
          type="search"
          value={text}
          maxLength={120}
          autoComplete="off"
          placeholder={t('search.placeholder')}
          list={listId}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            // A suggestion picked from the list fills the box with its name exactly: open that product.
            const picked = suggestions.find((suggestion) => suggestion.name === value);
            if (picked && (event.nativeEvent as InputEvent).inputType !== 'insertText') {
              navigate(href({ page: 'product', slug: picked.slug, variantId: null }));
            }
          }}
        />
        <button type="submit">{t('search.submit')}</button>
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion.slug} value={suggestion.name} />
          ))}
        </datalist>
      </form>
    </search>
  );
}
