import { sql } from '../platform/db/sql.js';
import {
  containsFilter,
  defineEntity,
  exactFilter,
  planList,
  runList,
  type ListQuery,
  type PageResponseV2,
} from '../platform/search/index.js';
import type { Queryable } from '../platform/db/store.js';
import type { Actor } from '../platform/audit.js';
import type { Cert } from './x509.js';

export interface CaRow {
  cert_id: string;
  partner_domain: string;
  ca_cert_type: 'ROOT' | 'INTERMEDIATE';
  cert_subject: string;
  cert_issuer: string;
  issuer_id: string | null;
  cert_thumbprint: string;
  cert_fingerprint: string;
  cert_serial_no: string;
  cert_not_before: string;
  cert_not_after: string;
  cert_data: string;
  cr_dtimes: string;
}

export interface PartnerCertRow {
  cert_id: string;
  partner_id: string;
  partner_domain: string;
  cert_subject: string;
  cert_not_before: string;
  cert_not_after: string;
  cert_data: string;
  signed_cert_data: string;
  signed_subject_cn: string | null;
  signed_not_before: string;
  signed_not_after: string;
  signed_chain: string;
}

export const caCertsOfDomain = (q: Queryable, domain: string): Promise<CaRow[]> =>
  q.query<CaRow>(sql`select * from ca_cert_store where partner_domain = ${domain} and not is_deleted order by cr_dtimes, cert_id`);

export const findCaCert = (q: Queryable, certId: string): Promise<CaRow | undefined> =>
  q.one<CaRow>(sql`select * from ca_cert_store where cert_id = ${certId} and not is_deleted`);

export async function lockCaDomain(q: Queryable, domain: string): Promise<void> {
  await q.exec(sql`select pg_advisory_xact_lock(91090007, hashtext(${domain}))`);
}

export async function insertCaCert(
  q: Queryable,
  row: { certId: string; domain: string; type: 'ROOT' | 'INTERMEDIATE'; issuerId: string | null; cert: Cert },
  actor: Actor,
): Promise<void> {
  const c = row.cert;
  await q.exec(sql`
    insert into ca_cert_store (cert_id, partner_domain, ca_cert_type, cert_subject, cert_issuer, issuer_id, cert_thumbprint,
      cert_fingerprint, cert_serial_no, cert_not_before, cert_not_after, cert_data, cr_by)
    values (${row.certId}, ${row.domain}, ${row.type}, ${c.subject}, ${c.issuer}, ${row.issuerId}, ${c.thumbprint},
      ${c.fingerprint}, ${c.serial}, ${c.notBefore.toISOString()}, ${c.notAfter.toISOString()}, ${c.pem}, ${actor.userId})`);
}

export async function insertPartnerCert(
  q: Queryable,
  row: {
    certId: string;
    partnerId: string;
    domain: string;
    orgName: string;
    partnerType: string;
    issuerId: string;
    original: Cert;
    signed: Cert;
    signingKeyId: string;
    chain: string;
  },
  actor: Actor,
): Promise<void> {
  const o = row.original;
  const s = row.signed;
  await q.exec(sql`
    insert into partner_cert_store (cert_id, partner_id, partner_domain, org_name, partner_type, cert_subject, cert_issuer, issuer_id,
      cert_thumbprint, cert_serial_no, cert_not_before, cert_not_after, cert_data, signed_cert_data, signed_subject_cn,
      signed_not_before, signed_not_after, signing_key_id, signed_chain, cr_by)
    values (${row.certId}, ${row.partnerId}, ${row.domain}, ${row.orgName}, ${row.partnerType}, ${o.subject}, ${o.issuer}, ${row.issuerId},
      ${o.thumbprint}, ${o.serial}, ${o.notBefore.toISOString()}, ${o.notAfter.toISOString()}, ${o.pem}, ${s.pem}, ${s.subjectCn ?? null},
      ${s.notBefore.toISOString()}, ${s.notAfter.toISOString()}, ${row.signingKeyId}, ${row.chain}, ${actor.userId})`);
}

/** Uploading a certificate makes it the partner's current one and approves and activates the partner. */
export async function approveWithCertificate(q: Queryable, partnerId: string, certId: string, actor: Actor): Promise<void> {
  await q.exec(sql`
    update partner set certificate_alias = ${certId}, is_active = true, approval_status = 'approved',
      upd_by = ${actor.userId}, upd_dtimes = now()
    where id = ${partnerId}`);
}

export const findPartnerCert = (q: Queryable, certId: string): Promise<PartnerCertRow | undefined> =>
  q.one<PartnerCertRow>(sql`select * from partner_cert_store where cert_id = ${certId}`);

/** `/trust-chain-certificates`: its sort aliases (spec 6.1) over `ca_cert_store`. */
export const caCertList = defineEntity({
  from: sql`ca_cert_store`,
  key: 'cert_id',
  deleted: 'is_deleted',
  fields: {
    caCertificateType: { column: 'ca_cert_type', type: 'string' },
    certificateId: { column: 'cert_id', type: 'string' },
    partnerDomain: { column: 'partner_domain', type: 'string' },
    issuedTo: { column: 'cert_subject', type: 'string' },
    issuedBy: { column: 'cert_issuer', type: 'string' },
    validFrom: { column: 'cert_not_before', type: 'timestamp' },
    validTill: { column: 'cert_not_after', type: 'timestamp' },
    uploadedDateTime: { column: 'cr_dtimes', type: 'timestamp' },
  },
});

export type TrustListQuery = ListQuery & {
  caCertificateType?: string;
  certificateId?: string;
  partnerDomain?: string;
  issuedTo?: string;
  issuedBy?: string;
};

/** A page of the trust store as `/trust-chain-certificates` filters, sorts and pages it. */
export async function trustCertificatePage<Item>(
  q: Queryable,
  query: TrustListQuery,
  map: (r: CaRow) => Item,
): Promise<PageResponseV2<Item>> {
  // Without a sort keymanager lists in upload order, oldest first (docs/mosip-compatibility.md).
  const plan = planList(caCertList, query, { defaults: { pageNo: 0, pageSize: 8 }, pairing: true, defaultOrder: sql`cr_dtimes asc` });
  return runList<CaRow, Item>(q, caCertList, plan, {
    select: sql`*`,
    where: [
      sql`not is_deleted`,
      exactFilter(sql`ca_cert_type`, query.caCertificateType?.toUpperCase()),
      exactFilter(sql`partner_domain`, query.partnerDomain?.toUpperCase()),
      containsFilter(sql`cert_id`, query.certificateId),
      containsFilter(sql`cert_subject`, query.issuedTo),
      containsFilter(sql`cert_issuer`, query.issuedBy),
    ],
    map,
  });
}
