import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { defineEntity, toIso } from '../platform/search/index.js';
import { masked, unseal } from '../platform/keys/secrets.js';
import type { LicenseEntityView } from './schemas.js';

/** `misp_license` as stored: the key only as HMAC, ciphertext and a four-character hint. */
export interface LicenseRow {
  id: string;
  misp_id: string;
  key_hmac: string;
  key_cipher: string;
  key_hint: string;
  policy_id: string | null;
  valid_from_date: string;
  valid_to_date: string | null;
  is_active: boolean;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean;
  del_dtimes: string | null;
}

export const licenseOf = (q: Queryable, mispId: string, forUpdate = false) =>
  q.one<LicenseRow>(sql`select * from misp_license where misp_id = ${mispId}${forUpdate ? sql` for update` : sql.empty}`);

/** `mispLicenseData` of MOSIP's MISP_LICENSE_* events (docs/events.md): IDA needs the key itself. */
export function mispLicenseData(
  dataKey: DataKey,
  l: Pick<LicenseRow, 'misp_id' | 'key_cipher' | 'valid_from_date' | 'valid_to_date' | 'is_active'>,
) {
  return {
    mispId: l.misp_id,
    licenseKey: unseal(dataKey, l.key_cipher),
    mispCommenceOn: toIso(l.valid_from_date),
    mispExpiresOn: toIso(l.valid_to_date),
    mispStatus: l.is_active ? 'ACTIVE' : 'NOT_ACTIVE',
  };
}

/**
 * The `MISPLicenseEntity` JSON of MOSIP's list and search. The key is shown masked (its last
 * four characters): it is given once at generation and to admins by GET /misps/{id}/licenseKey.
 */
export const licenseEntityView = (l: LicenseRow): LicenseEntityView => ({
  mispId: l.misp_id,
  policyId: l.policy_id,
  licenseKey: masked(l.key_hint),
  validFromDate: toIso(l.valid_from_date),
  validToDate: toIso(l.valid_to_date),
  isActive: l.is_active,
  createdBy: l.cr_by,
  createdDateTime: toIso(l.cr_dtimes),
  updatedBy: l.upd_by,
  updatedDateTime: toIso(l.upd_dtimes),
  isDeleted: l.is_deleted,
  deletedDateTime: toIso(l.del_dtimes),
});

/** Legacy `/misps/search` and `/misps/filtervalues` over `MISPLicenseEntity` (the key is not a field). */
export const licenseEntity = defineEntity({
  from: sql`misp_license m join partner p on p.id = m.misp_id`,
  key: 'm.id',
  deleted: 'm.is_deleted',
  fields: {
    mispId: { column: 'm.misp_id', type: 'string' },
    policyId: { column: 'm.policy_id', type: 'string' },
    validFromDate: { column: 'm.valid_from_date', type: 'timestamp' },
    validToDate: { column: 'm.valid_to_date', type: 'timestamp' },
    isActive: { column: 'm.is_active', type: 'boolean' },
    createdBy: { column: 'm.cr_by', type: 'string' },
    createdDateTime: { column: 'm.cr_dtimes', type: 'timestamp' },
    updatedBy: { column: 'm.upd_by', type: 'string' },
    updatedDateTime: { column: 'm.upd_dtimes', type: 'timestamp' },
    isDeleted: { column: 'm.is_deleted', type: 'boolean' },
    deletedDateTime: { column: 'm.del_dtimes', type: 'timestamp' },
  },
});
