import { sql } from '../../platform/db/sql.js';
import type { SourceRow, TableImport, Verdict } from '../types.js';
import { AUDIT, audit, byId, copyTable, requireFields, text, tooLong } from './common.js';

const DEVICE_STATUSES = ['pending_approval', 'approved', 'rejected'];
const CHIP_STATUSES = ['pending_cert_upload', ...DEVICE_STATUSES];

/** MOSIP writes statuses in lower case; any case is read, ours is lower case (a check rule). */
function status(r: SourceRow, allowed: string[]): string | { reject: string } {
  const s = String(r.approval_status).toLowerCase();
  return allowed.includes(s) ? s : { reject: `approval_status ${String(r.approval_status)} is not one of ${allowed.join(', ')}` };
}

export const sbis: TableImport = {
  name: 'secure_biometric_interface',
  source: {
    db: 'pms',
    table: 'secure_biometric_interface',
    key: ['id'],
    columns: [
      'id',
      'sw_binary_hash',
      'sw_version',
      'sw_cr_dtimes',
      'sw_expiry_dtimes',
      'approval_status',
      'is_active',
      'provider_id',
      'partner_org_name',
    ],
  },
  target: {
    table: 'secure_biometric_interface',
    columns: {
      id: 'text',
      sw_binary_hash: 'bytea',
      sw_version: 'text',
      sw_cr_dtimes: 'timestamptz',
      sw_expiry_dtimes: 'timestamptz',
      approval_status: 'text',
      is_active: 'boolean',
      provider_id: 'text',
      partner_org_name: 'text',
      ...AUDIT,
    },
    key: ['id'],
    refs: [{ column: 'provider_id', table: 'partner', key: 'id', what: 'device provider' }],
  },
  conflict: 'the provider already has an SBI of this version',
  idOf: byId,
  // MOSIP lets provider_id and the SBI dates be empty (its seed rows have none); ours may not.
  map: (r): Verdict =>
    requireFields(r, ['id', 'sw_binary_hash', 'sw_version', 'sw_cr_dtimes', 'sw_expiry_dtimes', 'approval_status', 'provider_id'], () => {
      const s = status(r, DEVICE_STATUSES);
      if (typeof s !== 'string') return s;
      return {
        row: {
          id: r.id,
          sw_binary_hash: r.sw_binary_hash,
          sw_version: r.sw_version,
          sw_cr_dtimes: r.sw_cr_dtimes,
          sw_expiry_dtimes: r.sw_expiry_dtimes,
          approval_status: s,
          is_active: r.is_active === true,
          provider_id: r.provider_id,
          partner_org_name: text(r.partner_org_name),
          ...audit(r),
        },
      };
    }),
};

export const devices: TableImport = {
  name: 'device_detail',
  source: {
    db: 'pms',
    table: 'device_detail',
    key: ['id'],
    columns: ['id', 'dprovider_id', 'dtype_code', 'dstype_code', 'make', 'model', 'partner_org_name', 'approval_status', 'is_active'],
  },
  target: {
    table: 'device_detail',
    columns: {
      id: 'text',
      dprovider_id: 'text',
      dtype_code: 'text',
      dstype_code: 'text',
      make: 'text',
      model: 'text',
      partner_org_name: 'text',
      approval_status: 'text',
      is_active: 'boolean',
      ...AUDIT,
    },
    key: ['id'],
    refs: [{ column: 'dprovider_id', table: 'partner', key: 'id', what: 'device provider' }],
  },
  conflict: 'the provider already has a live device of this type, sub-type, make and model',
  idOf: byId,
  // The (sub-type, type) pair must name one of our sub-types.
  prepare: async (q) =>
    new Set((await q.query<{ k: string }>(sql`select dtyp_code || '/' || code as k from reg_device_sub_type`)).map((r) => r.k)),
  map: (r, _ctx, subTypes): Verdict =>
    requireFields(r, ['id', 'dprovider_id', 'dtype_code', 'dstype_code', 'make', 'model', 'approval_status'], () => {
      const s = status(r, DEVICE_STATUSES);
      if (typeof s !== 'string') return s;
      const long = tooLong(r, { make: 36, model: 36 });
      if (long) return { reject: long };
      if (!(subTypes as Set<string>).has(`${String(r.dtype_code)}/${String(r.dstype_code)}`)) {
        return { reject: `device type ${String(r.dtype_code)} has no sub-type ${String(r.dstype_code)}` };
      }
      return {
        row: {
          id: r.id,
          dprovider_id: r.dprovider_id,
          dtype_code: r.dtype_code,
          dstype_code: r.dstype_code,
          make: r.make,
          model: r.model,
          partner_org_name: text(r.partner_org_name),
          approval_status: s,
          is_active: r.is_active === true,
          ...audit(r),
        },
      };
    }),
};

export const deviceSbis = copyTable({
  name: 'device_detail_sbi',
  columns: { device_detail_id: 'text', sbi_id: 'text', dprovider_id: 'text', partner_org_name: 'text', is_active: 'boolean' },
  key: ['device_detail_id', 'sbi_id'],
  required: ['device_detail_id', 'sbi_id', 'dprovider_id'],
  refs: [
    { column: 'device_detail_id', table: 'device_detail', key: 'id', what: 'device' },
    { column: 'sbi_id', table: 'secure_biometric_interface', key: 'id', what: 'SBI' },
  ],
});

/** FTM chips; their certificates come from the key manager (certificates.ts, --keymgr). */
export const ftmChips: TableImport = {
  name: 'ftp_chip_detail',
  source: {
    db: 'pms',
    table: 'ftp_chip_detail',
    key: ['id'],
    columns: [
      'id',
      'foundational_trust_provider_id',
      'make',
      'model',
      'certificate_alias',
      'partner_org_name',
      'approval_status',
      'is_active',
    ],
  },
  target: {
    table: 'ftp_chip_detail',
    columns: {
      id: 'text',
      foundational_trust_provider_id: 'text',
      make: 'text',
      model: 'text',
      certificate_alias: 'text',
      partner_org_name: 'text',
      approval_status: 'text',
      is_active: 'boolean',
      ...AUDIT,
    },
    key: ['id'],
    refs: [{ column: 'foundational_trust_provider_id', table: 'partner', key: 'id', what: 'FTM provider' }],
  },
  conflict: 'the provider already has a live chip of this make and model',
  idOf: byId,
  map: (r): Verdict =>
    requireFields(r, ['id', 'foundational_trust_provider_id', 'make', 'model', 'approval_status'], () => {
      const s = status(r, CHIP_STATUSES);
      if (typeof s !== 'string') return s;
      return {
        row: {
          id: r.id,
          foundational_trust_provider_id: r.foundational_trust_provider_id,
          make: r.make,
          model: r.model,
          certificate_alias: text(r.certificate_alias),
          partner_org_name: text(r.partner_org_name),
          approval_status: s,
          is_active: r.is_active === true,
          ...audit(r),
        },
      };
    }),
};
