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
const VALUES_OF: Record<string, RegExp> = {
  'KER-PCM-004': /at least (?<days>\d+) days/,
  PMS_AUT_515: /(?<years>\d+) years/,
  PMS_AUT_516: /(?<years>\d+) years/,
  PMS_PRT_013: /(?<max>\d+)\s*$/,
};

/** Context a form knows and the server's message does not say (the partner's organisation, the domain). */
export type ErrorContext = Record<string, string | number | undefined>;

function valuesOf(code: string, message: string): Record<string, string> {
  const m = VALUES_OF[code]?.exec(message);
  return { ...(m?.groups ?? {}) };
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
  const key = `serverErrors.${err.code}`;
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
