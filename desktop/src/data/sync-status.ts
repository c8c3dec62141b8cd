/**
 * One observable the till's status bar reads: is the server reachable, is the live stream up, how many
 * orders wait in the outbox, when did the last sync succeed, and what went wrong last.
 */
import {
  BehaviorSubject,
  combineLatest,
  distinctUntilChanged,
  // biome-ignore lint/suspicious/noDeprecatedImports: only map's thisArg overload is deprecated (biomejs/biome#7636).
  map,
  Observable,
  of,
  Subject,
  shareReplay,
  takeUntil,
} from 'rxjs';
import type { LocalDatabase } from './local-database.js';
import { outboxCounts$ } from './outbox.js';
import { sameFields } from './same-fields.js';

export interface SyncStatus {
  /** False while the device reports no network, or after a request to the server failed (until one succeeds). */
  online: boolean;
  /** The live stream is up: changes made elsewhere arrive within moments. */
  connected: boolean;
  /** A pull or a push is running. */
  syncing: boolean;
  pendingOrders: number;
  quarantinedOrders: number;
  /** Refunds given at this till that the server has not recorded, or refused. */
  pendingRefunds: number;
  quarantinedRefunds: number;
  /** When a pull or a push last succeeded (ISO 8601), null before the first. */
  lastSyncedAt: string | null;
  /** What failed last, in words; null again once a request succeeds. */
  lastError: string | null;
}

interface TransportState {
  reachable: boolean;
  connected: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
}

const MAX_ERROR_LENGTH = 500;

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

interface NetworkGlobals {
  navigator?: { onLine?: unknown };
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
}

/**
 * `navigator.onLine` and its `online`/`offline` events where there are some (the renderer); always true
 * elsewhere (Node), where only failed requests tell.
 */
export function networkOnline$(): Observable<boolean> {
  const globals = globalThis as NetworkGlobals;
  const navigator = globals.navigator;
  if (!globals.addEventListener || typeof navigator?.onLine !== 'boolean') return of(true);
  const changes = new Observable<boolean>((subscriber) => {
    const emit = () => subscriber.next(navigator.onLine !== false);
    emit();
    globals.addEventListener?.('online', emit);
    globals.addEventListener?.('offline', emit);
    return () => {
      globals.removeEventListener?.('online', emit);
      globals.removeEventListener?.('offline', emit);
    };
  });
  return changes.pipe(distinctUntilChanged());
}

/** Collects what the replication reports; `status$` combines it with the network and the outbox. */
export class SyncStatusTracker {
  private readonly transport = new BehaviorSubject<TransportState>({
    reachable: true,
    connected: false,
    lastSyncedAt: null,
    lastError: null,
  });

  private readonly done = new Subject<void>();
  private completed = false;

  /** Emits at once, then on every change; completes on `complete()`. */
  readonly status$: Observable<SyncStatus>;

  constructor(db: LocalDatabase, active$: Observable<boolean>, network$: Observable<boolean>) {
    this.status$ = combineLatest([this.transport, network$, active$, outboxCounts$(db)]).pipe(
      map(([transport, network, syncing, outbox]) => ({
        online: network && transport.reachable,
        connected: transport.connected,
        syncing,
        ...outbox,
        lastSyncedAt: transport.lastSyncedAt,
        lastError: transport.lastError,
      })),
      distinctUntilChanged(sameFields),
      takeUntil(this.done),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
  }

  requestSucceeded(at = new Date()): void {
    this.update({ reachable: true, lastSyncedAt: at.toISOString(), lastError: null });
  }

  requestFailed(error: unknown): void {
    this.update({ reachable: false, lastError: errorMessage(error) });
  }

  streamChanged(connected: boolean, error?: unknown): void {
    this.update(error === undefined ? { connected } : { connected, lastError: errorMessage(error) });
  }

  failed(error: unknown): void {
    this.update({ lastError: errorMessage(error) });
  }

  complete(): void {
    this.completed = true;
    this.done.next();
    this.done.complete();
    this.transport.complete();
  }

  private update(change: Partial<TransportState>): void {
    if (!this.completed) this.transport.next({ ...this.transport.value, ...change });
  }
}
