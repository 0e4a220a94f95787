import { apiKeysModule } from '../../src/api-keys/index.js';
import { apiKeySettings } from '../../src/api-keys/settings.js';
import { expiryModule } from '../../src/expiry/index.js';
import { mispDeactivationHook, mispModule } from '../../src/misp/index.js';
import { mispSettings } from '../../src/misp/settings.js';
import { partnersModule } from '../../src/partners/index.js';
import { partnerSettings } from '../../src/partners/settings.js';
import { policiesModule } from '../../src/policies/index.js';
import { policyRequestsModule } from '../../src/policy-requests/index.js';
import { policyRequestSettings } from '../../src/policy-requests/settings.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';

/** The modules issue 5 builds on, with settings from defaults (not the environment). */
export const issue5Modules = (env: Record<string, string> = {}) => [
  trustModule(trustSettings({})),
  policiesModule,
  partnersModule(partnerSettings({}), { mispDeactivation: mispDeactivationHook }),
  policyRequestsModule(policyRequestSettings(env)),
  apiKeysModule(apiKeySettings(env)),
  mispModule(mispSettings(env)),
  expiryModule,
];
