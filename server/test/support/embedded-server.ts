import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roleTable } from '../../src/platform/auth/roles.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import type { Store } from '../../src/platform/db/store.js';
import { buildApp, type App, type Module } from '../../src/platform/http/app.js';
import { loadDataKey, type DataKey } from '../../src/platform/keys/data-key.js';
import { setupIdentity, type Identity } from '../../src/identity/index.js';
import { freshStore } from './engine.js';
import { UNLIMITED } from './test-server.js';

export interface EmbeddedTestServer {
  url: string;
  app: App;
  store: Store;
  config: Config;
  dataKey: DataKey;
  identity: Identity;
  dataDir: string;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

/** A free loopback port: the issuer URL must be known before the server is built. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/**
 * The real server as `npm start` builds it: no PMS_AUTH_ISSUER (so the embedded identity
 * provider) unless `env` sets one, a data folder of its own (or a given one), a fresh store.
 */
export async function startEmbeddedServer(
  opts: { env?: Record<string, string>; dataDir?: string; modules?: Module[]; store?: Store; port?: number } = {},
): Promise<EmbeddedTestServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'pms-idp-'));
  const fresh = opts.store ? { store: opts.store, drop: async () => undefined } : await freshStore();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PORT: String(port),
    HOST: '127.0.0.1',
    PMS_DATA_DIR: dataDir,
    PMS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...UNLIMITED,
    ...opts.env,
  });
  const { key: dataKey } = loadDataKey(config.dataKey, config.dataDir);
  const identity = await setupIdentity({ config, store: fresh.store, dataKey });
  const app = await buildApp({
    deps: { config, store: fresh.store, verifier: identity.verifier, roles: roleTable(config.roleOverrides), dataKey },
    modules: [...identity.modules, ...(opts.modules ?? [])],
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: config.publicUrl,
    app,
    store: fresh.store,
    config,
    dataKey,
    identity,
    dataDir,
    async close(o = {}) {
      await app.close();
      await identity.embedded?.stop();
      await fresh.drop();
      if (!o.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ExternalIdp {
  issuer: string;
  url: string;
  close(): Promise<void>;
}

/**
 * Stands in for a deployment's Keycloak: a second embedded provider on its own loopback port
 * and store, with the service at `rpUrl` registered as a confidential client. The service
 * under test only knows its issuer URL and finds everything else by discovery.
 */
export async function startExternalIdp(rp: { rpUrl: string; clientId: string; clientSecret: string }): Promise<ExternalIdp> {
  const { createEmbeddedIdp } = await import('../../src/identity/provider.js');
  const { createVerifier } = await import('../../src/platform/auth/verifier.js');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pms-ext-idp-'));
  const fresh = await freshStore();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PORT: String(port),
    HOST: '127.0.0.1',
    PMS_DATA_DIR: dataDir,
    PMS_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const { key: dataKey } = loadDataKey(undefined, dataDir);
  const idp = await createEmbeddedIdp({ config, store: fresh.store, dataKey }, [
    {
      client_id: rp.clientId,
      client_secret: rp.clientSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [`${rp.rpUrl}/v1/partnermanager/login-redirect`],
      post_logout_redirect_uris: [`${rp.rpUrl}/v1/partnermanager/logout/done`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ]);
  const app = await buildApp({
    deps: {
      config,
      store: fresh.store,
      verifier: createVerifier({ issuer: idp.issuer, keys: idp.verifierKeys }),
      roles: roleTable({}),
      dataKey,
    },
    modules: [idp.module],
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    issuer: idp.issuer,
    url: config.publicUrl,
    async close() {
      await app.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
