import { ConfigError } from '../platform/config.js';

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

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

export function trustSettings(env: Env = process.env): TrustSettings {
  const domains = (env.PMS_PARTNER_DOMAINS?.trim() || 'AUTH,DEVICE,FTM,MISP')
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);
  for (const d of domains) {
    if (!/^[A-Z0-9_]{1,36}$/.test(d)) throw new ConfigError(`PMS_PARTNER_DOMAINS must list domain names (A-Z, 0-9, _), got "${d}"`);
  }
  const resign = env.PMS_RESIGN_FTM_CERTS?.trim();
  if (resign && !['true', 'false'].includes(resign)) throw new ConfigError(`PMS_RESIGN_FTM_CERTS must be true or false, got "${resign}"`);
  return {
    domains,
    partnerCertMinValidityDays: int(env, 'PMS_PARTNER_CERT_MIN_VALIDITY_DAYS', 335, 0, 36500),
    caCertMinValidityMonths: int(env, 'PMS_CA_CERT_MIN_VALIDITY_MONTHS', 12, 0, 1200),
    signedCertValidityDays: int(env, 'PMS_SIGNED_CERT_VALIDITY_DAYS', 365, 1, 36500),
    resignFtmCerts: resign === 'true',
  };
}
