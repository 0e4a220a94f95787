import type { Module } from './platform/http/app.js';
import { apiKeysModule } from './api-keys/index.js';
import { benchCeilingModule } from './operations/bench-ceiling.js';
import { devicesModule } from './devices/index.js';
import { expiryModule } from './expiry/index.js';
import { ftmModule } from './ftm/index.js';
import { mispDeactivationHook, mispModule } from './misp/index.js';
import { oidcClientsModule } from './oidc-clients/index.js';
import { operationsModule } from './operations/routes.js';
import { partnersModule } from './partners/index.js';
import { policiesModule } from './policies/index.js';
import { policyRequestsModule } from './policy-requests/index.js';
import { portalHostModule } from './portal-host/index.js';
import type { Settings } from './settings.js';
import { trustModule } from './trust/index.js';
import { usersModule } from './users/index.js';

/** Every domain the service serves, in registration order, each with its own settings. */
export function modules(s: Settings): Module[] {
  return [
    operationsModule,
    trustModule(s.trust),
    policiesModule,
    partnersModule(s.partners, { mispDeactivation: mispDeactivationHook }),
    policyRequestsModule(s.policyRequests),
    apiKeysModule(s.apiKeys),
    mispModule(s.misp),
    devicesModule(s.devices),
    ftmModule(s.trust),
    expiryModule,
    oidcClientsModule({ settings: s.oidc }),
    usersModule(s.env),
    portalHostModule(),
    ...(s.benchCeiling ? [benchCeilingModule] : []),
  ];
}
