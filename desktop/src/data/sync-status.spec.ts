import { BehaviorSubject, firstValueFrom, of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordSale } from './sales.js';
import { networkOnline$, type SyncStatus, SyncStatusTracker } from './sync-status.js';
import { openTestDatabase } from './test-database.js';
import { aSale } from './test-fixtures.js';

describe('networkOnline$', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is always online where there is no navigator (Node)', async () => {
    expect(await firstValueFrom(networkOnline$())).toBe(true);
  });

  it('follows navigator.onLine through the online and offline events', () => {
    const events = new EventTarget();
    const navigator = { onLine: false };
    vi.stubGlobal('navigator', navigator);
    vi.stubGlobal('addEventListener', events.addEventListener.bind(events));
    vi.stubGlobal('removeEventListener', events.removeEventListener.bind(events));
    const seen: boolean[] = [];

    const subscription = networkOnline$().subscribe((online) => seen.push(online));
    navigator.onLine = true;
    events.dispatchEvent(new Event('online'));
    navigator.onLine = false;
    events.dispatchEvent(new Event('offline'));
    subscription.unsubscribe();
    navigator.onLine = true;
    events.dispatchEvent(new Event('online'));

    expect(seen).toEqual([false, true, false]);
  });
});

describe('SyncStatusTracker', () => {
  it('is offline while the device has no network, whatever the last request did', async () => {
    const { db } = await openTestDatabase();
    const network$ = new BehaviorSubject(false);
    const tracker = new SyncStatusTracker(db, of(false), network$);
    let status: SyncStatus | undefined;
    const subscription = tracker.status$.subscribe((next) => {
      status = next;
    });

    tracker.requestSucceeded(new Date('2026-03-01T10:00:00.000Z'));
    await recordSale(db, aSale());
    await vi.waitFor(() =>
      expect(status).toEqual({
        online: false,
        connected: false,
        syncing: false,
        pendingOrders: 1,
        quarantinedOrders: 0,
        pendingRefunds: 0,
        quarantinedRefunds: 0,
        lastSyncedAt: '2026-03-01T10:00:00.000Z',
        lastError: null,
      }),
    );
    network$.next(true);
    expect(status?.online).toBe(true);

    tracker.complete();
    expect(subscription.closed).toBe(true);
    await db.close();
  });
});
