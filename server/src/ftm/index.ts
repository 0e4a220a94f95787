import type { Module } from '../platform/http/app.js';
import { lazyTrustService } from '../trust/index.js';
import type { TrustSettings } from '../trust/index.js';
import { ftmRoutes } from './routes.js';
import { createFtmService } from './service.js';

/**
 * FTM chip providers: chips and their certificates. Certificate checks and re-signing are the
 * trust store's (trust/certification.ts `certify`); keys are shared through the store, so this
 * module's trust service signs with the same domain key as the trust module's.
 */
export function ftmModule(settings: TrustSettings): Module {
  return (app, deps) => {
    const trust = lazyTrustService({ store: deps.store, dataKey: deps.dataKey, settings, publicUrl: deps.config.publicUrl });
    ftmRoutes(app, createFtmService({ store: deps.store, trust, publicUrl: deps.config.publicUrl }));
  };
}
