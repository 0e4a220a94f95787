import { ALLOWED_POLICY_TYPES } from './policy-schemas.js';

/**
 * What `GET /policies/config/{key}` may answer. MOSIP answers any configuration property,
 * secrets included; here only these public settings (MOSIP's shipped values), and every
 * other key reads as unset (`value: null`), so a caller cannot even learn which secrets exist.
 */
export const PUBLIC_SETTINGS: Readonly<Record<string, string>> = {
  'pmp.allowed.policy.types': ALLOWED_POLICY_TYPES,
  'pmp.policy.schema.url': 'https://schemas.mosip.io/v1/auth-policy',
  'policy.auth.allowed.token.types': 'random,partner,policy',
  'policy.allowed.kyc.attributes':
    '{"fullName":"Full Name","middleName":"Middle Name","lastName":"Last Name","dateOfBirth":"DateOfBirth","gender":"Gender","phone":"phone"}',
  'mosip.pms.filtervalue.max_columns': '5000',
};

/** MOSIP's rendering: null if unset, the text if numeric, an object if it parses as a JSON object, else the text. */
export function configValue(key: string): { key: string; value: unknown } {
  const raw = Object.hasOwn(PUBLIC_SETTINGS, key) ? PUBLIC_SETTINGS[key] : undefined;
  if (raw === undefined) return { key, value: null };
  if (/^\d+$/.test(raw)) return { key, value: raw };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { key, value: parsed };
  } catch {
    // plain text
  }
  return { key, value: raw };
}
