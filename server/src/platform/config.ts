import { resolve } from 'node:path';
import { SETTINGS, type SettingName, type SettingSpec } from './settings-catalogue.js';

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
export const ESIGNET_API_LEVELS = SETTINGS.PMS_ESIGNET_CLIENT_API.values;
export type EsignetApiLevel = (typeof ESIGNET_API_LEVELS)[number];

export function readEsignetApi(env: Env): EsignetApiLevel {
  return enumSetting(env, 'PMS_ESIGNET_CLIENT_API');
}

export type Env = Record<string, string | undefined>;

/** A wrong value as the error shows it: a secret's value never reaches the log. */
function quoted(name: string, value: string): string {
  return (SETTINGS as Record<string, SettingSpec>)[name]?.secret ? '(a value, not shown: the variable is a secret)' : `"${value}"`;
}

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
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${quoted(name, raw)}`);
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
    throw new ConfigError(`${name} must be an absolute URL, got ${quoted(name, raw)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${quoted(name, raw)}`);
  }
  return raw.replace(/\/+$/, '');
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = readStr(env, name);
  if (raw === undefined) return fallback;
  if (!['true', 'false'].includes(raw)) throw new ConfigError(`${name} must be true or false, got ${quoted(name, raw)}`);
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
  for (const v of items)
    if (!item.test(v)) throw new ConfigError(`${name} must be a comma-separated list of names, got ${quoted(name, v)}`);
  return items;
}

// Readers of the declared settings (settings-catalogue.ts): the default, range and item rule
// come from the declaration, so the README's table and the start-up check cannot disagree.

type Spec<N extends SettingName> = (typeof SETTINGS)[N];
type NameOf<K extends SettingSpec['kind']> = { [N in SettingName]: Spec<N>['kind'] extends K ? N : never }[SettingName];
const spec = (name: SettingName): SettingSpec => SETTINGS[name];

export function intSetting(env: Env, name: NameOf<'int'>): number {
  const s = spec(name);
  return readInt(env, name, s.default as number, s.min!, s.max!);
}

/** `computed`: a default the code works out (e.g. from another setting); the README says how. */
export function boolSetting(env: Env, name: NameOf<'bool'>, computed?: boolean): boolean {
  return readBool(env, name, computed ?? (spec(name).default as boolean));
}

export function listSetting(env: Env, name: NameOf<'list'>): string[] {
  const s = spec(name);
  return readList(env, name, s.default as string, s.item, s.allowEmpty);
}

export function textSetting<N extends NameOf<'text'>>(env: Env, name: N): Spec<N> extends { default: string } ? string : string | undefined;
export function textSetting(env: Env, name: NameOf<'text'>): string | undefined {
  return readStr(env, name) ?? (spec(name).default as string | undefined);
}

export function urlSetting(env: Env, name: NameOf<'url'>): string | undefined {
  const protocols = spec(name).protocols;
  return protocols ? readUrl(env, name, [...protocols]) : readUrl(env, name);
}

export function enumSetting<N extends NameOf<'enum'>>(env: Env, name: N): Spec<N>['values'][number] {
  const s = spec(name);
  const v = readStr(env, name) ?? (s.default as string);
  if (!s.values!.includes(v)) throw new ConfigError(`${name} must be one of ${s.values!.join(', ')}, got ${quoted(name, v)}`);
  return v as Spec<N>['values'][number];
}

/** A URL (http/https) or a file path; anything with another scheme is a mistake. */
export function sourceSetting(env: Env, name: NameOf<'source'>): string | undefined {
  const raw = readStr(env, name);
  if (raw === undefined) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && scheme !== 'file') {
    throw new ConfigError(`${name} must be an http(s) URL or a file path, got ${quoted(name, raw)}`);
  }
  return raw;
}

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
    headersTimeoutMs: intSetting(env, 'PMS_HTTP_HEADERS_TIMEOUT_MS'),
    requestTimeoutMs: intSetting(env, 'PMS_HTTP_REQUEST_TIMEOUT_MS'),
    idleTimeoutMs: intSetting(env, 'PMS_HTTP_IDLE_TIMEOUT_MS'),
    keepAliveTimeoutMs: intSetting(env, 'PMS_HTTP_KEEP_ALIVE_TIMEOUT_MS'),
  };
  // Node refuses a headers limit beyond the whole request's; say so in the operator's terms.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError('PMS_HTTP_HEADERS_TIMEOUT_MS must not exceed PMS_HTTP_REQUEST_TIMEOUT_MS');
  }
  return limits;
}

export function loadConfig(env: Env = process.env): Config {
  const port = intSetting(env, 'PORT');
  const logLevel = enumSetting(env, 'LOG_LEVEL');
  const databaseUrl = urlSetting(env, 'DATABASE_URL');
  const publicUrl = urlSetting(env, 'PMS_PUBLIC_URL') ?? `http://localhost:${port}`;
  const dataKey = textSetting(env, 'PMS_DATA_KEY');
  if (dataKey !== undefined && Buffer.from(dataKey, 'base64').length !== 32) {
    throw new ConfigError('PMS_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  const redirectAllowList = (textSetting(env, 'PMS_LOGIN_REDIRECT_ORIGINS') ?? '')
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
    host: textSetting(env, 'HOST'),
    publicUrl,
    dataDir: resolve(textSetting(env, 'PMS_DATA_DIR')),
    databaseUrl,
    dbPoolSize: intSetting(env, 'PMS_DB_POOL_SIZE'),
    logLevel,
    maxBodyBytes: intSetting(env, 'PMS_MAX_BODY_BYTES'),
    http: httpLimits(env),
    rateLimit: {
      sensitivePerMinute: intSetting(env, 'PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE'),
      expensivePerMinute: intSetting(env, 'PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE'),
    },
    loginGuard: {
      maxAccountFailures: intSetting(env, 'PMS_LOGIN_MAX_FAILURES'),
      maxAddressFailures: intSetting(env, 'PMS_LOGIN_MAX_ADDRESS_FAILURES'),
      windowSeconds: intSetting(env, 'PMS_LOGIN_FAILURE_WINDOW_SECONDS'),
      lockoutSeconds: intSetting(env, 'PMS_LOGIN_LOCKOUT_SECONDS'),
    },
    dataKey,
    auth: {
      issuer: urlSetting(env, 'PMS_AUTH_ISSUER'),
      jwksUrl: urlSetting(env, 'PMS_AUTH_JWKS_URL'),
      audience: textSetting(env, 'PMS_AUTH_AUDIENCE'),
      clientId: textSetting(env, 'PMS_AUTH_CLIENT_ID'),
      clientSecret: textSetting(env, 'PMS_AUTH_CLIENT_SECRET'),
      redirectAllowList: [new URL(publicUrl).origin, ...redirectAllowList],
      cookieSecure: boolSetting(env, 'PMS_COOKIE_SECURE', publicUrl.startsWith('https:')),
      echoToken: boolSetting(env, 'PMS_VALIDATE_TOKEN_RETURNS_TOKEN'),
    },
    websubHubUrl: urlSetting(env, 'PMS_WEBSUB_HUB_URL'),
    outbox: {
      pollMs: intSetting(env, 'PMS_OUTBOX_POLL_MS'),
      maxBackoffMs: intSetting(env, 'PMS_OUTBOX_MAX_BACKOFF_MS'),
      batchSize: intSetting(env, 'PMS_OUTBOX_BATCH_SIZE'),
    },
    esignet: {
      baseUrl: urlSetting(env, 'PMS_ESIGNET_BASE_URL'),
      tokenUrl: urlSetting(env, 'PMS_ESIGNET_TOKEN_URL'),
      clientId: textSetting(env, 'PMS_ESIGNET_CLIENT_ID'),
      clientSecret: textSetting(env, 'PMS_ESIGNET_CLIENT_SECRET'),
      api: readEsignetApi(env),
    },
    roleOverrides: roleOverrides(env),
  };
}
