import type { AdminPartnerItem, PartnerSearchItem, PartnerTypeItem } from './answers.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable, Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import {
  containsFilter,
  defineEntity,
  filterValues,
  legacySearch,
  planList,
  runList,
  toIso,
  type FilterValueDto,
  type SearchDto,
} from '../platform/search/index.js';
import { isAdmin } from '../platform/auth/access.js';
import { findPartner, findPolicyGroup, lockPartner, requireOwnPartner, type PartnerRow } from './repository.js';
import type { AdminListQueryT } from './schemas.js';
import { partnerView, partnerViewV2 } from './service.js';

/** MOSIP's publisher of activation events (docs/events.md). */
export const PARTNER_MANAGER_PUBLISHER: Publisher = {
  name: 'PartnerManagementServiceImpl',
  namespace: 'io.mosip.pmp.partner.manager.service.impl.PartnerManagementServiceImpl',
};

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

interface PartnerTypeRow {
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

interface AdminListRow {
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

/** Non-admins see only their own partners in the legacy search and filter values (MOSIP: inert guard). */
const ownOnly = (actor: Actor): Sql[] => (isAdmin(actor) ? [] : [sql`user_id = ${actor.userId}`]);

/** Called inside the deactivation's transaction when a MISP partner is deactivated (issue 5: its licenses follow). */
export type MispDeactivationHook = (q: Queryable, mispId: string, actor: Actor) => Promise<unknown>;

export function createAdminService(deps: { store: Store; onMispDeactivated?: MispDeactivationHook }) {
  const { store } = deps;

  /** Reads inside the caller's transaction: on PGlite a second connection would wait forever. */
  async function signedCertOf(q: Queryable, p: PartnerRow): Promise<string | null> {
    if (!p.certificate_alias) return null;
    const row = await q.one<{ signed_cert_data: string }>(
      sql`select signed_cert_data from partner_cert_store where cert_id = ${p.certificate_alias}`,
    );
    return row?.signed_cert_data ?? null;
  }

  /** `PATCH /partners/{partnerId}` (spec 4.4). Deactivation is final, as in MOSIP. */
  async function changeStatus(partnerId: string, status: string, actor: Actor): Promise<{ message: string }> {
    return store.tx(async (q) => {
      const p = await lockPartner(q, partnerId);
      if (!p) throw PmsError.of('PMS_PMP_005');
      if (p.approval_status === 'approved' && !p.is_active) throw PmsError.of('PMS_PM_063');
      const wanted = status.toLowerCase();
      if (wanted !== 'active' && wanted !== 'de-active') throw PmsError.of('PMS_PM_058');
      const activate = wanted === 'active';
      if (activate && !p.certificate_alias) throw PmsError.variant('certificateNotUploadedCannotActivate');
      if (p.is_active !== activate) {
        await q.exec(sql`update partner set is_active = ${activate}, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${partnerId}`);
        if (!activate && p.partner_type_code.toLowerCase() === 'misp_partner') await deps.onMispDeactivated?.(q, partnerId, actor);
        await enqueueEvent(q, 'PARTNER_UPDATED', PARTNER_MANAGER_PUBLISHER, {
          partnerData: {
            partnerId: p.id,
            partnerName: p.name,
            certificateData: await signedCertOf(q, p),
            partnerStatus: activate ? 'ACTIVE' : 'DEACTIVE',
          },
        });
        await recordAudit(q, actor, {
          action: activate ? 'partner.activate' : 'partner.deactivate',
          entityType: 'partner',
          entityId: partnerId,
          detail: { from: p.is_active, to: activate },
        });
      }
      return { message: activate ? 'Partner activated successfully' : 'Partner de-activated successfully' };
    });
  }

  async function adminList(query: AdminListQueryT) {
    const plan = planList(adminPartnerList, query, {
      defaults: { pageNo: 0, pageSize: 8 },
      pairing: true,
      defaultOrder: sql`p.cr_dtimes desc`,
    });
    let certFilter: Sql | undefined;
    if (query.certificateUploadStatus === 'uploaded') certFilter = sql`p.certificate_alias is not null`;
    else if (query.certificateUploadStatus === 'not_uploaded') certFilter = sql`p.certificate_alias is null`;
    return runList<AdminListRow, AdminPartnerItem>(store, adminPartnerList, plan, {
      select: sql`p.id, p.partner_type_code, p.name, p.policy_group_id, g.name as group_name, p.email_id, p.certificate_alias,
                  p.approval_status, p.is_active, p.cr_dtimes`,
      where: [
        containsFilter(sql`p.id`, query.partnerId),
        containsFilter(sql`p.partner_type_code`, query.partnerType),
        containsFilter(sql`p.name`, query.orgName),
        containsFilter(sql`p.email_id`, query.emailAddress),
        containsFilter(sql`g.name`, query.policyGroupName),
        certFilter,
        query.isActive === undefined ? undefined : sql`p.is_active = ${query.isActive}`,
      ],
      map: (r) => ({
        partnerId: r.id,
        partnerType: r.partner_type_code,
        orgName: r.name,
        policyGroupId: r.policy_group_id,
        policyGroupName: r.group_name,
        emailAddress: r.email_id,
        certificateUploadStatus: r.certificate_alias ? 'uploaded' : 'not_uploaded',
        status: r.approval_status,
        isActive: r.is_active,
        createdDateTime: toIso(r.cr_dtimes),
      }),
    });
  }

  async function adminDetails(partnerId: string, actor: Actor) {
    await requireOwnPartner(store, actor.userId);
    if (partnerId === '') throw PmsError.of('PMS_REQUEST_ERROR_001');
    const p = await findPartner(store, partnerId);
    if (!p) throw PmsError.of('PMS_PRT_005');
    let group: { name: string; descr: string } | undefined;
    if (!['Device_Provider', 'FTM_Provider'].includes(p.partner_type_code)) {
      if (!p.policy_group_id) throw PmsError.of('PMS_POLICY_ERROR_005');
      group = await findPolicyGroup(store, p.policy_group_id);
      if (!group) throw PmsError.of('PMS_POLICY_ERROR_008');
    }
    const cert = p.certificate_alias
      ? await store.one<{ signed_not_before: string; signed_not_after: string }>(
          sql`select signed_not_before, signed_not_after from partner_cert_store where cert_id = ${p.certificate_alias}`,
        )
      : undefined;
    return {
      partnerId: p.id,
      approvalStatus: p.approval_status,
      createdDateTime: toIso(p.cr_dtimes),
      partnerType: p.partner_type_code,
      organizationName: p.name,
      contactNumber: p.contact_no,
      policyGroupName: group?.name ?? null,
      policyGroupDescription: group?.descr ?? null,
      emailId: p.email_id,
      certificateUploadDateTime: cert ? toIso(cert.signed_not_before) : null,
      certificateExpiryDateTime: cert ? toIso(cert.signed_not_after) : null,
      isCertificateAvailable: Boolean(cert),
      isActive: p.is_active,
    };
  }

  /** Deprecated `GET /partners` and `/partners/v2` (service and admin roles only). */
  async function legacyList(partnerType: string | undefined, v2: boolean) {
    const rows = await store.query<PartnerRow>(
      partnerType === undefined
        ? sql`select * from partner order by cr_dtimes, id`
        : sql`select * from partner where partner_type_code = ${partnerType} order by cr_dtimes, id`,
    );
    if (rows.length === 0) throw PmsError.of('PMS_PMP_013');
    return { partners: rows.map(v2 ? partnerViewV2 : partnerView) };
  }

  async function search(dto: SearchDto & { partnerType: string }, actor: Actor) {
    const where = [...ownOnly(actor)];
    if (dto.partnerType.toLowerCase() !== 'all') where.push(sql`partner_type_code = ${dto.partnerType}`);
    return legacySearch<PartnerRow, PartnerSearchItem>(store, partnerEntity, dto, {
      select: sql`*`,
      where,
      map: (r) => ({
        id: r.id,
        address: r.address,
        contactNo: r.contact_no,
        crBy: r.cr_by,
        crDtimes: toIso(r.cr_dtimes),
        delDtimes: toIso(r.del_dtimes),
        emailId: r.email_id,
        isActive: r.is_active,
        isDeleted: r.is_deleted,
        name: r.name,
        policyGroupId: r.policy_group_id,
        certificateAlias: r.certificate_alias,
        partnerTypeCode: r.partner_type_code,
        approvalStatus: r.approval_status,
        updBy: r.upd_by,
        updDtimes: toIso(r.upd_dtimes),
        userId: r.user_id,
        langCode: r.lang_code,
      }),
    });
  }

  async function typeSearch(dto: SearchDto) {
    return legacySearch<Record<string, unknown> & PartnerTypeRow, PartnerTypeItem>(store, partnerTypeEntity, dto, {
      select: sql`*`,
      map: (r) => ({
        code: r.code,
        crBy: r.cr_by,
        crDtimes: toIso(r.cr_dtimes),
        delDtimes: toIso(r.del_dtimes),
        isActive: r.is_active,
        isDeleted: r.is_deleted,
        partnerDescription: r.partner_description,
        updBy: r.upd_by,
        updDtimes: toIso(r.upd_dtimes),
        isPolicyRequired: r.is_policy_required,
      }),
    });
  }

  const values = (dto: FilterValueDto, actor: Actor) => filterValues(store, partnerEntity, dto, { code: 'id', where: ownOnly(actor) });

  return { changeStatus, adminList, adminDetails, legacyList, search, typeSearch, filterValues: values };
}

export type AdminService = ReturnType<typeof createAdminService>;
