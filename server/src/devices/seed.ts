import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

/**
 * Benchmark data, set-based (generate_series): `count` devices over one Device_Provider
 * partner per 1,000 devices (`bench-dp-<n>`, owned by user `bench-dp-user-<n>`), two SBIs per
 * provider (`bench-sbi-<n>-1|2`, approved, valid ten years), every device mapped to one of its
 * provider's SBIs. Devices rotate through the seeded types/sub-types; a tenth are pending, a
 * twentieth rejected, the rest approved (one in fifty of those deactivated). Ids are
 * `bench-device-<n>`; rerunning adds nothing that exists.
 */
export async function seedDevices(store: Store, count: number): Promise<void> {
  const providers = Math.max(1, Math.ceil(count / 1000));
  await store.tx(async (q) => {
    await q.exec(sql`
      insert into partner (id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active, lang_code, cr_by)
      select 'bench-dp-' || g, 'Device Org ' || g, 'Address ' || g, '8' || lpad(g::text, 9, '0'), 'bench-dp-' || g || '@example.org',
             'bench-dp-user-' || g, 'Device_Provider', 'approved', true, 'eng', 'bench'
      from generate_series(1, ${providers}::int) g
      on conflict (id) do nothing`);
    await q.exec(sql`
      insert into partner_email_claim (email_id, partner_id)
      select email_id, id from partner where id like 'bench-dp-%' on conflict do nothing`);
    await q.exec(sql`
      insert into secure_biometric_interface (id, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active,
        provider_id, partner_org_name, cr_by)
      select 'bench-sbi-' || g || '-' || v, convert_to('hash-' || g || '-' || v, 'UTF8'), 'v' || v || '.0', now() - interval '30 days',
             now() + interval '10 years', 'approved', true, 'bench-dp-' || g, 'Device Org ' || g, 'bench'
      from generate_series(1, ${providers}::int) g cross join generate_series(1, 2) v
      on conflict (id) do nothing`);
    await q.exec(sql`
      with types as (select code, dtyp_code, row_number() over (order by dtyp_code, code) - 1 as i, count(*) over () as n from reg_device_sub_type)
      insert into device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, approval_status, is_active, cr_by, cr_dtimes)
      select 'bench-device-' || g, 'bench-dp-' || (1 + g % ${providers}::int), t.dtyp_code, t.code, 'Make ' || g, 'Model ' || g,
             'Device Org ' || (1 + g % ${providers}::int),
             case when g % 10 = 0 then 'pending_approval' when g % 20 = 5 then 'rejected' else 'approved' end,
             g % 10 <> 0 and g % 20 <> 5 and g % 50 <> 1, 'bench', now() - (g || ' seconds')::interval
      from generate_series(1, ${count}::int) g join types t on t.i = g % t.n
      on conflict (id) do nothing`);
    await q.exec(sql`
      insert into device_detail_sbi (device_detail_id, sbi_id, dprovider_id, partner_org_name, is_active, cr_by)
      select d.id, 'bench-sbi-' || substr(d.dprovider_id, 10) || '-' || (1 + (substr(d.id, 14)::int % 2)), d.dprovider_id, d.partner_org_name,
             d.approval_status <> 'pending_approval', 'bench'
      from device_detail d where d.id like 'bench-device-%'
      on conflict do nothing`);
  });
  // Fresh statistics and visibility map, as autovacuum would leave them: counts read the index alone.
  await store.exec(sql`vacuum analyze device_detail`);
  await store.exec(sql`vacuum analyze device_detail_sbi`);
}
