import { PRIVATE_MEMBERS } from '@pms/rules/oidc';

/**
 * Why a pasted JWK cannot be a public key, as a message key, or undefined when it may be sent.
 * The server parses the key fully; the form catches what a person can fix in the text at once.
 */
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
