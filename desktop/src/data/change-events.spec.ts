import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './test-database.js';
import { aProduct } from './test-fixtures.js';

// What RxDB keeps of the changes it reports, with its patch (desktop/patches): a till replicates the whole
// catalog, and whatever it keeps of each change stays on the heap for as long as the till runs.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Long enough for RxDB's idle work (a timer in Node) to let go of the bulk it queued for its buffer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("RxDB's change events", () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase();
  });
  afterEach(() => test.db.close());

  it('are let go once nobody holds them', async () => {
    const seen: WeakRef<object>[] = [];
    const subscription = test.db.products.$.subscribe((event) => seen.push(new WeakRef(event)));
    await test.db.products.bulkInsert(Array.from({ length: 3 }, () => aProduct()));
    subscription.unsubscribe();
    expect(seen).toHaveLength(3);

    await settle();
    collectGarbage();
    await settle();
    collectGarbage();
    expect(seen.filter((event) => event.deref() !== undefined)).toHaveLength(0);
  });

  it('of a bulk larger than the buffer are kept only up to its limit', async () => {
    const buffer = test.db.products._changeEventBuffer;
    await test.db.products.bulkInsert(Array.from({ length: buffer.limit * 3 }, () => aProduct()));

    expect(buffer.getCounter()).toBe(buffer.limit * 3);
    expect(buffer.getBuffer()).toHaveLength(buffer.limit);
  });
});
