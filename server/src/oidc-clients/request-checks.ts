import { logoUriProblem } from '@pms/rules/oidc';
import { PmsError } from '../platform/errors/pms-error.js';
import type { OidcSettings } from './settings.js';
import type { CreateBody } from './schemas.js';

/** MOSIP's form of a bean-validation failure, for the checks a schema cannot express. */
export const invalidField = (message: string, field: string) => PmsError.of('PMS_COR_001', message, field);

/** Ids this service can ever hold (base64url, at most eSignet's 100); others are not found. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Every OIDC route answers PMS_FEATURE_002 while the feature is off, after its shape checks. */
export function featureGuard(settings: Pick<OidcSettings, 'available'>): () => void {
  return () => {
    if (!settings.available) throw PmsError.of('PMS_FEATURE_002');
  };
}

// ---- checks before anything is read ---------------------------------------------------------

export function checkLogo(logoUri: string): void {
  const problem = logoUriProblem(logoUri);
  if (problem) throw invalidField(problem, 'request.logoUri');
}

export function checkLangMapShape(map: Record<string, string> | undefined): void {
  if (map === undefined) return;
  const entries = Object.entries(map);
  if (entries.length === 0) throw invalidField('must not be empty', 'request.clientNameLangMap');
  for (const [lang, name] of entries) {
    if (lang.length !== 3) throw invalidField('size must be between 3 and 3', `request.clientNameLangMap<K>[${lang}]`);
    if (name.trim() === '') throw invalidField('must not be blank', `request.clientNameLangMap[${lang}]`);
  }
}

export function checkCreateShape(body: CreateBody): void {
  if (Object.keys(body.publicKey).length === 0) throw invalidField('must not be empty', 'request.publicKey');
  checkLogo(body.logoUri);
  checkLangMapShape(body.clientNameLangMap);
}
