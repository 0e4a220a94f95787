import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { decodeJwt } from '../platform/vendor/jose.js';
import type { Principal } from '../platform/auth/verifier.js';
import type { Deps } from '../platform/deps.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { PARTNER_BASE, type App, type Module } from '../platform/http/app.js';
import { v1 } from '../platform/http/envelope.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { IssuerError, type HttpCall, type IssuerClient, createIssuerClient } from './issuer-client.js';
import { LOGIN_CALLBACK_PATH, LOGOUT_CALLBACK_PATH } from './paths.js';
import { allowedTarget, decodeTarget } from './redirects.js';

const LOGIN_COOKIE = 'pms_login';
/** The ID token of the session, sent back as `id_token_hint` at sign-out so the provider ends it without asking again. */
const ID_TOKEN_COOKIE = 'pms_idt';
const LOGOUT_PATH = `${PARTNER_BASE}/logout`;
/**
 * Readable by scripts, unlike the token: it only tells the portal that a session cookie exists,
 * so a fresh visit goes straight to sign-in instead of first asking validateToken for a 401.
 */
const SIGNED_IN_COOKIE = 'pms_signed_in';
const LOGIN_TTL_SECONDS = 10 * 60;
const SCOPE = 'openid profile email';

/**
 * What the service remembers between sending the browser to the identity provider and its
 * return: sealed with the data key into a cookie, so any instance can finish a login another
 * started and no server keeps state.
 */
interface LoginState {
  p: 'login';
  state: string;
  verifier: string;
  nonce: string;
  target: string;
  exp: number;
}
interface LogoutState {
  p: 'logout';
  target: string;
  exp: number;
}

const now = () => Math.floor(Date.now() / 1000);

/** Seconds until a JWT's `exp`; 0 when it has none, is expired or cannot be read. */
function secondsLeft(jwt: string): number {
  try {
    const exp = decodeJwt(jwt).exp;
    return typeof exp === 'number' ? Math.max(0, exp - now()) : 0;
  } catch {
    return 0;
  }
}
const random = () => randomBytes(32).toString('base64url');

function seal(dataKey: DataKey, value: LoginState | LogoutState): string {
  return dataKey.encrypt(JSON.stringify(value));
}

function unseal<T extends LoginState | LogoutState>(dataKey: DataKey, purpose: T['p'], text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(dataKey.decrypt(text).toString('utf8')) as T;
    return value.p === purpose && typeof value.exp === 'number' && value.exp >= now() ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Browser redirects are documented (not validated) here; their checks are in the handlers. */
const doc = (summary: string) => ({ tags: ['login'], summary });

/** `ui_locales` as OpenID Connect defines it (space-separated BCP 47 tags); anything else is dropped. */
const uiLocales = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length <= 64 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*( [A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)*$/.test(v)
    ? v
    : undefined;

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface LoginOptions {
  issuer: string;
  /** How to reach the issuer; the embedded provider is called in-process. */
  call?: (app: App) => HttpCall;
}

/**
 * Login as MOSIP's auth adapter (kernel-authcodeflowproxy) does it: `/login/{base64 target}`
 * starts the authorization-code flow, the callback sets the `Authorization` cookie,
 * `/logout/user` clears it and ends the provider's session, `validateToken` says who is in.
 * Unlike MOSIP, the flow uses PKCE and a server-generated state bound to the browser.
 */
export function loginModule(opts: LoginOptions): Module {
  return (app: App, deps: Deps) => {
    const { config, dataKey } = deps;
    const client: IssuerClient = createIssuerClient({
      issuer: opts.issuer,
      clientId: config.auth.clientId,
      clientSecret: config.auth.clientSecret,
      call: opts.call?.(app),
    });
    const pub = { pms: { access: 'public' as const } };
    const loginCallback = `${config.publicUrl}${LOGIN_CALLBACK_PATH}`;
    const cookieBase = { httpOnly: true, secure: config.auth.cookieSecure, sameSite: 'lax' as const };

    const targetOf = (encoded: string | undefined) => {
      const target = allowedTarget(decodeTarget(encoded), config.publicUrl, config.auth.redirectAllowList);
      if (!target) throw PmsError.http(400, 'PMS_LOGIN_001');
      return target;
    };
    const metadata = async () => {
      try {
        return await client.metadata();
      } catch (err) {
        app.log.warn({ reason: (err as Error).message, issuer: opts.issuer }, 'identity provider discovery failed');
        throw PmsError.http(502, 'PMS_LOGIN_003');
      }
    };
    const clearLoginCookie = (reply: FastifyReply) => reply.clearCookie(LOGIN_COOKIE, { ...cookieBase, path: LOGIN_CALLBACK_PATH });

    app.get<{ Params: { '*': string }; Querystring: { ui_locales?: string } }>(
      `${PARTNER_BASE}/login/*`,
      {
        config: pub,
        schema: doc(
          'Start login at the identity provider; the path holds the base64 of the page to return to, ui_locales the language of its pages',
        ),
      },
      async (req, reply) => {
        const target = targetOf(req.params['*']);
        const { authorization_endpoint } = await metadata();
        const login: LoginState = {
          p: 'login',
          state: random(),
          verifier: random(),
          nonce: random(),
          target,
          exp: now() + LOGIN_TTL_SECONDS,
        };
        const url = new URL(authorization_endpoint);
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id: config.auth.clientId,
          redirect_uri: loginCallback,
          scope: SCOPE,
          state: login.state,
          nonce: login.nonce,
          code_challenge: createHash('sha256').update(login.verifier).digest('base64url'),
          code_challenge_method: 'S256',
          ...(uiLocales(req.query.ui_locales) ? { ui_locales: uiLocales(req.query.ui_locales)! } : {}),
        }).toString();
        reply.setCookie(LOGIN_COOKIE, seal(dataKey, login), { ...cookieBase, path: LOGIN_CALLBACK_PATH, maxAge: LOGIN_TTL_SECONDS });
        return reply.header('cache-control', 'no-store').redirect(url.href, 302);
      },
    );

    app.get<{ Querystring: Record<string, string | undefined> }>(
      LOGIN_CALLBACK_PATH,
      { config: pub, schema: doc('Where the identity provider returns after login: sets the Authorization cookie') },
      async (req, reply) => {
        const login = unseal<LoginState>(dataKey, 'login', req.cookies[LOGIN_COOKIE]);
        // Single use: whatever happens next, this login attempt is over.
        clearLoginCookie(reply);
        const q = req.query;
        if (!login || typeof q.state !== 'string' || !sameText(q.state, login.state)) throw PmsError.http(400, 'PMS_LOGIN_004');
        const meta = await metadata();
        // RFC 9207: a provider that names itself in the response must be the one we asked.
        if (q.iss !== undefined && q.iss !== meta.issuer) throw PmsError.http(400, 'PMS_LOGIN_002');
        if (q.error !== undefined || typeof q.code !== 'string' || q.code === '') {
          req.log.info({ error: q.error }, 'login refused by the identity provider');
          throw PmsError.http(400, 'PMS_LOGIN_002');
        }
        let principal: Principal;
        let expiresIn: number | undefined;
        let idToken: string | undefined;
        try {
          const tokens = await client.exchangeCode(q.code, login.verifier, loginCallback);
          principal = await deps.verifier.verify(tokens.access_token);
          expiresIn = tokens.expires_in;
          idToken = tokens.id_token;
        } catch (err) {
          req.log.warn({ reason: (err as Error).message }, 'login: code exchange or token check failed');
          throw PmsError.http(err instanceof IssuerError ? 502 : 400, err instanceof IssuerError ? 'PMS_LOGIN_003' : 'PMS_LOGIN_002');
        }
        reply.setCookie('Authorization', principal.token, { ...cookieBase, path: '/', maxAge: expiresIn ?? 1800 });
        reply.setCookie(SIGNED_IN_COOKIE, '1', { ...cookieBase, httpOnly: false, path: '/', maxAge: expiresIn ?? 1800 });
        const idTokenAge = idToken ? secondsLeft(idToken) : 0;
        // Only the logout route reads it; it lives as long as the provider honours it as a hint.
        if (idToken && idTokenAge > 0) reply.setCookie(ID_TOKEN_COOKIE, idToken, { ...cookieBase, path: LOGOUT_PATH, maxAge: idTokenAge });
        req.log.info({ user: principal.userId }, 'login completed');
        return reply.header('cache-control', 'no-store').redirect(login.target, 302);
      },
    );

    app.get<{ Querystring: { redirecturi?: string; ui_locales?: string } }>(
      `${PARTNER_BASE}/logout/user`,
      { config: pub, schema: doc('Clear the Authorization cookie and end the identity provider session; redirecturi is base64') },
      async (req, reply) => {
        const target = targetOf(req.query.redirecturi);
        reply.clearCookie('Authorization', { ...cookieBase, path: '/' });
        reply.clearCookie(SIGNED_IN_COOKIE, { ...cookieBase, httpOnly: false, path: '/' });
        const idToken = req.cookies[ID_TOKEN_COOKIE];
        reply.clearCookie(ID_TOKEN_COOKIE, { ...cookieBase, path: LOGOUT_PATH });
        let endSession: string | undefined;
        try {
          endSession = (await client.metadata()).end_session_endpoint;
        } catch (err) {
          // Signed out here already; an unreachable provider should not trap the user.
          req.log.warn({ reason: (err as Error).message }, 'logout: identity provider unreachable, session there left as is');
        }
        if (!endSession) return reply.redirect(target, 302);
        const url = new URL(endSession);
        url.searchParams.set('client_id', config.auth.clientId);
        // With the hint the provider knows whose session ends and does not ask to confirm (Keycloak, and ours).
        if (idToken && secondsLeft(idToken) > 0) url.searchParams.set('id_token_hint', idToken);
        url.searchParams.set('post_logout_redirect_uri', `${config.publicUrl}${LOGOUT_CALLBACK_PATH}`);
        const locales = uiLocales(req.query.ui_locales);
        if (locales) url.searchParams.set('ui_locales', locales);
        url.searchParams.set('state', seal(dataKey, { p: 'logout', target, exp: now() + LOGIN_TTL_SECONDS }));
        return reply.header('cache-control', 'no-store').redirect(url.href, 302);
      },
    );

    app.get<{ Querystring: { state?: string } }>(
      LOGOUT_CALLBACK_PATH,
      { config: pub, schema: doc('Where the identity provider returns after logout') },
      async (req, reply) => {
        const logout = unseal<LogoutState>(dataKey, 'logout', req.query.state);
        if (!logout) throw PmsError.http(400, 'PMS_LOGIN_004');
        // Checked again: the allow-list may have changed since the logout began.
        const target = allowedTarget(logout.target, config.publicUrl, config.auth.redirectAllowList);
        if (!target) throw PmsError.http(400, 'PMS_LOGIN_001');
        return reply.redirect(target, 302);
      },
    );

    app.get(
      `${PARTNER_BASE}/authorize/admin/validateToken`,
      { config: { pms: { access: 'authenticated' } }, schema: doc("The caller's identity and roles, as MOSIP's kernel auth answers it") },
      async (req, reply) => {
        const principal = req.principal!;
        const claims = decodeJwt(principal.token);
        // The answer may carry the token: no cache may keep it.
        reply.header('cache-control', 'no-store');
        return v1({
          userId: principal.userId,
          mobile: typeof claims.mobile === 'string' ? claims.mobile : null,
          mail: principal.email ?? null,
          langCode: null,
          userPassword: null,
          name: claims.sub ?? null,
          // MOSIP's auth adapter appends a comma after every role ("A,B,"); the portal splits on it.
          role: principal.roles.map((r) => `${r},`).join(''),
          // Jackson's name for Lombok's `getRId()` of MOSIP's MosipUserDto.
          rid: null,
          // MOSIP's portal decodes this token to build its whole profile (see the README, "Using
          // MOSIP's portal"): the caller's own token, which it already presents. A deployment
          // with only this service's portal answers null and no script ever sees the token.
          token: config.auth.echoToken ? principal.token : null,
        });
      },
    );
  };
}
