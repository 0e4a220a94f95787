/**
 * The OIDC client field rules are the server's own functions (server/src/oidc-clients/rules.ts
 * is free of Node APIs, so the portal bundles it): a redirect or logo URI the form accepts is
 * one the server accepts, and the reason shown is the server's wording.
 */
export { logoUriProblem, redirectUriProblem } from '../../../server/src/oidc-clients/rules.js';
/** The stored v2 name (`{"@none":…, "eng":…}`) read back as a name and its languages, as the server does. */
export { splitStoredName } from '../../../server/src/oidc-clients/names.js';

/** JWK members that make a key private: refused before anything is sent (the server refuses them too). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** Why a pasted JWK cannot be a public key, as a message key, or undefined when it may be sent. */
export function jwkProblem(text: string): { key: string; value?: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { key: 'oidc.jwkNotJson' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { key: 'oidc.jwkNotObject' };
  const jwk = value as Record<string, unknown>;
  if (typeof jwk.kty !== 'string') return { key: 'oidc.jwkNoKty' };
  if (PRIVATE_MEMBERS.some((m) => m in jwk)) return { key: 'oidc.jwkPrivate' };
  return { key: '', value: jwk };
}

/**
 * eSignet's per-client settings: the server's schema check and cross-field rules themselves
 * (server/src/oidc-clients/security.ts, free of Node APIs), so the form refuses exactly what
 * create and update refuse, with the same reason.
 */
export {
  additionalConfigProblem,
  crossFieldProblem,
  effectiveSettings,
  MIN_CONSENT_MINUTES,
  PURPOSE_TYPES,
  type AdditionalConfig,
  type Purpose,
  type SettingProblem,
} from '../../../server/src/oidc-clients/security.js';
