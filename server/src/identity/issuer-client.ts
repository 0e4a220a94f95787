/**
 * The relying-party side of login: what this service needs from any OpenID provider
 * (Keycloak, the embedded one, another), found through its discovery document.
 */

export interface IssuerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

export interface TokenResponse {
  access_token: string;
  expires_in?: number;
  id_token?: string;
}

/** The one HTTP call shape the client needs, so the embedded provider can be reached in-process. */
export type HttpCall = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export const fetchCall: HttpCall = (url, init) => fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });

/** The provider could not be reached or answered nonsense: its problem, not the user's. */
export class IssuerError extends Error {}
/** The provider refused the exchange (a used, expired or foreign code): the login fails. */
export class TokenRefusedError extends Error {}

export interface IssuerClient {
  metadata(): Promise<IssuerMetadata>;
  exchangeCode(code: string, codeVerifier: string, redirectUri: string): Promise<TokenResponse>;
}

const isUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

function parseMetadata(doc: unknown, issuer: string): IssuerMetadata {
  const d = (doc ?? {}) as Record<string, unknown>;
  // OpenID Connect Discovery 4.3: the document must name the issuer we asked about.
  if (d.issuer !== issuer) throw new IssuerError(`discovery document names issuer ${String(d.issuer)}, expected ${issuer}`);
  if (!isUrl(d.authorization_endpoint) || !isUrl(d.token_endpoint))
    throw new IssuerError('discovery document lacks the authorization or token endpoint');
  return {
    issuer,
    authorization_endpoint: d.authorization_endpoint,
    token_endpoint: d.token_endpoint,
    end_session_endpoint: isUrl(d.end_session_endpoint) ? d.end_session_endpoint : undefined,
  };
}

export function createIssuerClient(opts: { issuer: string; clientId: string; clientSecret?: string; call?: HttpCall }): IssuerClient {
  const call = opts.call ?? fetchCall;
  let cached: { at: number; value: Promise<IssuerMetadata> } | undefined;
  const metadata = () => {
    // Re-read hourly so a provider's changed endpoints are picked up without a restart.
    if (!cached || Date.now() - cached.at > 3_600_000) {
      const value = (async () => {
        const res = await call(`${opts.issuer}/.well-known/openid-configuration`, {
          method: 'GET',
          headers: { accept: 'application/json' },
        });
        if (res.status !== 200) throw new IssuerError(`discovery answered HTTP ${res.status}`);
        return parseMetadata(await res.json(), opts.issuer);
      })();
      cached = { at: Date.now(), value };
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };

  return {
    metadata,
    async exchangeCode(code, codeVerifier, redirectUri) {
      const { token_endpoint } = await metadata();
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      if (opts.clientSecret) {
        // RFC 6749 2.3.1: both parts form-encoded before Basic encoding.
        const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
        headers.authorization = `Basic ${Buffer.from(`${enc(opts.clientId)}:${enc(opts.clientSecret)}`).toString('base64')}`;
      } else {
        form.set('client_id', opts.clientId);
      }
      const res = await call(token_endpoint, { method: 'POST', headers, body: form.toString() });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status >= 400 && res.status < 500)
        throw new TokenRefusedError(`token endpoint refused the code: ${String(body.error ?? res.status)}`);
      if (res.status !== 200 || typeof body.access_token !== 'string') {
        throw new IssuerError(`token endpoint answered HTTP ${res.status}: ${String(body.error ?? 'no access token')}`);
      }
      return {
        access_token: body.access_token,
        expires_in: typeof body.expires_in === 'number' ? body.expires_in : undefined,
        id_token: typeof body.id_token === 'string' ? body.id_token : undefined,
      };
    },
  };
}
