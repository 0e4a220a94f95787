import type { Module } from '../platform/http/app.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { createAdminService, type MispDeactivationHook } from './admin.js';
import { partnerRoutes } from './routes.js';
import { createPartnerService } from './service.js';
import type { PartnerSettings } from './settings.js';

/** What deactivating a MISP partner also does (the misp domain's licenses), given at wiring time. */
export interface PartnerHooks {
  mispDeactivation?: (dataKey: DataKey) => MispDeactivationHook;
}

/** Partner registration, profiles, contacts, activation, admin views and legacy search. */
export function partnersModule(settings: PartnerSettings, hooks: PartnerHooks = {}): Module {
  return (app, deps) => {
    const onMispDeactivated = hooks.mispDeactivation?.(deps.dataKey);
    partnerRoutes(app, createPartnerService({ store: deps.store, settings }), createAdminService({ store: deps.store, onMispDeactivated }));
  };
}

// What other domains may use of this one (the lint rule in eslint.config.js allows nothing else).
export { PARTNER_MANAGER_PUBLISHER } from './admin.js';
export { findPartner, findPartnerType, lockPartner, partnersOfUser, requireOwnPartner, type PartnerRow } from './repository.js';
