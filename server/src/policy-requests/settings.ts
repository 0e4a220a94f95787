import { type Env, boolSetting, listSetting } from '../platform/config.js';

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

export function policyRequestSettings(env: Env = process.env): PolicyRequestSettings {
  return {
    bioExtractorsRequiredTypes: listSetting(env, 'PMS_BIOEXTRACTORS_REQUIRED_PARTNER_TYPES'),
    allowedCredentialTypes: listSetting(env, 'PMS_ALLOWED_CREDENTIAL_TYPES'),
    credentialMappingPartnerTypes: listSetting(env, 'PMS_CREDENTIAL_MAPPING_PARTNER_TYPES'),
    seedMosipDefaults: boolSetting(env, 'PMS_SEED_MOSIP_DEFAULTS'),
  };
}
