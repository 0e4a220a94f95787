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
  esignet: { baseUrl?: string; tokenUrl?: string; clientId?: string; clientSecret?: string };
  roleOverrides: Record<string, string[]>;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols = ['http:', 'https:']): string | undefined {
  const raw = str(env, name);
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

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!['true', 'false'].includes(raw)) throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
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
  const port = int(env, 'PORT', 9109, 0, 65535);
  const logLevel = str(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicUrl = url(env, 'PMS_PUBLIC_URL') ?? `http://localhost:${port}`;
  const dataKey = str(env, 'PMS_DATA_KEY');
  if (dataKey !== undefined && Buffer.from(dataKey, 'base64').length !== 32) {
    throw new ConfigError('PMS_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  const redirectAllowList = (str(env, 'PMS_LOGIN_REDIRECT_ORIGINS') ?? '')
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
    host: str(env, 'HOST') ?? '0.0.0.0',
    publicUrl,
    dataDir: resolve(str(env, 'PMS_DATA_DIR') ?? './data'),
    databaseUrl,
    dbPoolSize: int(env, 'PMS_DB_POOL_SIZE', 10, 1, 200),
    logLevel,
    maxBodyBytes: int(env, 'PMS_MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    dataKey,
    auth: {
      issuer: url(env, 'PMS_AUTH_ISSUER'),
      jwksUrl: url(env, 'PMS_AUTH_JWKS_URL'),
      audience: str(env, 'PMS_AUTH_AUDIENCE'),
      clientId: str(env, 'PMS_AUTH_CLIENT_ID') ?? 'mosip-pmp-client',
      clientSecret: str(env, 'PMS_AUTH_CLIENT_SECRET'),
      redirectAllowList: [new URL(publicUrl).origin, ...redirectAllowList],
      cookieSecure: bool(env, 'PMS_COOKIE_SECURE', publicUrl.startsWith('https:')),
    },
    websubHubUrl: url(env, 'PMS_WEBSUB_HUB_URL'),
    outbox: {
      pollMs: int(env, 'PMS_OUTBOX_POLL_MS', 1000, 10, 600_000),
      maxBackoffMs: int(env, 'PMS_OUTBOX_MAX_BACKOFF_MS', 300_000, 10, 86_400_000),
      batchSize: int(env, 'PMS_OUTBOX_BATCH_SIZE', 20, 1, 1000),
    },
    esignet: {
      baseUrl: url(env, 'PMS_ESIGNET_BASE_URL'),
      tokenUrl: url(env, 'PMS_ESIGNET_TOKEN_URL'),
      clientId: str(env, 'PMS_ESIGNET_CLIENT_ID'),
      clientSecret: str(env, 'PMS_ESIGNET_CLIENT_SECRET'),
    },
    roleOverrides: roleOverrides(env),
  };
}
