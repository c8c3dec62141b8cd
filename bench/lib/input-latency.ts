import type { Page } from 'playwright-core';

// Latency as the cashier feels it, measured inside the page: from the timestamp of the input event that
// started the work (the scanner's Enter, a keystroke in the search box) to the moment the DOM shows the
// result. A MutationObserver sees the change as soon as the renderer commits it, before the frame paints.
// Beside it, the page's own part: from the moment the page's first listener gets the event to the DOM
// showing the result. The difference is the event's way from the device (here CDP) through the browser:
// keys reach the page one at a time, each after the page acknowledged the previous one.

/** Milliseconds from the input event's timestamp (`total`) and from the page getting it (`handling`). */
export interface Latency {
  total: number;
  handling: number;
}

declare global {
  interface Window {
    __latency: {
      lastEnter: number;
      lastInput: number;
      /** When the page's first listener got the last Enter, and the last input event. */
      enterDispatched: number;
      inputDispatched: number;
      armed: Promise<Latency> | null;
      arm(check: string, since: 'enter' | 'input'): void;
      /** Durations of the main thread's tasks over 50 ms since the last `takeLongTasks`. */
      takeLongTasks(): number[];
    };
  }
}

/** Installs the instrument in every page the context opens (call before the first navigation). */
export async function instrumentLatency(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const TIMEOUT_MS = 10_000;
    let longTasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    const state = {
      takeLongTasks() {
        const taken = longTasks;
        longTasks = [];
        return taken;
      },
      lastEnter: 0,
      lastInput: 0,
      enterDispatched: 0,
      inputDispatched: 0,
      armed: null as Promise<Latency> | null,
      arm(check: string, since: 'enter' | 'input') {
        const done = new Function(`return (${check});`) as () => boolean;
        state.armed = new Promise<Latency>((resolve, reject) => {
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            clearTimeout(timer);
            const now = performance.now();
            resolve(
              since === 'enter'
                ? { total: now - state.lastEnter, handling: now - state.enterDispatched }
                : { total: now - state.lastInput, handling: now - state.inputDispatched },
            );
          });
          // A result that never shows is a failure to report, not a wait without end.
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`not seen within ${TIMEOUT_MS} ms: ${check}`));
          }, TIMEOUT_MS);
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
    // On the window, capturing, and before the page's own scripts run: the first listener of all, so a
    // listener of the page that stops the event (the till's scanner wedge does) cannot hide it. Inline
    // functions only: tsx names `const f = () => …` with a helper that does not exist in the page.
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Enter') return;
        state.lastEnter = event.timeStamp;
        state.enterDispatched = performance.now();
      },
      true,
    );
    window.addEventListener(
      'input',
      (event) => {
        state.lastInput = event.timeStamp;
        state.inputDispatched = performance.now();
      },
      true,
    );
  });
}

/**
 * Arms the observer for `check` (a JavaScript expression evaluated in the page after each DOM change), runs
 * `act` (which sends the input), and resolves with the milliseconds from that input, and from the page
 * getting it, to the DOM matching.
 */
export async function measure(
  page: Page,
  check: string,
  since: 'enter' | 'input',
  act: () => Promise<void>,
): Promise<Latency> {
  await page.evaluate(([expression, from]) => window.__latency.arm(expression, from), [
    check,
    since,
  ] as const);
  await act();
  return page.evaluate(() => window.__latency.armed ?? Promise.reject(new Error('nothing armed')));
}

/** The main thread's tasks over 50 ms since the last call: what kept the page from answering input. */
export function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => window.__latency.takeLongTasks());
}
