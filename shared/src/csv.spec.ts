import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow, decimalAmount } from './csv.js';
import type { Currency } from './currency.js';
import { createRandom } from './random.js';

/** A reader written from RFC 4180's grammar, to check what the writer produces reads back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      index += 1;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      record.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      index += 1;
    } else if (char === '"' || char === '\r' || char === '\n') {
      throw new Error(`bare ${JSON.stringify(char)} at ${index}`);
    } else cell += char;
    index += 1;
  }
  if (cell !== '' || record.length > 0) throw new Error('last record has no line end');
  return records;
}

describe('csvCell', () => {
  it.each<[string, Parameters<typeof csvCell>[0], string]>([
    ['plain text as is', 'Fatou Sarr', 'Fatou Sarr'],
    ['accents as is', 'Ndèye Thiam', 'Ndèye Thiam'],
    ['a comma quoted', 'Dakar, Plateau', '"Dakar, Plateau"'],
    ['quotes doubled', 'the "best" robe', '"the ""best"" robe"'],
    ['a line break quoted', 'line one\nline two', '"line one\nline two"'],
    ['a CRLF quoted', 'a\r\nb', '"a\r\nb"'],
    ['empty text empty', '', ''],
    ['null empty', null, ''],
    ['undefined empty', undefined, ''],
    ['a number as written', -1500, '-1500'],
    ['a boolean as a word', true, 'true'],
    ['= defused', '=1+1', "'=1+1"],
    ['+ defused', '+221 77 123 45 67', "'+221 77 123 45 67"],
    ['- defused', '-2+3', "'-2+3"],
    ['@ defused', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['a leading tab defused', '\t=1', "'\t=1"],
    [
      'a formula with a comma defused and quoted',
      '=HYPERLINK("http://x", "y")',
      `"'=HYPERLINK(""http://x"", ""y"")"`,
    ],
    ['a negative decimal left a number', '-12.50', '-12.50'],
    ['a formula later in the text left alone', 'robe =1+1', 'robe =1+1'],
  ])('%s', (_case, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('refuses a number a spreadsheet cannot read', () => {
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['DKR1-T01-000001', 1500, null, 'a,b'])).toBe('DKR1-T01-000001,1500,,"a,b"\r\n');
  });

  it('reads back as the same cells whatever the text (formula starts come back behind an apostrophe)', () => {
    const random = createRandom(4180);
    const alphabet = ['a', 'é', ',', '"', '\n', '\r', ' ', '=', '+', '-', '@', '\t', '1', '.', "'", '😀'];
    const records: string[][] = Array.from({ length: 300 }, () =>
      Array.from({ length: random.int(1, 6) }, () =>
        Array.from({ length: random.int(0, 12) }, () => random.pick(alphabet)).join(''),
      ),
    );
    const text = records.map(csvRow).join('');
    const expected = records.map((record) =>
      record.map((cell) => (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell)),
    );
    expect(parseCsv(text)).toEqual(expected);
  });

  it('starts exports with the UTF-8 byte order mark Excel looks for', () => {
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe('decimalAmount', () => {
  it.each<[number, Currency, string]>([
    [123_456, 'EUR', '1234.56'],
    [5, 'EUR', '0.05'],
    [-5, 'EUR', '-0.05'],
    [-123_456, 'USD', '-1234.56'],
    [0, 'GBP', '0.00'],
    [100, 'EUR', '1.00'],
    [1500, 'XOF', '1500'],
    [-1500, 'XOF', '-1500'],
    [0, 'XOF', '0'],
    [1_000_000_000_000, 'EUR', '10000000000.00'],
  ])('writes %i %s as %s', (amount, currency, expected) => {
    expect(decimalAmount(amount, currency)).toBe(expected);
  });

  it('reads back as the amount in major units', () => {
    const random = createRandom(7);
    for (let run = 0; run < 1000; run += 1) {
      const amount = random.int(-10_000_000, 10_000_000);
      expect(Math.round(Number(decimalAmount(amount, 'EUR')) * 100)).toBe(amount);
      expect(Number(decimalAmount(amount, 'XOF'))).toBe(amount);
    }
  });

  it('refuses an amount that is not integer minor units', () => {
    expect(() => decimalAmount(12.5, 'EUR')).toThrow(RangeError);
  });
});
