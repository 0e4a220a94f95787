import type { AdminPartnerItem, PartnerSearchItem, PartnerTypeItem } from './answers.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import type { Queryable, Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { filterValues, legacySearch, planList, runList, toIso, type FilterValueDto, type SearchDto } from '../platform/search/index.js';
import { isAdmin } from '../platform/auth/access.js';
import { findPartner, findPolicyGroup, lockPartner, requireOwnPartner, type PartnerRow } from './repository.js';
import * as repo from './admin-repository.js';
import type { AdminListQueryT } from './schemas.js';
import { partnerView, partnerViewV2 } from './service.js';

/** MOSIP's publisher of activation events (docs/events.md). */
export const PARTNER_MANAGER_PUBLISHER: Publisher = {
  name: 'PartnerManagementServiceImpl',
  namespace: 'io.mosip.pmp.partner.manager.service.impl.PartnerManagementServiceImpl',
};

/** Called inside the deactivation's transaction when a MISP partner is deactivated (issue 5: its licenses follow). */
export type MispDeactivationHook = (q: Queryable, mispId: string, actor: Actor) => Promise<unknown>;

export function createAdminService(deps: { store: Store; onMispDeactivated?: MispDeactivationHook }) {
  const { store } = deps;

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
        await repo.setPartnerActive(q, partnerId, activate, actor.userId);
        if (!activate && p.partner_type_code.toLowerCase() === 'misp_partner') await deps.onMispDeactivated?.(q, partnerId, actor);
        await enqueueEvent(q, 'PARTNER_UPDATED', PARTNER_MANAGER_PUBLISHER, {
          partnerData: {
            partnerId: p.id,
            partnerName: p.name,
            certificateData: await repo.signedCertOf(q, p.certificate_alias),
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
    const plan = planList(repo.adminPartnerList, query, {
      defaults: { pageNo: 0, pageSize: 8 },
      pairing: true,
      defaultOrder: repo.ADMIN_LIST_ORDER,
    });
    return runList<repo.AdminListRow, AdminPartnerItem>(store, repo.adminPartnerList, plan, {
      select: repo.ADMIN_LIST_COLUMNS,
      where: repo.adminListFilters(query),
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
    const cert = p.certificate_alias ? await repo.certificateDates(store, p.certificate_alias) : undefined;
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
    const rows = await repo.allPartners(store, partnerType);
    if (rows.length === 0) throw PmsError.of('PMS_PMP_013');
    return { partners: rows.map(v2 ? partnerViewV2 : partnerView) };
  }

  async function search(dto: SearchDto & { partnerType: string }, actor: Actor) {
    return legacySearch<PartnerRow, PartnerSearchItem>(store, repo.partnerEntity, dto, {
      select: repo.ALL_COLUMNS,
      where: repo.searchFilters(isAdmin(actor) ? undefined : actor.userId, dto.partnerType),
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
    return legacySearch<repo.PartnerTypeSearchRow, PartnerTypeItem>(store, repo.partnerTypeEntity, dto, {
      select: repo.ALL_COLUMNS,
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

  const values = (dto: FilterValueDto, actor: Actor) =>
    filterValues(store, repo.partnerEntity, dto, {
      code: 'id',
      where: repo.searchFilters(isAdmin(actor) ? undefined : actor.userId, 'all'),
    });

  return { changeStatus, adminList, adminDetails, legacyList, search, typeSearch, filterValues: values };
}

export type AdminService = ReturnType<typeof createAdminService>;
