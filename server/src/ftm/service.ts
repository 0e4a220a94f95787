import { recordAudit, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { mosipNow } from '../platform/http/envelope.js';
import { newId } from '../platform/ids.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { containsFilter, legacySearch, planList, runList, toIso, type SearchDto } from '../platform/search/index.js';
import { checkV2Envelope } from '../platform/http/v2-request.js';
import type { V2Envelope } from '../platform/http/v2-request.js';
import { findPartner, partnersOfUser } from '../partners/index.js';
import { originalAndResigned, type TrustService } from '../trust/index.js';
import {
  APPROVED,
  DEACTIVATE,
  PENDING,
  PENDING_CERT_UPLOAD,
  REJECTED,
  callerPartners,
  checkCanChange,
  checkOwnedAndActive,
  checkProviderChange,
  derivedStatusOf,
  normalise,
  ownedBy,
} from '../devices/index.js';
import * as repo from './repository.js';
import type {
  AdminChip,
  ChipCertificate,
  ChipCertUpload,
  ChipCreate,
  ChipListQuery,
  ChipSearchItem,
  ChipStatus,
  ChipUpdate,
  MyChip,
  UploadAnswer,
} from './schemas.js';

export const FTM_API = {
  deactivate: 'mosip.pms.deactivate.ftm.patch',
  certificateData: 'mosip.pms.original.ftm.certificate.get',
  adminList: 'mosip.pms.partners.ftm.chip.details.get',
  mine: 'mosip.pms.ftm.chip.details.get',
} as const;

/** MOSIP's publisher of chip certificate events (docs/events.md): the partner service's name, the chip service's namespace. */
export const FTM_PUBLISHER: Publisher = {
  name: 'PartnerServiceImpl',
  namespace: 'io.mosip.pms.device.authdevice.service.impl.FTPChipDetailServiceImpl',
};

const ENTITY = 'ftp_chip_detail';
const CHAIN_PATH = '/v1/partnermanager/ftpchipdetail/certificate-chains';

const dup = (err: unknown) => isUniqueViolation(err, 'uk_ftp_chip_live');

async function withDuplicates<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (dup(err)) throw PmsError.of('PMP_AUT_032');
    throw err;
  }
}

const expired = (at: unknown, now: number) => new Date(toIso(at) ?? 0).getTime() < now;

interface ChipListRow {
  id: string;
  foundational_trust_provider_id: string;
  partner_org_name: string | null;
  make: string;
  model: string;
  status: string;
  is_active: boolean;
  has_cert: boolean;
  cr_dtimes: string;
}

export function createFtmService(deps: { store: Store; trust: TrustService; publicUrl: string }) {
  const { store, trust } = deps;

  async function activeProvider(q: Queryable, providerId: string, actor: Actor) {
    const partner = await findPartner(q, providerId);
    if (!partner || !partner.is_active || partner.is_deleted) throw PmsError.of('PMP_AUT_030');
    checkCanChange(actor, partner);
    return partner;
  }

  async function ownedChip(q: Queryable, id: string, actor: Actor, lock = false) {
    const chip = await repo.findChip(q, id, lock);
    if (!chip) throw PmsError.of('PMP_AUT_031');
    await checkProviderChange(q, actor, chip.foundational_trust_provider_id);
    return chip;
  }

  function create(input: ChipCreate, actor: Actor) {
    return withDuplicates(() =>
      store.tx(async (q) => {
        const partner = await activeProvider(q, input.ftpProviderId, actor);
        const make = normalise(input.make);
        const model = normalise(input.model);
        if (await repo.liveDuplicate(q, partner.id, make, model)) throw PmsError.of('PMP_AUT_032');
        const id = newId();
        await repo.insertChip(q, { id, providerId: partner.id, make, model, orgName: partner.name }, actor.userId);
        await recordAudit(q, actor, {
          action: 'ftm-chip.create',
          entityType: ENTITY,
          entityId: id,
          detail: { providerId: partner.id, make, model },
        });
        return { id };
      }),
    );
  }

  function update(input: ChipUpdate, actor: Actor) {
    return withDuplicates(() =>
      store.tx(async (q) => {
        const chip = await ownedChip(q, input.ftpChipDetailId, actor, true);
        const make = normalise(input.make);
        const model = normalise(input.model);
        const other = await repo.liveDuplicate(q, chip.foundational_trust_provider_id, make, model);
        if (other && other.id !== chip.id) throw PmsError.of('PMP_AUT_032');
        await q.exec(
          sql`update ftp_chip_detail set make = ${make}, model = ${model}, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${chip.id}`,
        );
        await recordAudit(q, actor, { action: 'ftm-chip.update', entityType: ENTITY, entityId: chip.id, detail: { make, model } });
        return { id: chip.id };
      }),
    );
  }

  /** Admin approve (true) / reject (false); approval needs an uploaded certificate (PMP_AUT_033). */
  function setStatus(input: ChipStatus, actor: Actor) {
    return withDuplicates(() =>
      store.tx(async (q) => {
        const chip = await repo.findChip(q, input.ftpChipDetailId, true);
        if (!chip) throw PmsError.of('PMP_AUT_031');
        if (!chip.certificate_alias && input.approvalStatus) throw PmsError.of('PMP_AUT_033');
        const status = input.approvalStatus ? APPROVED : REJECTED;
        await q.exec(sql`
          update ftp_chip_detail set approval_status = ${status}, is_active = ${input.approvalStatus}, upd_by = ${actor.userId}, upd_dtimes = now()
          where id = ${chip.id}`);
        await recordAudit(q, actor, {
          action: 'ftm-chip.approval',
          entityType: ENTITY,
          entityId: chip.id,
          detail: { approvalStatus: status },
        });
        return 'Status updated successfully.';
      }),
    );
  }

  /**
   * The chip certificate (spec 9.2): checked and re-signed as a partner certificate of the FTM
   * domain, organisation as given (it must match the certificate); the chip goes back to
   * pending approval and CA_CERTIFICATE_UPLOADED announces the chain — all in one transaction.
   */
  async function uploadCertificate(input: ChipCertUpload, actor: Actor): Promise<UploadAnswer> {
    const { partner, chip } = await store.tx(async (q) => {
      const p = await activeProvider(q, input.ftpProviderId, actor);
      const c = await repo.findChip(q, input.ftpChipDeatilId);
      if (!c) throw PmsError.of('PMP_AUT_031');
      if (c.foundational_trust_provider_id !== p.id) throw PmsError.of('PMP_AUT_034');
      checkUploadable(c);
      return { partner: p, chip: c };
    });
    // MOSIP forwards the domain as sent; a chip's key is only ever trusted through the FTM domain.
    if (input.partnerDomain.trim().toUpperCase() !== 'FTM') {
      throw PmsError.detailed('KER-PCM-011', 'FTM chip certificates belong to the FTM domain');
    }
    const key = await trust.certify({
      certificateData: input.certificateData,
      partnerDomain: input.partnerDomain,
      organizationName: input.organizationName,
    });
    const certId = newId();
    await store.tx(async (q) => {
      const current = await repo.findChip(q, chip.id, true);
      if (!current) throw PmsError.of('PMP_AUT_031');
      checkUploadable(current);
      await repo.insertChipCert(
        q,
        { certId, chipId: chip.id, orgName: input.organizationName, partnerType: partner.partner_type_code, key },
        actor.userId,
      );
      await q.exec(sql`
        update ftp_chip_detail set certificate_alias = ${certId}, approval_status = 'pending_approval', is_active = false,
          upd_by = ${actor.userId}, upd_dtimes = now()
        where id = ${chip.id}`);
      await enqueueEvent(q, 'CA_CERTIFICATE_UPLOADED', FTM_PUBLISHER, {
        certChainDatashareUrl: `${deps.publicUrl}${CHAIN_PATH}/${certId}`,
        partnerDomain: input.partnerDomain,
      });
      await recordAudit(q, actor, {
        action: 'ftm-chip.certificate-upload',
        entityType: ENTITY,
        entityId: chip.id,
        detail: { certificateId: certId, thumbprint: key.original.thumbprint, previousStatus: current.approval_status },
      });
    });
    // MOSIP's response quirk: the chain under signedCertificateData, the leaf PEM under certificateId.
    return { signedCertificateData: key.chain, certificateId: key.leaf.pem, timestamp: mosipNow() };
  }

  function checkUploadable(chip: repo.ChipRow): void {
    if (chip.approval_status !== APPROVED && chip.approval_status !== PENDING_CERT_UPLOAD) throw PmsError.of('PMP_AUT_038');
    if (chip.approval_status === APPROVED && !chip.is_active) throw PmsError.of('PMP_AUT_039');
  }

  async function certificate(chipId: string, actor: Actor): Promise<ChipCertificate> {
    const chip = await ownedChip(store, chipId, actor);
    const row = chip.certificate_alias ? await repo.findChipCert(store, chip.certificate_alias) : undefined;
    if (!row) throw PmsError.of('PMP_AUT_033');
    return { certificateData: row.signed_cert_data, timestamp: mosipNow() };
  }

  const chainOf = async (certId: string) => (await repo.findChipCert(store, certId))?.chain;

  function search(dto: SearchDto, actor: Actor) {
    const mine = ownedBy(actor, sql`c.foundational_trust_provider_id`);
    return legacySearch<repo.ChipRow, ChipSearchItem>(store, repo.chipEntity, dto, {
      select: sql`c.*`,
      where: mine ? [mine] : [],
      map: (r: repo.ChipRow) => ({
        ftpChipDetailId: r.id,
        ftpProviderId: r.foundational_trust_provider_id,
        make: r.make,
        model: r.model,
        certificateAlias: r.certificate_alias,
        partnerOrganizationName: r.partner_org_name,
        approvalStatus: r.approval_status,
        isActive: r.is_active,
        crBy: r.cr_by,
        crDtimes: toIso(r.cr_dtimes),
        updBy: r.upd_by,
        updDtimes: toIso(r.upd_dtimes),
        isDeleted: r.is_deleted,
        delDtimes: toIso(r.del_dtimes),
      }),
    });
  }

  /** PATCH /ftpchipdetail/{ftmId}: an approved, active chip becomes inactive. */
  async function deactivate(ftmId: string, body: V2Envelope | undefined, actor: Actor) {
    const request = checkV2Envelope(body, FTM_API.deactivate);
    if (request.status !== DEACTIVATE) throw PmsError.of('PMS_DEVICE_ERROR_026');
    return store.tx(async (q) => {
      const mine = await callerPartners(q, actor);
      if (ftmId === '') throw PmsError.of('PMS_FTM_ERROR_004'); // MOSIP: null or exactly ""; " " is looked up
      const chip = await repo.findChip(q, ftmId, true);
      if (!chip) throw PmsError.of('PMS_FTM_ERROR_005');
      checkOwnedAndActive(actor, mine, chip.foundational_trust_provider_id, 'PMS_FTM_ERROR_006');
      if (chip.approval_status !== APPROVED) throw PmsError.of('PMS_FTM_ERROR_010');
      if (!chip.is_active) throw PmsError.of('PMS_FTM_ERROR_007');
      await q.exec(sql`update ftp_chip_detail set is_active = false, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${chip.id}`);
      await recordAudit(q, actor, { action: 'ftm-chip.deactivate', entityType: ENTITY, entityId: chip.id });
      return { ftmId: chip.id, status: APPROVED, isActive: false };
    });
  }

  /** GET /ftpchipdetail/{ftmId}/certificate-data: both certificates, blanked and flagged when expired. */
  async function certificateData(ftmId: string, actor: Actor) {
    const mine = await callerPartners(store, actor);
    if (ftmId === '') throw PmsError.of('PMS_FTM_ERROR_004'); // MOSIP: null or exactly ""; " " is looked up
    const chip = await repo.findChip(store, ftmId);
    if (!chip) throw PmsError.of('PMS_FTM_ERROR_005');
    checkOwnedAndActive(actor, mine, chip.foundational_trust_provider_id, 'PMS_FTM_ERROR_006');
    if (chip.approval_status !== PENDING && chip.approval_status !== APPROVED) throw PmsError.of('PMS_FTM_ERROR_008');
    if (chip.approval_status === APPROVED && !chip.is_active) throw PmsError.of('PMS_FTM_ERROR_009');
    const row = chip.certificate_alias ? await repo.findChipCert(store, chip.certificate_alias) : undefined;
    if (!row) throw PmsError.of('PMS_FTM_ERROR_011');
    return {
      ...originalAndResigned(row, Date.now()),
      caSignedCertUploadDateTime: toIso(row.cert_not_before),
      caSignedCertExpiryDateTime: toIso(row.cert_not_after),
      mosipSignedCertUploadDateTime: toIso(row.signed_not_before),
      mosipSignedCertExpiryDateTime: toIso(row.signed_not_after),
    };
  }

  /** GET /ftpchipdetail: the chips of the caller's FTM_Provider partners. */
  async function mine(actor: Actor): Promise<MyChip[]> {
    const partners = (await partnersOfUser(store, actor.userId)).filter((p) => p.partner_type_code === 'FTM_Provider');
    if (partners.length === 0) return [];
    const rows = await store.query<repo.ChipRow & { cert_not_after: string | null; signed_not_before: string | null }>(sql`
      select c.*, k.cert_not_after, k.signed_not_before from ftp_chip_detail c
      left join ftm_chip_cert_store k on k.cert_id = c.certificate_alias
      where c.foundational_trust_provider_id = any(${partners.map((p) => p.id)}::text[]) and not c.is_deleted
      order by c.cr_dtimes, c.id`);
    const now = Date.now();
    return rows.map((c) => {
      const partner = partners.find((p) => p.id === c.foundational_trust_provider_id);
      const hasCert = c.certificate_alias !== null && c.cert_not_after !== null;
      return {
        ftmId: c.id,
        partnerId: c.foundational_trust_provider_id,
        partnerStatus: partner ? derivedStatusOf(partner) : null,
        make: c.make,
        model: c.model,
        status: c.approval_status,
        isActive: c.is_active,
        isCertificateAvailable: hasCert,
        isCertificateExpired: hasCert ? expired(c.cert_not_after, now) : false,
        certificateUploadDateTime: hasCert ? toIso(c.signed_not_before) : null,
        certificateExpiryDateTime: hasCert ? toIso(c.cert_not_after) : null,
        createdDateTime: toIso(c.cr_dtimes),
      };
    });
  }

  /** GET /ftpchipdetail/v2 (admin): paged, sorted, filtered. */
  function adminList(query: ChipListQuery) {
    const plan = planList(repo.chipList, query, {
      defaults: { pageNo: 0, pageSize: 8 },
      pairing: true,
      defaultOrder: sql`c.cr_dtimes desc`,
    });
    return runList<ChipListRow, AdminChip>(store, repo.chipList, plan, {
      select: repo.CHIP_LIST_COLUMNS,
      where: [
        sql`not c.is_deleted`,
        containsFilter(sql`c.foundational_trust_provider_id`, query.partnerId),
        containsFilter(sql`c.partner_org_name`, query.orgName),
        containsFilter(sql`c.id`, query.ftmId),
        containsFilter(sql`c.make`, query.make),
        containsFilter(sql`c.model`, query.model),
        repo.chipStatusFilter(query.status),
      ],
      map: (r) => ({
        ftmId: r.id,
        partnerId: r.foundational_trust_provider_id,
        orgName: r.partner_org_name,
        make: r.make,
        model: r.model,
        status: r.status,
        isActive: r.is_active,
        isCertificateAvailable: r.has_cert,
        createdDateTime: toIso(r.cr_dtimes),
      }),
    });
  }

  return { create, update, setStatus, uploadCertificate, certificate, chainOf, search, deactivate, certificateData, mine, adminList };
}

export type FtmService = ReturnType<typeof createFtmService>;
