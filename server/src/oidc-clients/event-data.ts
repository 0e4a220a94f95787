import { toIso } from '../platform/search/index.js';
import { parsePolicy, rulesOfPolicy, type AuthPolicyRules } from './derivation.js';
import type { ClientRow, PolicyInfo } from './repository.js';

/**
 * A remembered context hands every create the same policy row: its document is parsed once
 * for it (the rules for derivation, the document for the event), not twice per create. Only
 * successes are kept, so a bad document fails every create that reads it.
 */
const parsedPolicies = new WeakMap<PolicyInfo, { rules: AuthPolicyRules; doc: unknown }>();

export function parsedPolicy(p: PolicyInfo): { rules: AuthPolicyRules; doc: unknown } {
  let parsed = parsedPolicies.get(p);
  if (!parsed) {
    const doc = parsePolicy(p.id, p.policy_file_id);
    parsed = { rules: rulesOfPolicy(p.id, doc), doc };
    parsedPolicies.set(p, parsed);
  }
  return parsed;
}

/** MOSIP's policyData of OIDC_CLIENT_CREATED (docs/events.md). */
export function policyData(p: PolicyInfo): Record<string, unknown> {
  return {
    policyId: p.id,
    policy: parsedPolicy(p).doc,
    policyName: p.name,
    policyStatus: p.is_active ? 'ACTIVE' : 'DEACTIVE',
    policyDescription: p.descr,
    policyCommenceOn: toIso(p.valid_from_date),
    policyExpiresOn: toIso(p.valid_to_date),
  };
}

type EventFields = Pick<ClientRow, 'id' | 'name' | 'status' | 'claims' | 'acr_values' | 'auth_methods'> &
  Partial<Pick<ClientRow, 'additional_config'>>;

/** MOSIP's clientData; `additionalConfig` only for clients that have settings (MOSIP's shape otherwise). */
export function clientData(r: EventFields): Record<string, unknown> {
  const data: Record<string, unknown> = {
    clientId: r.id,
    clientName: r.name,
    clientStatus: r.status,
    userClaims: r.claims,
    authContextRefs: r.acr_values,
    clientAuthMethods: r.auth_methods,
  };
  if (r.additional_config) data.additionalConfig = r.additional_config;
  return data;
}
