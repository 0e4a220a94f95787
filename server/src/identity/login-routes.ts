import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { decodeJwt } from 'jose';
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

    app.get<{ Params: { '*': string } }>(`${PARTNER_BASE}/login/*`, { config: pub, schema: doc('Start login at the identity provider; the path holds the base64 of the page to return to') }, async (req, reply) => {
      const target = targetOf(req.params['*']);
      const { authorization_endpoint } = await metadata();
      const login: LoginState = { p: 'login', state: random(), verifier: random(), nonce: random(), target, exp: now() + LOGIN_TTL_SECONDS };
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
      }).toString();
      reply.setCookie(LOGIN_COOKIE, seal(dataKey, login), { ...cookieBase, path: LOGIN_CALLBACK_PATH, maxAge: LOGIN_TTL_SECONDS });
      return reply.header('cache-control', 'no-store').redirect(url.href, 302);
    });

    app.get<{ Querystring: Record<string, string | undefined> }>(LOGIN_CALLBACK_PATH, { config: pub, schema: doc('Where the identity provider returns after login: sets the Authorization cookie') }, async (req, reply) => {
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
      try {
        const tokens = await client.exchangeCode(q.code, login.verifier, loginCallback);
        principal = await deps.verifier.verify(tokens.access_token);
        expiresIn = tokens.expires_in;
      } catch (err) {
        req.log.warn({ reason: (err as Error).message }, 'login: code exchange or token check failed');
        throw PmsError.http(err instanceof IssuerError ? 502 : 400, err instanceof IssuerError ? 'PMS_LOGIN_003' : 'PMS_LOGIN_002');
      }
      reply.setCookie('Authorization', principal.token, { ...cookieBase, path: '/', maxAge: expiresIn ?? 1800 });
      req.log.info({ user: principal.userId }, 'login completed');
      return reply.header('cache-control', 'no-store').redirect(login.target, 302);
    });

    app.get<{ Querystring: { redirecturi?: string } }>(`${PARTNER_BASE}/logout/user`, { config: pub, schema: doc('Clear the Authorization cookie and end the identity provider session; redirecturi is base64') }, async (req, reply) => {
      const target = targetOf(req.query.redirecturi);
      reply.clearCookie('Authorization', { ...cookieBase, path: '/' });
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
      url.searchParams.set('post_logout_redirect_uri', `${config.publicUrl}${LOGOUT_CALLBACK_PATH}`);
      url.searchParams.set('state', seal(dataKey, { p: 'logout', target, exp: now() + LOGIN_TTL_SECONDS }));
      return reply.header('cache-control', 'no-store').redirect(url.href, 302);
    });

    app.get<{ Querystring: { state?: string } }>(LOGOUT_CALLBACK_PATH, { config: pub, schema: doc('Where the identity provider returns after logout') }, async (req, reply) => {
      const logout = unseal<LogoutState>(dataKey, 'logout', req.query.state);
      if (!logout) throw PmsError.http(400, 'PMS_LOGIN_004');
      // Checked again: the allow-list may have changed since the logout began.
      const target = allowedTarget(logout.target, config.publicUrl, config.auth.redirectAllowList);
      if (!target) throw PmsError.http(400, 'PMS_LOGIN_001');
      return reply.redirect(target, 302);
    });

    app.get(`${PARTNER_BASE}/authorize/admin/validateToken`, { config: { pms: { access: 'authenticated' } }, schema: doc("The caller's identity and roles, as MOSIP's kernel auth answers it") }, async (req, reply) => {
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
    });
  };
}
