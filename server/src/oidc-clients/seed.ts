import { createECDH } from 'node:crypto';
import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

/**
 * Benchmark data for the OIDC client endpoints, set-based (generate_series):
 * - policy group `bench-oidc-group` and Auth policy `bench-oidc-policy` (the spec's sample
 *   policy: 7 claims, 3 ACRs);
 * - 100 active Auth partners `bench-oidc-partner-<n>` owned by `bench-oidc-user-<n>`, each with
 *   an approved request for the policy and a certificate alias;
 * - `count` clients spread over those partners, ids in the real 43-character format.
 * Creating clients through the API also needs the partner's certificate row: the bench should
 * create for a partner it set up with a certificate (see the report), or use `benchPartnerWithCert`.
 */
export const BENCH_POLICY_ID = 'bench-oidc-policy';
export const BENCH_GROUP_ID = 'bench-oidc-group';
export const BENCH_PARTNERS = 100;

const SAMPLE_POLICY = JSON.stringify({
  authTokenType: 'policy',
  allowedKycAttributes: ['fullName', 'gender', 'phone', 'email', 'dateOfBirth', 'city', 'face', 'addressLine1'].map((attributeName) => ({
    attributeName,
  })),
  allowedAuthTypes: [
    ['bio', 'IRIS'],
    ['bio', 'FINGER'],
    ['otp', ''],
    ['bio', 'FACE'],
    ['otp-request', ''],
    ['kycauth', ''],
    ['kycexchange', ''],
    ['wla', ''],
  ].map(([authType, authSubType]) => ({ authType, authSubType, mandatory: false })),
  kycLanguages: ['eng'],
});

export async function seedOidcClients(store: Store, count: number): Promise<void> {
  await store.exec(sql`
    insert into policy_group (id, name, descr, user_id, is_active, cr_by)
    values (${BENCH_GROUP_ID}, ${BENCH_GROUP_ID}, 'OIDC benchmark group', 'bench', true, 'bench') on conflict do nothing`);
  await store.exec(sql`
    insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema,
                             valid_from_date, valid_to_date, is_active, cr_by)
    values (${BENCH_POLICY_ID}, ${BENCH_GROUP_ID}, 'OIDC benchmark policy', 'sample auth policy', ${SAMPLE_POLICY}, 'Auth', '1.0',
            'https://schemas.mosip.io/v1/auth-policy', now(), now() + interval '5 years', true, 'bench')
    on conflict do nothing`);
  await store.exec(sql`
    insert into partner (id, policy_group_id, name, email_id, certificate_alias, user_id, partner_type_code, approval_status, is_active, cr_by)
    select 'bench-oidc-partner-' || g, ${BENCH_GROUP_ID}, 'OIDC Org ' || g, 'bench-oidc-' || g || '@example.org',
           'bench-oidc-cert-' || g, 'bench-oidc-user-' || g, 'Auth_Partner', 'approved', true, 'bench'
    from generate_series(1, ${BENCH_PARTNERS}::int) g on conflict do nothing`);
  await store.exec(sql`
    insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by)
    select 'bench-oidc-ppr-' || g, 'bench-oidc-partner-' || g, ${BENCH_POLICY_ID}, now(), 'bench', 'approved', 'bench'
    from generate_series(1, ${BENCH_PARTNERS}::int) g on conflict do nothing`);
  await store.exec(sql`
    insert into oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key,
                             grant_types, auth_methods, status, esignet_status, cr_by, cr_dtimes)
    select translate(rtrim(encode(sha256(('bench-oidc-client-' || g)::bytea), 'base64'), '='), '+/', '-_'),
           '{"@none":"Bench client ' || g || '","eng":"Bench client ' || g || '"}',
           'bench-oidc-partner-' || (1 + g % ${BENCH_PARTNERS}::int), ${BENCH_POLICY_ID},
           'https://bench.example.org/logo.png', array['https://bench.example.org/cb/' || g],
           array['name','gender','email','birthdate','picture','phone_number','address'],
           array['mosip:idp:acr:generated-code','mosip:idp:acr:linked-wallet','mosip:idp:acr:biometrics'],
           '{"kty":"EC","crv":"P-256","x":"bench","y":"' || g || '"}',
           array['authorization_code'], array['private_key_jwt'],
           case when g % 10 = 0 then 'INACTIVE' else 'ACTIVE' end, 'REGISTERED', 'bench', now() - (g || ' seconds')::interval
    from generate_series(1, ${count}::int) g on conflict do nothing`);
}

/**
 * `n` distinct EC P-256 public JWKs for create requests (one client id each). EC keys are made
 * in microseconds; RSA-2048 would take the bench minutes.
 *
 * Made with ECDH rather than `generateKeyPairSync(…).publicKey.export({ format: 'jwk' })`: under
 * Node 20 that export holds the key's mutex while it allocates the JWK's strings, and a garbage
 * collection at that moment may destroy the finished key-generation job, whose destructor takes
 * the same mutex. The main thread then waits on itself for ever: this was the bench's hang
 * (gdb on a stalled bench: `KeyObjectHandle::ExportJWK` → GC → `~KeyGenJob` → `uv_mutex_lock`;
 * docs/startup.md "The bench's hang"). ECDH returns the public point as bytes, with no key
 * object, job or mutex.
 */
export function prepareDistinctKeys(n: number): Record<string, string>[] {
  const keys: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const point = createECDH('prime256v1').generateKeys(); // 0x04 ‖ x (32 bytes) ‖ y (32 bytes)
    const x = point.subarray(1, 33).toString('base64url');
    const y = point.subarray(33, 65).toString('base64url');
    keys.push({ kty: 'EC', crv: 'P-256', x, y, use: 'sig', alg: 'ES256' });
  }
  return keys;
}
