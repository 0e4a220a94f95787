import type { TFunction } from 'i18next';
import { ApiError, fieldOfError } from '../api/http.js';

/**
 * Server errors as a user can act on them. MOSIP's codes stay the key (and stay visible, for
 * support); the text says what happened and what to do, in the user's language. A code the
 * portal has no text for shows the server's own message in English and a general sentence in
 * the other languages. Values the server puts into its
 * messages (a minimum validity, a number of years) are carried into the translation.
 */

/** Values read from the server's message, per code: `%s` in MOSIP's texts. */
export const VALUES_OF: Record<string, RegExp> = {
  'KER-PCM-004': /at least (?<days>\d+) days/,
  'KER-PCM-017': /at least (?<months>\d+) months/,
  PMS_AUT_515: /(?<years>\d+) years/,
  PMS_AUT_516: /(?<years>\d+) years/,
  PMS_COR_002: /policyId (?<policyId>.*) already exists$/,
  PMS_OIDC_001: /members \((?<members>[^)]*)\)/,
  PMS_OIDC_002: /of (?<bits>\d+) bits/,
  PMS_OIDC_003: /is (?<length>\d+) characters/,
  PMS_OIDC_007: /cannot take (?<field>.+); it needs eSignet (?<version>.+) or later\.$/,
  PMS_POL_009: /with name : (?<name>[\s\S]*)$/,
  PMS_POL_014: /with name : (?<name>[\s\S]*)$/,
  PMS_PRT_013: /(?<max>\d+)\s*$/,
  PMS_PRT_052: /should be (?<max>\d+)/,
  PMS_PRT_059: /OIDC Client\. (?<partnerType>.*) is not allowed/,
  PMS_PRT_070: /only for :(?<types>.*)$/,
  PMS_PRT_072: /credential types : (?<types>.*)$/,
  PMS_PRT_108: /Mandatory for (?<partnerType>.*)$/,
  PMS_PV_005: /parameter - (?<path>.*) in policy data$/,
  PMS_PV_006: /parameter - (?<path>.*) in policy data$/,
  PMS_PV_007: /Expected format is (?<format>.*)\.$/,
  PMS_PV_008: /not allowed in (?<path>.*)\.$/,
  PMS_PV_009: /not allowed in (?<path>.*)\.$/,
  PMS_REQ_413: /than (?<bytes>\d+) bytes/,
  PMS_REQ_414: /than (?<max>\d+) characters/,
  PMS_REQ_429: /after (?<seconds>\d+) seconds/,
  PMS_USER_001: /the role (?<role>.*)$/,
};

/**
 * Codes MOSIP gives texts that mean different things (the server's `variants` and detailed
 * texts): the message picks the key `serverErrors.<code>-<suffix>`; any other message of the
 * code reads `serverErrors.<code>`.
 */
export const VARIANTS_OF: Record<string, Array<[RegExp, string]>> = {
  'KER-PCM-004': [[/at least \d+ days/, 'min']],
  'KER-PCM-017': [[/at least \d+ months/, 'min']],
  PMS_COR_002: [
    [/^Invalid Input Parameter - emailId is already a contact/, 'email'],
    [/^Invalid Input Parameter - contactNumber is already a contact/, 'phone'],
    [/^Invalid Input Parameter - policyId .* already exists$/, 'policyId'],
  ],
  PMS_PRT_108: [[/^Certficate is not uploaded/, 'certificate']],
};

/**
 * Catalogue codes the portal has no text for, because no portal user can meet them; each with
 * why. Every other code of server/src/platform/errors/catalogue.ts has a `serverErrors` text
 * in every language (test/unit/server-errors.test.ts).
 */
const NEVER_RETURNED = "MOSIP's text kept for parity; this server never returns the code";
export const NOT_SHOWN_IN_PORTAL: Record<string, string> = {
  PMS_CERTIFICATE_ERROR_001: `${NEVER_RETURNED} (partner certificate list failure)`,
  PMS_CERTIFICATE_ERROR_006: `${NEVER_RETURNED} (certificate decoding failure)`,
  PMS_CERTIFICATE_ERROR_008: `${NEVER_RETURNED} (certificate fetch failure)`,
  PMS_CERTIFICATE_ERROR_010: `${NEVER_RETURNED} (trust certificate list failure)`,
  PMS_CERTIFICATE_ERROR_011: `${NEVER_RETURNED} (trust certificate download failure)`,
  PMS_CONSENT_ERROR_001: `${NEVER_RETURNED} (consent read failure)`,
  PMS_CONSENT_ERROR_002: `${NEVER_RETURNED} (consent save failure)`,
  PMS_DEVICE_ERROR_008: `${NEVER_RETURNED} (add-device failure)`,
  PMS_DEVICE_ERROR_011: `${NEVER_RETURNED} (device decision failure)`,
  PMS_DEVICE_ERROR_013: `${NEVER_RETURNED} (a blank device ID is looked up like any other)`,
  PMS_DEVICE_ERROR_015: `${NEVER_RETURNED} (device deactivation failure)`,
  PMS_DEVICE_ERROR_017: `${NEVER_RETURNED} (a blank SBI ID is looked up like any other)`,
  PMS_DEVICE_ERROR_018: `${NEVER_RETURNED} (SBI deactivation failure)`,
  PMS_FEATURE_001: `${NEVER_RETURNED} (a feature switch this server does not have)`,
  PMS_FEATURE_003: `${NEVER_RETURNED} (a feature switch this server does not have)`,
  PMS_FTM_ERROR_001: `${NEVER_RETURNED} (FTM chip read failure)`,
  PMS_FTM_ERROR_003: `${NEVER_RETURNED} (FTM deactivation failure)`,
  PMS_FTM_ERROR_012: `${NEVER_RETURNED} (original FTM certificate download failure)`,
  PMS_FTM_ERROR_024: `${NEVER_RETURNED} (device list failure)`,
  PMS_PM_059: `${NEVER_RETURNED} (partner read failure)`,
  PMS_PM_061: `${NEVER_RETURNED} (partner list failure)`,
  PMS_PM_062: `${NEVER_RETURNED} (policy request list failure)`,
  PMS_PM_064: `${NEVER_RETURNED} (API key request list failure)`,
  PMS_POL_060: `${NEVER_RETURNED} (policy group list failure)`,
  PMS_POL_061: `${NEVER_RETURNED} (policy list failure)`,
  PMS_POL_066: `${NEVER_RETURNED} (policy deactivation failure)`,
  PMS_POL_071: `${NEVER_RETURNED} (policy group deactivation failure)`,
  PMS_PRT_045: `${NEVER_RETURNED} (P7B parsing failure)`,
  PMS_PRT_046: `${NEVER_RETURNED} (leaf certificate extraction failure)`,
  PMS_PRT_071: `${NEVER_RETURNED} (partner manager's policy parsing failure)`,
  PMS_PS_ERROR_001: `${NEVER_RETURNED} (partner list failure)`,
  PMS_PV_001: `${NEVER_RETURNED} (policy schema read failure)`,
  PMS_PV_004: `${NEVER_RETURNED} (invalid policy schema)`,
  PMS_SBI_ERROR_001: `${NEVER_RETURNED} (SBI list failure)`,
  PMS_SF_ERROR_001: `${NEVER_RETURNED} (SBI device list failure)`,
};

/** Context a form knows and the server's message does not say (the partner's organisation, the domain). */
export type ErrorContext = Record<string, string | number | undefined>;

export function valuesOf(code: string, message: string): Record<string, string> {
  const m = VALUES_OF[code]?.exec(message);
  return { ...(m?.groups ?? {}) };
}

/** The `serverErrors` key of a code as the message says it (`VARIANTS_OF`). */
export function serverErrorKey(code: string, message: string): string {
  const variant = VARIANTS_OF[code]?.find(([re]) => re.test(message));
  return variant ? `${code}-${variant[1]}` : code;
}

/** Validator details the server writes in English ("must not be blank"), translated. */
const DETAILS: Array<[RegExp, string]> = [
  [/^must not be (blank|null|empty)$/, 'required'],
  [/^size must be between (?<min>\d+) and (?<max>\d+)$/, 'sizeBetween'],
  [/^must match /, 'pattern'],
  [/^must be a valid URL$/, 'url'],
  [/^must be an https URL$/, 'https'],
  [/^must be a phone number/, 'phone'],
  [/^longer than (?<max>\d+) characters$/, 'longerThan'],
  [/^contains spaces or control characters$/, 'spaces'],
  [/^must be an absolute URI with a scheme and a host$/, 'absolute'],
  [/^is not a valid URI$/, 'notUri'],
  [/^must not contain a fragment$/, 'fragment'],
  [/^the (?<scheme>[\w+.-]+): scheme is not allowed$/, 'scheme'],
  [/^must name a host$/, 'host'],
  [/^must not carry user information$/, 'userInfo'],
  [/^http is allowed only for loopback hosts; use https$/, 'httpLoopback'],
];

/** One validator detail in the user's language; an unknown one as the server wrote it. */
export function translateDetail(detail: string, t: TFunction): string {
  for (const [re, key] of DETAILS) {
    const m = re.exec(detail);
    if (m) return t(`detail.${key}`, { ...(m.groups ?? {}) });
  }
  return detail;
}

/** The text of a server error without its code: translated when the portal knows the code. */
export function errorText(err: ApiError, t: TFunction, context: ErrorContext = {}): string {
  const first = err.errors[0];
  const field = first ? fieldOfError(first) : undefined;
  if (err.code === 'PMS_COR_001' && field)
    return t('serverErrors.field', { detail: translateDetail(field.message, t), field: field.field });
  const key = `serverErrors.${serverErrorKey(err.code, err.message)}`;
  const values = { ...valuesOf(err.code, err.message), ...context };
  // A code without a text of its own: English readers get the server's message, the others a
  // sentence in their language (never English), the code after it for support.
  return t(key, { ...values, defaultValue: t('errors.unmapped', { message: err.message }) });
}

/** A failed call as the user reads it: what to do, then the code support asks for. */
export function describeError(err: unknown, t: TFunction, context?: ErrorContext): string {
  if (!(err instanceof ApiError)) return t('errors.unexpected');
  if (err.code === 'NETWORK') return t('errors.network');
  const text = err.forbidden ? t('errors.forbiddenAction') : errorText(err, t, context);
  return t('errors.withCode', { text, code: err.code });
}

/** A field's server error: the validator detail alone (the field names itself), with the code. */
export function describeFieldError(err: ApiError, t: TFunction, context?: ErrorContext): string {
  const first = err.errors[0];
  const field = first ? fieldOfError(first) : undefined;
  const text = err.code === 'PMS_COR_001' && field ? translateDetail(field.message, t) : errorText(err, t, context);
  return t('errors.withCode', { text, code: err.code });
}
