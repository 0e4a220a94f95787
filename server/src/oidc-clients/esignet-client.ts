import { mosipNow } from '../platform/http/envelope.js';
import { createSender, type Send } from '../platform/http/outbound.js';

/**
 * eSignet's client-management API (docs/oidc-clients.md, docs/esignet-client-settings.md) with PMS's service token.
 * Every answer is classified by what it says about eSignet's state, which the consistency
 * work depends on:
 * - `ok`: eSignet holds what was sent;
 * - `refused`: eSignet answered with `errors` and changed nothing (HTTP 200, business error);
 * - `unknown`: no usable answer (transport failure, timeout, 5xx, unreadable body) — the call
 *   may or may not have been applied.
 * A 401/403 is `refused` as well: eSignet turned the call away before reading it.
 */

/**
 * `v3`: POST/PUT /client with `additionalConfig` (eSignet 1.6+); an `encPublicKey` in the body
 * follows in a PATCH (1.8+), the only call eSignet takes it on. `patch`: PATCH /client/{id}
 * with the changed fields only (1.8+).
 */
export type Api = 'v1' | 'v2' | 'v3' | 'patch';

export type EsignetOutcome =
  | { kind: 'ok' }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unknown'; reason: string; code: 'PMS_KKS_001' | 'PMS_PRT_500' | 'PMS_PRT_107' };

export interface EsignetClient {
  create(api: Api, request: Record<string, unknown>): Promise<EsignetOutcome>;
  update(api: Api, clientId: string, request: Record<string, unknown>): Promise<EsignetOutcome>;
}

export interface EsignetClientOptions {
  baseUrl: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  /** How client-management calls travel (default: kept-alive node HTTP). */
  send?: Send;
}

const PATHS: Record<Api, string> = {
  v1: 'client-mgmt/oidc-client',
  v2: 'client-mgmt/oauth-client',
  v3: 'client-mgmt/client',
  patch: 'client-mgmt/client',
};
/** Renew a little before expiry so a token never expires in flight. */
const TOKEN_MARGIN_MS = 30_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Client-credentials token for eSignet, shared by concurrent callers and kept until near expiry. */
function tokenSource(opts: EsignetClientOptions): { get(): Promise<string | undefined>; drop(): void } {
  let cached: CachedToken | undefined;
  let inFlight: Promise<CachedToken> | undefined;
  const fetchImpl = opts.fetchImpl ?? fetch;
  async function obtain(): Promise<CachedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: opts.clientId ?? '',
      client_secret: opts.clientSecret ?? '',
    });
    const res = await fetchImpl(opts.tokenUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (!res.ok) throw new Error(`token endpoint answered HTTP ${res.status}`);
    const json = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string') throw new Error('token endpoint gave no access_token');
    const ttlMs = typeof json.expires_in === 'number' ? json.expires_in * 1000 : 60_000;
    return { value: json.access_token, expiresAt: Date.now() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2) };
  }
  return {
    async get() {
      if (!opts.tokenUrl) return undefined; // eSignet with security off (its `local` profile)
      if (cached && cached.expiresAt > Date.now()) return cached.value;
      inFlight ??= obtain().finally(() => {
        inFlight = undefined;
      });
      cached = await inFlight;
      return cached.value;
    },
    drop() {
      cached = undefined;
    },
  };
}

/** Reads eSignet's envelope the way MOSIP's create handler does (docs/oidc-clients.md, "eSignet's answers"). */
export function classify(status: number, text: string): EsignetOutcome {
  if (status === 401 || status === 403)
    return { kind: 'refused', code: 'PMS_KKS_001', message: `eSignet refused PMS's token (HTTP ${status})` };
  if (status < 200 || status >= 300) return { kind: 'unknown', code: 'PMS_KKS_001', reason: `HTTP ${status}` };
  let body: { response?: unknown; errors?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { kind: 'unknown', code: 'PMS_PRT_500', reason: 'unreadable response body' };
  }
  if (body === null || typeof body !== 'object') return { kind: 'unknown', code: 'PMS_PRT_500', reason: 'unreadable response body' };
  if (body.response !== null && body.response !== undefined) return { kind: 'ok' };
  if (!('errors' in body) || body.errors === null) return { kind: 'unknown', code: 'PMS_PRT_107', reason: 'neither response nor errors' };
  const first = Array.isArray(body.errors) ? (body.errors[0] as { errorCode?: unknown; errorMessage?: unknown } | undefined) : undefined;
  if (!first || typeof first.errorCode !== 'string') return { kind: 'unknown', code: 'PMS_PRT_500', reason: 'empty errors' };
  return { kind: 'refused', code: first.errorCode, message: typeof first.errorMessage === 'string' ? first.errorMessage : first.errorCode };
}

export function createEsignetClient(opts: EsignetClientOptions): EsignetClient {
  const tokens = tokenSource(opts);
  const transport = opts.send ?? createSender();
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function send(
    method: 'POST' | 'PUT' | 'PATCH',
    url: string,
    request: Record<string, unknown>,
    retried = false,
  ): Promise<EsignetOutcome> {
    let token: string | undefined;
    try {
      token = await tokens.get();
    } catch (err) {
      // No token: nothing was sent, so eSignet is unchanged.
      return { kind: 'refused', code: 'PMS_KKS_001', message: `could not obtain a token for eSignet: ${(err as Error).message}` };
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) {
      headers.authorization = `Bearer ${token}`;
      headers.cookie = `Authorization=${token}`;
    }
    let status: number;
    let text: string;
    try {
      ({ status, text } = await transport({
        method,
        url,
        headers,
        body: JSON.stringify({ requestTime: mosipNow(), request }),
        timeoutMs: opts.timeoutMs,
      }));
    } catch (err) {
      const e = err as Error;
      const reason = e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : e.message;
      return { kind: 'unknown', code: 'PMS_KKS_001', reason };
    }
    // A token revoked or expired early: get a fresh one once.
    if (status === 401 && token && !retried) {
      tokens.drop();
      return send(method, url, request, true);
    }
    return classify(status, text);
  }

  const clientUrl = (api: Api, clientId: string) => `${base}/${PATHS[api]}/${encodeURIComponent(clientId)}`;

  /** A v3 call, then the encryption key in a PATCH: both land or the whole counts as not done. */
  async function withEncKey(
    first: (body: Record<string, unknown>) => Promise<EsignetOutcome>,
    clientId: string,
    request: Record<string, unknown>,
  ): Promise<EsignetOutcome> {
    const { encPublicKey, ...rest } = request;
    const outcome = await first(rest);
    if (outcome.kind !== 'ok' || encPublicKey === undefined || encPublicKey === null) return outcome;
    const second = await send('PATCH', clientUrl('patch', clientId), { encPublicKey });
    // The first call did change eSignet: a refusal now must not count as "nothing changed", so
    // the operation is undone rather than dropped.
    if (second.kind === 'refused')
      return { kind: 'unknown', code: 'PMS_PRT_500', reason: `eSignet refused the encryption key: ${second.code} ${second.message}` };
    return second;
  }

  return {
    create: (api, request) =>
      api === 'v3'
        ? withEncKey((body) => send('POST', `${base}/${PATHS[api]}`, body), String(request.clientId), request)
        : send('POST', `${base}/${PATHS[api]}`, request),
    update: (api, clientId, request) => {
      if (api === 'patch') return send('PATCH', clientUrl(api, clientId), request);
      if (api === 'v3') return withEncKey((body) => send('PUT', clientUrl(api, clientId), body), clientId, request);
      return send('PUT', clientUrl(api, clientId), request);
    },
  };
}
