import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

// A page as a shopper's phone loads it the first time, in Chromium: what script it loads, when its largest
// paint happens, how much its layout moves, and whether that largest paint is the image its head preloads.

/** Settled: no request for 500 ms after the load event, then this long for the last paints and shifts. */
const SETTLE_MS = 1_000;

/** A mid-range phone, as Lighthouse's mobile profile (Moto G Power): 412 × 823 CSS px at 1.75. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};

export interface Throttling {
  /** Added to every response (Chromium's DevTools throttling is per request, not per round trip). */
  latencyMs: number;
  downloadMbps: number;
  uploadMbps: number;
  /** How many times slower the page's CPU runs. */
  cpuSlowdown: number;
}

export interface ScriptLoad {
  url: string;
  /** The decoded body. */
  bytes: number;
  /** The body compressed with gzip at level 9, what the budget counts. */
  gzipBytes: number;
  /** The body as it came over the wire (the server's precompressed Brotli), headers excluded. */
  wireBytes: number;
}

/** Every script the page loads until it has settled (entry chunk, module preloads, lazy chunks). */
export async function scriptsOfFirstLoad(browser: Browser, url: string): Promise<ScriptLoad[]> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const pending: Promise<ScriptLoad>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return {
            url: response.url(),
            bytes: body.length,
            gzipBytes: gzipSync(body, { level: 9 }).length,
            wireBytes: sizes.responseBodySize,
          };
        })(),
      );
    });
    await settledLoad(page, url);
    return await Promise.all(pending);
  } finally {
    await context.close();
  }
}

export interface Shift {
  value: number;
  startTime: number;
  /** What moved, as `tag.class` and its rectangles before and after. */
  sources: string[];
}

export interface ColdLoad {
  /** The last largest-contentful-paint entry, ms from navigation start. */
  lcpMs: number;
  /** `img.class`, `h1`…: what the largest paint was. */
  lcpElement: string;
  lcpUrl: string;
  /** The largest paint is the product's main photo, and its file was fetched by the head's preload. */
  lcpIsPreloadedImage: boolean;
  /** Layout shifts without recent input, largest session window (as the Web Vitals CLS). */
  cls: number;
  shifts: Shift[];
  /** Requests for the product's photos: one (the preloaded one) when the preload matches the picture. */
  imageRequests: { url: string; initiator: string }[];
  ttfbMs: number;
}

/**
 * One cold load: a new browser context (empty cache, no connection open), network and CPU throttled from
 * before the navigation, observers installed before any of the page's scripts run.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  throttling: Throttling,
  mainImage: string,
): Promise<ColdLoad> {
  const context = await browser.newContext(PHONE);
  try {
    await context.addInitScript(observeVitals);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: throttling.latencyMs,
      downloadThroughput: (throttling.downloadMbps * 1_000_000) / 8,
      uploadThroughput: (throttling.uploadMbps * 1_000_000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttling.cpuSlowdown });
    await settledLoad(page, url);
    return await page.evaluate(readVitals, mainImage);
  } finally {
    await context.close();
  }
}

async function settledLoad(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
}

interface VitalsWindow {
  allureVitals: { lcp: PerformanceEntry[]; shifts: PerformanceEntry[] };
}

/** Runs in the page before its own scripts: keeps every entry (element references included). */
function observeVitals(): void {
  const vitals: VitalsWindow['allureVitals'] = { lcp: [], shifts: [] };
  (window as unknown as VitalsWindow).allureVitals = vitals;
  new PerformanceObserver((list) => {
    vitals.lcp.push(...list.getEntries());
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (!(entry as unknown as { hadRecentInput: boolean }).hadRecentInput) vitals.shifts.push(entry);
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Runs in the page once it has settled. `mainImage`: a selector of the product's main photo. */
function readVitals(mainImage: string): ColdLoad {
  interface Lcp extends PerformanceEntry {
    element: Element | null;
    url: string;
    renderTime: number;
    loadTime: number;
  }
  interface LayoutShift extends PerformanceEntry {
    value: number;
    sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
  }
  const { lcp, shifts } = (window as unknown as VitalsWindow).allureVitals;
  // Methods, not `const f = () => …`: tsx names those with a helper that does not exist in the page.
  const text = {
    /** `.product-media img`: the element, after its nearest ancestor with a class unless it has one. */
    describe(node: Node | null): string {
      if (!(node instanceof Element)) return node ? node.nodeName.toLowerCase() : '(gone)';
      const own = [node.tagName.toLowerCase(), ...Array.from(node.classList)].join('.');
      if (node.classList.length > 0) return own;
      let ancestor = node.parentElement;
      while (ancestor && ancestor.classList.length === 0) ancestor = ancestor.parentElement;
      return ancestor ? `.${Array.from(ancestor.classList).join('.')} ${own}` : own;
    },
    rect(box: DOMRectReadOnly): string {
      return `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`;
    },
  };

  const last = lcp.at(-1) as Lcp | undefined;
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const lcpResource = resources.find((entry) => entry.name === last?.url);
  const main = document.querySelector(mainImage);
  const lcpIsPreloadedImage =
    last !== undefined &&
    last.element !== null &&
    last.element === main &&
    lcpResource?.initiatorType === 'link';

  // CLS: shifts grouped in windows (a gap under 1 s, at most 5 s long); the largest window's sum.
  let cls = 0;
  let windowSum = 0;
  let windowStart = 0;
  let previous = 0;
  for (const shift of shifts as LayoutShift[]) {
    if (windowSum > 0 && shift.startTime - previous < 1_000 && shift.startTime - windowStart < 5_000) {
      windowSum += shift.value;
    } else {
      windowSum = shift.value;
      windowStart = shift.startTime;
    }
    previous = shift.startTime;
    cls = Math.max(cls, windowSum);
  }

  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    lcpMs: last ? last.renderTime || last.loadTime || last.startTime : Number.NaN,
    lcpElement: last ? text.describe(last.element) : '(none)',
    lcpUrl: last?.url ?? '',
    lcpIsPreloadedImage,
    cls,
    shifts: (shifts as LayoutShift[]).map((shift) => ({
      value: shift.value,
      startTime: Math.round(shift.startTime),
      sources: shift.sources.map(
        (source) =>
          `${text.describe(source.node)} ${text.rect(source.previousRect)} → ${text.rect(source.currentRect)}`,
      ),
    })),
    imageRequests: resources
      .filter((entry) => entry.name.includes('/media/images/'))
      .map((entry) => ({ url: entry.name, initiator: entry.initiatorType })),
    ttfbMs: navigation ? navigation.responseStart - navigation.startTime : Number.NaN,
  };
}
