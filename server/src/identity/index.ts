import { createVerifier, type TokenVerifier } from '../platform/auth/verifier.js';
import type { Config } from '../platform/config.js';
import type { Store } from '../platform/db/store.js';
import type { App, Module } from '../platform/http/app.js';
import type { DataKey } from '../platform/keys/data-key.js';
import type { HttpCall } from './issuer-client.js';
import { loginModule } from './login-routes.js';
import type { EmbeddedIdp } from './provider.js';

export interface Identity {
  /** Which provider issues the tokens this service trusts. */
  mode: 'embedded' | 'external';
  issuer: string;
  verifier: TokenVerifier;
  /** Register these with the app: the login endpoints, and the embedded provider when on. */
  modules: Module[];
  embedded?: EmbeddedIdp;
}

/** Reaches the embedded provider through Fastify's in-process injection: no network hop. */
const injectCall =
  (app: App): HttpCall =>
  async (url, init) => {
    const u = new URL(url);
    const res = await app.inject({ method: init.method, url: u.pathname + u.search, headers: init.headers, payload: init.body });
    return { status: res.statusCode, json: async () => res.json() as unknown };
  };

/**
 * PMS_AUTH_ISSUER set: trust that provider (Keycloak or any OpenID provider) through its JWKS.
 * Unset: run the embedded provider and trust its keys directly.
 */
export async function setupIdentity(deps: { config: Config; store: Store; dataKey: DataKey }): Promise<Identity> {
  const { config } = deps;
  if (config.auth.issuer) {
    const issuer = config.auth.issuer;
    return {
      mode: 'external',
      issuer,
      verifier: createVerifier({ issuer, jwksUrl: config.auth.jwksUrl, audience: config.auth.audience }),
      modules: [loginModule({ issuer })],
    };
  }
  // Loaded only here: with an external issuer (Keycloak) the embedded provider and its
  // dependencies (oidc-provider, Koa) are never imported.
  const { createEmbeddedIdp } = await import('./provider.js');
  const embedded = await createEmbeddedIdp(deps);
  return {
    mode: 'embedded',
    issuer: embedded.issuer,
    verifier: createVerifier({ issuer: embedded.issuer, keys: embedded.verifierKeys, audience: config.auth.audience }),
    modules: [embedded.module, loginModule({ issuer: embedded.issuer, call: injectCall })],
    embedded,
  };
}
