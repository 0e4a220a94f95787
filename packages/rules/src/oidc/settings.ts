/**
 * eSignet's per-client settings (`additionalConfig`, docs/esignet-client-settings.md) and the
 * rules that refuse combinations that can never work: the form, create and update apply this one
 * rule set.
 */

export const PURPOSE_TYPES = ['none', 'verify', 'link', 'login'] as const;
export type PurposeType = (typeof PURPOSE_TYPES)[number];
/** A title or subtitle: `@none` is the fallback, other keys are languages. */
export type LangText = Record<string, string>;

export interface Purpose {
  type: PurposeType;
  title?: LangText | null;
  subTitle?: LangText | null;
}

export interface AdditionalConfig {
  userinfo_response_type?: 'JWS' | 'JWE';
  purpose?: Purpose | null;
  signup_banner_required?: boolean;
  forgot_pwd_link_required?: boolean;
  consent_expire_in_mins?: number;
  require_pushed_authorization_requests?: boolean;
  dpop_bound_access_tokens?: boolean;
  require_pkce?: boolean;
}

/** The keys of eSignet's schema (`additionalProperties: false`), in its order. */
export const SETTING_KEYS = [
  'userinfo_response_type',
  'purpose',
  'signup_banner_required',
  'forgot_pwd_link_required',
  'consent_expire_in_mins',
  'require_pushed_authorization_requests',
  'dpop_bound_access_tokens',
  'require_pkce',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const BOOLEAN_KEYS: readonly SettingKey[] = [
  'signup_banner_required',
  'forgot_pwd_link_required',
  'require_pushed_authorization_requests',
  'dpop_bound_access_tokens',
  'require_pkce',
];
export const MIN_CONSENT_MINUTES = 10;
/** eSignet keeps the settings as JSON text in varchar(2048). */
export const MAX_CONFIG_TEXT = 2048;

/**
 * One refused setting: `code` is eSignet's (`invalid_additional_config`, `invalid_public_key`)
 * for what eSignet refuses too, `PMS_OIDC_008` for a combination that eSignet would take but
 * that can never work; `field` is the request path.
 */
export interface SettingProblem {
  code: 'invalid_additional_config' | 'invalid_public_key' | 'PMS_OIDC_008';
  field: string;
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function langTextProblem(value: unknown, field: string): SettingProblem | undefined {
  const bad = (reason: string): SettingProblem => ({ code: 'invalid_additional_config', field, reason });
  if (value === null || value === undefined) return undefined;
  if (!isObject(value)) return bad('must be an object of texts per language, with "@none"');
  if (typeof value['@none'] !== 'string') return bad('"@none" (the text for any language) is required');
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') return bad(`the ${k} text must be a string`);
  return undefined;
}

function purposeProblem(value: unknown): SettingProblem | undefined {
  const field = 'request.additionalConfig.purpose';
  if (value === null) return undefined;
  if (!isObject(value)) return { code: 'invalid_additional_config', field, reason: 'must be an object or null' };
  for (const k of Object.keys(value)) {
    if (k !== 'type' && k !== 'title' && k !== 'subTitle')
      return { code: 'invalid_additional_config', field: `${field}.${k}`, reason: 'is not a purpose member' };
  }
  if (!PURPOSE_TYPES.includes(value.type as PurposeType)) {
    return { code: 'invalid_additional_config', field: `${field}.type`, reason: `must be one of ${PURPOSE_TYPES.join(', ')}` };
  }
  return langTextProblem(value.title, `${field}.title`) ?? langTextProblem(value.subTitle, `${field}.subTitle`);
}

/** eSignet's JSON schema for `additionalConfig` (draft 2020-12, `additionalProperties: false`). */
export function additionalConfigProblem(value: unknown): SettingProblem | undefined {
  const field = 'request.additionalConfig';
  const bad = (key: string, reason: string): SettingProblem => ({ code: 'invalid_additional_config', field: `${field}.${key}`, reason });
  if (value === null || value === undefined) return undefined;
  if (!isObject(value)) return { code: 'invalid_additional_config', field, reason: 'must be an object' };
  for (const key of Object.keys(value)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) return bad(key, 'is not a setting eSignet knows');
  }
  const c = value;
  if ('userinfo_response_type' in c && c.userinfo_response_type !== 'JWS' && c.userinfo_response_type !== 'JWE') {
    return bad('userinfo_response_type', 'must be JWS or JWE');
  }
  for (const key of BOOLEAN_KEYS) if (key in c && typeof c[key] !== 'boolean') return bad(key, 'must be true or false');
  if ('consent_expire_in_mins' in c) {
    const m = c.consent_expire_in_mins;
    if (typeof m !== 'number' || !Number.isFinite(m) || m < MIN_CONSENT_MINUTES)
      return bad('consent_expire_in_mins', `must be a number of at least ${MIN_CONSENT_MINUTES}`);
  }
  if ('purpose' in c) {
    const p = purposeProblem(c.purpose);
    if (p) return p;
  }
  if (JSON.stringify(c).length > MAX_CONFIG_TEXT)
    return { code: 'invalid_additional_config', field, reason: `longer than eSignet's ${MAX_CONFIG_TEXT} characters as JSON` };
  return undefined;
}

/** What the cross-field rules look at; `acrValues` only when known (the server derives them). */
export interface SecurityFields {
  additionalConfig?: AdditionalConfig | null;
  encPublicKey?: Record<string, unknown> | null;
  publicKey?: Record<string, unknown>;
  grantTypes: string[];
  redirectUris: string[];
  acrValues?: string[];
}

/** ACRs under which eSignet shows its password login page (where the forgot-password link lives). */
export const PASSWORD_ACRS = ['mosip:idp:acr:password', 'mosip:idp:acr:knowledge'];
const FLOW_GRANT = 'authorization_code';

const sameKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  a.kty === b.kty && (a.kty === 'RSA' ? a.n === b.n && a.e === b.e : a.x === b.x && a.y === b.y);

/**
 * Combinations eSignet would store but that can never work, each refused with the reason
 * (the first one found, in field order).
 */
export function crossFieldProblem(f: SecurityFields): SettingProblem | undefined {
  const cfg = f.additionalConfig ?? {};
  const never = (field: string, reason: string): SettingProblem => ({ code: 'PMS_OIDC_008', field, reason });
  const jwe = cfg.userinfo_response_type === 'JWE';
  if (jwe && !f.encPublicKey)
    return never('request.encPublicKey', 'is required when userinfo_response_type is JWE: eSignet encrypts the userinfo to this key');
  if (!jwe && f.encPublicKey) return never('request.encPublicKey', 'is used only when additionalConfig.userinfo_response_type is JWE');
  if (f.encPublicKey) {
    const use = f.encPublicKey.use;
    if (use !== undefined && use !== 'enc') return never('request.encPublicKey.use', 'must be "enc" for the userinfo encryption key');
    if (f.publicKey && sameKey(f.encPublicKey, f.publicKey))
      return never('request.encPublicKey', 'must differ from the signing key (publicKey)');
  }
  const flowOnly: [SettingKey, string][] = [
    ['require_pushed_authorization_requests', 'pushed authorization requests'],
    ['require_pkce', 'PKCE'],
  ];
  for (const [key, what] of flowOnly) {
    if (cfg[key] === true && !f.grantTypes.includes(FLOW_GRANT)) {
      return never(`request.additionalConfig.${key}`, `${what} apply to the authorization_code grant, which this client does not have`);
    }
  }
  if (cfg.forgot_pwd_link_required === true && f.acrValues && !f.acrValues.some((a) => PASSWORD_ACRS.includes(a))) {
    return never(
      'request.additionalConfig.forgot_pwd_link_required',
      'the link is shown on the password login page, and the policy allows no password login',
    );
  }
  const purpose = cfg.purpose;
  if (purpose && purpose.type === 'none' && (purpose.title || purpose.subTitle)) {
    return never('request.additionalConfig.purpose', 'a purpose of type "none" shows no title or subtitle; choose verify, link or login');
  }
  return undefined;
}

/** The settings eSignet applies when a key is absent (what the client's page shows as effective). */
export function effectiveSettings(cfg: AdditionalConfig | null | undefined): Required<
  Omit<AdditionalConfig, 'purpose' | 'consent_expire_in_mins'>
> & {
  purpose: Purpose | null;
  consent_expire_in_mins: number | null;
} {
  const c = cfg ?? {};
  return {
    userinfo_response_type: c.userinfo_response_type ?? 'JWS',
    purpose: c.purpose ?? null,
    signup_banner_required: c.signup_banner_required ?? false,
    forgot_pwd_link_required: c.forgot_pwd_link_required ?? false,
    consent_expire_in_mins: c.consent_expire_in_mins ?? null,
    require_pushed_authorization_requests: c.require_pushed_authorization_requests ?? false,
    dpop_bound_access_tokens: c.dpop_bound_access_tokens ?? false,
    require_pkce: c.require_pkce ?? false,
  };
}
