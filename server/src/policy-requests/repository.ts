import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import type { PartnerRow } from '../partners/index.js';
import { findPartnerCert } from '../trust/index.js';

/** `partner_policy_request` as stored. */
export interface RequestRow {
  id: string;
  part_id: string;
  policy_id: string;
  request_datetimes: string;
  request_detail: string;
  status_code: string;
  admin_comment: string | null;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean;
  del_dtimes: string | null;
}

/** A policy with the state of its group, as the request and key checks need it. */
export interface PolicyStateRow {
  id: string;
  name: string;
  policy_group_id: string | null;
  is_active: boolean;
  expired: boolean;
  group_active: boolean | null;
}

const POLICY_STATE = sql`select a.id, a.name, a.policy_group_id, a.is_active, a.valid_to_date < now() as expired, g.is_active as group_active
  from auth_policy a left join policy_group g on g.id = a.policy_group_id`;

export const policyState = (q: Queryable, policyId: string) => q.one<PolicyStateRow>(sql`${POLICY_STATE} where a.id = ${policyId}`);

export const policyInGroupByName = (q: Queryable, groupId: string | null, name: string) =>
  groupId === null
    ? Promise.resolve(undefined)
    : q.one<PolicyStateRow>(sql`${POLICY_STATE} where a.policy_group_id = ${groupId} and a.name = ${name}`);

export const policyInGroupById = (q: Queryable, groupId: string | null, policyId: string) =>
  groupId === null
    ? Promise.resolve(undefined)
    : q.one<PolicyStateRow>(sql`${POLICY_STATE} where a.policy_group_id = ${groupId} and a.id = ${policyId}`);

export const activePolicyNamed = async (q: Queryable, name: string) =>
  (await q.one(sql`select 1 from auth_policy where name = ${name} and is_active and not coalesce(is_deleted, false) limit 1`)) !==
  undefined;

export const findRequest = (q: Queryable, id: string) => q.one<RequestRow>(sql`select * from partner_policy_request where id = ${id}`);

export const requestsOf = (q: Queryable, partnerId: string, policyId?: string) =>
  q.query<RequestRow>(sql`select * from partner_policy_request where part_id = ${partnerId}
    ${policyId === undefined ? sql.empty : sql`and policy_id = ${policyId}`} order by cr_dtimes, id`);

export const hasApprovedRequest = async (q: Queryable, partnerId: string, policyId: string) =>
  (await q.one(
    sql`select 1 from partner_policy_request where part_id = ${partnerId} and policy_id = ${policyId} and lower(status_code) = 'approved' limit 1`,
  )) !== undefined;

export const isApproved = (status: string) => status.toLowerCase() === 'approved';
export const isRejected = (status: string) => status.toLowerCase() === 'rejected';

/**
 * The partner's certificate as consumers receive it (docs/events.md, `certificateData`): the copy
 * this service re-signed at upload. Read inside the caller's transaction (PGlite has one
 * connection: a read outside it would wait for the transaction forever).
 */
export async function signedCertificateOf(q: Queryable, partner: Pick<PartnerRow, 'certificate_alias'>): Promise<string | null> {
  if (!partner.certificate_alias) return null;
  return (await findPartnerCert(q, partner.certificate_alias))?.signed_cert_data ?? null;
}

/** `partnerData` of MOSIP's events (docs/events.md). */
export async function partnerData(q: Queryable, partner: PartnerRow) {
  return {
    partnerId: partner.id,
    partnerName: partner.name,
    certificateData: await signedCertificateOf(q, partner),
    partnerStatus: partner.is_active ? 'ACTIVE' : 'DEACTIVE',
  };
}

/** Derived partner status of the revamp lists (spec 2.8). */
export const partnerStatusSql = sql`case when p.approval_status = 'approved' and p.is_active then 'activated'
  when p.approval_status = 'approved' then 'deactivated' else p.approval_status end`;
