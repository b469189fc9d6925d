/**
 * The worker's environment, parsed once per env object and validated with zod: a misconfigured deployment fails
 * on its first request with a clear message instead of misbehaving later.
 */
import * as z from 'zod';
import type { Db } from './db/client.ts';
import type { VapidBindings } from './push/vapid.ts';

/** The interface of the Workers rate-limit binding; `MemoryRateLimiter` implements it for Node. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** What Cloudflare (wrangler.jsonc, secrets) or local.ts hands the app. */
export interface Bindings extends VapidBindings {
  DATABASE_URL?: string;
  INSTALL_SECRET?: string;
  ALLOWED_ORIGINS?: string;
  QUOTA_FIRST_DAY?: string;
  QUOTA_MAX?: string;
  TOKEN_TTL_DAYS?: string;
  /** host:port of a WebSocket→TCP proxy for a non-Neon PostgreSQL (local dev, tests, benchmark). */
  NEON_WS_PROXY?: string;
  IP_RATE_LIMITER?: RateLimiter;
  INSTALL_RATE_LIMITER?: RateLimiter;
  /** Embedded database (local.ts): when present, DATABASE_URL is not used. */
  LOCAL_DB?: Db;
}

const rateLimiter = z.custom<RateLimiter>(
  (v) => typeof v === 'object' && v !== null && typeof (v as RateLimiter).limit === 'function',
  'a rate-limit binding',
);

const intFromText = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const configSchema = z
  .object({
    DATABASE_URL: z.url().optional(),
    INSTALL_SECRET: z.string().min(32, 'INSTALL_SECRET must be at least 32 characters'),
    ALLOWED_ORIGINS: z.string().default(''),
    QUOTA_FIRST_DAY: intFromText(200),
    QUOTA_MAX: intFromText(5000),
    TOKEN_TTL_DAYS: intFromText(365),
    NEON_WS_PROXY: z.string().min(3).optional(),
    IP_RATE_LIMITER: rateLimiter,
    INSTALL_RATE_LIMITER: rateLimiter,
    LOCAL_DB: z.custom<Db>((v) => typeof v === 'object' && v !== null).optional(),
  })
  .refine((e) => e.DATABASE_URL || e.LOCAL_DB, 'DATABASE_URL is required');

export interface Config {
  databaseUrl: string | undefined;
  localDb: Db | undefined;
  installSecret: string;
  allowedOrigins: string[];
  quotaFirstDay: number;
  quotaMax: number;
  tokenTtlDays: number;
  neonWsProxy: string | undefined;
  ipRateLimiter: RateLimiter;
  installRateLimiter: RateLimiter;
}

// Keyed by the env object itself: Workers hand every request of an isolate the same env, so this parses once.
const parsed = new WeakMap<object, Config>();

export function readConfig(env: Bindings): Config {
  const cached = parsed.get(env);
  if (cached) return cached;
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ');
    throw new Error(`Invalid worker environment — ${fields}`);
  }
  const e = result.data;
  const config: Config = {
    databaseUrl: e.DATABASE_URL,
    localDb: e.LOCAL_DB,
    installSecret: e.INSTALL_SECRET,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    quotaFirstDay: e.QUOTA_FIRST_DAY,
    quotaMax: e.QUOTA_MAX,
    tokenTtlDays: e.TOKEN_TTL_DAYS,
    neonWsProxy: e.NEON_WS_PROXY,
    ipRateLimiter: e.IP_RATE_LIMITER,
    installRateLimiter: e.INSTALL_RATE_LIMITER,
  };
  parsed.set(env, config);
  return config;
}
