import { apiKeySettings, type ApiKeySettings } from './api-keys/settings.js';
import { deviceSettings, type DeviceSettings } from './devices/common.js';
import { expirySettings, type ExpirySettings } from './expiry/settings.js';
import { mispSettings, type MispSettings } from './misp/settings.js';
import { oidcSettings, type OidcSettings } from './oidc-clients/settings.js';
import { partnerSettings, type PartnerSettings } from './partners/settings.js';
import { loadConfig, type Config, type Env, boolSetting } from './platform/config.js';
import { policyRequestSettings, type PolicyRequestSettings } from './policy-requests/settings.js';
import { trustSettings, type TrustSettings } from './trust/settings.js';
import { userAccountSettings } from './users/settings.js';

/**
 * Every setting of the service: the platform's (platform/config.ts) and each area's, read from
 * one environment in one go, so a wrong value anywhere stops the start before anything opens.
 * The README's configuration table lists them all.
 */
export interface Settings {
  env: Env;
  config: Config;
  trust: TrustSettings;
  partners: PartnerSettings;
  policyRequests: PolicyRequestSettings;
  apiKeys: ApiKeySettings;
  misp: MispSettings;
  expiry: ExpirySettings;
  devices: DeviceSettings;
  oidc: OidcSettings;
  /** `npm run bench` only: serve the bare insert route throughput is compared with. */
  benchCeiling: boolean;
}

export function loadSettings(env: Env = process.env): Settings {
  const config = loadConfig(env);
  userAccountSettings(config.auth.issuer, env); // checked now; POST /users reads it when it registers
  return {
    env,
    config,
    trust: trustSettings(env),
    partners: partnerSettings(env),
    policyRequests: policyRequestSettings(env),
    apiKeys: apiKeySettings(env),
    misp: mispSettings(env),
    expiry: expirySettings(env),
    devices: deviceSettings(env),
    oidc: oidcSettings(env, config.esignet),
    benchCeiling: boolSetting(env, 'PMS_BENCH_CEILING'),
  };
}
