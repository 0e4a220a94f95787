import { multiLanguageName, redirectUriProblem } from '@pms/rules/oidc';
import type { ErrorCode } from '../platform/errors/catalogue.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { ESIGNET_LANGUAGES } from './languages.js';

/**
 * eSignet's field rules, checked by PMS before it calls eSignet (and for create and update
 * alike), so a client PMS accepts is one eSignet accepts. A refusal carries eSignet's own code
 * and eSignet's message shape (`request.<field>: <code>`) followed by the reason, so a caller
 * sees the same error whichever side refuses.
 */

/** eSignet keeps the redirect URIs as one JSON array text in varchar(2048), `/` escaped. */
const MAX_REDIRECT_COLUMN = 2048;
/** eSignet's `name` column (varchar(600)) holds the language map plus `@none` as JSON. */
const MAX_NAME_COLUMN = 600;
const MAX_CLIENT_NAME = 256;
const MAX_LANG_NAME = 50;

function esignetError(code: ErrorCode, field: string, reason: string): PmsError {
  return PmsError.of(code, `request.${field}: ${code} (${reason})`);
}

export interface EsignetFields {
  clientName: string;
  redirectUris: string[];
  grantTypes: string[];
  clientAuthMethods: string[];
  clientNameLangMap?: Record<string, string>;
}

export interface SupportedValues {
  grantTypes: string[];
  clientAuthMethods: string[];
}

/** eSignet's checks in its field order: name, redirect URIs, grant types, auth methods, languages. */
export function checkEsignetRules(f: EsignetFields, supported: SupportedValues): void {
  if (f.clientName.trim() === '' || f.clientName.length > MAX_CLIENT_NAME) {
    throw esignetError('invalid_client_name', 'clientName', `must be 1 to ${MAX_CLIENT_NAME} characters`);
  }
  f.redirectUris.forEach((uri, i) => {
    const problem = redirectUriProblem(uri);
    if (problem) throw esignetError('invalid_redirect_uri', `redirectUris[${i}]`, problem);
  });
  const column = JSON.stringify(f.redirectUris).replaceAll('/', '\\/');
  if (column.length > MAX_REDIRECT_COLUMN) {
    throw esignetError('invalid_redirect_uri', 'redirectUris', `together longer than eSignet's ${MAX_REDIRECT_COLUMN} characters`);
  }
  f.grantTypes.forEach((g, i) => {
    if (!supported.grantTypes.includes(g))
      throw esignetError('invalid_grant_type', `grantTypes[${i}]`, `supported: ${supported.grantTypes.join(', ')}`);
  });
  f.clientAuthMethods.forEach((m, i) => {
    if (!supported.clientAuthMethods.includes(m)) {
      throw esignetError('invalid_client_auth', `clientAuthMethods[${i}]`, `supported: ${supported.clientAuthMethods.join(', ')}`);
    }
  });
  if (f.clientNameLangMap) checkLangMap(f.clientName, f.clientNameLangMap);
}

function checkLangMap(name: string, map: Record<string, string>): void {
  for (const [lang, value] of Object.entries(map)) {
    if (!ESIGNET_LANGUAGES.has(lang))
      throw esignetError('invalid_language_code', `clientNameLangMap.${lang}`, 'not an ISO 639-2/T language code eSignet knows');
    if (value.length > MAX_LANG_NAME)
      throw esignetError('invalid_client_name_length', `clientNameLangMap.${lang}`, `at most ${MAX_LANG_NAME} characters`);
  }
  if (multiLanguageName(name, map).length > MAX_NAME_COLUMN) {
    throw esignetError('invalid_client_name', 'clientNameLangMap', `the names together exceed eSignet's ${MAX_NAME_COLUMN} characters`);
  }
}
