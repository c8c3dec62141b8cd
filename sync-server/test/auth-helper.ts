import { createTRPCClient, httpLink } from '@trpc/client';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../src/app.js';
import { signAccessToken } from '../src/auth/access-token.js';
import type { Audience } from '../src/auth/principal.js';
import { startSession } from '../src/auth/session.service.js';
import type { AppRouter } from '../src/trpc/app.router.js';

// Shortcuts for tests about who may do what. Real sign-in goes through `auth.login` (see auth.test.ts);
// here sessions are started directly (no argon2 per call) but are real rows and real signed tokens.

export const demoEmails = {
  admin: 'admin@allure.test',
  manager: 'manager@allure.test',
  cashier: 'cashier@allure.test',
  customer: 'client@allure.test',
} as const;

/** A tRPC response body (non-batched). */
export interface TrpcBody {
  result?: { data: unknown };
  error?: {
    message: string;
    data: { code: string; httpStatus: number; zodError: { fieldErrors: Record<string, string[]> } | null };
  };
}

export interface Call {
  status: number;
  body: TrpcBody;
  headers: LightMyRequestResponse['headers'];
}

/**
 * One tRPC call over HTTP (inject): GET for queries, POST for mutations, as the tRPC client does. A
 * subscription (server-sent events) is read up to its first message: its data, or its error as the
 * status the error carries (the stream itself always starts with 200).
 */
export async function call(
  app: App,
  path: string,
  input: unknown,
  options: {
    token?: string | undefined;
    type?: 'query' | 'mutation' | 'subscription';
    headers?: Record<string, string>;
    /** The client address as the socket would report it. */
    remoteAddress?: string;
  } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const from = options.remoteAddress ? { remoteAddress: options.remoteAddress } : {};
  if (options.type === 'subscription') {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return firstMessage(app, `/trpc/${path}${query}`, { headers, ...from });
  }
  const response =
    options.type === 'mutation'
      ? await app.inject({
          ...from,
          method: 'POST',
          url: `/trpc/${path}`,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: input === undefined ? '' : JSON.stringify(input),
        })
      : await app.inject({
          ...from,
          method: 'GET',
          url: `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          headers,
        });
  let body: TrpcBody;
  try {
    body = response.json<TrpcBody>();
  } catch {
    body = {
      error: {
        message: response.body,
        data: { code: 'NOT_JSON', httpStatus: response.statusCode, zodError: null },
      },
    };
  }
  return { status: response.statusCode, body, headers: response.headers };
}

/** Opens a subscription (GET `url`) and reads it up to its first message; see `call`. */
export async function firstMessage(
  app: App,
  url: string,
  options: { headers: Record<string, string>; remoteAddress?: string },
): Promise<Call> {
  const response = await app.inject({
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    method: 'GET',
    url,
    headers: { ...options.headers, accept: 'text/event-stream' },
    payloadAsStream: true,
  });
  const stream = response.stream();
  let buffer = '';
  try {
    for await (const chunk of stream) {
      buffer += String(chunk);
      // Events are separated by a blank line; skip the `connected` and `ping` ones.
      for (const event of buffer.split('\n\n').slice(0, -1)) {
        const name = /^event: (.*)$/m.exec(event)?.[1];
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (name === 'connected' || name === 'ping' || data === undefined) continue;
        const parsed = JSON.parse(data) as { data?: { httpStatus?: number } };
        if (name === 'serialized-error' || parsed.data?.httpStatus !== undefined) {
          const error = parsed as NonNullable<TrpcBody['error']>;
          return { status: error.data.httpStatus, body: { error }, headers: response.headers };
        }
        return { status: response.statusCode, body: { result: { data: parsed } }, headers: response.headers };
      }
    }
  } finally {
    stream.destroy();
  }
  return { status: response.statusCode, body: {}, headers: response.headers };
}

/** The result data of a successful call (the caller names its type); throws with the status otherwise. */
export function dataOf<T>(result: Call): T {
  if (result.status !== 200 || !result.body.result) {
    throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body.result.data as T;
}

/** A typed tRPC client for an app listening on `base`, calling as the holder of `token`. */
export function clientFor(base: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${base}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
    ],
  });
}

export async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** A live session for a seeded user, as if they had just signed in. */
export async function sessionFor(app: App, email: string, terminalId: string | null = null) {
  const user = await app.db.prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, role: true, storeId: true },
  });
  const tokens = await startSession({ db: app.db, auth: app.auth }, user, {
    terminalId,
    userAgent: 'vitest',
    ip: '127.0.0.1',
  });
  return { ...tokens, userId: user.id };
}

export async function terminalToken(app: App, terminalId: string): Promise<string> {
  const terminal = await app.db.prisma.terminal.findUniqueOrThrow({
    where: { id: terminalId },
    select: { storeId: true },
  });
  const signed = await signAccessToken(
    { kind: 'terminal', terminalId, storeId: terminal.storeId },
    app.auth.keys.accessToken,
    app.auth.settings.accessTokenTtlS,
  );
  return signed.token;
}

/** A token for each audience (demo store; the terminal is T01). */
export async function tokenFor(app: App, audience: Audience): Promise<string> {
  if (audience === 'terminal') {
    const terminal = await app.db.prisma.terminal.findFirstOrThrow({
      where: { code: 'T01' },
      select: { id: true },
    });
    return terminalToken(app, terminal.id);
  }
  return (await sessionFor(app, demoEmails[audience])).accessToken;
}
