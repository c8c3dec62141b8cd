import { describe, expect, it } from 'vitest';
import { CustomerSearch, MAX_CUSTOMER_RESULTS } from './customer-search.js';

const customers = [
  { id: '1', name: 'Aminata Sow', email: 'client@allure.test', phone: '+221 77 123 45 67' },
  { id: '2', name: 'Cheikh Mbaye', email: 'cheikh.mbaye@example.sn', phone: '+221 78 234 56 78' },
  { id: '3', name: 'Mariama Bâ', email: null, phone: '+221 76 345 67 89' },
  { id: '4', name: 'Ndèye Thiam', email: 'ndeye.thiam@example.sn', phone: null },
  { id: '5', name: 'Awa Ndiaye', email: 'awa@example.fr', phone: '06 12 34 56 78' },
];
const ids = (found: readonly { id: string }[]) => found.map((customer) => customer.id);

describe('finding a customer at the till', () => {
  const search = new CustomerSearch(customers);

  it('finds by the starts of name words, accents and case aside, sorted by name', () => {
    expect(ids(search.search('ba'))).toEqual(['3']);
    expect(ids(search.search('NDEYE'))).toEqual(['4']);
    expect(ids(search.search('nd'))).toEqual(['5', '4']);
    expect(ids(search.search('am s'))).toEqual(['1']);
    expect(ids(search.search('iam'))).toEqual([]);
  });

  it('finds by the start of the email or of its domain', () => {
    expect(ids(search.search('client@'))).toEqual(['1']);
    expect(ids(search.search('cheikh.mb'))).toEqual(['2']);
    expect(ids(search.search('example.sn'))).toEqual(['2', '4']);
  });

  it('finds by digits anywhere in the phone number, whatever its spaces, from three digits', () => {
    expect(ids(search.search('345 67 89'))).toEqual(['3']);
    expect(ids(search.search('+221 77'))).toEqual(['1']);
    expect(ids(search.search('0612'))).toEqual(['5']);
    expect(ids(search.search('56'))).toEqual([]);
  });

  it('returns nothing for an empty query and at most the limit', () => {
    expect(search.search('   ')).toEqual([]);
    const many = new CustomerSearch(
      Array.from({ length: 100 }, (_, n) => ({
        id: String(n),
        name: `Client ${n}`,
        email: null,
        phone: null,
      })),
    );
    expect(many.search('client')).toHaveLength(MAX_CUSTOMER_RESULTS);
    expect(many.search('client', 3)).toHaveLength(3);
  });
});
