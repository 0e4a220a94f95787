import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import { containsFilter, defineEntity } from '../platform/search/index.js';
import type { PartnerRow } from './repository.js';
import type { AdminListQueryT } from './schemas.js';

/** The data access of the admin reads and partner status changes (admin.ts holds no SQL). */

/** `/admin-partners`: its filters and sort aliases (spec 4.3). */
export const adminPartnerList = defineEntity({
  from: sql`partner p left join policy_group g on g.id = p.policy_group_id`,
  key: 'p.id',
  fields: {
    partnerId: { column: 'p.id', type: 'string' },
    partnerType: { column: 'p.partner_type_code', type: 'string' },
    orgName: { column: 'p.name', type: 'string' },
    policyGroupId: { column: 'p.policy_group_id', type: 'string' },
    policyGroupName: { column: 'g.name', type: 'string' },
    emailAddress: { column: 'p.email_id', type: 'string' },
    // MOSIP sorts these two in the opposite direction to the one asked for.
    certificateUploadStatus: { expr: sql`(p.certificate_alias is not null)`, type: 'boolean', invertSort: true },
    status: { column: 'p.approval_status', type: 'string' },
    isActive: { column: 'p.is_active', type: 'boolean', invertSort: true },
    createdDateTime: { column: 'p.cr_dtimes', type: 'timestamp' },
  },
});

/** Legacy `POST /partners/search` and `/partners/filtervalues`: the `Partner` entity's fields. */
export const partnerEntity = defineEntity({
  from: sql`partner`,
  key: 'id',
  deleted: 'is_deleted',
  fields: {
    id: { column: 'id', type: 'string' },
    address: { column: 'address', type: 'string' },
    contactNo: { column: 'contact_no', type: 'string' },
    crBy: { column: 'cr_by', type: 'string' },
    crDtimes: { column: 'cr_dtimes', type: 'timestamp' },
    delDtimes: { column: 'del_dtimes', type: 'timestamp' },
    emailId: { column: 'email_id', type: 'string' },
    isActive: { column: 'is_active', type: 'boolean' },
    isDeleted: { column: 'is_deleted', type: 'boolean' },
    name: { column: 'name', type: 'string' },
    policyGroupId: { column: 'policy_group_id', type: 'string' },
    certificateAlias: { column: 'certificate_alias', type: 'string' },
    partnerTypeCode: { column: 'partner_type_code', type: 'string' },
    approvalStatus: { column: 'approval_status', type: 'string' },
    updBy: { column: 'upd_by', type: 'string' },
    updDtimes: { column: 'upd_dtimes', type: 'timestamp' },
    userId: { column: 'user_id', type: 'string' },
    langCode: { column: 'lang_code', type: 'string' },
    logoUrl: { column: 'logo_url', type: 'string' },
    additionalInfo: { column: 'addl_info', type: 'string' },
  },
});

export const partnerTypeEntity = defineEntity({
  from: sql`partner_type`,
  key: 'code',
  deleted: 'is_deleted',
  fields: {
    code: { column: 'code', type: 'string' },
    crBy: { column: 'cr_by', type: 'string' },
    crDtimes: { column: 'cr_dtimes', type: 'timestamp' },
    delDtimes: { column: 'del_dtimes', type: 'timestamp' },
    isActive: { column: 'is_active', type: 'boolean' },
    isDeleted: { column: 'is_deleted', type: 'boolean' },
    partnerDescription: { column: 'partner_description', type: 'string' },
    updBy: { column: 'upd_by', type: 'string' },
    updDtimes: { column: 'upd_dtimes', type: 'timestamp' },
    isPolicyRequired: { column: 'is_policy_required', type: 'boolean' },
  },
});

export interface PartnerTypeSearchRow extends Record<string, unknown> {
  code: string;
  cr_by: string | null;
  cr_dtimes: string | null;
  del_dtimes: string | null;
  is_active: boolean | null;
  is_deleted: boolean | null;
  partner_description: string | null;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_policy_required: boolean | null;
}

export interface AdminListRow {
  id: string;
  partner_type_code: string;
  name: string;
  policy_group_id: string | null;
  group_name: string | null;
  email_id: string | null;
  certificate_alias: string | null;
  approval_status: string;
  is_active: boolean;
  cr_dtimes: string;
}

export const ALL_COLUMNS = sql`*`;
export const ADMIN_LIST_ORDER = sql`p.cr_dtimes desc`;
export const ADMIN_LIST_COLUMNS = sql`p.id, p.partner_type_code, p.name, p.policy_group_id, g.name as group_name, p.email_id,
  p.certificate_alias, p.approval_status, p.is_active, p.cr_dtimes`;

/** The admin list's filters, as conditions (undefined: not asked for). */
export function adminListFilters(query: AdminListQueryT): (Sql | undefined)[] {
  let certFilter: Sql | undefined;
  if (query.certificateUploadStatus === 'uploaded') certFilter = sql`p.certificate_alias is not null`;
  else if (query.certificateUploadStatus === 'not_uploaded') certFilter = sql`p.certificate_alias is null`;
  return [
    containsFilter(sql`p.id`, query.partnerId),
    containsFilter(sql`p.partner_type_code`, query.partnerType),
    containsFilter(sql`p.name`, query.orgName),
    containsFilter(sql`p.email_id`, query.emailAddress),
    containsFilter(sql`g.name`, query.policyGroupName),
    certFilter,
    query.isActive === undefined ? undefined : sql`p.is_active = ${query.isActive}`,
  ];
}

/**
 * The legacy search's and filter values' scope: a non-admin (`ownerId`) sees only their own
 * partners (MOSIP's guard is inert); `partnerType` other than "all" narrows to that type.
 */
export function searchFilters(ownerId: string | undefined, partnerType: string): Sql[] {
  const where: Sql[] = [];
  if (ownerId !== undefined) where.push(sql`user_id = ${ownerId}`);
  if (partnerType.toLowerCase() !== 'all') where.push(sql`partner_type_code = ${partnerType}`);
  return where;
}

/** Reads inside the caller's transaction: on PGlite a second connection would wait forever. */
export async function signedCertOf(q: Queryable, alias: string | null): Promise<string | null> {
  if (!alias) return null;
  const row = await q.one<{ signed_cert_data: string }>(sql`select signed_cert_data from partner_cert_store where cert_id = ${alias}`);
  return row?.signed_cert_data ?? null;
}

export const setPartnerActive = (q: Queryable, partnerId: string, active: boolean, userId: string) =>
  q.exec(sql`update partner set is_active = ${active}, upd_by = ${userId}, upd_dtimes = now() where id = ${partnerId}`);

export const certificateDates = (q: Queryable, alias: string) =>
  q.one<{ signed_not_before: string; signed_not_after: string }>(
    sql`select signed_not_before, signed_not_after from partner_cert_store where cert_id = ${alias}`,
  );

/** Deprecated `GET /partners` (and `/v2`): every partner, or those of one type. */
export const allPartners = (q: Queryable, partnerType: string | undefined) =>
  q.query<PartnerRow>(
    partnerType === undefined
      ? sql`select * from partner order by cr_dtimes, id`
      : sql`select * from partner where partner_type_code = ${partnerType} order by cr_dtimes, id`,
  );
