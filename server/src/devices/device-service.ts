import { recordAudit, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import { checkV2Envelope } from '../platform/http/v2-request.js';
import type { V2Envelope } from '../platform/http/v2-request.js';
import { isAdmin } from '../platform/auth/access.js';
import { findPartner, type PartnerRow } from '../partners/index.js';
import {
  containsFilter,
  filterValues,
  legacySearch,
  planList,
  runList,
  toIso,
  type FilterValueDto,
  type SearchDto,
} from '../platform/search/index.js';
import {
  ACTIVATE_INPUT,
  APPROVED,
  DEACTIVATE,
  DEACTIVATE_INPUT,
  PENDING,
  REJECTED,
  callerPartners,
  checkCanChange,
  checkOwnedAndActive,
  checkProviderChange,
  normalise,
  ownedBy,
} from './common.js';
import * as repo from './repository.js';
import type { DeviceApproval, DeviceCreate, DeviceListItem, DeviceListQuery, DeviceUpdate, StatusUpdate } from './schemas.js';
import { checkSbiUsable } from './sbi-service.js';

export const DEVICE_API = {
  addToSbi: 'mosip.pms.add.device.to.sbi.id.post',
  deactivate: 'mosip.pms.deactivate.device.patch',
  approval: 'mosip.pms.approval.mapping.device.to.sbi.post',
  list: 'mosip.pms.get.all.device.details.get',
} as const;

const ENTITY = 'device_detail';

interface SubTypeRow {
  code: string;
  dtyp_code: string;
  name: string;
  descr: string | null;
  is_active: boolean;
  is_deleted: boolean | null;
  cr_by: string;
  cr_dtimes: unknown;
  del_dtimes: unknown;
  upd_by: string | null;
  upd_dtimes: unknown;
}

/** A lost race on the partial unique index, or a caller-chosen id already taken. */
function duplicateError(err: unknown): PmsError | undefined {
  if (isUniqueViolation(err, 'uk_device_detail_live')) return PmsError.of('PMS_AUT_003');
  if (isUniqueViolation(err, 'device_detail_pkey')) return PmsError.of('PMS_PRT_101');
  return undefined;
}

async function withDuplicates<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw duplicateError(err) ?? err;
  }
}

function legacyItem(r: repo.DeviceRow) {
  return {
    id: r.id,
    deviceProviderId: r.dprovider_id,
    deviceTypeCode: r.dtype_code,
    deviceSubTypeCode: r.dstype_code,
    make: r.make,
    model: r.model,
    partnerOrganizationName: r.partner_org_name,
    approvalStatus: r.approval_status,
    isActive: r.is_active,
    crBy: r.cr_by,
    crDtimes: toIso(r.cr_dtimes),
    updBy: r.upd_by,
    updDtimes: toIso(r.upd_dtimes),
    isDeleted: r.is_deleted,
    delDtimes: toIso(r.del_dtimes),
  };
}

interface DeviceListRow {
  id: string;
  dprovider_id: string;
  partner_org_name: string | null;
  dtype_code: string;
  dstype_code: string;
  status: string;
  is_active: boolean;
  make: string;
  model: string;
  cr_dtimes: string;
  sbi_id: string | null;
  sbi_version: string | null;
}

export function createDeviceService(deps: { store: Store }) {
  const { store } = deps;

  /**
   * DeviceDetailServiceImpl.createDeviceDetails: sub-type of the type (PMS_AUT_001), active
   * provider (PMS_AUT_002), no live duplicate (PMS_AUT_003); the row starts pending.
   */
  async function insertNew(
    q: Queryable,
    input: DeviceCreate,
    actor: Actor,
    checkOwner: (p: PartnerRow) => void,
  ): Promise<{ id: string; partner: PartnerRow }> {
    if (!(await repo.subTypeExists(q, input.deviceSubTypeCode, input.deviceTypeCode))) throw PmsError.of('PMS_AUT_001');
    const partner = await findPartner(q, input.deviceProviderId);
    if (!partner || !partner.is_active || partner.is_deleted) throw PmsError.of('PMS_AUT_002');
    checkOwner(partner);
    const d = {
      providerId: partner.id,
      type: input.deviceTypeCode,
      subType: input.deviceSubTypeCode,
      make: normalise(input.make),
      model: normalise(input.model),
    };
    if (await repo.liveDuplicate(q, d)) throw PmsError.of('PMS_AUT_003');
    const id = input.id ?? newId();
    await repo.insertDevice(q, { ...d, id, orgName: partner.name }, actor.userId);
    return { id, partner };
  }

  function create(input: DeviceCreate, actor: Actor) {
    return withDuplicates(() =>
      store.tx(async (q) => {
        const { id, partner } = await insertNew(q, input, actor, (p) => checkCanChange(actor, p));
        await recordAudit(q, actor, { action: 'device.create', entityType: ENTITY, entityId: id, detail: { providerId: partner.id } });
        return { id };
      }),
    );
  }

  function update(input: DeviceUpdate, actor: Actor) {
    return withDuplicates(() =>
      store.tx(async (q) => {
        const device = await repo.findDevice(q, input.id, true);
        // MOSIP formats this with an empty id ("… for id null"); the id sent is more useful.
        if (!device) throw PmsError.of('PMS_AUT_005', input.id);
        await checkProviderChange(q, actor, device.dprovider_id);
        if (!(await repo.subTypeExists(q, input.deviceSubTypeCode, input.deviceTypeCode))) throw PmsError.of('PMS_AUT_001');
        const next = {
          providerId: device.dprovider_id,
          type: input.deviceTypeCode,
          subType: input.deviceSubTypeCode,
          make: normalise(input.make),
          model: normalise(input.model),
        };
        if (await repo.liveDuplicate(q, next, device.id)) throw PmsError.of('PMS_AUT_003');
        await q.exec(sql`
          update device_detail set dtype_code = ${next.type}, dstype_code = ${next.subType}, make = ${next.make}, model = ${next.model},
            upd_by = ${actor.userId}, upd_dtimes = now()
          where id = ${device.id}`);
        await recordAudit(q, actor, { action: 'device.update', entityType: ENTITY, entityId: device.id, detail: next });
        return { id: device.id };
      }),
    );
  }

  /** Legacy approve/reject: MOSIP checks nothing but the input word. */
  async function setStatus(q: Queryable, device: repo.DeviceRow, word: string, actor: Actor): Promise<string> {
    let result: string;
    if (word === ACTIVATE_INPUT) {
      await repo.setDeviceState(q, device.id, APPROVED, true, actor.userId);
      result = 'Device details approved successfully.';
    } else if (word === DEACTIVATE_INPUT) {
      await repo.setDeviceState(q, device.id, REJECTED, false, actor.userId);
      result = 'Device details rejected successfully.';
    } else {
      throw PmsError.of('PMS_AUT_025');
    }
    await recordAudit(q, actor, { action: 'device.approval', entityType: ENTITY, entityId: device.id, detail: { approvalStatus: word } });
    return result;
  }

  function approve(input: StatusUpdate, actor: Actor) {
    return withDuplicates(() =>
      store.tx(async (q) => {
        const device = await repo.findDevice(q, input.id, true);
        if (!device) throw PmsError.of('PMS_AUT_005', input.id);
        return setStatus(q, device, input.approvalStatus, actor);
      }),
    );
  }

  function search(dto: SearchDto, actor: Actor) {
    const mine = ownedBy(actor, sql`d.dprovider_id`);
    return legacySearch(store, repo.deviceEntity, dto, { select: sql`d.*`, map: legacyItem, where: mine ? [mine] : [] });
  }

  /** Items are MOSIP's RegistrationSubTypeDto as Jackson writes it: `desciption` (sic), `isActive` as `active`. */
  function typeSearch(dto: SearchDto) {
    return legacySearch(store, repo.subTypeEntity, dto, {
      select: sql`st.*`,
      map: (r: SubTypeRow) => ({
        code: r.code,
        deviceType: r.dtyp_code,
        name: r.name,
        desciption: r.descr,
        active: r.is_active,
        isDeleted: r.is_deleted,
        crBy: r.cr_by,
        crDtimes: toIso(r.cr_dtimes),
        delDtimes: toIso(r.del_dtimes),
        updBy: r.upd_by,
        updDtimes: toIso(r.upd_dtimes),
      }),
    });
  }

  function values(dto: FilterValueDto, actor: Actor) {
    const mine = ownedBy(actor, sql`d.dprovider_id`);
    return filterValues(store, repo.deviceEntity, dto, { code: 'id', where: mine ? [mine] : [] });
  }

  const typeValues = (dto: FilterValueDto) => filterValues(store, repo.typeEntity, dto, { code: 'code' });
  const subTypeValues = (dto: FilterValueDto) => filterValues(store, repo.subTypeEntity, dto, { code: 'code' });

  /**
   * POST /securebiometricinterface/{sbiId}/devices: a pending device and its inactive mapping to
   * the SBI, in one transaction (MOSIP deletes the device again when the mapping step fails).
   */
  async function addToSbi(sbiId: string, body: { request?: DeviceCreate } & V2Envelope, actor: Actor) {
    checkV2Envelope(body, DEVICE_API.addToSbi);
    const input = body.request as DeviceCreate;
    return withDuplicates(() =>
      store.tx(async (q) => {
        const mine = await callerPartners(q, actor);
        if (!isAdmin(actor) && !mine.some((p) => p.id === input.deviceProviderId)) throw PmsError.of('PMS_DEVICE_ERROR_001');
        const { id, partner } = await insertNew(q, input, actor, () => undefined);
        if (await repo.findMapping(q, id, sbiId)) throw PmsError.of('PMS_DEVICE_ERROR_004');
        checkSbiUsable(await repo.findSbi(q, sbiId, true), partner.id);
        await repo.insertMapping(q, { deviceId: id, sbiId, providerId: partner.id, orgName: partner.name, active: false }, actor.userId);
        await recordAudit(q, actor, {
          action: 'device.add-to-sbi',
          entityType: ENTITY,
          entityId: id,
          detail: { sbiId, providerId: partner.id },
        });
        return { id };
      }),
    );
  }

  /** POST /devicedetail/{id}/approval: approve or reject a pending device together with its SBI mapping. */
  async function approveWithSbi(deviceId: string, body: { request?: DeviceApproval } & V2Envelope, actor: Actor) {
    checkV2Envelope(body, DEVICE_API.approval);
    const { partnerId, sbiId, status } = body.request ?? {};
    // MOSIP checks null only: an empty string is a value, looked up and not found (docs/mosip-compatibility.md).
    if (partnerId == null || status == null) throw PmsError.of('PMS_REQUEST_ERROR_001');
    if (status !== APPROVED && status !== REJECTED) throw PmsError.of('PMS_DEVICE_ERROR_027');
    if (sbiId == null) throw PmsError.of(status === APPROVED ? 'PMS_DEVICE_ERROR_024' : 'PMS_DEVICE_ERROR_025');
    return withDuplicates(() =>
      store.tx(async (q) => {
        checkSbiUsable(await repo.findSbi(q, sbiId), partnerId);
        const device = await repo.findDevice(q, deviceId, true);
        if (!device) throw PmsError.of('PMS_DEVICE_ERROR_006');
        if (device.dprovider_id !== partnerId) throw PmsError.of('PMS_DEVICE_ERROR_007');
        if (device.approval_status !== PENDING) throw PmsError.of('PMS_DEVICE_ERROR_010');
        if (!(await repo.findMapping(q, deviceId, sbiId))) throw PmsError.of('PMS_DEVICE_ERROR_012');
        await setStatus(q, device, status === APPROVED ? ACTIVATE_INPUT : DEACTIVATE_INPUT, actor);
        // MOSIP marks the mapping active for a rejection too.
        await q.exec(sql`
          update device_detail_sbi set is_active = true, upd_by = ${actor.userId}, upd_dtimes = now()
          where device_detail_id = ${deviceId} and sbi_id = ${sbiId}`);
        return true;
      }),
    );
  }

  /** PATCH /devicedetail/{deviceId}: an approved, active device becomes inactive. */
  async function deactivate(deviceId: string, body: V2Envelope | undefined, actor: Actor) {
    const request = checkV2Envelope(body, DEVICE_API.deactivate);
    if (request.status !== DEACTIVATE) throw PmsError.of('PMS_DEVICE_ERROR_026');
    // MOSIP checks null only, which a path segment never is: a blank id is looked up like any other.
    return store.tx(async (q) => {
      const mine = await callerPartners(q, actor);
      const device = await repo.findDevice(q, deviceId, true);
      if (!device) throw PmsError.of('PMS_DEVICE_ERROR_006');
      checkOwnedAndActive(actor, mine, device.dprovider_id, 'PMS_DEVICE_ERROR_016');
      if (device.approval_status !== APPROVED) throw PmsError.of('PMS_DEVICE_ERROR_023');
      if (!device.is_active) throw PmsError.of('PMS_DEVICE_ERROR_014');
      await repo.setDeviceState(q, device.id, APPROVED, false, actor.userId);
      await recordAudit(q, actor, { action: 'device.deactivate', entityType: ENTITY, entityId: device.id });
      return { deviceId: device.id, status: APPROVED, isActive: false };
    });
  }

  /** GET /devicedetail (admin): paging defaults 0/8, every filter of MOSIP's DeviceDetailFilterDto. */
  function list(query: DeviceListQuery) {
    const plan = planList(repo.deviceList, query, {
      defaults: { pageNo: 0, pageSize: 8 },
      pairing: true,
      defaultOrder: sql`d.cr_dtimes desc`,
    });
    return runList<DeviceListRow, DeviceListItem>(store, repo.deviceList, plan, {
      select: repo.DEVICE_LIST_COLUMNS,
      where: [
        sql`not d.is_deleted`,
        containsFilter(sql`d.dprovider_id`, query.partnerId),
        containsFilter(sql`d.partner_org_name`, query.orgName),
        containsFilter(sql`d.dtype_code`, query.deviceType),
        containsFilter(sql`d.dstype_code`, query.deviceSubType),
        repo.deviceStatusFilter(query.status),
        containsFilter(sql`d.make`, query.make),
        containsFilter(sql`d.model`, query.model),
        repo.deviceSbiFilter('id', query.sbiId),
        repo.deviceSbiFilter('sw_version', query.sbiVersion),
        containsFilter(sql`d.id`, query.deviceId),
      ],
      map: (r) => ({
        deviceId: r.id,
        partnerId: r.dprovider_id,
        orgName: r.partner_org_name,
        deviceType: r.dtype_code,
        deviceSubType: r.dstype_code,
        status: r.status,
        isActive: r.is_active,
        make: r.make,
        model: r.model,
        createdDateTime: toIso(r.cr_dtimes),
        sbiId: r.sbi_id,
        sbiVersion: r.sbi_version,
      }),
    });
  }

  return { create, update, approve, search, typeSearch, values, typeValues, subTypeValues, addToSbi, approveWithSbi, deactivate, list };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
