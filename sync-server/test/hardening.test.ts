import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../src/app.js';
import type { Audience } from '../src/auth/principal.js';
import { call, firstMessage, listen, type TrpcBody, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { admittedAudience, type ProcedureInfo, procedures } from './procedures.js';

// Hostile input and browser-facing defences, for every procedure the router has: malformed input is a
// 4xx with a message (never a 5xx, never accepted), oversized bodies are refused before parsing, and the
// security headers, CORS policy and metrics token hold.

// ---------------------------------------------------------------------------------------------------------
// The procedures, read from the router itself so a new one is covered the day it is added.

/**
 * The procedures that legitimately take no input. Written out so that dropping the schema of one that
 * does take input fails here, instead of quietly moving it to the "may answer 200" side of the battery.
 */
const WITHOUT_INPUT = [
  'auth.logout',
  'auth.logoutEverywhere',
  'auth.me',
  'auth.sessions.list',
  'catalog.admin.currency',
  'catalog.categories',
  'inventory.locations.list',
  'jobs.openDashboard',
  'stores.list',
  'sync.stream',
  'terminals.list',
  'terminals.profile',
  'terminals.staff',
];

// ---------------------------------------------------------------------------------------------------------
// The battery.

const LONG = 'x'.repeat(100_000);
/** Field names the API uses or an attacker would try, on top of each procedure's own. */
const COMMON_FIELDS = [
  'email',
  'password',
  'newPassword',
  'currentPassword',
  'id',
  'code',
  'token',
  'number',
  'name',
  'slug',
  'cursor',
  'limit',
  'refreshToken',
  'credential',
  'pin',
  'userId',
  'sessionId',
  'terminalId',
  'storeId',
  'categoryId',
  'phone',
  'transport',
];

/** `{ a: [{ a: [ ... ] }] }`, `depth` levels of objects and arrays. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}
const DEEP = nested(200);

const everyField = (procedure: ProcedureInfo, value: unknown) =>
  Object.fromEntries([...new Set([...COMMON_FIELDS, ...procedure.fields])].map((field) => [field, value]));

type Attack = {
  name: string;
  /**
   * Valid JSON whose only oddity is keys no schema declares: zod strips them, so the answer must be exactly
   * the answer to `{}` (which is 200 for a procedure whose input fields are all optional).
   */
  ignorable?: boolean;
} & (
  | { input: unknown }
  /** JSON text sent as is: as ?input= for a query, as the body (with this content type) for a mutation. */
  | { text: string; contentType?: string; overSocket?: boolean }
);

function attacksOn(procedure: ProcedureInfo): Attack[] {
  const attacks: Attack[] = [
    { name: 'a number', input: 42 },
    { name: 'a string', input: 'hello' },
    { name: 'an array', input: [{ id: randomUUID() }] },
    { name: 'null', input: null },
    { name: 'true', input: true },
    { name: 'every field a 100,000-character string', input: everyField(procedure, LONG) },
    { name: 'every field a number', input: everyField(procedure, 1e308) },
    { name: 'every field an array', input: everyField(procedure, ['a', 'b']) },
    { name: 'every field nested 200 deep', input: everyField(procedure, DEEP) },
    { name: 'an input nested 200 deep', input: DEEP, ignorable: true },
    { name: 'invalid JSON', text: '{"a":' },
    { name: 'a lone brace', text: '{' },
    { name: 'JSON with a trailing comma', text: '{"id":"x",}' },
    { name: 'a __proto__ key', text: '{"__proto__":{"admin":true,"role":"admin"}}', ignorable: true },
    {
      name: 'a constructor.prototype key',
      text: '{"constructor":{"prototype":{"admin":true}}}',
      ignorable: true,
    },
    {
      name: 'unknown extra fields',
      input: { isAdmin: true, role: 'admin', allow: 'public', $where: '1 == 1', userId_in: ['*'] },
      ignorable: true,
    },
  ];
  if (procedure.type === 'mutation') {
    // What a cross-site <form> can send without a CORS preflight.
    attacks.push(
      { name: 'a text/plain body', text: '{}', contentType: 'text/plain' },
      {
        name: 'a form-encoded body',
        text: 'email=a%40b.c&password=x',
        contentType: 'application/x-www-form-urlencoded',
      },
      // Over a socket: tRPC's Fastify adapter needs a real IncomingMessage to read a multipart body.
      {
        name: 'a multipart body',
        text: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--x--\r\n',
        contentType: 'multipart/form-data; boundary=x',
        overSocket: true,
      },
    );
  }
  return attacks;
}

interface Answer {
  status: number;
  body: unknown;
}

/** The app under test, for `inject`, and where it listens, for what only a socket carries. */
interface Server {
  app: App;
  base: string;
}

async function send(
  server: Server,
  procedure: ProcedureInfo,
  attack: Attack,
  token?: string,
): Promise<Answer> {
  const { app, base } = server;
  if ('input' in attack) {
    const { status, body } = await call(app, procedure.path, attack.input, { token, type: procedure.type });
    return { status, body };
  }
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (procedure.type === 'subscription') {
    const url = `/trpc/${procedure.path}?input=${encodeURIComponent(attack.text)}`;
    const { status, body } = await firstMessage(app, url, { headers: authorization });
    return { status, body };
  }
  if (procedure.type === 'query') {
    const url = `/trpc/${procedure.path}?input=${encodeURIComponent(attack.text)}`;
    const response = await app.inject({ method: 'GET', url, headers: authorization });
    return { status: response.statusCode, body: parsed(response.body) };
  }
  const headers = { ...authorization, 'content-type': attack.contentType ?? 'application/json' };
  if (attack.overSocket) {
    const response = await fetch(`${base}/trpc/${procedure.path}`, {
      method: 'POST',
      headers,
      body: attack.text,
    });
    return { status: response.status, body: parsed(await response.text()) };
  }
  const response = await app.inject({
    method: 'POST',
    url: `/trpc/${procedure.path}`,
    headers,
    payload: attack.text,
  });
  return { status: response.statusCode, body: parsed(response.body) };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An error with a message: tRPC's `{ error: { message } }` or Fastify's `{ statusCode, message }`. */
const errorBody = z.union([
  z.object({ error: z.object({ message: z.string().min(1) }) }),
  z.object({ statusCode: z.number(), message: z.string().min(1) }),
]);

function isClientError(answer: Answer): boolean {
  return answer.status >= 400 && answer.status < 500 && errorBody.safeParse(answer.body).success;
}

/** What is wrong with an answer, or null; `baseline` is the same caller's answer to `{}`. */
function verdict(
  procedure: ProcedureInfo,
  caller: 'anonymous' | 'admitted',
  attack: Attack,
  answer: Answer,
  baseline: Answer,
): string | null {
  if (answer.status >= 500) return 'server error';
  if (answer.status !== 200 && JSON.stringify(answer.body).length > 10_000)
    return 'the error echoes the input';
  // A content type the API does not read may be refused (415) before anything else.
  const foreignBody = 'contentType' in attack && attack.contentType !== undefined;
  if (caller === 'anonymous' && procedure.allow !== 'public') {
    // Refused before the input is even looked at: no validation detail for callers who may not call.
    const refused = answer.status === 401 || (foreignBody && answer.status === 415);
    return refused && isClientError(answer) ? null : 'expected 401 with a message';
  }
  if (!procedure.takesInput) {
    return answer.status === 200 || isClientError(answer) ? null : 'expected 200 or a 4xx with a message';
  }
  if (attack.ignorable) {
    return answer.status === baseline.status ? null : `expected the answer to {} (${baseline.status})`;
  }
  if (!isClientError(answer)) return 'expected a 4xx with a message';
  if (answer.status === 429) return null; // credential procedures may be rate limited first
  if ('input' in attack) {
    // Well-formed JSON of the wrong shape: the schema itself refuses it, not a service further on.
    return answer.status === 400 && schemaRefused(answer) ? null : 'expected 400 with the schema errors';
  }
  // Text the body parser or tRPC refuses before any schema.
  const expected = foreignBody ? [400, 415] : [400];
  return expected.includes(answer.status) ? null : `expected ${expected.join(' or ')}`;
}

const zodRefusal = z.object({ error: z.object({ data: z.object({ zodError: z.object({}) }) }) });
const schemaRefused = (answer: Answer) => zodRefusal.safeParse(answer.body).success;

// ---------------------------------------------------------------------------------------------------------

describe('every procedure', () => {
  it('is found, with who may call it', () => {
    expect(procedures.length).toBeGreaterThan(20);
    expect(procedures.map((procedure) => procedure.path)).toContain('auth.login');
    // Without a declaration the battery below would expect the wrong refusals.
    expect(procedures.filter((procedure) => procedure.allow === undefined)).toEqual([]);
  });

  it('takes a schema-validated input unless it is one of the known input-less procedures', () => {
    const withoutInput = procedures.filter((procedure) => !procedure.takesInput).map(({ path }) => path);
    expect(withoutInput.sort()).toEqual(WITHOUT_INPUT);
    for (const procedure of procedures.filter((candidate) => candidate.takesInput)) {
      expect(procedure.fields.length, procedure.path).toBeGreaterThan(0);
    }
  });
});

describe('malformed input, for every procedure', () => {
  let server: Server;
  beforeAll(async () => {
    // Large enough that the 100,000-character fields reach the schemas rather than the body limit.
    const app = await buildTestApp({
      RATE_LIMIT_PER_MINUTE: '100000',
      BODY_LIMIT_BYTES: String(16 * 1024 * 1024),
    });
    server = { app, base: await listen(app) };
  });
  afterAll(() => server.app.close());

  /** Sends the whole battery; `audience` undefined means anonymously. A fresh token per call (logout). */
  async function battery(procedure: ProcedureInfo, audience: Audience | undefined) {
    const tokenOf = async () => (audience ? tokenFor(server.app, audience) : undefined);
    const caller = audience === undefined ? 'anonymous' : 'admitted';
    const baseline = await send(server, procedure, { name: '{}', input: {} }, await tokenOf());
    const failures: { attack: string; status: number; body: unknown; problem: string }[] = [];
    for (const attack of attacksOn(procedure)) {
      const answer = await send(server, procedure, attack, await tokenOf());
      const problem = verdict(procedure, caller, attack, answer, baseline);
      if (problem) failures.push({ attack: attack.name, status: answer.status, body: answer.body, problem });
    }
    expect(failures).toEqual([]);
    expect(baseline.status).toBeLessThan(500);
    // Nothing above polluted the server's prototypes.
    expect(Object.hasOwn(Object.prototype, 'admin')).toBe(false);
    expect(Object.hasOwn(Object.prototype, 'role')).toBe(false);
  }

  describe.each(procedures)('$path ($type)', (procedure) => {
    it(`anonymously: ${procedure.allow === 'public' ? 'refused by validation' : 'refused as unauthenticated'} with a 4xx, never 5xx`, async () => {
      await battery(procedure, undefined);
    });

    const admitted = admittedAudience(procedure);
    if (admitted) {
      it(`as ${admitted} (admitted): refused by validation with a 4xx, never 5xx`, async () => {
        await battery(procedure, admitted);
      });
    }
  });
});

describe('request bodies over BODY_LIMIT_BYTES', () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', BODY_LIMIT_BYTES: '2048' });
    base = await listen(app);
  });
  afterAll(() => app.close());

  const login = (password: string) => JSON.stringify({ email: 'nobody@allure.test', password });

  it('are refused with 413 and a JSON error before any parsing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: login('p'.repeat(4_000)),
    });
    expect(response.statusCode).toBe(413);
    expect(errorBody.parse(response.json())).toBeTruthy();
  });

  it('are refused with 413 when streamed without a length (chunked)', async () => {
    const chunk = new TextEncoder().encode(`{"email":"nobody@allure.test","password":"${'p'.repeat(1_000)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent <= 5) controller.enqueue(chunk);
        else {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        }
      },
    });
    const response = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(errorBody.parse(await response.json())).toBeTruthy();
  });

  it('are read when just under the limit (the limit is the configured one)', async () => {
    const payload = login('p'.repeat(1_500));
    expect(Buffer.byteLength(payload)).toBeLessThan(2048);
    const response = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    // Too long a password for the schema: the body was parsed and validated.
    expect(response.statusCode).toBe(400);
  });
});

describe('security headers', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
    await app.ready();
  });
  afterAll(() => app.close());

  it.each([
    ['a tRPC answer', '/trpc/catalog.categories', 200],
    [
      'a tRPC error',
      `/trpc/catalog.products.bySlug?input=${encodeURIComponent('{"slug":"NOT A SLUG"}')}`,
      400,
    ],
    ['an unknown procedure', '/trpc/catalog.nothing', 404],
    ['/livez', '/livez', 200],
    ['/readyz', '/readyz', 200],
    ['/healthz', '/healthz', 200],
    ['an unknown route', '/wp-admin/setup.php', 404],
  ])('are on %s', async (_case, url, status) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(status);
    const { headers } = response;
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-resource-policy']).toBe('same-site');
    expect(headers['x-powered-by']).toBeUndefined();
  });
});

describe('CORS', () => {
  function preflight(app: App, origin: string) {
    return app.inject({
      method: 'OPTIONS',
      url: '/trpc/auth.login',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
  }

  describe('with the default origins', () => {
    let app: App;
    beforeAll(async () => {
      app = await buildTestApp();
      await app.ready();
    });
    afterAll(() => app.close());

    it('admits the web shop dev server, with credentials', async () => {
      const response = await preflight(app, 'http://localhost:5173');
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(response.headers['access-control-allow-credentials']).toBe('true');
      expect(String(response.headers['access-control-allow-methods'])).toMatch(/POST/);
      expect(String(response.headers['access-control-allow-headers'])).toMatch(/authorization/);
      expect(String(response.headers.vary)).toMatch(/origin/i);
    });

    it.each([
      'https://evil.example',
      'null',
      'http://localhost:5174',
      'https://localhost:5173',
      'http://localhost:5173.evil.example',
      'http://evil.example/http://localhost:5173',
    ])('does not admit %s', async (origin) => {
      const response = await preflight(app, origin);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      // Nor on the actual request: the browser keeps the answer from the page.
      const actual = await app.inject({ url: '/trpc/catalog.categories', headers: { origin } });
      expect(actual.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('with CORS_ORIGINS=https://shop.allure.test', () => {
    let app: App;
    beforeAll(async () => {
      app = await buildTestApp({ CORS_ORIGINS: 'https://shop.allure.test' });
      await app.ready();
    });
    afterAll(() => app.close());

    it('admits the configured origin on preflight and actual requests', async () => {
      const response = await preflight(app, 'https://shop.allure.test');
      expect(response.headers['access-control-allow-origin']).toBe('https://shop.allure.test');
      expect(response.headers['access-control-allow-credentials']).toBe('true');
      const actual = await app.inject({
        url: '/trpc/catalog.categories',
        headers: { origin: 'https://shop.allure.test' },
      });
      expect(actual.statusCode).toBe(200);
      expect(actual.headers['access-control-allow-origin']).toBe('https://shop.allure.test');
      expect(actual.headers['access-control-expose-headers']).toMatch(/retry-after/);
    });

    it.each(['http://localhost:5173', 'http://shop.allure.test', 'https://evil.example'])(
      'no longer admits %s',
      async (origin) => {
        const response = await preflight(app, origin);
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      },
    );
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('base64url');
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ METRICS_TOKEN: token });
    await app.ready();
  });
  afterAll(() => app.close());

  it.each([
    ['no Authorization', {}],
    ['a wrong token', { authorization: `Bearer ${randomBytes(24).toString('base64url')}` }],
    ['the token without "Bearer"', { authorization: token }],
    ['the token in Basic', { authorization: `Basic ${token}` }],
    ['a prefix of the token', { authorization: `Bearer ${token.slice(0, -1)}` }],
    ['the token and more', { authorization: `Bearer ${token}x` }],
  ])('refuses %s with 401', async (_case, headers: Record<string, string>) => {
    const response = await app.inject({ url: '/metrics', headers });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).not.toMatch(/trpc_procedure_duration_seconds/);
  });

  it('answers the right token with the metrics', async () => {
    const response = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/http_request_duration_seconds/);
  });
});

describe('error bodies', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
    // Routes of the kind a plugin adds, failing outside tRPC's own error handling.
    app.get('/test/crash', async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (user allure, password hunter2)');
    });
    app.get('/test/refuse', async () => {
      throw Object.assign(new Error('that thing is gone'), { statusCode: 410, code: 'GONE' });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('of a tRPC error carry no stack trace', async () => {
    const { body } = await call(app, 'catalog.products.list', { limit: 'many' });
    const shape: TrpcBody = body;
    expect(shape.error?.data.httpStatus).toBe(400);
    expect(JSON.stringify(body)).not.toMatch(/"stack"|at .*\.ts:\d+/);
  });

  it('of an error escaping a route say only that it failed, with the request id to find the log', async () => {
    const response = await app.inject('/test/crash');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal Server Error',
    });
    expect(response.body).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('of a 4xx escaping a route keep its message', async () => {
    const response = await app.inject('/test/refuse');
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({ statusCode: 410, code: 'GONE', message: 'that thing is gone' });
  });
});
