import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

/**
 * Benchmark data, set-based (generate_series). Two scenarios:
 *
 * - `seedPendingPolicyRequests(store, n)`: n active Auth partners `bench-req-partner-<i>` with a
 *   pending request `bench-req-<i>` for policy `bench-req-policy`. Load: admin (PARTNER_ADMIN)
 *   `PUT /v1/partnermanager/partners/policy/bench-req-<i>` with `{request: {status: "approved"}}`,
 *   one i per request (a request is decided once).
 * - `seedApprovedRequests(store, n)`: n active Auth partners `bench-key-partner-<i>`, all owned by
 *   user `bench-key-user`, each with an approved request for policy `bench-key-policy`. Load: that
 *   user (AUTH_PARTNER) `PATCH /v1/partnermanager/partners/bench-key-partner-<i % n>/generate/apikey`
 *   with `{request: {policyName: "bench-key-policy", label: "<unique per request>"}}`.
 */
async function benchPolicy(store: Store, prefix: string): Promise<void> {
  await store.exec(sql`insert into policy_group (id, name, descr, user_id, is_active, cr_by)
    values (${`${prefix}-group`}, ${`${prefix}-group`}, 'benchmark group', 'bench', true, 'bench') on conflict do nothing`);
  await store.exec(sql`insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema,
      valid_from_date, valid_to_date, is_active, cr_by)
    values (${`${prefix}-policy`}, ${`${prefix}-group`}, ${`${prefix}-policy`}, 'benchmark policy',
      '{"authTokenType":"policy","allowedAuthTypes":[],"allowedKycAttributes":[{"attributeName":"fullName"}]}', 'Auth', '1.0',
      'https://schemas.mosip.io/v1/auth-policy', now(), now() + interval '3650 days', true, 'bench') on conflict do nothing`);
}

async function benchPartners(store: Store, prefix: string, count: number, userOf: 'own' | 'shared'): Promise<void> {
  await store.exec(sql`
    insert into partner (id, policy_group_id, name, user_id, partner_type_code, approval_status, is_active, cr_by)
    select ${`${prefix}-partner-`} || g, ${`${prefix}-group`}, 'Bench Org ' || g,
           ${userOf === 'own' ? sql`${`${prefix}-user-`} || g` : sql`${`${prefix}-user`}::text`}, 'Auth_Partner', 'approved', true, 'bench'
    from generate_series(1, ${count}::int) g on conflict (id) do nothing`);
}

export async function seedPendingPolicyRequests(store: Store, count: number): Promise<void> {
  await benchPolicy(store, 'bench-req');
  await benchPartners(store, 'bench-req', count, 'own');
  await store.exec(sql`
    insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, cr_dtimes, is_deleted)
    select 'bench-req-' || g, 'bench-req-partner-' || g, 'bench-req-policy', now(), 'benchmark', 'InProgress', 'bench',
           now() - (g || ' seconds')::interval, false
    from generate_series(1, ${count}::int) g on conflict do nothing`);
}

export async function seedApprovedRequests(store: Store, count: number): Promise<void> {
  await benchPolicy(store, 'bench-key');
  await benchPartners(store, 'bench-key', count, 'shared');
  await store.exec(sql`
    insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, is_deleted)
    select 'bench-key-req-' || g, 'bench-key-partner-' || g, 'bench-key-policy', now(), 'benchmark', 'approved', 'bench', false
    from generate_series(1, ${count}::int) g on conflict do nothing`);
}
