import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, type JWTVerifyGetKey } from '../platform/vendor/jose.js';
import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import type { ClientMetadata, Configuration, errors as OidcErrors, KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../platform/config.js';
import type { Store } from '../platform/db/store.js';
import { PARTNER_BASE, type App, type Module } from '../platform/http/app.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { authenticate, findAccountBySub, keycloakClaims, seedAccounts } from './accounts.js';
import { registerIssuer } from './instances.js';
import { createLoginGuard, type LoginGuard } from './login-guard.js';
import { loadSharedSigningKeys, loadSigningKeys, publicJwks, type SigningKeys } from './keys.js';
import { lockedOutText, loginPage, logoutPage, messagePage, PAGE_HEADERS, pickLanguage, textOf, type PageLanguage } from './pages.js';
import { LOGIN_CALLBACK_PATH, LOGOUT_CALLBACK_PATH } from './paths.js';
import { storeAdapter } from './store-adapter.js';

/** Where the embedded provider lives; its issuer is the public URL plus this path. */
export const IDP_MOUNT = `${PARTNER_BASE}/idp`;

/** The resource the portal's access tokens are for (RFC 8707); tokens carry `audience` as `aud`. */
const RESOURCE = 'urn:mosip:pms';
const SCOPE = 'openid profile email';
const ACCESS_TOKEN_TTL = 30 * 60;

export interface EmbeddedIdp {
  issuer: string;
  audience: string;
  keys: SigningKeys;
  /** The provider's public keys, for the token verifier: no HTTP call to ourselves. */
  verifierKeys: JWTVerifyGetKey;
  module: Module;
  /** Withdraws this instance's issuer record (on shutdown). */
  stop(): Promise<void>;
}

export const embeddedIssuer = (config: Config): string => `${config.publicUrl}${IDP_MOUNT}`;
export const embeddedAudience = (config: Config): string => config.auth.audience ?? 'pms';

/** The language of a page oidc-provider renders itself: the request's `ui_locales`, else the browser's. */
const langOfCtx = (ctx: KoaContextWithOIDC): PageLanguage =>
  pickLanguage(undefined, ctx.oidc?.params?.ui_locales, ctx.get('accept-language'));

async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) {
  ctx.type = 'html';
  ctx.set(PAGE_HEADERS);
  ctx.body = messagePage(langOfCtx(ctx), 'problemTitle', out.error_description ?? out.error);
}

function configuration(
  config: Config,
  store: Store,
  keys: SigningKeys,
  cookieKey: string,
  extraClients: ClientMetadata[],
  errors: typeof OidcErrors,
): Configuration {
  const audience = embeddedAudience(config);
  const secret = config.auth.clientSecret;
  return {
    adapter: storeAdapter(store),
    clients: [
      {
        client_id: config.auth.clientId,
        ...(secret ? { client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
        client_name: 'Partner Management Portal',
        redirect_uris: [`${config.publicUrl}${LOGIN_CALLBACK_PATH}`],
        post_logout_redirect_uris: [`${config.publicUrl}${LOGOUT_CALLBACK_PATH}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      ...extraClients,
    ],
    jwks: { keys: keys.keys as never },
    cookies: { keys: [cookieKey] },
    // Authorization code with PKCE only: no implicit or hybrid flows that put tokens in URLs.
    responseTypes: ['code'],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'given_name', 'family_name', 'locale'],
      email: ['email', 'email_verified'],
    },
    async findAccount(_ctx, sub) {
      const account = await findAccountBySub(store, sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({ sub: account.sub, ...keycloakClaims(account), email_verified: true }),
      };
    },
    // Keycloak puts the user's name, e-mail and realm roles into the access token itself;
    // MOSIP services read them from there, so ours do the same.
    async extraTokenClaims(_ctx, token) {
      if (!('accountId' in token) || !token.accountId) return undefined;
      const account = await findAccountBySub(store, token.accountId);
      return account ? keycloakClaims(account) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: SCOPE,
            audience,
            accessTokenTTL: ACCESS_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.set(PAGE_HEADERS);
          // oidc-provider has verified a hint before it gets here; an invalid one is an error page.
          ctx.body = logoutPage(langOfCtx(ctx), form, typeof ctx.oidc.params?.id_token_hint === 'string');
        },
        postLogoutSuccessSource(ctx) {
          ctx.set(PAGE_HEADERS);
          const lang = langOfCtx(ctx);
          ctx.body = messagePage(lang, 'signedOutTitle', textOf(lang).signedOut);
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${IDP_MOUNT}/interaction/${interaction.uid}` },
    renderError,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
  };
}

/**
 * oidc-provider builds its URLs from the request; behind a proxy or TLS terminator that is not
 * the public address. Present every request as addressed to the public URL, and give the
 * provider the path below its mount point (what express or middie would do).
 */
function asProviderRequest(raw: IncomingMessage, publicUrl: URL): void {
  const original = raw.url ?? '/';
  (raw as IncomingMessage & { originalUrl?: string }).originalUrl = original;
  raw.url = original.slice(IDP_MOUNT.length) || '/';
  raw.headers.host = publicUrl.host;
  raw.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
  delete raw.headers['x-forwarded-host'];
}

function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).headers(PAGE_HEADERS).send(html);
}

/** The login and consent steps oidc-provider hands over to us ("interactions"). */
function interactionRoutes(app: App, providerOf: () => Promise<Provider>, store: Store, guard: LoginGuard) {
  const pub = { pms: { access: 'public' as const } };
  const detailsOf = async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return await (await providerOf()).interactionDetails(req.raw, reply.raw);
    } catch {
      return undefined;
    }
  };
  const langOf = (req: FastifyRequest, picked: unknown, details?: { params: Record<string, unknown> }) =>
    pickLanguage(picked, details?.params.ui_locales, req.headers['accept-language']);
  const expired = (req: FastifyRequest, reply: FastifyReply) => {
    const lang = langOf(req, (req.query as { lang?: unknown } | undefined)?.lang);
    return sendPage(reply, 400, messagePage(lang, 'expiredTitle', textOf(lang).expired));
  };

  app.get<{ Params: { uid: string }; Querystring: { lang?: string } }>(
    `${IDP_MOUNT}/interaction/:uid`,
    { config: pub, schema: { hide: true } },
    async (req, reply) => {
      const details = await detailsOf(req, reply);
      if (!details || details.uid !== req.params.uid) return expired(req, reply);
      if (details.prompt.name === 'login') {
        const base = `${IDP_MOUNT}/interaction/${details.uid}`;
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        const lang = langOf(req, req.query.lang, details);
        return sendPage(reply, 200, loginPage({ lang, action: `${base}/login`, abort: `${base}/abort`, self: base, username: hint }));
      }
      // Every client here is first-party (the service's own portal, registered in code), so
      // consent is implied, as with Keycloak's "consent required: off": no consent screen.
      const grant = details.grantId
        ? await (await providerOf()).Grant.find(details.grantId)
        : new (await providerOf()).Grant({ accountId: details.session?.accountId, clientId: details.params.client_id as string });
      if (!grant) return expired(req, reply);
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      reply.hijack();
      await (await providerOf()).interactionFinished(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
    },
  );

  app.post<{ Params: { uid: string }; Body: { username?: unknown; password?: unknown; lang?: unknown } }>(
    `${IDP_MOUNT}/interaction/:uid/login`,
    { config: pub, schema: { hide: true } },
    async (req, reply) => {
      const details = await detailsOf(req, reply);
      if (!details || details.uid !== req.params.uid || details.prompt.name !== 'login') return expired(req, reply);
      const body = (req.body ?? {}) as { username?: unknown; password?: unknown; lang?: unknown };
      const username = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 256) : '';
      const base = `${IDP_MOUNT}/interaction/${details.uid}`;
      // Checked before the password, so while locked even the right one is not tried.
      const wait = username ? await guard.lockedFor(username, req.ip) : 0;
      if (wait > 0) {
        req.log.info({ username, address: req.ip, wait }, 'embedded identity provider: sign-in refused, locked out');
        reply.header('retry-after', String(wait));
        const lang = langOf(req, body.lang, details);
        return sendPage(
          reply,
          429,
          loginPage({
            lang,
            action: `${base}/login`,
            abort: `${base}/abort`,
            self: base,
            username,
            error: lockedOutText(lang, Math.ceil(wait / 60)),
          }),
        );
      }
      const account = username && password ? await authenticate(store, username, password) : undefined;
      if (!account) {
        req.log.info({ username }, 'embedded identity provider: sign-in refused');
        if (username) await guard.failed(username, req.ip, req.id);
        const lang = langOf(req, body.lang, details);
        return sendPage(
          reply,
          401,
          loginPage({ lang, action: `${base}/login`, abort: `${base}/abort`, self: base, username, error: textOf(lang).badCredentials }),
        );
      }
      await guard.succeeded(username);
      reply.hijack();
      await (
        await providerOf()
      ).interactionFinished(req.raw, reply.raw, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    },
  );

  app.get<{ Params: { uid: string } }>(
    `${IDP_MOUNT}/interaction/:uid/abort`,
    { config: pub, schema: { hide: true } },
    async (req, reply) => {
      const details = await detailsOf(req, reply);
      if (!details || details.uid !== req.params.uid) return expired(req, reply);
      reply.hijack();
      await (
        await providerOf()
      ).interactionFinished(
        req.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The user cancelled the sign-in' },
        { mergeWithLastSubmission: false },
      );
    },
  );
}

/**
 * The embedded OpenID provider (oidc-provider), used when PMS_AUTH_ISSUER is unset: seeded
 * accounts, a login page, and Keycloak-shaped RS256 access tokens.
 */
export async function createEmbeddedIdp(
  deps: { config: Config; store: Store; dataKey: DataKey },
  /** Other relying parties to register besides the service's own portal client. */
  extraClients: ClientMetadata[] = [],
): Promise<EmbeddedIdp> {
  const { config, store, dataKey } = deps;
  const issuer = embeddedIssuer(config);
  const keys =
    store.engine === 'postgres'
      ? await loadSharedSigningKeys(store, config.dataDir, dataKey)
      : await loadSigningKeys(config.dataDir, dataKey);
  await store.tx((q) => seedAccounts(q));
  // Last of the steps that can refuse the start, so a refused start leaves no record behind.
  const registration = await registerIssuer(store, issuer, { warn: (obj, msg) => console.warn(msg, obj) });
  const cookieKey = dataKey.derive('pms/idp-cookies/v1').toString('base64url');
  // oidc-provider (with Koa) is about a third of the service's start-up and memory, and only a
  // sign-in needs it: it loads on the first request to the provider, not at start.
  let provider: Promise<Provider> | undefined;
  const providerOf = () =>
    (provider ??= import('oidc-provider').then(
      ({ default: OidcProvider, errors }) => {
        const p = new OidcProvider(issuer, configuration(config, store, keys, cookieKey, extraClients, errors));
        p.proxy = true;
        return p;
      },
      (err: unknown) => {
        provider = undefined;
        throw err;
      },
    ));
  let handle: ReturnType<Provider['callback']> | undefined;
  const publicUrl = new URL(config.publicUrl);

  const module: Module = async (app) => {
    await app.register(formbody);
    interactionRoutes(app, providerOf, store, createLoginGuard(store, config.loginGuard));
    // Everything else under the mount point is oidc-provider's own (discovery, auth, token,
    // jwks, end session …). It reads the raw request itself, so it takes over before Fastify
    // parses a body.
    app.route({
      method: ['GET', 'POST', 'OPTIONS', 'DELETE', 'PUT', 'HEAD'],
      url: `${IDP_MOUNT}/*`,
      config: { pms: { access: 'public' } },
      schema: { hide: true },
      onRequest: async (req, reply) => {
        handle ??= (await providerOf()).callback();
        asProviderRequest(req.raw, publicUrl);
        reply.hijack();
        handle(req.raw, reply.raw);
        return reply;
      },
      handler: async () => undefined,
    });
  };

  return {
    issuer,
    audience: embeddedAudience(config),
    keys,
    verifierKeys: createLocalJWKSet(publicJwks(keys)),
    module,
    stop: () => registration.stop(),
  };
}
