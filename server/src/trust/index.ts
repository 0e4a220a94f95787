import type { Module } from '../platform/http/app.js';
import { trustRoutes } from './routes.js';
import { createTrustService } from './service.js';
import type { TrustSettings } from './settings.js';
import { SigningKeys } from './signing-keys.js';

/**
 * The trust store (CA roots and intermediates per domain), partner certificates and this
 * service's signing keys. `settings` defaults to the environment (trust/settings.ts).
 */
export function trustModule(settings: TrustSettings): Module {
  return async (app, deps) => {
    const keys = new SigningKeys(deps.store, deps.dataKey);
    const service = createTrustService({ store: deps.store, keys, settings, publicUrl: deps.config.publicUrl });
    // The ROOT key exists from the first start, so the first upload does not pay for it.
    app.addHook('onReady', async () => {
      await keys.root();
    });
    trustRoutes(app, service);
  };
}
