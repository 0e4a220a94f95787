import { type Env, intSetting, boolSetting, listSetting } from '../platform/config.js';

/**
 * Trust-store settings (keymanager's `mosip.kernel.partner.*` properties). Read from the
 * environment with MOSIP's defaults; a wrong value stops the start naming the variable.
 */
export interface TrustSettings {
  /** `mosip.kernel.partner.allowed.domains`. */
  domains: string[];
  /** Partner certificates need this many days of validity left (365 − 30 grace in keymanager). */
  partnerCertMinValidityDays: number;
  /** CA certificates need this many months left (`…cacertificate.upload.minimumvalidity.month`). */
  caCertMinValidityMonths: number;
  /** Lifetime of the certificate this service issues over a partner's key. */
  signedCertValidityDays: number;
  /** `mosip.kernel.partner.resign.ftm.domain.certs`: FTM uploads return the original chain unless true. */
  resignFtmCerts: boolean;
}

export function trustSettings(env: Env = process.env): TrustSettings {
  const domains = listSetting(env, 'PMS_PARTNER_DOMAINS').map((d) => d.toUpperCase());
  return {
    domains,
    partnerCertMinValidityDays: intSetting(env, 'PMS_PARTNER_CERT_MIN_VALIDITY_DAYS'),
    caCertMinValidityMonths: intSetting(env, 'PMS_CA_CERT_MIN_VALIDITY_MONTHS'),
    signedCertValidityDays: intSetting(env, 'PMS_SIGNED_CERT_VALIDITY_DAYS'),
    resignFtmCerts: boolSetting(env, 'PMS_RESIGN_FTM_CERTS'),
  };
}
