import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import { defineEntity } from '../platform/search/index.js';
import { derivedStatus } from '../devices/common.js';
import type { CertifiedKey } from '../trust/service.js';

export interface ChipRow {
  id: string;
  foundational_trust_provider_id: string;
  make: string;
  model: string;
  certificate_alias: string | null;
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

export interface ChipCertRow {
  cert_id: string;
  chip_id: string;
  cert_data: string;
  cert_not_before: string;
  cert_not_after: string;
  signed_cert_data: string;
  signed_not_before: string;
  signed_not_after: string;
  chain: string;
}

export const findChip = (q: Queryable, id: string, lock = false): Promise<ChipRow | undefined> =>
  q.one<ChipRow>(sql`select * from ftp_chip_detail where id = ${id} and not is_deleted ${lock ? sql`for update` : sql``}`);

export const liveDuplicate = (q: Queryable, providerId: string, make: string, model: string) =>
  q.one<{ id: string }>(sql`
    select id from ftp_chip_detail
    where foundational_trust_provider_id = ${providerId} and make = ${make} and model = ${model}
      and approval_status <> 'rejected' and not (approval_status = 'approved' and not is_active) and not is_deleted`);

export async function insertChip(
  q: Queryable,
  c: { id: string; providerId: string; make: string; model: string; orgName: string },
  by: string,
): Promise<void> {
  await q.exec(sql`
    insert into ftp_chip_detail (id, foundational_trust_provider_id, make, model, partner_org_name, approval_status, is_active, cr_by)
    values (${c.id}, ${c.providerId}, ${c.make}, ${c.model}, ${c.orgName}, 'pending_cert_upload', false, ${by})`);
}

export async function insertChipCert(
  q: Queryable,
  row: { certId: string; chipId: string; orgName: string; partnerType: string; key: CertifiedKey },
  by: string,
): Promise<void> {
  const { original: o, signed: s } = row.key;
  await q.exec(sql`
    insert into ftm_chip_cert_store (cert_id, chip_id, partner_domain, org_name, partner_type, cert_subject, cert_issuer, issuer_id,
      cert_thumbprint, cert_serial_no, cert_not_before, cert_not_after, cert_data, signed_cert_data, signed_not_before, signed_not_after,
      signing_key_id, chain, cr_by)
    values (${row.certId}, ${row.chipId}, ${row.key.domain}, ${row.orgName}, ${row.partnerType}, ${o.subject}, ${o.issuer}, ${row.key.issuerId},
      ${o.thumbprint}, ${o.serial}, ${o.notBefore.toISOString()}, ${o.notAfter.toISOString()}, ${o.pem}, ${s.pem},
      ${s.notBefore.toISOString()}, ${s.notAfter.toISOString()}, ${row.key.signingKeyId}, ${row.key.chain}, ${by})`);
}

export const findChipCert = (q: Queryable, certId: string): Promise<ChipCertRow | undefined> =>
  q.one<ChipCertRow>(sql`select * from ftm_chip_cert_store where cert_id = ${certId}`);

const audit = {
  crBy: { column: 'c.cr_by', type: 'string' },
  crDtimes: { column: 'c.cr_dtimes', type: 'timestamp' },
  updBy: { column: 'c.upd_by', type: 'string' },
  updDtimes: { column: 'c.upd_dtimes', type: 'timestamp' },
  isDeleted: { column: 'c.is_deleted', type: 'boolean' },
  delDtimes: { column: 'c.del_dtimes', type: 'timestamp' },
} as const;

/** `FTPChipDetail` for the legacy search. */
export const chipEntity = defineEntity({
  from: sql`ftp_chip_detail c`,
  key: 'c.id',
  deleted: 'c.is_deleted',
  fields: {
    ftpChipDetailId: { column: 'c.id', type: 'string' },
    ftpProviderId: { column: 'c.foundational_trust_provider_id', type: 'string' },
    make: { column: 'c.make', type: 'string' },
    model: { column: 'c.model', type: 'string' },
    certificateAlias: { column: 'c.certificate_alias', type: 'string' },
    partnerOrganizationName: { column: 'c.partner_org_name', type: 'string' },
    approvalStatus: { column: 'c.approval_status', type: 'string' },
    isActive: { column: 'c.is_active', type: 'boolean' },
    ...audit,
  },
});

const chipStatus = derivedStatus(sql`c.approval_status`, sql`c.is_active`);

/** `GET /ftpchipdetail/v2` (admin): its sort aliases (PartnerHelper.ftmAliasToColumnMap). */
export const chipList = defineEntity({
  from: sql`ftp_chip_detail c`,
  key: 'c.id',
  fields: {
    partnerId: { column: 'c.foundational_trust_provider_id', type: 'string' },
    orgName: { column: 'c.partner_org_name', type: 'string' },
    ftmId: { column: 'c.id', type: 'string' },
    make: { column: 'c.make', type: 'string' },
    model: { column: 'c.model', type: 'string' },
    status: { expr: chipStatus, type: 'string' },
    createdDateTime: { column: 'c.cr_dtimes', type: 'timestamp' },
  },
});
export const CHIP_LIST_COLUMNS = sql`c.id, c.foundational_trust_provider_id, c.partner_org_name, c.make, c.model, ${chipStatus} as status,
  c.is_active, c.certificate_alias is not null as has_cert, c.cr_dtimes`;
export const chipStatusFilter = (status: string | undefined) => (status ? sql`${chipStatus} = ${status}::text` : undefined);
