import { PmsError } from '../platform/errors/pms-error.js';
import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';

export interface PartnerRow {
  id: string;
  policy_group_id: string | null;
  name: string;
  address: string | null;
  contact_no: string | null;
  email_id: string | null;
  certificate_alias: string | null;
  user_id: string;
  partner_type_code: string;
  approval_status: string;
  is_active: boolean;
  lang_code: string | null;
  logo_url: string | null;
  addl_info: string | null;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean;
  del_dtimes: string | null;
}

export interface PartnerTypeRow {
  code: string;
  partner_description: string;
  is_policy_required: boolean;
  is_active: boolean;
}

export interface PolicyGroupRow {
  id: string;
  name: string;
  descr: string;
  is_active: boolean;
}

export const findPartner = (q: Queryable, id: string): Promise<PartnerRow | undefined> =>
  q.one<PartnerRow>(sql`select * from partner where id = ${id}`);

/** Locks the row for the rest of the transaction, so concurrent state changes serialise. */
export const lockPartner = (q: Queryable, id: string): Promise<PartnerRow | undefined> =>
  q.one<PartnerRow>(sql`select * from partner where id = ${id} for update`);

/**
 * Several revamp reads first require the caller to own at least one partner, whatever their
 * role (admins included): PMS_CERTIFICATE_ERROR_002 otherwise (docs/mosip-compatibility.md).
 */
export async function requireOwnPartner(q: Queryable, userId: string): Promise<PartnerRow[]> {
  const mine = await partnersOfUser(q, userId);
  if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
  return mine;
}

export const partnersOfUser = (q: Queryable, userId: string): Promise<PartnerRow[]> =>
  q.query<PartnerRow>(sql`select * from partner where user_id = ${userId} order by cr_dtimes, id`);

export const findPartnerType = (q: Queryable, code: string): Promise<PartnerTypeRow | undefined> =>
  q.one<PartnerTypeRow>(
    sql`select code, partner_description, is_policy_required, is_active from partner_type where lower(code) = lower(${code}) order by code limit 1`,
  );

export const findPolicyGroup = (q: Queryable, id: string): Promise<PolicyGroupRow | undefined> =>
  q.one<PolicyGroupRow>(sql`select id, name, descr, is_active from policy_group where id = ${id}`);

export const findPolicyGroupByName = (q: Queryable, name: string): Promise<PolicyGroupRow | undefined> =>
  q.one<PolicyGroupRow>(sql`select id, name, descr, is_active from policy_group where name = ${name}`);

/** A `partner_h` snapshot of the row as it now stands (registration and profile updates). */
export async function writeHistory(q: Queryable, partnerId: string, id: string): Promise<void> {
  await q.exec(sql`
    insert into partner_h (id, eff_dtimes, partner_id, policy_group_id, name, address, contact_no, email_id, certificate_alias,
      user_id, partner_type_code, approval_status, is_active, lang_code, logo_url, addl_info, cr_by, cr_dtimes, upd_by, upd_dtimes,
      is_deleted, del_dtimes)
    select ${id}, clock_timestamp(), id, policy_group_id, name, address, contact_no, email_id, certificate_alias,
      user_id, partner_type_code, approval_status, is_active, lang_code, logo_url, addl_info, cr_by, cr_dtimes, upd_by, upd_dtimes,
      is_deleted, del_dtimes
    from partner where id = ${partnerId}`);
}
