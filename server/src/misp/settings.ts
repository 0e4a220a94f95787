import { readInt, readStr, type Env } from '../platform/config.js';

/** MISP license settings. */
export interface MispSettings {
  /** `mosip.pms.misp.partner.type`. */
  mispPartnerType: string;
  /** `mosip.pmp.misp.license.expiry.period.indays`: MOSIP ships 999999 (dev 90); ours defaults to a year. */
  validityDays: number;
}

export function mispSettings(env: Env = process.env): MispSettings {
  return {
    mispPartnerType: readStr(env, 'PMS_MISP_PARTNER_TYPE') ?? 'MISP_Partner',
    validityDays: readInt(env, 'PMS_MISP_LICENSE_VALIDITY_DAYS', 365, 1, 999999),
  };
}
