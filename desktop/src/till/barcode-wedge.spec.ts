import { describe, expect, it } from 'vitest';
import { BarcodeWedge, MAX_SCAN_GAP_MS } from './barcode-wedge.js';

/** Feeds `keys` `gap` ms apart from `start`; returns every verdict. */
function type(wedge: BarcodeWedge, keys: string[], gap: number, start = 1_000) {
  return keys.map((key, index) => wedge.feed(key, start + index * gap));
}

describe('barcode wedge', () => {
  it('takes a scanner burst ending in Enter as one scan and holds every key of it back', () => {
    const wedge = new BarcodeWedge();
    const verdicts = type(wedge, [...'3760123456789', 'Enter'], 4);
    expect(verdicts.at(-1)).toEqual({ replay: '', key: 'hold', scan: '3760123456789' });
    expect(verdicts.every((verdict) => verdict.key === 'hold' && verdict.replay === '')).toBe(true);
  });

  it('lets letters typed by a person through at once', () => {
    const wedge = new BarcodeWedge();
    expect(type(wedge, [...'robe'], 120)).toEqual(Array(4).fill({ replay: '', key: 'pass' }));
  });

  it('gives back digits typed at human speed, each when the next key or the timeout shows it was typing', () => {
    const wedge = new BarcodeWedge();
    const [first, second] = type(wedge, ['4', '2'], 150);
    expect(first).toEqual({ replay: '', key: 'hold' });
    expect(second).toEqual({ replay: '4', key: 'hold' });
    expect(wedge.timeout()).toBe('2');
    expect(wedge.timeout()).toBe('');
  });

  it('does not take a short fast burst as a scan: Enter after 3 digits types them and submits', () => {
    const wedge = new BarcodeWedge();
    type(wedge, ['1', '2', '3'], 3);
    expect(wedge.feed('Enter', 1_009)).toEqual({ replay: '123', key: 'pass' });
  });

  it('does not take a slow Enter after a burst as the scan end', () => {
    const wedge = new BarcodeWedge();
    type(wedge, [...'12345678'], 3);
    expect(wedge.feed('Enter', 1_021 + MAX_SCAN_GAP_MS + 1)).toEqual({ replay: '12345678', key: 'pass' });
  });

  it('gives held digits back before a control key acts', () => {
    const wedge = new BarcodeWedge();
    wedge.feed('7', 0);
    expect(wedge.feed('Backspace', 5)).toEqual({ replay: '7', key: 'pass' });
  });

  it('takes two scans in a row', () => {
    const wedge = new BarcodeWedge();
    expect(type(wedge, [...'12345670', 'Enter'], 2).at(-1)?.scan).toBe('12345670');
    expect(type(wedge, [...'96385074', 'Enter'], 2, 2_000).at(-1)?.scan).toBe('96385074');
  });

  it('takes back keys given back as typing when the rest of the scan arrives late but was sent at once', () => {
    const wedge = new BarcodeWedge();
    type(wedge, [...'200'], 0);
    // The page was busy: the flush timer fired before the browser handed over the next key.
    expect(wedge.timeout()).toBe('200');
    const rest = type(wedge, [...'0000075365', 'Enter'], 0);
    expect(rest[0]).toEqual({ reclaim: '200', replay: '', key: 'hold' });
    expect(rest.slice(1).every((verdict) => verdict.reclaim === undefined)).toBe(true);
    expect(rest.at(-1)).toEqual({ replay: '', key: 'hold', scan: '2000000075365' });
  });

  it('leaves typing given back alone when the next key came at human speed', () => {
    const wedge = new BarcodeWedge();
    wedge.feed('4', 1_000);
    expect(wedge.timeout()).toBe('4');
    expect(wedge.feed('2', 1_200)).toEqual({ replay: '', key: 'hold' });
    expect(wedge.feed('x', 1_400)).toEqual({ replay: '2', key: 'pass' });
  });
});
