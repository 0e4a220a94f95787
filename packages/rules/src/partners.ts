/**
 * A partner's registration and contact fields. The e-mail pattern and the partner id limit are
 * MOSIP's. The phone and logo rules are ours, stricter than MOSIP, which leaves both open: a
 * phone number is written with digits and the usual separators, and a logo is served over https
 * (the portal's content security policy loads images from https only). The server refuses a
 * bad number or logo as PMS_COR_001 on the field, as a schema failure would be.
 */

/** `pmp.partner.valid.email.address.regex`, as MOSIP ships it. */
export const EMAIL_REGEX = /^[\w\-+]+(\.[\w]+)*@[\w-]+(\.[\w]+)*(\.[a-z]{2,})$/;
export const PARTNER_ID_MAX = 36;

/** An optional leading +, then digits with spaces, dots, hyphens or parentheses between them. */
const PHONE = /^\+?[0-9](?:[0-9 ().-]*[0-9)])?$/;

const PHONE_PROBLEM = 'must be a phone number: digits, optionally a leading + and spaces, dots, hyphens or parentheses';
const LOGO_PROBLEM = 'must be an https URL';

/** Why a contact number is refused, or undefined (blank and length are the schema's checks). */
export function phoneProblem(value: string): string | undefined {
  return value.trim() === '' || PHONE.test(value.trim()) ? undefined : PHONE_PROBLEM;
}

/** Why a logo URL is refused, or undefined; empty means "no logo". */
export function logoUrlProblem(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return LOGO_PROBLEM;
  }
  return url.protocol === 'https:' && url.host !== '' && !/\s/.test(value.trim()) ? undefined : LOGO_PROBLEM;
}
