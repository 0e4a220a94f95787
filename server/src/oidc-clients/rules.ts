import type { ErrorCode } from '../platform/errors/catalogue.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { ESIGNET_LANGUAGES } from './languages.js';
import { multiLanguageName } from './names.js';

/**
 * eSignet's field rules, checked by PMS before it calls eSignet (and for create and update
 * alike), so a client PMS accepts is one eSignet accepts. A refusal carries eSignet's own code
 * and eSignet's message shape (`request.<field>: <code>`) followed by the reason, so a caller
 * sees the same error whichever side refuses.
 */

export const MAX_URI = 2048;
/** eSignet keeps the redirect URIs as one JSON array text in varchar(2048), `/` escaped. */
const MAX_REDIRECT_COLUMN = 2048;
/** eSignet's `name` column (varchar(600)) holds the language map plus `@none` as JSON. */
const MAX_NAME_COLUMN = 600;
const MAX_CLIENT_NAME = 256;
const MAX_LANG_NAME = 50;

/** Schemes a redirect must never use, whatever else it looks like. */
const FORBIDDEN_SCHEMES = new Set([
  'javascript',
  'data',
  'vbscript',
  'file',
  'about',
  'blob',
  'filesystem',
  'ftp',
  'ws',
  'wss',
  'mailto',
  'jar',
]);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function esignetError(code: ErrorCode, field: string, reason: string): PmsError {
  return PmsError.of(code, `request.${field}: ${code} (${reason})`);
}

function parseAbsolute(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Why a redirect URI is refused, or undefined when it is fine. */
export function redirectUriProblem(value: string): string | undefined {
  if (value.trim() === '') return 'must not be blank';
  if (value.length > MAX_URI) return `longer than ${MAX_URI} characters`;
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'contains spaces or control characters';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return 'must be an absolute URI with a scheme and a host';
  const url = parseAbsolute(value);
  if (!url) return 'is not a valid URI';
  if (value.includes('#')) return 'must not contain a fragment';
  if (FORBIDDEN_SCHEMES.has(scheme)) return `the ${scheme}: scheme is not allowed`;
  if (url.host === '') return 'must name a host';
  if (url.username || url.password) return 'must not carry user information';
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(url.hostname)) return 'http is allowed only for loopback hosts; use https';
  // Anything else is https, http on loopback, or a native app's private scheme (RFC 8252).
  return undefined;
}

/**
 * The logo URL as MOSIP's `@URL` bean check sees it, held to what a browser can show safely:
 * absolute http(s), no spaces, no fragment. Refused as PMS_COR_001 on `request.logoUri`.
 */
export function logoUriProblem(value: string): string | undefined {
  if (value.length > MAX_URI) return `size must be between 0 and ${MAX_URI}`;
  if (/[\s\u0000-\u001f\u007f]/.test(value) || value.includes('#')) return 'must be a valid URL';
  const url = parseAbsolute(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.host === '' || !/^https?:\/\//i.test(value))
    return 'must be a valid URL';
  return undefined;
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
