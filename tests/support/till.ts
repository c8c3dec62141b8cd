import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SellableVariant } from '@allure/db/fixtures/till-sales';
import type { TillCommand, TillSetup, TillSnapshot } from './till-worker.js';

/** A till running in its own thread (till-worker.ts), driven by commands. */
export class Till {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #next = 0;
  #sequence = 1;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      if (message.id === undefined) return;
      const waiting = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
  }

  static async start(setup: TillSetup): Promise<Till> {
    const worker = new Worker(new URL('./till-worker-entry.mjs', import.meta.url), {
      workerData: setup,
      execArgv: ['--conditions=@allure/source'],
    });
    const [first] = (await Promise.race([
      once(worker, 'message'),
      once(worker, 'error').then(([error]) => {
        throw error;
      }),
    ])) as [unknown];
    if (!(first as { ready?: boolean }).ready) throw new Error('till worker did not start');
    return new Till(worker);
  }

  #send<T>(command: TillCommand): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, command });
    });
  }

  /** Rings up a cash sale; resolves with the order id once it is stored locally. */
  sell(lines: { variant: SellableVariant; quantity: number }[]): Promise<string> {
    return this.#send({ kind: 'sell', sequence: this.#sequence++, lines });
  }

  setOnline(online: boolean): Promise<void> {
    return this.#send({ kind: 'network', online });
  }

  /** Until everything is pulled and pushed. */
  sync(): Promise<void> {
    return this.#send({ kind: 'sync' });
  }

  /** Closes the app and opens it again on the same local database. */
  restart(): Promise<void> {
    return this.#send({ kind: 'restart' });
  }

  snapshot(): Promise<TillSnapshot> {
    return this.#send({ kind: 'snapshot' });
  }

  async close(): Promise<void> {
    await this.#send({ kind: 'close' }).catch(() => {});
    await this.#worker.terminate();
  }
}
