import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from '../vendor/jose.js';

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
  const verified = createVerifiedCache();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      try {
        const { payload } = await jwtVerify(token, await getKeys(), {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims: ['exp'],
        });
        const principal = principalFrom(payload, token);
        verified.put(token, principal, (payload.exp as number) + CLOCK_TOLERANCE_S);
        return principal;
      } catch (err) {
        if (err instanceof InvalidTokenError) throw err;
        throw new InvalidTokenError((err as Error).message);
      }
    },
  };
}

const CLOCK_TOLERANCE_S = 5;
/** A portal user sends the same token with every request; its signature need not be checked each time. */
const VERIFIED_LIMIT = 5_000;
/**
 * How long a checked token is trusted without checking again. Short, so a signing key the IdP
 * withdraws from its JWKS stops being honoured soon after, as it would be on the next refresh.
 */
const VERIFIED_LIFE_MS = 30_000;

/**
 * Tokens whose signature and claims passed, kept until the earlier of their expiry and a short
 * life. Only successes are kept, keyed by the whole token text, so a token that differs in any
 * byte is checked in full. Oldest entries go first when full.
 */
export function createVerifiedCache(now: () => number = Date.now) {
  const entries = new Map<string, { principal: Principal; until: number }>();
  return {
    get(token: string): Principal | undefined {
      const hit = entries.get(token);
      if (!hit) return undefined;
      if (hit.until > now()) return hit.principal;
      entries.delete(token);
      return undefined;
    },
    put(token: string, principal: Principal, expSeconds: number): void {
      if (entries.size >= VERIFIED_LIMIT) entries.delete(entries.keys().next().value as string);
      entries.set(token, { principal, until: Math.min(expSeconds * 1000, now() + VERIFIED_LIFE_MS) });
    },
    get size() {
      return entries.size;
    },
  };
}
