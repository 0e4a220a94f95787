import { PRIVATE_MEMBERS } from '@pms/rules/oidc';
import { parseJwk, storedKey } from '../../oidc-clients/keys.js';
import { PmsError } from '../../platform/errors/pms-error.js';
import type { SourceRow, TableImport, Verdict } from '../types.js';
import { AUDIT, audit, byId, requireFields, splitList } from './common.js';

/**
 * The stored key, public members only. MOSIP kept whatever JWK the partner sent, private
 * members included; the client is live in eSignet, so it is imported with those members
 * dropped rather than refused (docs/moving-from-mosip.md).
 */
function publicKeyText(raw: unknown): string | { reject: string } {
  let jwk: unknown;
  try {
    jwk = JSON.parse(String(raw));
  } catch {
    return { reject: 'public_key is not JSON' };
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return { reject: 'public_key is not a JWK object' };
  const pub = Object.fromEntries(Object.entries(jwk).filter(([m]) => !(PRIVATE_MEMBERS as readonly string[]).includes(m)));
  try {
    return JSON.stringify(storedKey(parseJwk(pub)));
  } catch (err) {
    if (err instanceof PmsError) return { reject: `public_key refused: ${err.message}` };
    throw err;
  }
}

function mapClient(r: SourceRow): Verdict {
  const status = String(r.status).toUpperCase();
  if (status !== 'ACTIVE' && status !== 'INACTIVE') return { reject: `status ${String(r.status)} is neither ACTIVE nor INACTIVE` };
  const key = publicKeyText(r.public_key);
  if (typeof key !== 'string') return key;
  const redirects = splitList(r.redirect_uris);
  if (redirects.length === 0) return { reject: 'redirect_uris is empty' };
  return {
    row: {
      id: r.id,
      name: r.name,
      rp_id: r.rp_id,
      policy_id: r.policy_id,
      logo_uri: r.logo_uri,
      redirect_uris: redirects,
      claims: splitList(r.claims),
      acr_values: splitList(r.acr_values),
      public_key: key,
      grant_types: splitList(r.grant_types),
      auth_methods: splitList(r.auth_methods),
      status,
      // Registered in eSignet by MOSIP already: nothing is sent to eSignet on import.
      esignet_status: 'REGISTERED',
      ...audit(r),
    },
  };
}

export const oidcClients: TableImport = {
  name: 'oidc_client',
  source: {
    db: 'pms',
    table: 'oidc_client',
    key: ['id'],
    columns: [
      'id',
      'name',
      'rp_id',
      'policy_id',
      'logo_uri',
      'redirect_uris',
      'claims',
      'acr_values',
      'public_key',
      'grant_types',
      'auth_methods',
      'status',
    ],
  },
  target: {
    table: 'oidc_client',
    columns: {
      id: 'text',
      name: 'text',
      rp_id: 'text',
      policy_id: 'text',
      logo_uri: 'text',
      redirect_uris: 'text[]',
      claims: 'text[]',
      acr_values: 'text[]',
      public_key: 'text',
      grant_types: 'text[]',
      auth_methods: 'text[]',
      status: 'text',
      esignet_status: 'text',
      ...AUDIT,
    },
    key: ['id'],
    refs: [
      { column: 'rp_id', table: 'partner', key: 'id', what: 'auth partner' },
      { column: 'policy_id', table: 'auth_policy', key: 'id', what: 'policy' },
    ],
  },
  idOf: byId,
  map: (r) =>
    requireFields(r, ['id', 'name', 'rp_id', 'policy_id', 'logo_uri', 'redirect_uris', 'public_key', 'status'], () => mapClient(r)),
};
