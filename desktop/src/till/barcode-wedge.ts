/**
 * A barcode scanner in keyboard-wedge mode types the code's characters within a few milliseconds of each
 * other and ends with Enter. People type far slower. This tells the two apart from key events alone, so a
 * scan is taken wherever the focus is (the search box included) and never stays as text in a field.
 *
 * Pure: it is fed `(key, timeStamp)` pairs and answers what to do with each; the screen wires it to
 * `keydown`, holds back the keys it claims and types back the ones that turned out to be typing.
 *
 * Only the keys' own timestamps decide, never when they arrive: the browser hands key events to the page one
 * at a time, each after the page finished the previous one, so on a busy machine the rest of a scan can
 * arrive long after its first digits. Held keys are given back as typing when no key has come for a while
 * (`timeout`), and taken back (`reclaim`) if a key then arrives that was sent right after them.
 */

/** Most scanners send a character every 1–10 ms; a fast typist's fastest key-to-key gap is about 30 ms. */
export const MAX_SCAN_GAP_MS = 25;
/** Held keys go to the screen as typing when no key followed them for this long. */
export const FLUSH_AFTER_MS = MAX_SCAN_GAP_MS + 5;
/** EAN-8 is the shortest barcode the shop uses. */
export const MIN_SCAN_LENGTH = 8;
const MAX_SCAN_LENGTH = 32;

export interface WedgeVerdict {
  /** Keys given back by `timeout` that turned out to start this scan: to be removed from where they went. */
  reclaim?: string;
  /** Held keys that turned out to be typing: to be typed where the focus is, before this key acts. */
  replay: string;
  /** This key: let it act, or keep it back (it may be part of a scan). */
  key: 'pass' | 'hold';
  /** A complete scan, when this key was its Enter. */
  scan?: string;
}

const startsScan = (key: string) => /^[0-9]$/.test(key);
const scanCharacter = (key: string) => /^[0-9A-Za-z]$/.test(key);

export class BarcodeWedge {
  private buffer = '';
  /** What the last `timeout` gave back, while the next key may still show it began a scan. */
  private givenBack = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  /** `key` is KeyboardEvent.key; `at` its timeStamp in ms. */
  feed(key: string, at: number): WedgeVerdict {
    const quick = at - this.lastAt <= MAX_SCAN_GAP_MS;
    this.lastAt = at;
    const reclaim = quick && (scanCharacter(key) || key === 'Enter') ? this.givenBack : '';
    this.givenBack = '';
    if (reclaim) this.buffer = reclaim;
    const verdict = this.decide(key, quick);
    return reclaim ? { reclaim, ...verdict } : verdict;
  }

  /** No key came for FLUSH_AFTER_MS: anything held was typing, unless the next key says otherwise. */
  timeout(): string {
    const replay = this.buffer;
    this.buffer = '';
    this.givenBack = replay;
    return replay;
  }

  private decide(key: string, quick: boolean): WedgeVerdict {
    if (key === 'Enter' && quick && this.buffer.length >= MIN_SCAN_LENGTH) {
      const scan = this.buffer;
      this.buffer = '';
      return { replay: '', key: 'hold', scan };
    }
    const continues = quick && this.buffer.length > 0 && this.buffer.length < MAX_SCAN_LENGTH;
    if (continues && scanCharacter(key)) {
      this.buffer += key;
      return { replay: '', key: 'hold' };
    }
    // Whatever was held is typing; this key may start a scan of its own.
    const replay = this.buffer;
    this.buffer = '';
    if (startsScan(key)) {
      this.buffer = key;
      return { replay, key: 'hold' };
    }
    return { replay, key: 'pass' };
  }
}
