/**
 * The tRPC adapter's own duties, over a fake fetch: procedure paths, the bearer token on every request and
 * on the event stream, and the stream's messages handed over as SyncEvents. No network.
 */
import type { SyncEvent } from '@allure/shared/sync.schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStreamHandlers } from './sync-api.js';
import { createSyncClient } from './trpc-sync-client.js';

interface SeenRequest {
  url: string;
  method: string;
  authorization: string | null;
  body: string | null;
}

function json(data: unknown): Response {
  return new Response(JSON.stringify({ result: { data } }), {
    headers: { 'content-type': 'application/json' },
  });
}

/** An event stream that sends the tRPC `connected` event, then `events`, and stays open. */
function eventStream(events: readonly SyncEvent[]): Response {
  const text = [
    'event: connected\ndata: {}\n\n',
    ...events.map((event) => `data: ${JSON.stringify(event)}\n\n`),
  ].join('');
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

function fakeServer(answer: (request: SeenRequest) => Response) {
  const seen: SeenRequest[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const request: SeenRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: new Headers(init?.headers).get('authorization'),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    seen.push(request);
    return answer(request);
  });
  return { seen, fetch: fetch as unknown as typeof globalThis.fetch };
}

function tokens(...values: (string | null)[]) {
  let index = 0;
  return async () => values[Math.min(index++, values.length - 1)] ?? null;
}

const url = 'https://sync.test/trpc';

describe('createSyncClient', () => {
  const subscriptions: { unsubscribe(): void }[] = [];
  afterEach(() => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
  });

  it('pulls with a query and pushes with a mutation, each with the token of the moment', async () => {
    const server = fakeServer((request) =>
      request.url.includes('sync.pull') ? json({ documents: [], checkpoint: null }) : json([]),
    );
    const client = createSyncClient({ url, getAccessToken: tokens('first', 'second'), fetch: server.fetch });

    const pulled = await client.pull({
      collection: 'variants',
      checkpoint: { txid: '5', seq: '1' },
      limit: 500,
    });
    const conflicts = await client.push({ collection: 'orders', rows: [{ newDocumentState: { id: 'x' } }] });

    expect(pulled).toEqual({ documents: [], checkpoint: null });
    expect(conflicts).toEqual([]);
    const [pull, push] = server.seen;
    expect(pull?.method).toBe('GET');
    expect(new URL(pull?.url ?? '').pathname).toBe('/trpc/sync.pull');
    expect(JSON.parse(new URL(pull?.url ?? '').searchParams.get('input') ?? '')).toEqual({
      collection: 'variants',
      checkpoint: { txid: '5', seq: '1' },
      limit: 500,
    });
    expect(pull?.authorization).toBe('Bearer first');
    expect(push).toMatchObject({ method: 'POST', authorization: 'Bearer second' });
    expect(JSON.parse(push?.body ?? '')).toEqual({
      collection: 'orders',
      rows: [{ newDocumentState: { id: 'x' } }],
    });
    expect(client.endpoint).toBe(url);
  });

  it('sends no Authorization header when there is no token', async () => {
    const server = fakeServer(() => json({ documents: [], checkpoint: null }));
    const client = createSyncClient({ url, getAccessToken: tokens(null), fetch: server.fetch });

    await client.pull({ collection: 'stock', checkpoint: null, limit: 1 });

    expect(server.seen[0]?.authorization).toBeNull();
  });

  it('opens the event stream with the token in a header, and hands over its events', async () => {
    const changes: SyncEvent = {
      kind: 'changes',
      collection: 'categories',
      documents: [],
      checkpoint: { txid: '12', seq: '3' },
    };
    const server = fakeServer(() => eventStream([{ kind: 'resync' }, changes]));
    const client = createSyncClient({ url, getAccessToken: tokens('stream-token'), fetch: server.fetch });
    const events: SyncEvent[] = [];
    const connections: boolean[] = [];
    const handlers: SyncStreamHandlers = {
      onEvent: (event) => events.push(event),
      onConnectionChange: (connected) => connections.push(connected),
      onEnd: () => {},
    };

    subscriptions.push(client.stream(handlers));

    await vi.waitFor(() => expect(events).toEqual([{ kind: 'resync' }, changes]));
    expect(connections).toEqual([true]);
    expect(new URL(server.seen[0]?.url ?? '').pathname).toBe('/trpc/sync.stream');
    expect(server.seen[0]?.authorization).toBe('Bearer stream-token');
  });

  it('ends the stream when the server refuses it', async () => {
    const server = fakeServer(() => new Response('{"error":"expired"}', { status: 401 }));
    const client = createSyncClient({ url, getAccessToken: tokens('expired'), fetch: server.fetch });
    const ended = vi.fn();

    subscriptions.push(client.stream({ onEvent: () => {}, onConnectionChange: () => {}, onEnd: ended }));

    await vi.waitFor(() => expect(ended).toHaveBeenCalledTimes(1));
  });
});
