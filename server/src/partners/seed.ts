import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

/**
 * Benchmark data: `count` partners in one set-based statement (generate_series), spread over
 * the seed partner types, a tenth with a certificate alias, a fifth deactivated. Ids are
 * `bench-partner-<n>`, owned by user `bench-user-<n % 1000>`. Policy-required types get the
 * first active policy group when one exists.
 */
export async function seedPartners(store: Store, count: number): Promise<void> {
  await store.exec(sql`
    with types as (select code, row_number() over (order by code) - 1 as i, count(*) over () as n from partner_type where is_active),
         grp as (select id from policy_group where is_active order by id limit 1)
    insert into partner (id, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code,
                         approval_status, is_active, lang_code, addl_info, cr_by, cr_dtimes)
    select 'bench-partner-' || g,
           case when t.code in (select code from partner_type where is_policy_required) then (select id from grp) end,
           'Organisation ' || g, 'Address ' || g, '9' || lpad((g % 1000000000)::text, 9, '0'),
           'bench-partner-' || g || '@example.org',
           case when g % 10 = 0 then 'bench-cert-' || g end,
           'bench-user-' || (g % 1000), t.code,
           case when g % 10 = 0 or g % 5 = 0 then 'approved' else 'InProgress' end,
           g % 10 = 0, 'eng', '[]', 'bench', now() - (g || ' seconds')::interval
    from generate_series(1, ${count}::int) as g
    join types t on t.i = g % t.n
    on conflict (id) do nothing`);
  await store.exec(sql`
    insert into partner_email_claim (email_id, partner_id)
    select email_id, id from partner where id like 'bench-partner-%' on conflict do nothing`);
}
