import { ConfigError } from '../platform/config.js';

/**
 * Settings of user-account creation (`POST /users`). The lead moves them into
 * platform/config.ts later; until then they are read here with the same rules: a wrong value
 * stops the start naming the variable.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | PMS_KEYCLOAK_ADMIN_URL | `<base>/admin/realms/<realm>` when PMS_AUTH_ISSUER is `<base>/realms/<realm>` | Keycloak's admin REST API for the realm users are created in |
 * | PMS_KEYCLOAK_TOKEN_URL | `<PMS_AUTH_ISSUER>/protocol/openid-connect/token` | where the service token is obtained (client credentials) |
 * | PMS_KEYCLOAK_ADMIN_CLIENT_ID | — | confidential client with a service account holding realm-management `manage-users` and `view-realm` |
 * | PMS_KEYCLOAK_ADMIN_CLIENT_SECRET | — | its secret; both or neither |
 * | PMS_KEYCLOAK_TIMEOUT_MS | 10000 | time allowed for each call to Keycloak |
 *
 * Only read when PMS_AUTH_ISSUER is set; the embedded provider keeps accounts in the store.
 */
export interface KeycloakAdminSettings {
  adminUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** `undefined` admin: Keycloak mode without admin credentials, so user creation is refused. */
export type UserAccountSettings = { mode: 'embedded' } | { mode: 'keycloak'; admin?: KeycloakAdminSettings };

type Env = Record<string, string | undefined>;

const str = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

function url(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new ConfigError(`${name} must use http: or https:, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** Keycloak's layout: issuer `<base>/realms/<realm>` has its admin API at `<base>/admin/realms/<realm>`. */
export function adminUrlOf(issuer: string): string | undefined {
  const m = /^(.*)\/realms\/([^/]+)$/.exec(issuer);
  return m ? `${m[1]}/admin/realms/${m[2]}` : undefined;
}

export function userAccountSettings(issuer: string | undefined, env: Env = process.env): UserAccountSettings {
  if (!issuer) return { mode: 'embedded' };
  const clientId = str(env, 'PMS_KEYCLOAK_ADMIN_CLIENT_ID');
  const clientSecret = str(env, 'PMS_KEYCLOAK_ADMIN_CLIENT_SECRET');
  const adminUrl = url(env, 'PMS_KEYCLOAK_ADMIN_URL') ?? adminUrlOf(issuer);
  const tokenUrl = url(env, 'PMS_KEYCLOAK_TOKEN_URL') ?? `${issuer}/protocol/openid-connect/token`;
  const timeoutMs = int(env, 'PMS_KEYCLOAK_TIMEOUT_MS', 10_000, 100, 120_000);
  if (!clientId && !clientSecret) return { mode: 'keycloak' };
  if (!clientId || !clientSecret) {
    throw new ConfigError('PMS_KEYCLOAK_ADMIN_CLIENT_ID and PMS_KEYCLOAK_ADMIN_CLIENT_SECRET must be set together');
  }
  if (!adminUrl) {
    throw new ConfigError(`PMS_KEYCLOAK_ADMIN_URL must be set: PMS_AUTH_ISSUER "${issuer}" is not of Keycloak's form <base>/realms/<realm>`);
  }
  return { mode: 'keycloak', admin: { adminUrl, tokenUrl, clientId, clientSecret, timeoutMs } };
}
