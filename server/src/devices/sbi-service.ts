import { recordAudit, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import { checkV2Envelope } from '../platform/http/v2-request.js';
import type { V2Envelope } from '../platform/http/v2-request.js';
import { isAdmin } from '../platform/auth/access.js';
import { findPartner } from '../partners/index.js';
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
  startOfUtcDay,
  type DeviceSettings,
} from './common.js';
import * as repo from './repository.js';
import type { MappingInput, SbiCreate, SbiListItem, SbiListQuery, SbiUpdate, StatusUpdate } from './schemas.js';

export const SBI_API = {
  deactivate: 'mosip.pms.deactivate.sbi.patch',
  devices: 'mosip.pms.sbi.devices.get',
  list: 'mosip.pms.all.sbi.details.get',
} as const;

const ENTITY = 'secure_biometric_interface';

/** MOSIP's LocalDateTime input: a time with no zone is UTC, the zone MOSIP's servers run in. */
function parseDate(text: string, field: string): Date {
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const d = new Date(withZone);
  if (Number.isNaN(d.getTime()))
    throw PmsError.of('PMS_COR_001', "must be a date-time as yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", `request.${field}`);
  return d;
}

const addYears = (dayMs: number, years: number): number => {
  const d = new Date(dayMs);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
};

/**
 * SecureBiometricInterfaceServiceImpl.validateDates, by calendar day (UTC): created not in the
 * future (514), expiry after today (508), created within N years back (516), expiry within N
 * years ahead (515). Expiry not after creation gets MOSIP's own 507, checked before 508 so the
 * caller learns the actual mistake.
 */
export function checkSbiDates(created: Date, expiry: Date, settings: DeviceSettings, now = new Date()): void {
  const today = startOfUtcDay(now);
  const c = startOfUtcDay(created);
  const e = startOfUtcDay(expiry);
  if (c > today) throw PmsError.of('PMS_AUT_514');
  if (expiry.getTime() <= created.getTime()) throw PmsError.of('PMS_AUT_507');
  if (e <= today) throw PmsError.of('PMS_AUT_508');
  if (c < addYears(today, -settings.sbiCreatedMaxYears)) throw PmsError.of('PMS_AUT_516', settings.sbiCreatedMaxYears);
  if (e > addYears(today, settings.sbiExpiryMaxYears)) throw PmsError.of('PMS_AUT_515', settings.sbiExpiryMaxYears);
}

/** The SBI checks of PartnerHelper.validateSbiDeviceMapping, in MOSIP's order. */
export function checkSbiUsable(sbi: repo.SbiRow | undefined, partnerId: string, now = new Date()): repo.SbiRow {
  if (!sbi) throw PmsError.of('PMS_DEVICE_ERROR_005');
  if (sbi.provider_id !== partnerId) throw PmsError.of('PMS_DEVICE_ERROR_002');
  if (sbi.approval_status === PENDING) throw PmsError.of('PMS_DEVICE_ERROR_009');
  if (sbi.approval_status === REJECTED) throw PmsError.of('PMS_DEVICE_ERROR_028');
  if (sbi.approval_status === APPROVED && !sbi.is_active) throw PmsError.of('PMS_DEVICE_ERROR_029');
  if (startOfUtcDay(new Date(toIso(sbi.sw_expiry_dtimes) ?? 0)) < startOfUtcDay(now)) throw PmsError.of('PMS_DEVICE_ERROR_021');
  return sbi;
}

const dup = (err: unknown) => isUniqueViolation(err, 'uk_sbi_provider_version');

function sbiSearchItem(r: repo.SbiRow & { hash_b64: string }) {
  return {
    id: r.id,
    // Jackson writes MOSIP's byte[] hash as base64.
    swBinaryHash: r.hash_b64.replace(/\n/g, ''),
    swVersion: r.sw_version,
    swCreateDateTime: toIso(r.sw_cr_dtimes),
    swExpiryDateTime: toIso(r.sw_expiry_dtimes),
    approvalStatus: r.approval_status,
    isActive: r.is_active,
    providerId: r.provider_id,
    partnerOrganizationName: r.partner_org_name,
    crBy: r.cr_by,
    crDtimes: toIso(r.cr_dtimes),
    updBy: r.upd_by,
    updDtimes: toIso(r.upd_dtimes),
    isDeleted: r.is_deleted,
    delDtimes: toIso(r.del_dtimes),
  };
}

/** A legacy mapping search row: the mapping with its device's and SBI's columns. */
interface MappingSearchRow extends Record<string, unknown> {
  device_detail_id: string;
  sbi_id: string;
  dprovider_id: string | null;
  partner_org_name: string | null;
  cr_by: string | null;
  cr_dtimes: string | null;
  dtype_code: string | null;
  dstype_code: string | null;
  make: string | null;
  model: string | null;
  hash_b64: string | null;
  sw_version: string | null;
}

interface SbiListRow {
  provider_id: string;
  partner_org_name: string | null;
  id: string;
  sw_version: string;
  status: string;
  is_active: boolean;
  sw_cr_dtimes: string;
  sw_expiry_dtimes: string;
  cr_dtimes: string;
  devices: number;
  approved: number;
  pending: number;
  expiry_status: string;
}

export function createSbiService(deps: { store: Store; settings: DeviceSettings }) {
  const { store, settings } = deps;

  async function activeProvider(q: Queryable, providerId: string, actor: Actor) {
    const partner = await findPartner(q, providerId);
    if (!partner || !partner.is_active || partner.is_deleted) throw PmsError.of('PMS_AUT_002');
    checkCanChange(actor, partner);
    return partner;
  }

  async function create(input: SbiCreate, actor: Actor) {
    const created = parseDate(input.swCreateDateTime, 'swCreateDateTime');
    const expiry = parseDate(input.swExpiryDateTime, 'swExpiryDateTime');
    checkSbiDates(created, expiry, settings);
    const version = normalise(input.swVersion);
    try {
      return await store.tx(async (q) => {
        const partner = await activeProvider(q, input.providerId, actor);
        if (await repo.sbiWithVersion(q, partner.id, version)) throw PmsError.of('PMS_AUT_512');
        const id = newId();
        await repo.insertSbi(
          q,
          {
            id,
            hash: input.swBinaryHash,
            version,
            created: created.toISOString(),
            expiry: expiry.toISOString(),
            providerId: partner.id,
            orgName: partner.name,
          },
          actor.userId,
        );
        await repo.sbiHistory(q, id);
        await recordAudit(q, actor, {
          action: 'sbi.create',
          entityType: ENTITY,
          entityId: id,
          detail: { providerId: partner.id, swVersion: version },
        });
        return { id };
      });
    } catch (err) {
      if (dup(err)) throw PmsError.of('PMS_AUT_512');
      throw err;
    }
  }

  async function update(input: SbiUpdate, actor: Actor) {
    const created = parseDate(input.swCreateDateTime, 'swCreateDateTime');
    const expiry = parseDate(input.swExpiryDateTime, 'swExpiryDateTime');
    checkSbiDates(created, expiry, settings);
    const version = normalise(input.swVersion);
    try {
      return await store.tx(async (q) => {
        const sbi = await repo.findSbi(q, input.id, true);
        // MOSIP formats this message with an empty id ("… for the id null"); the id sent is more useful.
        if (!sbi) throw PmsError.of('PMS_AUT_007', input.id);
        await checkProviderChange(q, actor, sbi.provider_id);
        const same = await repo.sbiWithVersion(q, sbi.provider_id, version);
        if (same && same.id !== sbi.id) throw PmsError.of('PMS_AUT_512');
        // MOSIP lets this call set is_active, so a provider could switch on an SBI nobody approved;
        // here only an admin's isActive counts.
        const isActive = isAdmin(actor) ? input.isActive : sbi.is_active;
        await repo.updateSbi(
          q,
          { id: sbi.id, hash: input.swBinaryHash, version, created: created.toISOString(), expiry: expiry.toISOString(), isActive },
          actor.userId,
        );
        await repo.sbiHistory(q, sbi.id);
        await recordAudit(q, actor, {
          action: 'sbi.update',
          entityType: ENTITY,
          entityId: sbi.id,
          detail: { swVersion: version, isActive },
        });
        return { id: sbi.id };
      });
    } catch (err) {
      if (dup(err)) throw PmsError.of('PMS_AUT_512');
      throw err;
    }
  }

  /** Legacy approve/reject (`Activate` / `De-activate`). */
  function approve(input: StatusUpdate, actor: Actor) {
    return store.tx(async (q) => {
      const sbi = await repo.findSbi(q, input.id, true);
      if (!sbi) throw PmsError.of('PMS_AUT_007', input.id);
      if (sbi.approval_status === APPROVED && sbi.is_active) throw PmsError.of('PMS_AUT_517');
      if (sbi.approval_status === REJECTED) throw PmsError.of('PMS_AUT_518');
      let result: string;
      if (input.approvalStatus === ACTIVATE_INPUT) {
        await repo.setSbiState(q, sbi.id, APPROVED, true, actor.userId);
        result = 'Secure biometric details approved successfully.';
      } else if (input.approvalStatus === DEACTIVATE_INPUT) {
        await repo.setSbiState(q, sbi.id, REJECTED, false, actor.userId);
        result = 'Secure biometric details rejected successfully.';
      } else {
        throw PmsError.of('PMS_AUT_026');
      }
      await repo.sbiHistory(q, sbi.id);
      await recordAudit(q, actor, {
        action: 'sbi.approval',
        entityType: ENTITY,
        entityId: sbi.id,
        detail: { approvalStatus: input.approvalStatus },
      });
      return result;
    });
  }

  function search(dto: SearchDto, actor: Actor) {
    const mine = ownedBy(actor, sql`s.provider_id`);
    return legacySearch(store, repo.sbiEntity, dto, { select: repo.SBI_SEARCH_COLUMNS, map: sbiSearchItem, where: mine ? [mine] : [] });
  }

  function values(dto: FilterValueDto, actor: Actor) {
    const mine = ownedBy(actor, sql`s.provider_id`);
    return filterValues(store, repo.sbiEntity, dto, { code: 'id', where: mine ? [mine] : [] });
  }

  /**
   * Legacy PUT /devicedetails/map, checks in MOSIP's order; an existing mapping is a success.
   * Unlike MOSIP, ownership comes before anything is said about the mapping: "Mapping already
   * exists" would tell another provider which of its rival's devices run which SBI.
   */
  function map(input: MappingInput, actor: Actor) {
    return store.tx(async (q) => {
      const existing = await repo.findMapping(q, input.deviceDetailId, input.sbiId);
      if (existing) {
        await checkProviderChange(q, actor, existing.dprovider_id);
        return 'Mapping already exists';
      }
      const device = await repo.findDevice(q, input.deviceDetailId);
      if (!device) throw PmsError.of('PMS_AUT_005', input.deviceDetailId);
      await checkProviderChange(q, actor, device.dprovider_id);
      if (!device.is_active && device.approval_status === REJECTED) throw PmsError.of('PMS_AUT_028', input.deviceDetailId);
      if (!device.is_active) throw PmsError.of('PMS_AUT_027', input.deviceDetailId);
      const sbi = await repo.findSbi(q, input.sbiId);
      if (!sbi) throw PmsError.of('PMS_AUT_007', input.sbiId);
      if (!sbi.is_active) throw PmsError.of('PMS_AUT_511');
      if (startOfUtcDay(new Date(toIso(sbi.sw_expiry_dtimes) ?? 0)) < startOfUtcDay(new Date())) throw PmsError.of('PMS_AUT_513');
      if (device.dprovider_id !== sbi.provider_id) throw PmsError.of('PMS_AUT_509');
      try {
        await repo.insertMapping(
          q,
          { deviceId: device.id, sbiId: sbi.id, providerId: sbi.provider_id, orgName: sbi.partner_org_name, active: true },
          actor.userId,
        );
      } catch (err) {
        // A concurrent identical request mapped it first: the outcome is the same.
        if (isUniqueViolation(err, 'device_detail_sbi_pkey')) return 'Mapping already exists';
        throw err;
      }
      await recordAudit(q, actor, { action: 'device-sbi.map', entityType: 'device_detail_sbi', entityId: `${device.id}/${sbi.id}` });
      return 'Success';
    });
  }

  function unmap(input: MappingInput, actor: Actor) {
    return store.tx(async (q) => {
      const m = await repo.findMapping(q, input.deviceDetailId, input.sbiId);
      if (!m) throw PmsError.of('PMS_AUT_510');
      await checkProviderChange(q, actor, m.dprovider_id);
      await q.exec(sql`delete from device_detail_sbi where device_detail_id = ${m.device_detail_id} and sbi_id = ${m.sbi_id}`);
      await recordAudit(q, actor, {
        action: 'device-sbi.unmap',
        entityType: 'device_detail_sbi',
        entityId: `${m.device_detail_id}/${m.sbi_id}`,
      });
      return 'Success';
    });
  }

  function mapSearch(dto: SearchDto, actor: Actor) {
    const mine = ownedBy(actor, sql`m.dprovider_id`);
    return legacySearch(store, repo.mappingEntity, dto, {
      select: sql`m.device_detail_id, m.sbi_id, m.dprovider_id, m.partner_org_name, m.cr_by, m.cr_dtimes, d.dtype_code, d.dstype_code, d.make, d.model,
                  encode(s.sw_binary_hash, 'base64') as hash_b64, s.sw_version`,
      where: mine ? [mine] : [],
      map: (r: MappingSearchRow) => ({
        crBy: r.cr_by,
        crDtimes: toIso(r.cr_dtimes),
        deviceDetailId: r.device_detail_id,
        deviceSubTypeCode: r.dstype_code,
        deviceTypeCode: r.dtype_code,
        make: r.make,
        model: r.model,
        providerId: r.dprovider_id,
        providerName: r.partner_org_name,
        sbiId: r.sbi_id,
        swBinaryHash: (r.hash_b64 ?? '').replace(/\n/g, ''),
        swVersion: r.sw_version,
      }),
    });
  }

  /** GET /securebiometricinterface/{sbiId}/devices. */
  async function devices(sbiId: string, actor: Actor) {
    const mine = await callerPartners(store, actor);
    const sbi = await repo.findSbi(store, sbiId);
    if (!sbi) throw PmsError.of('PMS_DEVICE_ERROR_005');
    if (!isAdmin(actor)) {
      const partner = mine.find((p) => p.id === sbi.provider_id);
      if (!partner) throw PmsError.of('PMS_DEVICE_ERROR_019');
      if (partner.partner_type_code !== 'Device_Provider') throw PmsError.of('PMS_DEVICE_ERROR_003');
    }
    const rows = await repo.devicesOfSbi(store, sbi.id, sbi.provider_id);
    return rows.map((d) => ({
      deviceId: d.id,
      deviceTypeCode: d.dtype_code,
      deviceSubTypeCode: d.dstype_code,
      deviceProviderId: d.dprovider_id,
      make: d.make,
      model: d.model,
      status: d.approval_status,
      isActive: d.is_active,
      createdDateTime: toIso(d.cr_dtimes),
    }));
  }

  /**
   * PATCH /securebiometricinterface/{sbiId}: its approved devices become inactive, its pending
   * devices rejected, all in one transaction; the answer counts both.
   */
  async function deactivate(sbiId: string, body: V2Envelope | undefined, actor: Actor) {
    const request = checkV2Envelope(body, SBI_API.deactivate);
    if (request.status !== DEACTIVATE) throw PmsError.of('PMS_DEVICE_ERROR_026');
    // MOSIP checks null only, which a path segment never is: a blank id is looked up like any other.
    return store.tx(async (q) => {
      const mine = await callerPartners(q, actor);
      const sbi = await repo.findSbi(q, sbiId, true);
      if (!sbi) throw PmsError.of('PMS_DEVICE_ERROR_005');
      checkOwnedAndActive(actor, mine, sbi.provider_id, 'PMS_DEVICE_ERROR_019');
      if (sbi.approval_status !== APPROVED) throw PmsError.of('PMS_DEVICE_ERROR_022');
      if (!sbi.is_active) throw PmsError.of('PMS_DEVICE_ERROR_020');
      const mapped = sql`id in (select device_detail_id from device_detail_sbi where sbi_id = ${sbi.id} and not is_deleted)`;
      const deactivatedDevices = await q.exec(sql`
        update device_detail set is_active = false, upd_by = ${actor.userId}, upd_dtimes = now()
        where ${mapped} and approval_status = 'approved' and is_active`);
      const rejectedDevices = await q.exec(sql`
        update device_detail set approval_status = 'rejected', upd_by = ${actor.userId}, upd_dtimes = now()
        where ${mapped} and approval_status = 'pending_approval'`);
      await repo.setSbiState(q, sbi.id, APPROVED, false, actor.userId);
      await repo.sbiHistory(q, sbi.id);
      await recordAudit(q, actor, {
        action: 'sbi.deactivate',
        entityType: ENTITY,
        entityId: sbi.id,
        detail: { deactivatedDevices, rejectedDevices },
      });
      return { sbiId: sbi.id, sbiVersion: sbi.sw_version, status: APPROVED, isActive: false, deactivatedDevices, rejectedDevices };
    });
  }

  /** GET /securebiometricinterface: providers see their partners' SBIs, admins all. */
  async function list(query: SbiListQuery, actor: Actor) {
    const plan = planList(repo.sbiList, query, { pairing: true, defaultOrder: sql`s.cr_dtimes desc` });
    await callerPartners(store, actor);
    return runList<SbiListRow, SbiListItem>(store, repo.sbiList, plan, {
      select: repo.SBI_LIST_COLUMNS,
      where: [
        sql`not s.is_deleted`,
        ownedBy(actor, sql`s.provider_id`),
        containsFilter(sql`s.provider_id`, query.partnerId),
        containsFilter(sql`s.partner_org_name`, query.orgName),
        containsFilter(sql`s.id`, query.sbiId),
        containsFilter(sql`s.sw_version`, query.sbiVersion),
        repo.sbiStatusFilter(query.status),
        repo.sbiExpiryFilter(query.sbiExpiryStatus),
      ],
      map: (r) => ({
        partnerId: r.provider_id,
        orgName: r.partner_org_name,
        sbiId: r.id,
        sbiVersion: r.sw_version,
        status: r.status,
        isActive: r.is_active,
        sbiCreatedDateTime: toIso(r.sw_cr_dtimes),
        sbiExpiryDateTime: toIso(r.sw_expiry_dtimes),
        createdDateTime: toIso(r.cr_dtimes),
        countOfAssociatedDevices: r.devices,
        countOfApprovedDevices: r.approved,
        countOfPendingDevices: r.pending,
        sbiExpiryStatus: r.expiry_status,
      }),
    });
  }

  return { create, update, approve, search, values, map, unmap, mapSearch, devices, deactivate, list };
}

export type SbiService = ReturnType<typeof createSbiService>;
