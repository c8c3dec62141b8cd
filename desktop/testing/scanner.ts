import type { CDPSession, Page } from 'playwright-core';

// A barcode scanner in keyboard-wedge mode types the code's characters milliseconds apart, then Enter
// (src/till/barcode-wedge.ts tells it from typing by those gaps). Playwright's keyboard waits for each key's
// round trip before sending the next, so on a loaded machine its keys can arrive further apart than a
// person types and read as typing. Here each key event is sent at the scanner's pace and stamped with its
// time, whatever the page is doing, as a device's keys reach the browser.

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function sessionOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

interface Key {
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  text: string;
}

function keyOf(character: string): Key {
  if (/^[0-9]$/.test(character)) {
    return {
      key: character,
      code: `Digit${character}`,
      windowsVirtualKeyCode: character.charCodeAt(0),
      text: character,
    };
  }
  if (/^[A-Za-z]$/.test(character)) {
    const upper = character.toUpperCase();
    return {
      key: character,
      code: `Key${upper}`,
      windowsVirtualKeyCode: upper.charCodeAt(0),
      text: character,
    };
  }
  throw new RangeError(`a scanner sends letters and digits, not ${JSON.stringify(character)}`);
}

const namedKeys: Record<string, Key> = {
  Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  ' ': { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' },
};

/** A fast USB scanner's pace: one character every 2 ms (most send one every 1–10 ms). */
const SCANNER_KEY_GAP_MS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends each key at its time, `gapMs` after the previous one, stamped with that time, without waiting for
 * the page to take the previous one: as a device sends them. The last key's stamp is when the person (or
 * scanner) finished, which is where a latency measurement starts.
 */
async function sendKeys(page: Page, keys: Key[], gapMs: number): Promise<void> {
  const session = await sessionOf(page);
  const start = Date.now();
  const sent: Promise<unknown>[] = [];
  for (const [index, key] of keys.entries()) {
    const at = start + index * gapMs;
    await sleep(at - Date.now());
    const timestamp = at / 1000;
    const { text: _text, ...withoutText } = key;
    sent.push(
      session.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp, ...key }),
      session.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp, ...withoutText }),
    );
  }
  await Promise.all(sent);
}

/** Scans `code` into the page: its characters and Enter, at a scanner's pace. */
export function scanBarcode(page: Page, code: string): Promise<void> {
  return sendKeys(page, [...code].map(keyOf).concat(namedKeys.Enter as Key), SCANNER_KEY_GAP_MS);
}

/** One key as a person presses it: a letter, a digit, a space or Enter. */
export function pressKey(page: Page, key: string): Promise<void> {
  return sendKeys(page, [namedKeys[key] ?? keyOf(key)], 0);
}
