/**
 * Finding a customer at the till as the cashier types: by name (every word of the query starts a word of
 * the name, accents and case folded, as the catalogue search does), by email (the query starts the address
 * or its part after the @) or by phone (three or more digits found anywhere in the number, whatever its
 * spaces or +). In memory over the replicated customers: a store's few thousand customers are searched in
 * well under a frame, and IndexedDB cannot search inside words.
 */
import { foldText, searchWords } from '@allure/shared/search-text';

export interface SearchableCustomer {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

interface Entry {
  customer: SearchableCustomer;
  /** " word word …" of the name, folded. */
  words: string;
  email: string;
  digits: string;
}

export const MAX_CUSTOMER_RESULTS = 20;
const MIN_PHONE_DIGITS = 3;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export class CustomerSearch {
  private readonly entries: Entry[];

  constructor(customers: Iterable<SearchableCustomer>) {
    this.entries = [...customers]
      .map((customer) => ({
        customer,
        words: ` ${searchWords(customer.name).join(' ')}`,
        email: foldText(customer.email ?? ''),
        digits: (customer.phone ?? '').replace(/\D/g, ''),
      }))
      .sort((a, b) => collator.compare(a.customer.name, b.customer.name));
  }

  /** Customers matching `query`, by name; none for an empty query. */
  search(query: string, limit = MAX_CUSTOMER_RESULTS): SearchableCustomer[] {
    const text = query.trim();
    if (text === '') return [];
    const digits = /^[\d\s+().-]+$/.test(text) ? text.replace(/\D/g, '') : '';
    const words = searchWords(text);
    const email = foldText(text);
    const matches = (entry: Entry) => {
      if (digits.length >= MIN_PHONE_DIGITS && entry.digits.includes(digits)) return true;
      if (!/\s/.test(email)) {
        const at = entry.email.indexOf('@');
        if (entry.email.startsWith(email) || (at >= 0 && entry.email.startsWith(email, at + 1))) return true;
      }
      return words.length > 0 && words.every((word) => entry.words.includes(` ${word}`));
    };
    const found: SearchableCustomer[] = [];
    for (const entry of this.entries) {
      if (!matches(entry)) continue;
      found.push(entry.customer);
      if (found.length >= limit) break;
    }
    return found;
  }
}
