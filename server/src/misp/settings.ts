import { wholeNumber } from '../policy-requests/settings.js';

/** MISP license settings. */
export interface MispSettings {
  /** `mosip.pms.misp.partner.type`. */
  mispPartnerType: string;
  /** `mosip.pmp.misp.license.expiry.period.indays`: MOSIP ships 999999 (dev 90); ours defaults to a year. */
  validityDays: number;
}

export function mispSettings(env: Record<string, string | undefined> = process.env): MispSettings {
  return {
    mispPartnerType: env.PMS_MISP_PARTNER_TYPE?.trim() || 'MISP_Partner',
    validityDays: wholeNumber(env, 'PMS_MISP_LICENSE_VALIDITY_DAYS', 365, 1, 999999),
  };
}
