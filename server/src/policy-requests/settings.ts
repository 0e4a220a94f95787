import { ConfigError } from '../platform/config.js';

/**
 * Settings of the policy-request area, with MOSIP's shipped values as defaults
 * (partner-management-default.properties). A wrong value stops the start naming the variable.
 */
export interface PolicyRequestSettings {
  /** `pmp.bioextractors.required.partner.types`: approval needs extractors for these types. */
  bioExtractorsRequiredTypes: string[];
  /** `pmp.allowed.credential.types`. */
  allowedCredentialTypes: string[];
  /** `policy.credential.type.mapping.allowed.partner.types`. */
  credentialMappingPartnerTypes: string[];
  /** Ours: seed MOSIP's default partners, requests, extractors, credential types and API keys at start. */
  seedMosipDefaults: boolean;
}

type Env = Record<string, string | undefined>;

export function list(env: Env, name: string, fallback: string): string[] {
  const items = (env[name]?.trim() || fallback).split(',').map((v) => v.trim()).filter(Boolean);
  for (const v of items) if (!/^[\w.-]{1,128}$/.test(v)) throw new ConfigError(`${name} must be a comma-separated list of names, got "${v}"`);
  return items;
}

export function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

export function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

export function policyRequestSettings(env: Env = process.env): PolicyRequestSettings {
  return {
    bioExtractorsRequiredTypes: list(env, 'PMS_BIOEXTRACTORS_REQUIRED_PARTNER_TYPES', 'Credential_Partner,Online_Verification_Partner'),
    allowedCredentialTypes: list(env, 'PMS_ALLOWED_CREDENTIAL_TYPES', 'auth,qrcode,euin,reprint,vercred,opencrvs'),
    credentialMappingPartnerTypes: list(env, 'PMS_CREDENTIAL_MAPPING_PARTNER_TYPES', 'Credential_Partner,Online_Verification_Partner,Auth_Partner'),
    seedMosipDefaults: flag(env, 'PMS_SEED_MOSIP_DEFAULTS', false),
  };
}
