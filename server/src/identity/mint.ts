import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from '../platform/vendor/jose.js';
import type { Config } from '../platform/config.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { loadSigningKeys } from './keys.js';
import { embeddedAudience, embeddedIssuer } from './provider.js';

export interface MintOptions {
  user: string;
  roles: string[];
  email?: string;
  /** Lifetime in seconds. */
  ttl?: number;
}

/**
 * Signs an access token exactly as the embedded provider would issue it (same key, issuer,
 * audience and Keycloak claims), for scripts and curl. Only meaningful in embedded mode: a
 * Keycloak-issued token cannot be forged here, and should not be.
 */
export async function mintToken(config: Config, dataKey: DataKey, opts: MintOptions): Promise<string> {
  if (config.auth.issuer) throw new Error('PMS_AUTH_ISSUER is set: tokens come from that provider, not from this service');
  const { keys } = await loadSigningKeys(config.dataDir, dataKey);
  const jwk = keys[0]!;
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    preferred_username: opts.user,
    email: opts.email ?? `${opts.user}@pms.example.org`,
    realm_access: { roles: opts.roles },
    scope: 'openid profile email',
    client_id: config.auth.clientId,
  })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
    .setIssuer(embeddedIssuer(config))
    .setSubject(opts.user)
    .setAudience(embeddedAudience(config))
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.ttl ?? 3600))
    .setJti(randomUUID())
    .sign(key);
}
