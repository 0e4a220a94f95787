import { type Env, intSetting } from '../platform/config.js';

/** API-key settings. */
export interface ApiKeySettings {
  /**
   * Validity of a generated key (`mosip.pmp.partner.policy.expiry.period.indays`). MOSIP ships
   * 999999 days (dev profile 180), which makes expiry meaningless; ours defaults to a year.
   */
  validityDays: number;
}

export function apiKeySettings(env: Env = process.env): ApiKeySettings {
  return { validityDays: intSetting(env, 'PMS_API_KEY_VALIDITY_DAYS') };
}
