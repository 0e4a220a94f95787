import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Who is calling, read from a Keycloak-shaped access token. */
export interface Principal {
  userId: string;
  email?: string;
  roles: string[];
  token: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Asymmetric algorithms only: `none` and HS* (a public key used as an HMAC secret) never pass. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export class InvalidTokenError extends Error {}

export function principalFrom(payload: JWTPayload, token: string): Principal {
  const userId = (payload.preferred_username as string | undefined) ?? payload.sub;
  if (typeof userId !== 'string' || userId === '') throw new InvalidTokenError('token names no user');
  const realm = payload.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realm?.roles) ? realm.roles.filter((r): r is string => typeof r === 'string') : [];
  const email = typeof payload.email === 'string' ? payload.email : undefined;
  return { userId, email, roles, token };
}

export interface VerifierOptions {
  issuer: string;
  audience?: string;
  /** Keys: a JWKS URL, or a key resolver (the embedded provider passes its own keys). */
  jwksUrl?: string;
  keys?: JWTVerifyGetKey;
  fetchImpl?: typeof fetch;
}

/**
 * Finds the issuer's JWKS the way operators expect: an explicit URL, else the discovery
 * document's `jwks_uri`, else Keycloak's fixed certs path. Resolved on first use so the
 * service starts even while the IdP is still coming up.
 */
async function discoverJwksUrl(issuer: string, fetchImpl: typeof fetch): Promise<string> {
  try {
    const res = await fetchImpl(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (res.ok) {
      const doc = (await res.json()) as { jwks_uri?: unknown };
      if (typeof doc.jwks_uri === 'string') return doc.jwks_uri;
    }
  } catch {
    // fall through to Keycloak's convention
  }
  return `${issuer}/protocol/openid-connect/certs`;
}

export function createVerifier(opts: VerifierOptions): TokenVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined = opts.keys ? Promise.resolve(opts.keys) : undefined;
  const getKeys = () => {
    keys ??= (opts.jwksUrl ? Promise.resolve(opts.jwksUrl) : discoverJwksUrl(opts.issuer, opts.fetchImpl ?? fetch))
      .then((u) => createRemoteJWKSet(new URL(u), { cooldownDuration: 30_000, cacheMaxAge: 600_000 }))
      .catch((err: unknown) => {
        keys = undefined;
        throw err;
      });
    return keys;
  };
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await getKeys(), {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          clockTolerance: 5,
          requiredClaims: ['exp'],
        });
        return principalFrom(payload, token);
      } catch (err) {
        if (err instanceof InvalidTokenError) throw err;
        throw new InvalidTokenError((err as Error).message);
      }
    },
  };
}
