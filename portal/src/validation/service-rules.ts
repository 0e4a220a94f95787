import { EMAIL_REGEX, PARTNER_ID_MAX } from '@pms/rules/partners';
import type { Issue } from './rules.js';

/*
 * Checks the server makes in its service code rather than in a route schema, so the OpenAPI
 * document cannot carry them; the limits are the ones the server applies (@pms/rules).
 */

/** PMS_PRT_066 then PMS_PRT_052, in the server's order. */
export function partnerIdIssue(v: string): Issue | undefined {
  if (/\s/.test(v)) return { key: 'custom', message: 'validation.noSpaces' };
  if (v.length > PARTNER_ID_MAX) return { key: 'tooLong', max: PARTNER_ID_MAX };
  return undefined;
}

/** PMS_PRT_012. */
export function emailIssue(v: string): Issue | undefined {
  return EMAIL_REGEX.test(v) ? undefined : { key: 'custom', message: 'validation.email' };
}

/** A policy document must be a JSON object before the server's policy validator sees it. */
export function jsonObjectIssue(text: string): { issue?: Issue; value?: unknown } {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { issue: { key: 'custom', message: 'validation.jsonObject' } };
    return { value };
  } catch (err) {
    return { issue: { key: 'custom', message: 'validation.json', values: { detail: (err as Error).message } } };
  }
}

/**
 * The comment of a policy request, as MOSIP's revamped portal caps it (the API itself takes up
 * to the request schema's limit, which validate() checks as well).
 */
export const REQUEST_COMMENT_MAX = 500;

/** A reason from the server's shared rules ("must be an https URL") as an issue the field shows translated. */
export function detailIssue(reason: string | undefined): Issue | undefined {
  return reason === undefined ? undefined : { key: 'detail', detail: reason };
}
