import {
  additionalConfigProblem,
  crossFieldProblem,
  logoUriProblem,
  redirectUriProblem,
  splitStoredName,
  type AdditionalConfig,
  type SettingProblem,
} from '@pms/rules/oidc';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/http.js';
import type { OidcClientDetail } from '../../api/types.js';
import { validate, type Issues } from '../../validation/rules.js';
import { jwkProblem } from '../../validation/oidc-rules.js';
import { blankSecurity, fromAdditionalConfig, toAdditionalConfig, type SecurityValues } from './SecuritySection.js';

/*
 * The OIDC client form without React: what it holds, the checks made before sending (the shared
 * rules of @pms/rules/oidc, so a refusal reads as the server's would), the request it sends, and
 * which field a server refusal belongs to.
 */

export type F = 'authPartnerId' | 'policyId' | 'name' | 'publicKey' | 'logoUri' | 'redirectUris' | 'grantTypes' | 'clientAuthMethods';
const FIELDS: F[] = ['authPartnerId', 'policyId', 'name', 'publicKey', 'logoUri', 'redirectUris', 'grantTypes', 'clientAuthMethods'];
/** eSignet's three-letter language codes for the client name (the portal's languages). */
export const NAME_LANGUAGES = ['eng', 'fra', 'ara'] as const;

export interface Values {
  authPartnerId: string;
  policyId: string;
  name: string;
  publicKey: string;
  logoUri: string;
  redirectUris: string[];
  grantType: string;
  clientAuthMethod: string;
  names: Record<string, string>;
  security: SecurityValues;
}

/** What a form field shows: its issue, a redirect URI's by position, a setting's by its key. */
export interface FormIssues {
  fields: Issues<F>;
  uris: Record<number, string>;
  security: Record<string, string>;
}

export const noIssues: FormIssues = { fields: {}, uris: {}, security: {} };

export const hasIssues = (i: FormIssues) =>
  Object.values(i.fields).some(Boolean) || Object.keys(i.uris).length > 0 || Object.keys(i.security).length > 0;

export function blankValues(grantType: string, clientAuthMethod: string): Values {
  return {
    authPartnerId: '',
    policyId: '',
    name: '',
    publicKey: '',
    logoUri: '',
    redirectUris: [''],
    grantType,
    clientAuthMethod,
    names: {},
    security: blankSecurity,
  };
}

/** A stored client as the edit form starts from it. */
export function valuesOf(c: OidcClientDetail, blank: Values): Values {
  const stored = splitStoredName(c.name);
  return {
    ...blank,
    name: stored.name,
    logoUri: c.logoUri,
    redirectUris: [...c.redirectUris],
    grantType: c.grantTypes[0] ?? '',
    clientAuthMethod: c.clientAuthMethods[0] ?? '',
    names: { ...(stored.langMap ?? {}) },
    security: fromAdditionalConfig(c.additionalConfig as AdditionalConfig | null | undefined, c.encPublicKey),
  };
}

/** The request schema's checks, then what the schema cannot say: required choices, the key, the logo. */
function fieldIssues(values: Values, editing: boolean): { issues: Issues<F>; jwk?: Record<string, unknown> } {
  const found: Issues<F> = editing
    ? validate('oauthUpdate', { clientName: values.name, logoUri: values.logoUri, redirectUris: values.redirectUris })
    : validate('oauthCreate', {
        authPartnerId: values.authPartnerId,
        policyId: values.policyId,
        name: values.name,
        logoUri: values.logoUri,
        redirectUris: values.redirectUris,
      });
  if (editing && 'clientName' in found) {
    found.name = (found as Record<string, Issues<F>[F]>).clientName;
    delete (found as Record<string, unknown>).clientName;
  }
  let jwk: Record<string, unknown> | undefined;
  if (!editing) {
    if (!values.authPartnerId) found.authPartnerId = { key: 'required' };
    if (!values.policyId) found.policyId = { key: 'required' };
    if (!values.publicKey.trim()) found.publicKey = { key: 'required' };
    else {
      const k = jwkProblem(values.publicKey);
      if (k.key) found.publicKey = { key: 'custom', message: k.key };
      jwk = k.value;
    }
  }
  if (!found.logoUri && values.logoUri) {
    const p = logoUriProblem(values.logoUri);
    if (p) found.logoUri = { key: 'custom', message: 'oidc.invalidLogo', values: { reason: p } };
  }
  return { issues: found, jwk };
}

/** Where a settings problem is shown: the setting's own key, `encPublicKey`, or `purpose`. */
function securityKey(field: string): string {
  const m = /^request\.(?:additionalConfig\.)?(\w+)/.exec(field);
  return m?.[1] ?? 'purpose';
}

/** The shared rules on the settings the form would send, with the encryption key they name. */
function securityProblem(
  values: Values,
  additionalConfig: Record<string, unknown> | null,
  jwk: Record<string, unknown> | undefined,
  acrValues: string[] | undefined,
  t: TFunction,
): { problem?: SettingProblem; encPublicKey?: Record<string, unknown> } {
  let encPublicKey: Record<string, unknown> | undefined;
  if (values.security.userinfo === 'JWE' && values.security.encKey.trim() !== '') {
    const k = jwkProblem(values.security.encKey);
    if (k.key) return { problem: { code: 'invalid_public_key', field: 'request.encPublicKey', reason: t(k.key) } };
    encPublicKey = k.value;
  }
  const problem =
    additionalConfigProblem(additionalConfig) ??
    crossFieldProblem({
      additionalConfig: additionalConfig as AdditionalConfig | null,
      encPublicKey,
      publicKey: jwk,
      grantTypes: [values.grantType],
      redirectUris: values.redirectUris,
      acrValues,
    });
  return { problem, encPublicKey };
}

// eSignet needs at least one language name; without any, the client name stands for English.
function languageNames(values: Values): Record<string, string> {
  const given = Object.fromEntries(Object.entries(values.names).filter(([, v]) => v.trim() !== ''));
  return Object.keys(given).length > 0 ? given : { eng: values.name };
}

/**
 * Every check the form makes before sending, and the request body when none refuses.
 * `existing` is the stored client when editing.
 */
export function checkForm(
  values: Values,
  existing: OidcClientDetail | undefined,
  editing: boolean,
  t: TFunction,
): { issues: FormIssues; body?: Record<string, unknown> } {
  const { issues: fields, jwk } = fieldIssues(values, editing);
  const uris: Record<number, string> = {};
  values.redirectUris.forEach((u, i) => {
    const p = redirectUriProblem(u);
    if (p) uris[i] = t('oidc.invalidRedirect', { reason: p });
  });
  const additionalConfig = toAdditionalConfig(values.security);
  const { problem, encPublicKey } = securityProblem(values, additionalConfig, jwk, existing?.acrValues, t);
  const issues = { fields, uris, security: problem ? { [securityKey(problem.field)]: problem.reason } : {} };
  if (hasIssues(issues)) return { issues };
  const common = {
    logoUri: values.logoUri,
    redirectUris: values.redirectUris,
    grantTypes: [values.grantType],
    clientAuthMethods: [values.clientAuthMethod],
    clientNameLangMap: languageNames(values),
  };
  // A create without settings keeps MOSIP's shape; an edit always says what the settings are (null clears).
  const settings = editing || additionalConfig ? { additionalConfig, encPublicKey: encPublicKey ?? null } : {};
  const body = editing
    ? { ...common, ...settings, clientName: values.name, status: existing?.status ?? 'ACTIVE' }
    : { ...common, ...settings, name: values.name, policyId: values.policyId, authPartnerId: values.authPartnerId, publicKey: jwk };
  return { issues, body };
}

/** A server refusal of the settings (eSignet's schema code, ours for impossible combinations). */
function serverSecurityError(err: unknown): Record<string, string> | undefined {
  if (!(err instanceof ApiError) || !err.errors[0]) return undefined;
  const { errorCode, message } = err.errors[0];
  const m = /request\.(?:additionalConfig\.)?(\w+)/.exec(message);
  if (!m || !['invalid_additional_config', 'PMS_OIDC_008', 'invalid_public_key', 'PMS_OIDC_007'].includes(errorCode)) return undefined;
  if (errorCode === 'invalid_public_key' && m[1] !== 'encPublicKey') return undefined;
  return { [m[1] === 'additionalConfig' ? 'purpose' : m[1]!]: message };
}

/** Server answers that concern one field: PMS_COR_001 names it, eSignet's codes say `request.<field>:`. */
function serverField(err: unknown): { field: F; message: string; index?: number } | undefined {
  if (!(err instanceof ApiError) || !err.errors[0]) return undefined;
  const msg = err.errors[0].message;
  const m = /(?:^Invalid request parameter - .* :request\.|^request\.)(\w+)(?:\[(\d+)\])?/.exec(msg);
  const byCode: Record<string, F> = {
    PMS_ESI_001: 'publicKey',
    PMS_ESI_007: 'publicKey',
    PMS_OIDC_001: 'publicKey',
    PMS_OIDC_002: 'publicKey',
    PMS_OIDC_003: 'publicKey',
    PMS_ESI_002: 'policyId',
    PMS_ESI_003: 'policyId',
    PMS_ESI_005: 'policyId',
    PMS_ESI_006: 'policyId',
    PMS_OIDC_004: 'policyId',
  };
  const named = m?.[1] === 'clientName' || m?.[1] === 'clientNameLangMap' ? 'name' : m?.[1];
  const field = (named && (FIELDS as string[]).includes(named) ? named : byCode[err.code]) as F | undefined;
  if (!field) return undefined;
  return { field, message: msg, index: m?.[2] !== undefined ? Number(m[2]) : undefined };
}

/**
 * A server refusal shown at the field it concerns, merged into what is shown; undefined when it
 * concerns no field (the form shows it as a whole).
 */
export function serverIssues(err: unknown, shown: FormIssues): FormIssues | undefined {
  const security = serverSecurityError(err);
  if (security) return { ...shown, security };
  const f = serverField(err);
  if (!f) return undefined;
  if (f.field === 'redirectUris' && f.index !== undefined) return { ...shown, uris: { [f.index]: f.message } };
  return { ...shown, fields: { [f.field]: f.message } };
}
