import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

export interface SeedResult {
  groups: string[];
  policies: number;
}

/**
 * Bulk-inserts `count` policies for benchmarks, spread over four active groups (`bench-group-0..3`),
 * with set-based SQL: about a third drafts, a third published, a third deactivated, types
 * alternating Auth / DataShare, creation times one second apart. Idempotent per id.
 */
export async function seedPolicies(store: Store, count: number): Promise<SeedResult> {
  const groups = [0, 1, 2, 3].map((i) => `bench-group-${i}`);
  await store.tx(async (q) => {
    await q.exec(sql`
      insert into policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes)
      select n, n, 'benchmark policy group ' || n, 'bench', true, 'bench', now()
      from unnest(${groups}::text[]) as n
      on conflict do nothing`);
    await q.exec(sql`
      insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema,
        valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes, is_deleted)
      select 'bench-policy-' || i, 'bench-group-' || (i % 4), 'bench policy ' || i, 'benchmark policy number ' || i,
        case when i % 2 = 0
          then '{"authTokenType":"policy","allowedAuthTypes":[{"authType":"otp","authSubType":"","mandatory":false}],"allowedKycAttributes":[{"attributeName":"fullName"}]}'
          else '{"dataSharePolicies":{"typeOfShare":"Data Share","validForInMinutes":"30","transactionsAllowed":"2","encryptionType":"none","shareDomain":"datashare.datashare","source":"ID Repository"},"shareableAttributes":[]}'
        end,
        case when i % 2 = 0 then 'Auth' else 'DataShare' end, '1',
        case when i % 3 = 0 then null else 'https://schemas.mosip.io/v1/auth-policy' end,
        now(), now() + interval '200 years', i % 3 = 1, 'bench',
        timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second', false
      from generate_series(1, ${count}::int) as i
      on conflict do nothing`);
  });
  // Fresh statistics and a visibility map, so the planner picks the indexes and counts can use index-only scans.
  await store.exec(sql`vacuum analyze auth_policy`);
  await store.exec(sql`vacuum analyze policy_group`);
  return { groups, policies: count };
}
