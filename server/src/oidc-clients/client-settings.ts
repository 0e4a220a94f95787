import {
  additionalConfigProblem,
  crossFieldProblem,
  type AdditionalConfig,
  type SecurityFields,
  type SettingProblem,
} from '@pms/rules/oidc';
import type { EsignetApiLevel } from '../platform/config.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { checkUsableByEsignet, MAX_KEY_TEXT, parseJwk, storedKey } from './keys.js';

/**
 * The server's side of eSignet's per-client settings: the shared rules (@pms/rules/oidc) turned
 * into errors, the encryption key held to the signing key's rules, and what the configured
 * eSignet can take (PMS_ESIGNET_CLIENT_API).
 */

export function settingError(p: SettingProblem): PmsError {
  if (p.code === 'PMS_OIDC_008') return PmsError.of('PMS_OIDC_008', p.field, p.reason);
  return PmsError.of(p.code, `${p.field}: ${p.code} (${p.reason})`);
}

/** eSignet's schema for `additionalConfig`; answers it typed once it passed. */
export function checkAdditionalConfig(value: Record<string, unknown> | null | undefined): AdditionalConfig | null {
  const problem = additionalConfigProblem(value);
  if (problem) throw settingError(problem);
  return (value ?? null) as AdditionalConfig | null;
}

/**
 * The userinfo encryption key, parsed and checked exactly as the signing key is (private
 * members, RSA size, curve, eSignet's column size); any refusal names `encPublicKey`.
 * Answers the key text PMS stores and forwards.
 */
export function encKeyText(input: Record<string, unknown> | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  let text: string;
  try {
    if (Object.keys(input).length === 0) throw new Error('must not be empty');
    const jwk = parseJwk(input);
    checkUsableByEsignet(jwk);
    text = JSON.stringify(storedKey(jwk));
  } catch (err) {
    throw PmsError.of('invalid_public_key', `request.encPublicKey: invalid_public_key (${(err as Error).message})`);
  }
  if (text.length > MAX_KEY_TEXT)
    throw PmsError.of('invalid_public_key', `request.encPublicKey: invalid_public_key (longer than eSignet's ${MAX_KEY_TEXT} characters)`);
  return text;
}

export function checkCrossFields(f: SecurityFields): void {
  const problem = crossFieldProblem(f);
  if (problem) throw settingError(problem);
}

/**
 * Settings eSignet's schema gained after its client API v3 (1.6): an eSignet at v3 refuses them
 * as unknown keys. PAR and DPoP came in 1.7, which still has no PATCH, so v3 cannot tell 1.6 from
 * 1.7 and lets them through (a 1.6 answers `invalid_additional_config`); PKCE came with PATCH in
 * 1.8, so an eSignet that takes it is configured as `patch`. See docs/esignet-client-settings.md.
 */
const NEEDS_PATCH_LEVEL = ['require_pkce'];

/** Refuses what the configured eSignet's client API cannot carry, before anything is written. */
export function checkEsignetCanTake(level: EsignetApiLevel, settings: { config: object | null; encKey: boolean }): void {
  if (level === 'v2' && settings.config) throw PmsError.of('PMS_OIDC_007', level, 'additionalConfig', '1.6 (client API v3)');
  if (level === 'patch') return;
  if (settings.encKey) throw PmsError.of('PMS_OIDC_007', level, 'encPublicKey', '1.8 (PATCH /client)');
  const newer = NEEDS_PATCH_LEVEL.find((key) => settings.config && key in settings.config);
  if (newer) throw PmsError.of('PMS_OIDC_007', level, newer, '1.8 (PATCH /client)');
}

export const parseStoredKey = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

/** JSON text with object keys sorted: jsonb hands objects back in its own key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
