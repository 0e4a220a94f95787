import { type Env, intSetting, textSetting } from '../platform/config.js';

/** MISP license settings. */
export interface MispSettings {
  /** `mosip.pms.misp.partner.type`. */
  mispPartnerType: string;
  /** `mosip.pmp.misp.license.expiry.period.indays`: MOSIP ships 999999 (dev 90); ours defaults to a year. */
  validityDays: number;
}

export function mispSettings(env: Env = process.env): MispSettings {
  return {
    mispPartnerType: textSetting(env, 'PMS_MISP_PARTNER_TYPE'),
    validityDays: intSetting(env, 'PMS_MISP_LICENSE_VALIDITY_DAYS'),
  };
}
