import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import type { Module } from '../platform/http/app.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { lazyService } from '../platform/lazy.js';
import { trustRoutes } from './routes.js';
import type { TrustService } from './service.js';
import type { TrustSettings } from './settings.js';

/**
 * The trust service with its signing keys, loaded on first use: the x509 and ASN.1 libraries
 * behind it are a large share of start-up and memory, and most requests never touch them.
 */
export function lazyTrustService(deps: { store: Store; dataKey: DataKey; settings: TrustSettings; publicUrl: string }) {
  return lazyService<TrustService>(async () => {
    const [{ createTrustService }, { SigningKeys }] = await Promise.all([import('./service.js'), import('./signing-keys.js')]);
    const keys = new SigningKeys(deps.store, deps.dataKey);
    const service = createTrustService({ ...deps, keys });
    // The ROOT key exists from the first start, so the first upload does not pay for it.
    await keys.root();
    return service;
  });
}

/**
 * The trust store (CA roots and intermediates per domain), partner certificates and this
 * service's signing keys. `settings` defaults to the environment (trust/settings.ts).
 */
export function trustModule(settings: TrustSettings): Module {
  return async (app, deps) => {
    const service = lazyTrustService({ store: deps.store, dataKey: deps.dataKey, settings, publicUrl: deps.config.publicUrl });
    // On a new database the ROOT key is made right after start, in the background, so the first
    // upload does not wait for an RSA key generation; on an existing one nothing loads until needed.
    app.addHook('onListen', async () => {
      const root = await deps.store.one(sql`select 1 as one from signing_key where application_id = 'ROOT' and is_active`);
      if (!root)
        void service
          .loaded()
          .catch((err: unknown) => app.log.warn({ err: (err as Error).message }, 'trust store: ROOT key not made at start'));
    });
    trustRoutes(app, service);
  };
}

// What other domains may use of this one (the lint rule in eslint.config.js allows nothing else).
export { findPartnerCert } from './repository.js';
export { MAX_CERT_CHARS } from './routes.js';
export { originalAndResigned } from './views.js';
export type { CertifiedKey } from './certification.js';
export type { TrustService } from './service.js';
export type { TrustSettings } from './settings.js';
