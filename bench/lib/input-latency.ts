import type { Page } from 'playwright-core';

// Latency as the cashier feels it, measured inside the page: from the timestamp of the input event that
// started the work (the scanner's Enter, a keystroke in the search box) to the moment the DOM shows the
// result. A MutationObserver sees the change as soon as the renderer commits it, before the frame paints.

declare global {
  interface Window {
    __latency: {
      lastEnter: number;
      lastInput: number;
      armed: Promise<number> | null;
      arm(check: string, since: 'enter' | 'input'): void;
    };
  }
}

/** Installs the instrument in every page the context opens (call before the first navigation). */
export async function instrumentLatency(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = {
      lastEnter: 0,
      lastInput: 0,
      armed: null as Promise<number> | null,
      arm(check: string, since: 'enter' | 'input') {
        const done = new Function(`return (${check});`) as () => boolean;
        state.armed = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            resolve(performance.now() - (since === 'enter' ? state.lastEnter : state.lastInput));
          });
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
          });
        });
      },
    };
    window.__latency = state;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter') state.lastEnter = event.timeStamp;
    };
    const onInput = (event: Event) => {
      state.lastInput = event.timeStamp;
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('input', onInput, true);
  });
}

/**
 * Arms the observer for `check` (a JavaScript expression evaluated in the page after each DOM change), runs
 * `act` (which sends the input), and resolves with the milliseconds from that input to the DOM matching.
 */
export async function measure(
  page: Page,
  check: string,
  since: 'enter' | 'input',
  act: () => Promise<void>,
): Promise<number> {
  await page.evaluate(([expression, from]) => window.__latency.arm(expression, from), [
    check,
    since,
  ] as const);
  await act();
  return page.evaluate(() => window.__latency.armed ?? Promise.reject(new Error('nothing armed')));
}
