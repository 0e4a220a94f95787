import { mispDeactivationHook } from '../misp/index.js';
import type { Module } from '../platform/http/app.js';
import { createAdminService } from './admin.js';
import { partnerRoutes } from './routes.js';
import { createPartnerService } from './service.js';
import type { PartnerSettings } from './settings.js';

/** Partner registration, profiles, contacts, activation, admin views and legacy search. */
export function partnersModule(settings: PartnerSettings): Module {
  return (app, deps) => {
    partnerRoutes(
      app,
      createPartnerService({ store: deps.store, settings }),
      createAdminService({ store: deps.store, onMispDeactivated: mispDeactivationHook(deps.dataKey) }),
    );
  };
}
