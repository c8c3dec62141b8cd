import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalDatabase } from '@allure/desktop/data';
import type { ApiClient } from './api.js';

export interface LivePropagation {
  /** Per round, ms from just before the manager's price change to the till's local variant showing it. */
  propagationMs: number[];
  /** Per round, ms the manager's `catalog.variants.setPrice` call took (part of the above). */
  mutationMs: number[];
}

/**
 * A manager changes a variant's price through the API, `rounds` times one after the other with a distinct
 * price each time, while a till (`db`, replicating with its live stream up) watches the variant.
 */
export async function measureLivePropagation(
  db: LocalDatabase,
  manager: ApiClient,
  variantId: string,
  options: { rounds: number; pauseMs: number; timeoutMs: number },
): Promise<LivePropagation> {
  const local = await db.variants.findOne(variantId).exec();
  if (!local) throw new Error(`variant ${variantId} is not in the till's database`);
  const basePrice = local.price;
  let waiting: { price: number; arrived: (at: number) => void } | null = null;
  const subscription = db.variants.findOne(variantId).$.subscribe((variant) => {
    if (waiting && variant?.price === waiting.price) waiting.arrived(performance.now());
  });
  const result: LivePropagation = { propagationMs: [], mutationMs: [] };
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      const price = basePrice + round * 100;
      let timer: NodeJS.Timeout | undefined;
      const arrival = new Promise<number>((resolve, reject) => {
        waiting = { price, arrived: resolve };
        timer = setTimeout(
          () => reject(new Error(`price ${price} did not reach the till within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      });
      const sent = performance.now();
      await manager.catalog.variants.setPrice.mutate({ id: variantId, price });
      result.mutationMs.push(performance.now() - sent);
      try {
        result.propagationMs.push((await arrival) - sent);
      } finally {
        clearTimeout(timer);
        waiting = null;
      }
      await sleep(options.pauseMs);
    }
  } finally {
    subscription.unsubscribe();
  }
  return result;
}
