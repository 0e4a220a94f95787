/**
 * The eSignet contract double: a loopback HTTP server that behaves like eSignet's
 * client-management API (docs/oidc-clients.md, docs/esignet-client-settings.md; eSignet 1.8), for tests only.
 *
 * - POST/PUT /v1/esignet/client-mgmt/oidc-client[/{id}] and /oauth-client[/{id}]: envelope
 *   `{requestTime, request}` with eSignet's ±2-minute leeway, its field rules and codes, HTTP
 *   200 with `errors` for every business error (bean failures as "<field>: <code>", one entry
 *   per failing field; service failures with the code as message), duplicate id and duplicate
 *   key (`public_key_hash`) checks, an in-memory client table.
 * - A bearer JWT issued by its own token endpoint (client credentials), checked for issuer,
 *   signature, expiry and scope: POST needs `add_oidc_client`, PUT `update_oidc_client`
 *   (401 without a valid token, 403 without the scope).
 * - v3 POST/PUT /client[/{id}] with `additionalConfig` checked against eSignet's schema
 *   (`invalid_additional_config`; a v3 PUT with null clears it, v1/v2 PUTs leave it), and
 *   PATCH /client/{id} (1.8): only the fields sent change, `encPublicKey` (RSA/EC) is taken
 *   only here. `apiLevel` makes it an older eSignet: `v2` (≤1.5) or `v3` (1.6–1.7) answer 404
 *   for the endpoints they lack.
 * - GET /v1/esignet/oidc/.well-known/openid-configuration with `claims_supported`.
 * - Faults for consistency tests, consumed one per client-management call: `refuse` (HTTP 200
 *   with a given code), `http` (a status, nothing applied), `hang` (no answer; `after: true`
 *   applies the call first, as an eSignet whose answer is lost), `reset` (socket destroyed,
 *   optionally after applying).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SignJWT, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';

export type Fault =
  | { kind: 'refuse'; code: string; message?: string }
  | { kind: 'http'; status: number }
  | { kind: 'hang'; after?: boolean }
  | { kind: 'reset'; after?: boolean };

export interface StoredClient {
  id: string;
  name: string;
  langMap?: Record<string, string>;
  rpId: string;
  publicKey: Record<string, unknown>;
  publicKeyHash: string;
  claims: string[];
  acrValues: string[];
  logoUri: string;
  redirectUris: string[];
  grantTypes: string[];
  authMethods: string[];
  status: 'ACTIVE' | 'INACTIVE';
  updates: number;
  additionalConfig?: Record<string, unknown> | null;
  encPublicKey?: Record<string, unknown>;
}

export interface RecordedCall {
  method: string;
  path: string;
  body: any;
  authorization?: string;
  cookie?: string;
}

export interface EsignetDoubleOptions {
  clientId?: string;
  clientSecret?: string;
  /** Scopes the token endpoint grants (default both client-management scopes). */
  scopes?: string[];
  tokenTtlSeconds?: number;
  claimsSupported?: string[];
  /** Keys of `acr_amr` in eSignet's copy of the AMR/ACR mapping. */
  acrValues?: string[];
  grantTypes?: string[];
  authMethods?: string[];
  /** The newest client API this eSignet serves (default `patch`, eSignet 1.8). */
  apiLevel?: 'v2' | 'v3' | 'patch';
  /**
   * esignet #2364: the ACRs an update (PUT, or a PATCH that sends them) may carry, when fewer
   * than create takes; a client created with others can then never be updated in full.
   */
  updateAcrValues?: string[];
}

const MOSIP_CLAIMS = ['name', 'address', 'gender', 'birthdate', 'picture', 'email', 'phone_number', 'individual_id'];
const DEFAULT_ACRS = [
  'mosip:idp:acr:password',
  'mosip:idp:acr:static-code',
  'mosip:idp:acr:generated-code',
  'mosip:idp:acr:linked-wallet',
  'mosip:idp:acr:biometrics',
];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LEEWAY_MS = 2 * 60_000;
/** Locale.getISO3Language() codes a JVM knows; a sample is enough for the double. */
const LANGS = new Set(['eng', 'fra', 'ara', 'hin', 'kan', 'tam', 'spa', 'por', 'deu', 'zho', 'rus', 'swa', 'amh', 'tha', 'fil']);

type Err = { errorCode: string; errorMessage: string };
type Api = 'v1' | 'v2' | 'v3';

const SETTING_TYPES: Record<string, (v: unknown) => boolean> = {
  userinfo_response_type: (v) => v === 'JWS' || v === 'JWE',
  purpose: (v) =>
    v === null ||
    (isObj(v) &&
      ['none', 'verify', 'link', 'login'].includes(v.type) &&
      Object.keys(v).every((k) => ['type', 'title', 'subTitle'].includes(k)) &&
      [v.title, v.subTitle].every(
        (t) =>
          t === undefined ||
          t === null ||
          (isObj(t) && typeof t['@none'] === 'string' && Object.values(t).every((x) => typeof x === 'string')),
      )),
  signup_banner_required: (v) => typeof v === 'boolean',
  forgot_pwd_link_required: (v) => typeof v === 'boolean',
  consent_expire_in_mins: (v) => typeof v === 'number' && v >= 10,
  require_pushed_authorization_requests: (v) => typeof v === 'boolean',
  dpop_bound_access_tokens: (v) => typeof v === 'boolean',
  require_pkce: (v) => typeof v === 'boolean',
};

/** Keys eSignet's schema gained in 1.8 (with PATCH): unknown, so refused, at the `v3` level (1.6–1.7). */
const SINCE_1_8 = new Set(['require_pkce']);

/** eSignet's additional_config_request_schema.json (1.8; 1.7's at the `v3` level), written out for the double. */
function additionalConfigErrors(v: unknown, level: 'v2' | 'v3' | 'patch'): Err[] {
  const err = [{ errorCode: 'invalid_additional_config', errorMessage: 'request.additionalConfig: invalid_additional_config' }];
  if (v === undefined || v === null) return [];
  if (!isObj(v)) return err;
  const known = (k: string) => level === 'patch' || !SINCE_1_8.has(k);
  return Object.entries(v).every(([k, x]) => known(k) && (SETTING_TYPES[k]?.(x) ?? false)) ? [] : err;
}
/** `clientNameLangMap`'s rules, the same on create, update and PATCH: known language keys, non-blank names of at most 50. */
function langMapErrors(map: unknown, bad: (field: string, code: string) => void): void {
  if (!isObj(map)) return bad('clientNameLangMap', 'invalid_language_code');
  for (const [lang, name] of Object.entries(map)) {
    if (!LANGS.has(lang)) bad('clientNameLangMap', 'invalid_language_code');
    else if (blank(name)) bad('clientNameLangMap', 'invalid_client_name_value');
    else if ((name as string).length > 50) bad('clientNameLangMap', 'invalid_client_name_length');
  }
}
const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** java.net.URL-ish: a known scheme and something after it. */
function validUrl(v: unknown): boolean {
  if (blank(v)) return false;
  return /^(https?|ftp|file|jar|mailto):\/?\/?\S+$/i.test(v as string) && !/\s/.test(v as string);
}

/** Apache UrlValidator with ALLOW_ALL_SCHEMES and ALLOW_LOCAL_URLS: scheme, authority, no spaces. */
function validRedirect(v: unknown): boolean {
  if (blank(v)) return false;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\s]+)([^\s]*)$/.exec(v as string);
  return m !== null;
}

function keyHash(k: Record<string, unknown>): string {
  const material = k.kty === 'RSA' ? String(k.n) : `${String(k.x)}${String(k.y)}`;
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

/** Calls kept for tests to inspect; a long load (the bench) keeps only the latest. */
const KEPT_CALLS = 10_000;

export class EsignetDouble {
  readonly clients = new Map<string, StoredClient>();
  /** Client ids by public key hash: eSignet's unique index on `public_key_hash`. */
  private readonly byKeyHash = new Map<string, string>();
  readonly calls: RecordedCall[] = [];
  tokensIssued = 0;
  private faults: Fault[] = [];
  /** Tokens whose signature and issuer were already checked, with what the checks need again. */
  private readonly verified = new Map<string, { scopes: string[]; exp: number }>();
  private readonly sockets = new Set<Socket>();
  private readonly hung: ServerResponse[] = [];
  private server!: Server;
  private key!: CryptoKey;
  private publicKey!: CryptoKey;
  origin = '';
  readonly opts: Required<Omit<EsignetDoubleOptions, 'updateAcrValues'>> & Pick<EsignetDoubleOptions, 'updateAcrValues'>;

  private constructor(opts: EsignetDoubleOptions) {
    this.opts = {
      clientId: opts.clientId ?? 'mosip-pms-client',
      clientSecret: opts.clientSecret ?? 'pms-secret',
      scopes: opts.scopes ?? ['add_oidc_client', 'update_oidc_client'],
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
      claimsSupported: opts.claimsSupported ?? MOSIP_CLAIMS,
      acrValues: opts.acrValues ?? DEFAULT_ACRS,
      grantTypes: opts.grantTypes ?? ['authorization_code'],
      authMethods: opts.authMethods ?? ['private_key_jwt'],
      apiLevel: opts.apiLevel ?? 'patch',
      updateAcrValues: opts.updateAcrValues,
    };
  }

  static async start(opts: EsignetDoubleOptions = {}): Promise<EsignetDouble> {
    const d = new EsignetDouble(opts);
    const pair = await generateKeyPair('ES256');
    d.key = pair.privateKey;
    d.publicKey = pair.publicKey;
    d.server = createServer((req, res) => void d.handle(req, res));
    d.server.on('connection', (s) => {
      d.sockets.add(s);
      s.on('close', () => d.sockets.delete(s));
    });
    await new Promise<void>((resolve) => d.server.listen(0, '127.0.0.1', resolve));
    d.origin = `http://127.0.0.1:${(d.server.address() as AddressInfo).port}`;
    return d;
  }

  get baseUrl() {
    return `${this.origin}/v1/esignet`;
  }
  get tokenUrl() {
    return `${this.origin}/auth/realms/mosip/protocol/openid-connect/token`;
  }
  get configUrl() {
    return `${this.baseUrl}/oidc/.well-known/openid-configuration`;
  }
  get issuer() {
    return `${this.origin}/auth/realms/mosip`;
  }

  /** PMS's environment for this double. */
  env(): Record<string, string> {
    return {
      PMS_ESIGNET_BASE_URL: this.baseUrl,
      PMS_ESIGNET_TOKEN_URL: this.tokenUrl,
      PMS_ESIGNET_CLIENT_ID: this.opts.clientId,
      PMS_ESIGNET_CLIENT_SECRET: this.opts.clientSecret,
      PMS_ESIGNET_CONFIG_URL: this.configUrl,
    };
  }

  /** Queues faults for the next client-management calls, one per call. */
  fail(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Answers every held ("hung") call now with a 504, as a proxy would. */
  releaseHung(): void {
    for (const res of this.hung.splice(0)) if (!res.writableEnded) res.writeHead(504).end();
  }

  /** Client-management calls only (not tokens or discovery). */
  mgmtCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes('/client-mgmt/'));
  }

  async close(): Promise<void> {
    this.releaseHung();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const path = url.pathname;
    let body: any = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // form bodies and malformed JSON stay text
    }
    if (this.calls.length >= KEPT_CALLS) this.calls.splice(0, KEPT_CALLS / 2);
    this.calls.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization, cookie: req.headers.cookie });

    if (req.method === 'POST' && path === '/auth/realms/mosip/protocol/openid-connect/token') return this.token(raw, res);
    if (req.method === 'GET' && path === '/v1/esignet/oidc/.well-known/openid-configuration') {
      return this.json(res, 200, {
        issuer: this.origin,
        claims_supported: this.opts.claimsSupported,
        acr_values_supported: this.opts.acrValues,
      });
    }
    const m = /^\/v1\/esignet\/client-mgmt\/(oidc-client|oauth-client|client)(?:\/([^/]+))?$/.exec(path);
    const method = req.method ?? '';
    const served =
      m !== null &&
      (m[1] !== 'client' || this.opts.apiLevel !== 'v2') &&
      (method !== 'PATCH' || (m[1] === 'client' && this.opts.apiLevel === 'patch'));
    if (!m || !served || (method === 'POST' && m[2]) || (method !== 'POST' && !m[2]) || !['POST', 'PUT', 'PATCH'].includes(method)) {
      return this.json(res, 404, { error: 'not found' });
    }
    // PATCH has no scope rule in eSignet: any valid token of the realm passes (spec 2).
    const auth = await this.checkToken(
      req.headers.authorization,
      method === 'POST' ? 'add_oidc_client' : method === 'PUT' ? 'update_oidc_client' : undefined,
    );
    if (auth !== 200) return this.json(res, auth, { error: auth === 401 ? 'unauthorized' : 'forbidden' });

    const fault = this.faults.shift();
    const api = m[1] === 'client' ? 'v3' : m[1] === 'oauth-client' ? 'v2' : 'v1';
    const apply = () => this.clientMgmt(method as 'POST' | 'PUT' | 'PATCH', api, m[2] ? decodeURIComponent(m[2]) : undefined, body);
    if (fault?.kind === 'refuse') return this.envelope(res, null, [{ errorCode: fault.code, errorMessage: fault.message ?? fault.code }]);
    if (fault?.kind === 'http') return this.json(res, fault.status, { error: 'failure' });
    if (fault?.kind === 'hang') {
      if (fault.after) apply();
      this.hung.push(res);
      return;
    }
    if (fault?.kind === 'reset') {
      if (fault.after) apply();
      req.socket.destroy();
      return;
    }
    const out = apply();
    return this.envelope(res, out.response, out.errors);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private envelope(res: ServerResponse, response: unknown, errors: Err[]): void {
    this.json(res, 200, { responseTime: new Date().toISOString(), response, errors });
  }

  private async token(raw: string, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(raw);
    if (form.get('grant_type') !== 'client_credentials') return this.json(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== this.opts.clientId || form.get('client_secret') !== this.opts.clientSecret) {
      return this.json(res, 401, { error: 'invalid_client' });
    }
    this.tokensIssued++;
    const jwt = await new SignJWT({ scope: this.opts.scopes.join(' '), azp: this.opts.clientId, jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(this.issuer)
      .setIssuedAt()
      .setExpirationTime(`${this.opts.tokenTtlSeconds}s`)
      .sign(this.key);
    return this.json(res, 200, {
      access_token: jwt,
      token_type: 'Bearer',
      expires_in: this.opts.tokenTtlSeconds,
      scope: this.opts.scopes.join(' '),
    });
  }

  private async checkToken(header: string | undefined, scope: string | undefined): Promise<200 | 401 | 403> {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) return 401;
    // The signature and issuer of a token are checked once; its expiry on every call.
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, algorithms: ['ES256'] });
        claims = { scopes: String(payload.scope ?? '').split(' '), exp: payload.exp ?? 0 };
      } catch {
        return 401;
      }
      if (this.verified.size >= 1000) this.verified.clear();
      this.verified.set(token, claims);
    }
    if (claims.exp * 1000 <= Date.now()) return 401;
    return scope === undefined || claims.scopes.includes(scope) ? 200 : 403;
  }

  // ---- client management (docs/esignet-client-settings.md) ------------------------------

  private clientMgmt(
    method: 'POST' | 'PUT' | 'PATCH',
    api: Api,
    id: string | undefined,
    body: unknown,
  ): { response: unknown; errors: Err[] } {
    const refuse = (...errors: Err[]) => ({ response: null, errors });
    const service = (code: string) => refuse({ errorCode: code, errorMessage: code });
    if (!isObj(body)) return service('invalid_request');
    const t = body.requestTime;
    if (typeof t !== 'string' || !TIME.test(t) || Math.abs(Date.parse(t) - Date.now()) >= LEEWAY_MS) return service('invalid_request');
    const r = body.request;
    if (!isObj(r)) return service('invalid_request');
    if (method === 'PATCH') return this.patch(id as string, r);
    const errors = method === 'POST' ? this.validateCreate(r, api) : this.validateUpdate(r, api);
    if (api === 'v3') errors.push(...additionalConfigErrors(r.additionalConfig, this.opts.apiLevel));
    if (errors.length) return refuse(...errors);

    if (method === 'POST') {
      const key = r.publicKey as Record<string, unknown>;
      if (!(['RSA', 'EC'] as unknown[]).includes(key.kty)) return service('invalid_public_key');
      const needed = key.kty === 'RSA' ? ['n', 'e'] : ['crv', 'x', 'y'];
      if (needed.some((k) => blank(key[k])) || ['alg', 'use'].some((k) => k in key && blank(key[k]))) return service('invalid_public_key');
      if (this.clients.has(r.clientId)) return service('duplicate_client_id');
      const hash = keyHash(key);
      if (this.byKeyHash.has(hash)) return service('duplicate_public_key');
      this.byKeyHash.set(hash, r.clientId);
      this.clients.set(r.clientId, {
        id: r.clientId,
        name: r.clientName,
        langMap: api === 'v2' ? (r.clientNameLangMap ?? undefined) : undefined,
        rpId: r.relyingPartyId,
        publicKey: key,
        publicKeyHash: hash,
        claims: r.userClaims,
        acrValues: r.authContextRefs,
        logoUri: r.logoUri,
        redirectUris: r.redirectUris,
        grantTypes: r.grantTypes,
        authMethods: r.clientAuthMethods,
        status: 'ACTIVE',
        updates: 0,
        additionalConfig: api === 'v3' ? (r.additionalConfig ?? null) : null,
      });
      return { response: { clientId: r.clientId, status: 'ACTIVE' }, errors: [] };
    }
    const c = this.clients.get(id as string);
    if (!c) return service('invalid_client_id');
    Object.assign(c, {
      name: r.clientName,
      langMap: api === 'v2' ? (r.clientNameLangMap ?? undefined) : undefined,
      logoUri: r.logoUri,
      redirectUris: r.redirectUris,
      claims: r.userClaims,
      acrValues: r.authContextRefs,
      status: r.status,
      grantTypes: r.grantTypes,
      authMethods: r.clientAuthMethods,
      updates: c.updates + 1,
    });
    // C6: v1/v2 updates leave the settings; a v3 update replaces them (null clears).
    if (api === 'v3') c.additionalConfig = r.additionalConfig ?? null;
    return { response: { clientId: c.id, status: c.status }, errors: [] };
  }

  /** PATCH (spec 4.4): every field optional, only those sent (non-null) change. */
  private patch(id: string, r: Record<string, any>): { response: unknown; errors: Err[] } {
    const errors: Err[] = [];
    const bad = (field: string, code: string) => errors.push({ errorCode: code, errorMessage: `request.${field}: ${code}` });
    const given = (k: string) => r[k] !== undefined && r[k] !== null;
    if (given('clientName') && (typeof r.clientName !== 'string' || r.clientName.length > 256)) bad('clientName', 'invalid_client_name');
    if (given('logoUri') && !validUrl(r.logoUri)) bad('logoUri', 'invalid_uri');
    if (
      given('userClaims') &&
      (!Array.isArray(r.userClaims) ||
        r.userClaims.length < 1 ||
        r.userClaims.length > 30 ||
        !r.userClaims.every((c: unknown) => this.opts.claimsSupported.includes(c as string)))
    )
      bad('userClaims', 'invalid_claim');
    if (given('authContextRefs') && (!Array.isArray(r.authContextRefs) || r.authContextRefs.length < 1 || r.authContextRefs.length > 30))
      bad('authContextRefs', 'invalid_acr');
    else if (given('authContextRefs') && this.updateRefuses(r.authContextRefs)) bad('authContextRefs', 'invalid_acr');
    if (
      given('redirectUris') &&
      (!Array.isArray(r.redirectUris) || r.redirectUris.length < 1 || r.redirectUris.length > 5 || !r.redirectUris.every(validRedirect))
    )
      bad('redirectUris', 'invalid_redirect_uri');
    if (
      given('grantTypes') &&
      (!Array.isArray(r.grantTypes) ||
        r.grantTypes.length < 1 ||
        r.grantTypes.length > 3 ||
        !r.grantTypes.every((g: string) => this.opts.grantTypes.includes(g)))
    )
      bad('grantTypes', 'unsupported_grant_type');
    if (
      given('clientAuthMethods') &&
      (!Array.isArray(r.clientAuthMethods) ||
        r.clientAuthMethods.length < 1 ||
        r.clientAuthMethods.length > 3 ||
        !r.clientAuthMethods.every((g: string) => this.opts.authMethods.includes(g)))
    )
      bad('clientAuthMethods', 'invalid_client_auth');
    if (given('status') && r.status !== 'ACTIVE' && r.status !== 'INACTIVE') bad('status', 'invalid_status');
    if (given('clientNameLangMap')) langMapErrors(r.clientNameLangMap, bad);
    if (given('additionalConfig')) errors.push(...additionalConfigErrors(r.additionalConfig, this.opts.apiLevel));
    if (given('encPublicKey')) {
      const k = r.encPublicKey;
      const ok = isObj(k) && (k.kty === 'RSA' ? !blank(k.n) && !blank(k.e) : k.kty === 'EC' && !blank(k.crv) && !blank(k.x) && !blank(k.y));
      if (!ok) bad('encPublicKey', 'invalid_public_key');
    }
    if (errors.length) return { response: null, errors };
    const c = this.clients.get(id);
    if (!c) return { response: null, errors: [{ errorCode: 'invalid_client_id', errorMessage: 'invalid_client_id' }] };
    const fields: [string, keyof StoredClient][] = [
      ['logoUri', 'logoUri'],
      ['redirectUris', 'redirectUris'],
      ['userClaims', 'claims'],
      ['authContextRefs', 'acrValues'],
      ['status', 'status'],
      ['grantTypes', 'grantTypes'],
      ['clientAuthMethods', 'authMethods'],
      ['additionalConfig', 'additionalConfig'],
      ['encPublicKey', 'encPublicKey'],
    ];
    for (const [from, to] of fields) if (given(from)) (c as unknown as Record<string, unknown>)[to] = r[from];
    if (given('clientName')) c.name = r.clientName;
    if (given('clientNameLangMap')) c.langMap = r.clientNameLangMap;
    c.updates++;
    return { response: { clientId: c.id, status: c.status }, errors: [] };
  }

  private common(r: Record<string, any>, api: Api, claimsMin: number): Err[] {
    const errors: Err[] = [];
    const bad = (field: string, code: string) => errors.push({ errorCode: code, errorMessage: `request.${field}: ${code}` });
    if (blank(r.clientName) || r.clientName.length > 256) bad('clientName', 'invalid_client_name');
    const claims = r.userClaims;
    if (!Array.isArray(claims) || claims.length < claimsMin || claims.length > 30) bad('userClaims', 'invalid_claim');
    else
      claims.forEach(
        (c: unknown, i: number) =>
          (blank(c) || !this.opts.claimsSupported.includes(c as string)) && bad(`userClaims[${i}]`, 'invalid_claim'),
      );
    const acrs = r.authContextRefs;
    if (!Array.isArray(acrs) || acrs.length < 1 || acrs.length > 30) bad('authContextRefs', 'invalid_acr');
    else
      acrs.forEach(
        (a: unknown, i: number) =>
          a !== null &&
          (typeof a !== 'string' || !a.split(' ').every((p) => this.opts.acrValues.includes(p))) &&
          bad(`authContextRefs[${i}]`, 'invalid_acr'),
      );
    if (!validUrl(r.logoUri)) bad('logoUri', 'invalid_uri');
    const uris = r.redirectUris;
    if (!Array.isArray(uris) || uris.length < 1 || uris.length > 5) bad('redirectUris', 'invalid_redirect_uri');
    else uris.forEach((u: unknown, i: number) => !validRedirect(u) && bad(`redirectUris[${i}]`, 'invalid_redirect_uri'));
    const grants = r.grantTypes;
    if (!Array.isArray(grants) || grants.length < 1 || grants.length > 3 || !grants.every((g) => this.opts.grantTypes.includes(g)))
      bad('grantTypes', 'unsupported_grant_type');
    const methods = r.clientAuthMethods;
    if (!Array.isArray(methods) || methods.length < 1 || methods.length > 3 || !methods.every((m) => this.opts.authMethods.includes(m)))
      bad('clientAuthMethods', 'invalid_client_auth');
    if (api !== 'v1' && r.clientNameLangMap !== undefined && r.clientNameLangMap !== null) langMapErrors(r.clientNameLangMap, bad);
    return errors;
  }

  private validateCreate(r: Record<string, any>, api: Api): Err[] {
    const errors: Err[] = [];
    const bad = (field: string, code: string) => errors.push({ errorCode: code, errorMessage: `request.${field}: ${code}` });
    if (blank(r.clientId) || /\s/.test(r.clientId) || r.clientId.length > 100) bad('clientId', 'invalid_client_id');
    if (!isObj(r.publicKey) || Object.keys(r.publicKey).length === 0) bad('publicKey', 'invalid_public_key');
    if (blank(r.relyingPartyId) || /\s/.test(r.relyingPartyId) || r.relyingPartyId.length > 100) bad('relyingPartyId', 'invalid_rp_id');
    return [...errors, ...this.common(r, api, 0)];
  }

  /** esignet #2364: an update's ACRs checked against the (smaller) update allow-list. */
  private updateRefuses(acrs: unknown): boolean {
    const allowed = this.opts.updateAcrValues;
    return (
      allowed !== undefined &&
      Array.isArray(acrs) &&
      !acrs.every((a) => typeof a === 'string' && a.split(' ').every((p) => allowed.includes(p)))
    );
  }

  private validateUpdate(r: Record<string, any>, api: Api): Err[] {
    const errors = this.common(r, api, 0);
    if (this.updateRefuses(r.authContextRefs))
      errors.push({ errorCode: 'invalid_acr', errorMessage: 'request.authContextRefs: invalid_acr' });
    if (r.status !== 'ACTIVE' && r.status !== 'INACTIVE')
      errors.push({ errorCode: 'invalid_status', errorMessage: 'request.status: invalid_status' });
    return errors;
  }
}
