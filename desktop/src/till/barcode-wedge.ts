/**
 * A barcode scanner in keyboard-wedge mode types the code's characters within a few milliseconds of each
 * other and ends with Enter. People type far slower. This tells the two apart from key events alone, so a
 * scan is taken wherever the focus is (the search box included) and never lands as text in a field.
 *
 * Pure: it is fed `(key, timeStamp)` pairs and answers what to do with each; the screen wires it to
 * `keydown`, holds back the keys it claims and types back the ones that turned out to be typing.
 */

/** Most scanners send a character every 1–10 ms; a fast typist's fastest key-to-key gap is about 30 ms. */
export const MAX_SCAN_GAP_MS = 25;
/** EAN-8 is the shortest barcode the shop uses. */
export const MIN_SCAN_LENGTH = 8;
const MAX_SCAN_LENGTH = 32;

export interface WedgeVerdict {
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
  private lastAt = Number.NEGATIVE_INFINITY;

  /** `key` is KeyboardEvent.key; `at` its timeStamp in ms. */
  feed(key: string, at: number): WedgeVerdict {
    const quick = at - this.lastAt <= MAX_SCAN_GAP_MS;
    this.lastAt = at;
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

  /** No key came within MAX_SCAN_GAP_MS of the last: anything held was typing. */
  timeout(): string {
    const replay = this.buffer;
    this.buffer = '';
    return replay;
  }
}
