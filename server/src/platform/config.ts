import { resolve } from 'node:path';

/**
 * Every setting the service reads, in one place: the README's configuration table is this
 * list. A wrong value stops the start with a message naming the variable.
 */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  dbPoolSize: number;
  logLevel: string;
  maxBodyBytes: number;
  http: HttpLimits;
  rateLimit: RateLimits;
  loginGuard: LoginGuardSettings;
  dataKey?: string;
  auth: {
    issuer?: string;
    jwksUrl?: string;
    audience?: string;
    clientId: string;
    clientSecret?: string;
    redirectAllowList: string[];
    cookieSecure: boolean;
    /** validateToken answers the caller's access token, as MOSIP does (MOSIP's portal decodes it). */
    echoToken: boolean;
  };
  websubHubUrl?: string;
  outbox: { pollMs: number; maxBackoffMs: number; batchSize: number };
  esignet: { baseUrl?: string; tokenUrl?: string; clientId?: string; clientSecret?: string; api: EsignetApiLevel };
  roleOverrides: Record<string, string[]>;
}

/** How long a connection may take over each part of a request before it is dropped. */
export interface HttpLimits {
  /** The request line and headers must have arrived within this (HTTP 408 and close). */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must have arrived within this (HTTP 408 and close). */
  requestTimeoutMs: number;
  /** A connection with no byte in either direction for this long is closed. */
  idleTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/** Requests per caller, route and minute for the routes platform/http/rate-limit.ts lists; 0 = no limit. */
export interface RateLimits {
  sensitivePerMinute: number;
  expensivePerMinute: number;
}

/** Sign-in failures at the embedded identity provider before a lockout, and for how long. */
export interface LoginGuardSettings {
  maxAccountFailures: number;
  maxAddressFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export class ConfigError extends Error {}

/**
 * The newest client-management API the configured eSignet serves: `v2` (eSignet 1.4–1.5, no
 * per-client settings), `v3` (1.6–1.7, `additionalConfig` on POST/PUT /client), `patch` (1.8+,
 * PATCH /client/{id}, which alone carries `encPublicKey`).
 */
export const ESIGNET_API_LEVELS = ['v2', 'v3', 'patch'] as const;
export type EsignetApiLevel = (typeof ESIGNET_API_LEVELS)[number];

export function readEsignetApi(env: Env): EsignetApiLevel {
  const v = readStr(env, 'PMS_ESIGNET_CLIENT_API') ?? 'patch';
  if (!(ESIGNET_API_LEVELS as readonly string[]).includes(v))
    throw new ConfigError(`PMS_ESIGNET_CLIENT_API must be one of ${ESIGNET_API_LEVELS.join(', ')}, got "${v}"`);
  return v as EsignetApiLevel;
}

export type Env = Record<string, string | undefined>;

// Readers shared by every area's settings: each names the variable in its error, so a wrong
// value stops the start with a message an operator can act on.

export function readStr(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

export function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = readStr(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

export function readUrl(env: Env, name: string, protocols = ['http:', 'https:']): string | undefined {
  const raw = readStr(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = readStr(env, name);
  if (raw === undefined) return fallback;
  if (!['true', 'false'].includes(raw)) throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

/**
 * A comma-separated list; each item must match `item` (default: a plain name). Unset gives the
 * fallback; set but blank gives an empty list where `allowEmpty`, else an error.
 */
export function readList(env: Env, name: string, fallback: string, item = /^[\w.-]{1,128}$/, allowEmpty = false): string[] {
  const raw = env[name] === undefined ? fallback : env[name];
  const items = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (items.length === 0 && !allowEmpty) throw new ConfigError(`${name} must list at least one value`);
  for (const v of items) if (!item.test(v)) throw new ConfigError(`${name} must be a comma-separated list of names, got "${v}"`);
  return items;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `PMS_ROLE_<KEY>=A,B` overrides MOSIP's `mosip.role.pms.<key>` list for one endpoint. */
function roleOverrides(env: Env): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PMS_ROLE_') || value === undefined) continue;
    const roles = value
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    if (roles.length === 0) throw new ConfigError(`${name} must list at least one role`);
    out[name.slice('PMS_ROLE_'.length).toLowerCase()] = roles;
  }
  return out;
}

function httpLimits(env: Env): HttpLimits {
  const limits = {
    headersTimeoutMs: readInt(env, 'PMS_HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: readInt(env, 'PMS_HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    idleTimeoutMs: readInt(env, 'PMS_HTTP_IDLE_TIMEOUT_MS', 60_000, 100, 3_600_000),
    keepAliveTimeoutMs: readInt(env, 'PMS_HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 100, 3_600_000),
  };
  // Node refuses a headers limit beyond the whole request's; say so in the operator's terms.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError('PMS_HTTP_HEADERS_TIMEOUT_MS must not exceed PMS_HTTP_REQUEST_TIMEOUT_MS');
  }
  return limits;
}

export function loadConfig(env: Env = process.env): Config {
  const port = readInt(env, 'PORT', 9109, 0, 65535);
  const logLevel = readStr(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicUrl = readUrl(env, 'PMS_PUBLIC_URL') ?? `http://localhost:${port}`;
  const dataKey = readStr(env, 'PMS_DATA_KEY');
  if (dataKey !== undefined && Buffer.from(dataKey, 'base64').length !== 32) {
    throw new ConfigError('PMS_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  const redirectAllowList = (readStr(env, 'PMS_LOGIN_REDIRECT_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        throw new ConfigError(`PMS_LOGIN_REDIRECT_ORIGINS must list absolute origins, got "${o}"`);
      }
    });
  return {
    port,
    host: readStr(env, 'HOST') ?? '0.0.0.0',
    publicUrl,
    dataDir: resolve(readStr(env, 'PMS_DATA_DIR') ?? './data'),
    databaseUrl,
    dbPoolSize: readInt(env, 'PMS_DB_POOL_SIZE', 10, 1, 200),
    logLevel,
    maxBodyBytes: readInt(env, 'PMS_MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    http: httpLimits(env),
    rateLimit: {
      sensitivePerMinute: readInt(env, 'PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE', 30, 0, 1_000_000),
      expensivePerMinute: readInt(env, 'PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE', 600, 0, 1_000_000),
    },
    loginGuard: {
      maxAccountFailures: readInt(env, 'PMS_LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxAddressFailures: readInt(env, 'PMS_LOGIN_MAX_ADDRESS_FAILURES', 50, 1, 100_000),
      windowSeconds: readInt(env, 'PMS_LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
      lockoutSeconds: readInt(env, 'PMS_LOGIN_LOCKOUT_SECONDS', 300, 1, 86_400),
    },
    dataKey,
    auth: {
      issuer: readUrl(env, 'PMS_AUTH_ISSUER'),
      jwksUrl: readUrl(env, 'PMS_AUTH_JWKS_URL'),
      audience: readStr(env, 'PMS_AUTH_AUDIENCE'),
      clientId: readStr(env, 'PMS_AUTH_CLIENT_ID') ?? 'mosip-pmp-client',
      clientSecret: readStr(env, 'PMS_AUTH_CLIENT_SECRET'),
      redirectAllowList: [new URL(publicUrl).origin, ...redirectAllowList],
      cookieSecure: readBool(env, 'PMS_COOKIE_SECURE', publicUrl.startsWith('https:')),
      echoToken: readBool(env, 'PMS_VALIDATE_TOKEN_RETURNS_TOKEN', true),
    },
    websubHubUrl: readUrl(env, 'PMS_WEBSUB_HUB_URL'),
    outbox: {
      pollMs: readInt(env, 'PMS_OUTBOX_POLL_MS', 1000, 10, 600_000),
      maxBackoffMs: readInt(env, 'PMS_OUTBOX_MAX_BACKOFF_MS', 300_000, 10, 86_400_000),
      batchSize: readInt(env, 'PMS_OUTBOX_BATCH_SIZE', 20, 1, 1000),
    },
    esignet: {
      baseUrl: readUrl(env, 'PMS_ESIGNET_BASE_URL'),
      tokenUrl: readUrl(env, 'PMS_ESIGNET_TOKEN_URL'),
      clientId: readStr(env, 'PMS_ESIGNET_CLIENT_ID'),
      clientSecret: readStr(env, 'PMS_ESIGNET_CLIENT_SECRET'),
      api: readEsignetApi(env),
    },
    roleOverrides: roleOverrides(env),
  };
}
