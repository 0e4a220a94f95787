import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import { defineEntity, escapeLike } from '../platform/search/index.js';
import { derivedStatus } from './common.js';

export interface SbiRow {
  id: string;
  sw_binary_hash: string; // hex of the stored bytes (see SBI_COLUMNS)
  sw_version: string;
  sw_cr_dtimes: string;
  sw_expiry_dtimes: string;
  approval_status: string;
  is_active: boolean;
  provider_id: string;
  partner_org_name: string | null;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean;
  del_dtimes: string | null;
}

export interface DeviceRow {
  id: string;
  dprovider_id: string;
  dtype_code: string;
  dstype_code: string;
  make: string;
  model: string;
  partner_org_name: string | null;
  approval_status: string;
  is_active: boolean;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean;
  del_dtimes: string | null;
}

export interface MappingRow {
  device_detail_id: string;
  sbi_id: string;
  dprovider_id: string;
  partner_org_name: string | null;
  is_active: boolean;
}

/** Binary hash comes back as hex text on both engines (bytea parsing differs between them). */
const SBI_COLUMNS = sql`id, encode(sw_binary_hash, 'hex') as sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status,
  is_active, provider_id, partner_org_name, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes`;

export const findSbi = (q: Queryable, id: string, lock = false): Promise<SbiRow | undefined> =>
  q.one<SbiRow>(
    sql`select ${SBI_COLUMNS} from secure_biometric_interface where id = ${id} and not is_deleted ${lock ? sql`for update` : sql``}`,
  );

export const sbiWithVersion = (q: Queryable, providerId: string, version: string): Promise<{ id: string } | undefined> =>
  q.one<{ id: string }>(
    sql`select id from secure_biometric_interface where provider_id = ${providerId} and sw_version = ${version} and not is_deleted`,
  );

/** The binary hash as MOSIP stores it: the UTF-8 bytes of the text sent. */
const hashBytes = (hash: string) => sql`convert_to(${hash}::text, 'UTF8')`;

export async function insertSbi(
  q: Queryable,
  s: { id: string; hash: string; version: string; created: string; expiry: string; providerId: string; orgName: string },
  by: string,
): Promise<void> {
  await q.exec(sql`
    insert into secure_biometric_interface (id, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active,
      provider_id, partner_org_name, cr_by)
    values (${s.id}, ${hashBytes(s.hash)}, ${s.version}, ${s.created}::timestamptz, ${s.expiry}::timestamptz, 'pending_approval', false,
      ${s.providerId}, ${s.orgName}, ${by})`);
}

/** A history row of the SBI as it now stands (MOSIP writes one on create, update and approval). */
export async function sbiHistory(q: Queryable, id: string): Promise<void> {
  await q.exec(sql`
    insert into secure_biometric_interface_h (id, eff_dtimes, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status,
      is_active, provider_id, partner_org_name, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted)
    select id, clock_timestamp(), sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, provider_id,
      partner_org_name, coalesce(upd_by, cr_by), cr_dtimes, upd_by, upd_dtimes, is_deleted
    from secure_biometric_interface where id = ${id}`);
}

export async function updateSbi(
  q: Queryable,
  s: { id: string; hash: string; version: string; created: string; expiry: string; isActive: boolean },
  by: string,
): Promise<void> {
  await q.exec(sql`
    update secure_biometric_interface set sw_binary_hash = ${hashBytes(s.hash)}, sw_version = ${s.version},
      sw_cr_dtimes = ${s.created}::timestamptz, sw_expiry_dtimes = ${s.expiry}::timestamptz, is_active = ${s.isActive},
      upd_by = ${by}, upd_dtimes = now()
    where id = ${s.id}`);
}

export async function setSbiState(q: Queryable, id: string, status: string, active: boolean, by: string): Promise<void> {
  await q.exec(
    sql`update secure_biometric_interface set approval_status = ${status}, is_active = ${active}, upd_by = ${by}, upd_dtimes = now() where id = ${id}`,
  );
}

export const findDevice = (q: Queryable, id: string, lock = false): Promise<DeviceRow | undefined> =>
  q.one<DeviceRow>(sql`select * from device_detail where id = ${id} and not is_deleted ${lock ? sql`for update` : sql``}`);

export const subTypeExists = async (q: Queryable, subType: string, type: string): Promise<boolean> =>
  (await q.one(sql`
    select 1 from reg_device_sub_type s join reg_device_type t on t.code = s.dtyp_code
    where s.code = ${subType} and s.dtyp_code = ${type} and s.is_active and not s.is_deleted and t.is_active and not t.is_deleted`)) !==
  undefined;

/** MOSIP's findUniqueDeviceDetail: a live row with the same provider, type, sub-type, make and model. */
export const liveDuplicate = (
  q: Queryable,
  d: { providerId: string; type: string; subType: string; make: string; model: string },
  exceptId?: string,
) =>
  q.one<{ id: string }>(sql`
    select id from device_detail
    where dprovider_id = ${d.providerId} and dtype_code = ${d.type} and dstype_code = ${d.subType} and make = ${d.make} and model = ${d.model}
      and approval_status <> 'rejected' and not (approval_status = 'approved' and not is_active) and not is_deleted
      ${exceptId ? sql`and id <> ${exceptId}` : sql``}`);

export async function insertDevice(
  q: Queryable,
  d: { id: string; providerId: string; type: string; subType: string; make: string; model: string; orgName: string },
  by: string,
): Promise<void> {
  await q.exec(sql`
    insert into device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, approval_status, is_active, cr_by)
    values (${d.id}, ${d.providerId}, ${d.type}, ${d.subType}, ${d.make}, ${d.model}, ${d.orgName}, 'pending_approval', false, ${by})`);
}

export async function setDeviceState(q: Queryable, id: string, status: string, active: boolean, by: string): Promise<void> {
  await q.exec(
    sql`update device_detail set approval_status = ${status}, is_active = ${active}, upd_by = ${by}, upd_dtimes = now() where id = ${id}`,
  );
}

export const findMapping = (q: Queryable, deviceId: string, sbiId: string): Promise<MappingRow | undefined> =>
  q.one<MappingRow>(sql`select * from device_detail_sbi where device_detail_id = ${deviceId} and sbi_id = ${sbiId} and not is_deleted`);

export async function insertMapping(
  q: Queryable,
  m: { deviceId: string; sbiId: string; providerId: string; orgName: string | null; active: boolean },
  by: string,
): Promise<void> {
  await q.exec(sql`
    insert into device_detail_sbi (device_detail_id, sbi_id, dprovider_id, partner_org_name, is_active, cr_by)
    values (${m.deviceId}, ${m.sbiId}, ${m.providerId}, ${m.orgName}, ${m.active}, ${by})`);
}

/** Device rows of the revamp responses (`DeviceDto`). */
export const devicesOfSbi = (q: Queryable, sbiId: string, providerId: string): Promise<DeviceRow[]> =>
  q.query<DeviceRow>(sql`
    select d.* from device_detail_sbi m join device_detail d on d.id = m.device_detail_id
    where m.sbi_id = ${sbiId} and m.dprovider_id = ${providerId} and d.dprovider_id = ${providerId} and not m.is_deleted
    order by d.cr_dtimes, d.id`);

// ---- Search and list entities (MOSIP's Java field names / revamp sort aliases) ----

const audit = (p: string) =>
  ({
    crBy: { column: `${p}.cr_by`, type: 'string' },
    crDtimes: { column: `${p}.cr_dtimes`, type: 'timestamp' },
    updBy: { column: `${p}.upd_by`, type: 'string' },
    updDtimes: { column: `${p}.upd_dtimes`, type: 'timestamp' },
    isDeleted: { column: `${p}.is_deleted`, type: 'boolean' },
    delDtimes: { column: `${p}.del_dtimes`, type: 'timestamp' },
  }) as const;

/** `SecureBiometricInterface` for legacy search and filter values. */
export const sbiEntity = defineEntity({
  from: sql`secure_biometric_interface s`,
  key: 's.id',
  deleted: 's.is_deleted',
  fields: {
    id: { column: 's.id', type: 'string' },
    swVersion: { column: 's.sw_version', type: 'string' },
    swCreateDateTime: { column: 's.sw_cr_dtimes', type: 'timestamp' },
    swExpiryDateTime: { column: 's.sw_expiry_dtimes', type: 'timestamp' },
    approvalStatus: { column: 's.approval_status', type: 'string' },
    isActive: { column: 's.is_active', type: 'boolean' },
    providerId: { column: 's.provider_id', type: 'string' },
    partnerOrgName: { column: 's.partner_org_name', type: 'string' },
    ...audit('s'),
  },
});
export const SBI_SEARCH_COLUMNS = sql`s.id, encode(s.sw_binary_hash, 'base64') as hash_b64, s.sw_version, s.sw_cr_dtimes, s.sw_expiry_dtimes,
  s.approval_status, s.is_active, s.provider_id, s.partner_org_name, s.cr_by, s.cr_dtimes, s.upd_by, s.upd_dtimes, s.is_deleted, s.del_dtimes`;

/** `DeviceDetail` for legacy search and filter values. */
export const deviceEntity = defineEntity({
  from: sql`device_detail d`,
  key: 'd.id',
  deleted: 'd.is_deleted',
  fields: {
    id: { column: 'd.id', type: 'string' },
    deviceProviderId: { column: 'd.dprovider_id', type: 'string' },
    deviceTypeCode: { column: 'd.dtype_code', type: 'string' },
    deviceSubTypeCode: { column: 'd.dstype_code', type: 'string' },
    make: { column: 'd.make', type: 'string' },
    model: { column: 'd.model', type: 'string' },
    partnerOrganizationName: { column: 'd.partner_org_name', type: 'string' },
    approvalStatus: { column: 'd.approval_status', type: 'string' },
    isActive: { column: 'd.is_active', type: 'boolean' },
    ...audit('d'),
  },
});

/** `RegistrationDeviceSubType` (`/deviceType/search`, `/deviceSubType/filtervalues`). */
export const subTypeEntity = defineEntity({
  from: sql`reg_device_sub_type st`,
  key: 'st.code',
  deleted: 'st.is_deleted',
  fields: {
    // MOSIP's entity field names, misspelling included (docs/mosip-compatibility.md).
    code: { column: 'st.code', type: 'string' },
    deviceType: { column: 'st.dtyp_code', type: 'string' },
    name: { column: 'st.name', type: 'string' },
    desciption: { column: 'st.descr', type: 'string' },
    isActive: { column: 'st.is_active', type: 'boolean' },
    ...audit('st'),
  },
});

/** `RegistrationDeviceType` (`/deviceType/filtervalues`). */
export const typeEntity = defineEntity({
  from: sql`reg_device_type t`,
  key: 't.code',
  deleted: 't.is_deleted',
  fields: {
    code: { column: 't.code', type: 'string' },
    name: { column: 't.name', type: 'string' },
    desciption: { column: 't.descr', type: 'string' },
    isActive: { column: 't.is_active', type: 'boolean' },
    ...audit('t'),
  },
});

/** `DeviceDetailSBI` joined to its device and SBI (`/devicedetails/map/search`). */
export const mappingEntity = defineEntity({
  from: sql`device_detail_sbi m join device_detail d on d.id = m.device_detail_id join secure_biometric_interface s on s.id = m.sbi_id`,
  key: 'm.device_detail_id',
  deleted: 'm.is_deleted',
  fields: {
    deviceDetailId: { column: 'm.device_detail_id', type: 'string' },
    sbiId: { column: 'm.sbi_id', type: 'string' },
    providerId: { column: 'm.dprovider_id', type: 'string' },
    partnerName: { column: 'm.partner_org_name', type: 'string' },
    isActive: { column: 'm.is_active', type: 'boolean' },
    ...audit('m'),
  },
});

/** SBI status as the revamp list shows it. */
const sbiStatus = derivedStatus(sql`s.approval_status`, sql`s.is_active`);
const sbiExpiry = sql`(case when s.sw_expiry_dtimes < now() then 'expired' else 'valid' end)`;
const deviceCount = (cond: string) =>
  sql`(select count(*) from device_detail_sbi m join device_detail d on d.id = m.device_detail_id
       where m.sbi_id = s.id and not m.is_deleted ${sql.raw(cond)})`;

/** `GET /securebiometricinterface`: its sort aliases (PartnerHelper.sbiAliasToColumnMap). */
export const sbiList = defineEntity({
  from: sql`secure_biometric_interface s`,
  key: 's.id',
  fields: {
    partnerId: { column: 's.provider_id', type: 'string' },
    orgName: { column: 's.partner_org_name', type: 'string' },
    sbiId: { column: 's.id', type: 'string' },
    sbiVersion: { column: 's.sw_version', type: 'string' },
    sbiCreatedDateTime: { column: 's.sw_cr_dtimes', type: 'timestamp' },
    sbiExpiryDateTime: { column: 's.sw_expiry_dtimes', type: 'timestamp' },
    status: { expr: sbiStatus, type: 'string' },
    createdDateTime: { column: 's.cr_dtimes', type: 'timestamp' },
    sbiExpiryStatus: { expr: sbiExpiry, type: 'string' },
    countOfAssociatedDevices: { expr: deviceCount(''), type: 'integer' },
  },
});
export const SBI_LIST_COLUMNS = sql`s.provider_id, s.partner_org_name, s.id, s.sw_version, ${sbiStatus} as status, s.is_active, s.sw_cr_dtimes,
  s.sw_expiry_dtimes, s.cr_dtimes, ${deviceCount('')}::int as devices, ${deviceCount("and d.approval_status = 'approved' and d.is_active")}::int as approved,
  ${deviceCount("and d.approval_status = 'pending_approval'")}::int as pending, ${sbiExpiry} as expiry_status`;
export const sbiStatusFilter = (status: string | undefined) => (status ? sql`${sbiStatus} = ${status}::text` : undefined);
export const sbiExpiryFilter = (value: string | undefined) => (value ? sql`${sbiExpiry} = ${value}::text` : undefined);

/**
 * The SBI a device list row shows: the newest mapping. Computed per page row only, so the
 * count and the default page read `device_detail` alone (the 100,000-device benchmark).
 */
const latestSbi = (col: string) =>
  sql`(select s.${sql.raw(col)} from device_detail_sbi m join secure_biometric_interface s on s.id = m.sbi_id
       where m.device_detail_id = d.id and not m.is_deleted order by m.cr_dtimes desc, m.sbi_id limit 1)`;
const deviceStatus = derivedStatus(sql`d.approval_status`, sql`d.is_active`);

/** `GET /devicedetail` (admin): its sort aliases (PartnerHelper.deviceAliasToColumnMap). */
export const deviceList = defineEntity({
  from: sql`device_detail d`,
  key: 'd.id',
  fields: {
    deviceId: { column: 'd.id', type: 'string' },
    sbiId: { expr: latestSbi('id'), type: 'string' },
    sbiVersion: { expr: latestSbi('sw_version'), type: 'string' },
    partnerId: { column: 'd.dprovider_id', type: 'string' },
    orgName: { column: 'd.partner_org_name', type: 'string' },
    deviceType: { column: 'd.dtype_code', type: 'string' },
    deviceSubType: { column: 'd.dstype_code', type: 'string' },
    make: { column: 'd.make', type: 'string' },
    model: { column: 'd.model', type: 'string' },
    status: { expr: deviceStatus, type: 'string' },
    createdDateTime: { column: 'd.cr_dtimes', type: 'timestamp' },
  },
});
export const DEVICE_LIST_COLUMNS = sql`d.id, d.dprovider_id, d.partner_org_name, d.dtype_code, d.dstype_code, ${deviceStatus} as status, d.is_active,
  d.make, d.model, d.cr_dtimes, ${latestSbi('id')} as sbi_id, ${latestSbi('sw_version')} as sbi_version`;
export const deviceStatusFilter = (status: string | undefined) => (status ? sql`${deviceStatus} = ${status}::text` : undefined);
/** The sbiId / sbiVersion filters match any SBI the device is mapped to. */
export const deviceSbiFilter = (column: 'id' | 'sw_version', value: string | undefined) =>
  value
    ? sql`exists (select 1 from device_detail_sbi m join secure_biometric_interface s on s.id = m.sbi_id
                  where m.device_detail_id = d.id and not m.is_deleted and lower(s.${sql.raw(column)}) like ${`%${escapeLike(value.toLowerCase())}%`}::text)`
    : undefined;
