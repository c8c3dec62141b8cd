import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { CustomerSearch } from '../till/customer-search.js';
import { useTill } from './till-context.js';

const allCustomers = { selector: {} };

/**
 * Who the sale is for: search the replicated customers by name, phone or email as you type (in memory,
 * customer-search.ts), arrows and Enter attach one; the sale's customer can be detached here too.
 */
export function CustomerDialog(props: {
  customerId: string | undefined;
  onAttach: (customerId: string | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { till } = useTill();
  const { results: customers } = useLiveRxQuery({ collection: till.db.customers, query: allCustomers });
  const search = useMemo(
    () =>
      new CustomerSearch(
        customers.map(({ id, name, email, phone }) => ({
          id,
          name,
          email: email ?? null,
          phone: phone ?? null,
        })),
      ),
    [customers],
  );
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const found = useMemo(() => search.search(query), [search, query]);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') setHighlight((index) => Math.min(found.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setHighlight((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') {
      const customer = found[highlight] ?? found[0];
      if (customer) props.onAttach(customer.id);
    } else return;
    event.preventDefault();
  }

  return (
    <section className="card tool" aria-labelledby="customer-title">
      <h2 id="customer-title">{t('tillTools.customer.title')}</h2>
      <label>
        {t('tillTools.customer.search')}
        <input
          name="customer-search"
          autoComplete="off"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setHighlight(0);
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
      </label>
      <p className="muted">{t('tillTools.customer.hint')}</p>
      {query.trim() !== '' && found.length === 0 && (
        <p className="muted">{t('tillTools.customer.none', { query: query.trim() })}</p>
      )}
      <ul className="results" data-testid="customer-results">
        {found.map((customer, index) => (
          <li key={customer.id}>
            <button
              type="button"
              className={`result ${index === highlight ? 'highlighted' : ''}`}
              onClick={() => props.onAttach(customer.id)}
            >
              <strong>{customer.name}</strong>
              <span className="muted">{[customer.phone, customer.email].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        {props.customerId && (
          <button type="button" className="ghost" onClick={() => props.onAttach(undefined)}>
            {t('tillTools.customer.detach')}
          </button>
        )}
        <button type="button" className="ghost" onClick={props.onClose}>
          {t('tillTools.close')}
        </button>
      </div>
    </section>
  );
}
