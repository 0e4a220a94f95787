import type { Module } from '../platform/http/app.js';
import { createExtractorService } from './extractors.js';
import { seedMosipDefaults } from './mosip-defaults.js';
import { policyRequestRoutes } from './routes.js';
import { createPolicyRequestService } from './service.js';
import type { PolicyRequestSettings } from './settings.js';

/** Policy requests (mapping requests), their decisions, biometric extractors and credential-type mappings. */
export function policyRequestsModule(settings: PolicyRequestSettings): Module {
  return (app, deps) => {
    const requests = createPolicyRequestService({ store: deps.store, settings });
    const extractors = createExtractorService({ store: deps.store, settings });
    if (settings.seedMosipDefaults) {
      app.addHook('onReady', async () => {
        await seedMosipDefaults(deps.store, deps.dataKey);
      });
    }
    policyRequestRoutes(app, requests, extractors);
  };
}

// What other domains may use of this one (the lint rule in eslint.config.js allows nothing else).
export { hasApprovedRequest, isApproved, partnerData, policyInGroupById, policyInGroupByName, requestsOf } from './repository.js';
export { RETRIEVE } from './routes.js';
