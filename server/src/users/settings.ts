import { ConfigError, type Env, intSetting, textSetting, urlSetting } from '../platform/config.js';

/**
 * Settings of user-account creation (`POST /users`). Read with the shared readers of
 * platform/config.ts: a wrong value stops the start naming the variable.
 * The variables, their defaults and ranges: platform/settings-catalogue.ts.
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

/** Keycloak's layout: issuer `<base>/realms/<realm>` has its admin API at `<base>/admin/realms/<realm>`. */
export function adminUrlOf(issuer: string): string | undefined {
  const m = /^(.*)\/realms\/([^/]+)$/.exec(issuer);
  return m ? `${m[1]}/admin/realms/${m[2]}` : undefined;
}

export function userAccountSettings(issuer: string | undefined, env: Env = process.env): UserAccountSettings {
  if (!issuer) return { mode: 'embedded' };
  const clientId = textSetting(env, 'PMS_KEYCLOAK_ADMIN_CLIENT_ID');
  const clientSecret = textSetting(env, 'PMS_KEYCLOAK_ADMIN_CLIENT_SECRET');
  const adminUrl = urlSetting(env, 'PMS_KEYCLOAK_ADMIN_URL') ?? adminUrlOf(issuer);
  const tokenUrl = urlSetting(env, 'PMS_KEYCLOAK_TOKEN_URL') ?? `${issuer}/protocol/openid-connect/token`;
  const timeoutMs = intSetting(env, 'PMS_KEYCLOAK_TIMEOUT_MS');
  if (!clientId && !clientSecret) return { mode: 'keycloak' };
  if (!clientId || !clientSecret) {
    throw new ConfigError('PMS_KEYCLOAK_ADMIN_CLIENT_ID and PMS_KEYCLOAK_ADMIN_CLIENT_SECRET must be set together');
  }
  if (!adminUrl) {
    throw new ConfigError(
      `PMS_KEYCLOAK_ADMIN_URL must be set: PMS_AUTH_ISSUER "${issuer}" is not of Keycloak's form <base>/realms/<realm>`,
    );
  }
  return { mode: 'keycloak', admin: { adminUrl, tokenUrl, clientId, clientSecret, timeoutMs } };
}
