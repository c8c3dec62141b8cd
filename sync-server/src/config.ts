import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// The only module that reads process.env. Every setting is parsed once at start-up; a bad or missing one
// stops the process with a message naming it, instead of failing later on the first request that needs it.

const milliseconds = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');
const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
// zod runs the refinement even when the URL check failed, so it must not throw on a non-URL ("*", "null").
const origin = z
  .url({ protocol: /^https?$/ })
  .refine((value) => URL.canParse(value) && new URL(value).origin === value, {
    message: 'an origin is scheme://host[:port], with no path or trailing slash',
  });

/** An IPv4 or IPv6 address, optionally with a prefix length; not a bare number (`10` is no hop count). */
function isAddressOrCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return (
    prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))
  );
}

/**
 * Fastify's `trustProxy`: off, a number of proxy hops, or the proxies' addresses/CIDRs. "true" (trust every
 * hop) is refused: with it a client chooses its own address with X-Forwarded-For, and its rate-limit quota.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((value, ctx): false | number | string[] => {
    if (value === 'false' || value === '0') return false;
    if (/^[1-9]$/.test(value)) return Number(value);
    const addresses = value.split(',').map((item) => item.trim());
    if (value === 'true' || !addresses.every(isAddressOrCidr)) {
      ctx.addIssue({
        code: 'custom',
        message: 'use false, a hop count (1-9) or comma-separated proxy addresses/CIDRs; "true" is refused',
      });
      return z.NEVER;
    }
    return addresses;
  });

/**
 * Signs access tokens and order links (each gets its own key derived from this one). Development and tests
 * may use the well-known default below; production refuses it (see `productionProblems`).
 */
export const DEVELOPMENT_AUTH_SECRET = 'allure-development-secret-never-use-in-production';

/** Signs the payment simulator's webhooks in development and tests; production refuses it. */
export const DEVELOPMENT_PAYMENT_WEBHOOK_SECRET = 'allure-development-payment-webhook-secret';

/** Images on disk by default: sync-server/.data/media, whether run from src/ or dist/. */
const DEFAULT_MEDIA_DIR = fileURLToPath(new URL('../.data/media', import.meta.url));

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' });
const redisUrl = z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' });

const configSchema = z
  .object({
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: postgresUrl,
    DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
    DB_ACQUIRE_TIMEOUT_MS: milliseconds(5_000),
    DB_STATEMENT_TIMEOUT_MS: milliseconds(10_000),

    REDIS_URL: redisUrl,
    /**
     * The read cache's Redis, which may evict (allkeys-lru); REDIS_URL holds what must not be evicted
     * (rate limits, revocations, locks, queues: noeviction). The same server unless production splits them.
     */
    REDIS_CACHE_URL: redisUrl.optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[a-z0-9:_-]{1,32}$/, 'use 1-32 of a-z 0-9 : _ -')
      .default('allure:'),
    REDIS_COMMAND_TIMEOUT_MS: milliseconds(2_000),

    REQUEST_TIMEOUT_MS: milliseconds(15_000),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1_024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    SHUTDOWN_TIMEOUT_MS: milliseconds(10_000),
    METRICS_ENDPOINT: flag(true),
    /** When set, GET /metrics needs `Authorization: Bearer <token>`; required in production. */
    METRICS_TOKEN: z.string().min(24).max(256).optional(),

    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    AUTH_SECRET: z.string().min(32).max(512).default(DEVELOPMENT_AUTH_SECRET),
    ACCESS_TOKEN_TTL_S: seconds(600, 3_600),
    REFRESH_TOKEN_TTL_DAYS: seconds(30, 365),
    REFRESH_REUSE_GRACE_S: z.coerce.number().int().min(0).max(300).default(30),
    TRUST_PROXY: trustProxy,
    CORS_ORIGINS: z.preprocess(
      (value) => value ?? 'http://localhost:5173,http://127.0.0.1:5173',
      commaList.pipe(z.array(origin).max(50)),
    ),
    /** The refresh cookie is Secure unless this is false (plain-http development hosts other than localhost). */
    COOKIE_SECURE: flag(true),
    /** Requests per minute per user, terminal or (anonymous) IP address. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** Web checkouts per IP address per 15 minutes (a card-testing bot is the threat). */
    CHECKOUT_PER_IP_15MIN: z.coerce.number().int().min(1).max(1_000_000).default(30),

    /**
     * Background jobs (payments, e-mail, reports) run in this process (`inline`) or only in `worker`
     * processes (`off` here, see src/worker.ts) when the API and the workers are scaled apart.
     */
    WORKERS: z.enum(['inline', 'off']).default('inline'),
    /** Jobs one worker process runs at once, per queue. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
    /** Where e-mails link to (order tracking, password reset). */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:5173'),

    /** Only the simulator exists until a real provider is signed; it behaves like one (see payments/). */
    PAYMENT_PROVIDER: z.enum(['simulator']).default('simulator'),
    PAYMENT_WEBHOOK_SECRET: z.string().min(32).max(512).default(DEVELOPMENT_PAYMENT_WEBHOOK_SECRET),
    /** How long a charge request may take before it counts as a timeout (and is retried). */
    PAYMENT_TIMEOUT_MS: milliseconds(10_000),
    /** Charge attempts before the order goes to the dead letters; the first retry waits PAYMENT_BACKOFF_MS. */
    PAYMENT_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    PAYMENT_BACKOFF_MS: milliseconds(2_000),
    /** The simulator's processing time before it answers or calls back (a phone approval takes seconds). */
    PAYMENT_SIMULATOR_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_500),
    /**
     * Where the simulator posts its webhooks; by default straight into this process's own webhook route.
     * Set it to exercise the route through a proxy, as a real provider would call it.
     */
    PAYMENT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),

    /** `file:///dir` writes each e-mail as an .eml file there; `smtp://` or `smtps://` sends it. */
    MAIL_URL: z
      .url({ protocol: /^(file|smtps?)$/, error: 'use file:///a/directory or smtp(s)://host' })
      .default('file:///tmp/allure-mail'),
    MAIL_FROM: z.string().min(3).max(200).default('Allure <no-reply@allure.localhost>'),

    /** Where images live: this server's disk, or S3-compatible object storage shared by every instance. */
    MEDIA_STORE: z.enum(['disk', 's3']).default('disk'),
    MEDIA_DIR: z.string().min(1).default(DEFAULT_MEDIA_DIR),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).max(40).default('us-east-1'),
    /** For S3-compatible services (MinIO, R2); AWS itself when unset. */
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_FORCE_PATH_STYLE: flag(false),
    /** Both or neither; neither uses the SDK's default chain (environment, instance role). */
    S3_ACCESS_KEY_ID: z.string().min(1).max(128).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
    /** Where clients fetch images from when they are in S3: the bucket's public URL or a CDN's. */
    MEDIA_PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    /** Limits of one uploaded image: bytes, pixels (a decompression bomb is refused unread) and files per request. */
    IMAGE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1_024)
      .max(200 * 1024 * 1024)
      .default(40 * 1024 * 1024),
    IMAGE_MAX_PIXELS: z.coerce.number().int().min(10_000).max(268_402_689).default(50_000_000),
    IMAGE_MAX_FILES: z.coerce.number().int().min(1).max(50).default(10),
    /** How long one upload request may take (a slow shop connection sending 10 photos). */
    IMAGE_UPLOAD_TIMEOUT_MS: milliseconds(300_000),
    /** Images one worker process renders at once: each takes up to ~100 MB; libvips and the AVIF encoder use every core. */
    IMAGE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
    /** Uploads one instance receives at once: each holds a connection and temporary disk for its length. */
    IMAGE_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(1_000).default(16),
    /** Uploads are written here while they arrive, and removed when the request ends. */
    UPLOAD_TMP_DIR: z.string().min(1).default(join(tmpdir(), 'allure-uploads')),
  })
  .refine((env) => !env.S3_ACCESS_KEY_ID === !env.S3_SECRET_ACCESS_KEY, {
    message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
    path: ['S3_SECRET_ACCESS_KEY'],
  })
  .transform((env) => ({
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DB_POOL_MAX,
      acquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    },
    redis: {
      url: env.REDIS_URL,
      cacheUrl: env.REDIS_CACHE_URL ?? env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
      commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    },
    http: {
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    metricsEndpoint: env.METRICS_ENDPOINT,
    metricsToken: env.METRICS_TOKEN,
    production: env.NODE_ENV === 'production',
    auth: {
      secret: env.AUTH_SECRET,
      accessTokenTtlS: env.ACCESS_TOKEN_TTL_S,
      refreshTokenTtlS: env.REFRESH_TOKEN_TTL_DAYS * 86_400,
      refreshReuseGraceS: env.REFRESH_REUSE_GRACE_S,
      cookieSecure: env.COOKIE_SECURE,
    },
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    checkoutPer15Min: env.CHECKOUT_PER_IP_15MIN,
    workers: { inline: env.WORKERS === 'inline', concurrency: env.WORKER_CONCURRENCY },
    publicUrl: env.PUBLIC_URL,
    payments: {
      provider: env.PAYMENT_PROVIDER,
      webhookSecret: env.PAYMENT_WEBHOOK_SECRET,
      timeoutMs: env.PAYMENT_TIMEOUT_MS,
      attempts: env.PAYMENT_ATTEMPTS,
      backoffMs: env.PAYMENT_BACKOFF_MS,
      simulatorDelayMs: env.PAYMENT_SIMULATOR_DELAY_MS,
      webhookUrl: env.PAYMENT_WEBHOOK_URL,
    },
    mail: { url: env.MAIL_URL, from: env.MAIL_FROM },
    media: {
      store: env.MEDIA_STORE,
      dir: env.MEDIA_DIR,
      s3: {
        bucket: env.S3_BUCKET ?? '',
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
            : undefined,
        publicUrl: env.MEDIA_PUBLIC_URL ?? '',
      },
      maxBytes: env.IMAGE_MAX_BYTES,
      maxPixels: env.IMAGE_MAX_PIXELS,
      maxFiles: env.IMAGE_MAX_FILES,
      uploadTimeoutMs: env.IMAGE_UPLOAD_TIMEOUT_MS,
      concurrency: env.IMAGE_CONCURRENCY,
      maxConcurrentUploads: env.IMAGE_MAX_CONCURRENT_UPLOADS,
      tmpDir: env.UPLOAD_TMP_DIR,
    },
  }))
  .superRefine((config, ctx) => {
    for (const message of mediaProblems(config.media)) ctx.addIssue({ code: 'custom', message });
    if (!config.production) return;
    for (const message of productionProblems(config)) ctx.addIssue({ code: 'custom', message });
  });

/** S3 needs its bucket and public URL, and credentials come in pairs. */
function mediaProblems(media: { store: 'disk' | 's3'; s3: { bucket: string; publicUrl: string } }): string[] {
  if (media.store !== 's3') return [];
  const problems: string[] = [];
  if (media.s3.bucket === '') problems.push('S3_BUCKET is required when MEDIA_STORE is s3');
  if (media.s3.publicUrl === '') {
    problems.push('MEDIA_PUBLIC_URL is required when MEDIA_STORE is s3 (where clients fetch images from)');
  }
  return problems;
}

/** What a production deployment must not run with: defaults that are only safe on a developer's machine. */
function productionProblems(config: {
  auth: { secret: string; cookieSecure: boolean };
  metricsEndpoint: boolean;
  metricsToken: string | undefined;
  payments: { webhookSecret: string };
}): string[] {
  const problems: string[] = [];
  if (config.payments.webhookSecret === DEVELOPMENT_PAYMENT_WEBHOOK_SECRET) {
    problems.push("PAYMENT_WEBHOOK_SECRET must be set to the provider's signing secret in production");
  }
  if (config.auth.secret === DEVELOPMENT_AUTH_SECRET) {
    problems.push('AUTH_SECRET must be set to a secret of your own in production (the default is public)');
  } else if (new Set(config.auth.secret).size < 10) {
    problems.push('AUTH_SECRET looks like a placeholder: use at least 32 random characters');
  }
  if (!config.auth.cookieSecure) problems.push('COOKIE_SECURE cannot be false in production');
  if (config.metricsEndpoint && !config.metricsToken) {
    problems.push('METRICS_TOKEN is required in production while METRICS_ENDPOINT is on');
  }
  return problems;
}

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || (env.NODE_ENV === 'production' ? 'production' : '(environment)');
        return issue.code === 'invalid_type' && env[name] === undefined
          ? `${name} is required but not set`
          : `${name}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
