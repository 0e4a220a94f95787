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
  dataKey?: string;
  auth: {
    issuer?: string;
    jwksUrl?: string;
    audience?: string;
    clientId: string;
    clientSecret?: string;
    redirectAllowList: string[];
    cookieSecure: boolean;
  };
  websubHubUrl?: string;
  outbox: { pollMs: number; maxBackoffMs: number; batchSize: number };
  esignet: { baseUrl?: string; tokenUrl?: string; clientId?: string; clientSecret?: string; api: EsignetApiLevel };
  roleOverrides: Record<string, string[]>;
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
  if (!(ESIGNET_API_LEVELS as readonly string[]).includes(v)) throw new ConfigError(`PMS_ESIGNET_CLIENT_API must be one of ${ESIGNET_API_LEVELS.join(', ')}, got "${v}"`);
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
  const items = raw.split(',').map((v) => v.trim()).filter(Boolean);
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
    const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
    if (roles.length === 0) throw new ConfigError(`${name} must list at least one role`);
    out[name.slice('PMS_ROLE_'.length).toLowerCase()] = roles;
  }
  return out;
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
    dataKey,
    auth: {
      issuer: readUrl(env, 'PMS_AUTH_ISSUER'),
      jwksUrl: readUrl(env, 'PMS_AUTH_JWKS_URL'),
      audience: readStr(env, 'PMS_AUTH_AUDIENCE'),
      clientId: readStr(env, 'PMS_AUTH_CLIENT_ID') ?? 'mosip-pmp-client',
      clientSecret: readStr(env, 'PMS_AUTH_CLIENT_SECRET'),
      redirectAllowList: [new URL(publicUrl).origin, ...redirectAllowList],
      cookieSecure: readBool(env, 'PMS_COOKIE_SECURE', publicUrl.startsWith('https:')),
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
