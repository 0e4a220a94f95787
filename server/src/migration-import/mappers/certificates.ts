import { sql, type Sql } from '../../platform/db/sql.js';
import type { Queryable } from '../../platform/db/store.js';
import { certFromPem, CertInputError, issuedBy, isSelfSigned, p7bOf, type Cert } from '../../trust/x509.js';
import type { ImportContext, SourceRow, TableImport, Verdict } from '../types.js';
import { AUDIT, audit, requireFields, text } from './common.js';

/**
 * The key manager's trust store and partner certificates (MOSIP's `mosip_keymgr`, --keymgr).
 * Facts relied on: docs/moving-from-mosip.md, "Key manager".
 */

/** Recorded as the signer of imported certificates: MOSIP's own signing key stays in its key manager. */
export const MOSIP_SIGNING_KEY = 'mosip-keymgr';

const CA_CERTS = 'ca-certs';

function caCerts(ctx: ImportContext): Map<string, Cert> {
  let m = ctx.shared.get(CA_CERTS) as Map<string, Cert> | undefined;
  if (!m) ctx.shared.set(CA_CERTS, (m = new Map()));
  return m;
}

function parse(pem: unknown, field: string): Cert | { reject: string } {
  try {
    return certFromPem(String(pem));
  } catch (err) {
    if (err instanceof CertInputError) return { reject: `${field} is not an X.509 certificate (${err.message})` };
    throw err;
  }
}

const isRoot = (r: SourceRow, cert: Cert): boolean =>
  String(r.ca_cert_type ?? '').toUpperCase() === 'ROOT' ||
  r.issuer_id === r.cert_id ||
  (text(r.ca_cert_type) === null && isSelfSigned(cert));

/** Issuers before what they issued, so each certificate's issuer is in our store when it is written. */
function issuersFirst(rows: SourceRow[]): SourceRow[] {
  const byId = new Map(rows.map((r) => [String(r.cert_id), r]));
  const depth = (r: SourceRow, seen = new Set<string>()): number => {
    const issuer = byId.get(String(r.issuer_id));
    if (!issuer || issuer === r || seen.has(String(r.cert_id))) return 0;
    seen.add(String(r.cert_id));
    return 1 + depth(issuer, seen);
  };
  return rows
    .map((r) => ({ r, d: depth(r) }))
    .sort((a, b) => a.d - b.d || String(a.r.cert_id).localeCompare(String(b.r.cert_id)))
    .map((x) => x.r);
}

export const caCertificates: TableImport = {
  name: 'ca_cert_store',
  source: {
    db: 'keymgr',
    table: 'ca_cert_store',
    key: ['cert_id'],
    columns: ['cert_id', 'issuer_id', 'cert_data', 'partner_domain', 'ca_cert_type'],
  },
  target: {
    table: 'ca_cert_store',
    columns: {
      cert_id: 'text',
      partner_domain: 'text',
      ca_cert_type: 'text',
      cert_subject: 'text',
      cert_issuer: 'text',
      issuer_id: 'text',
      cert_thumbprint: 'text',
      cert_fingerprint: 'text',
      cert_serial_no: 'text',
      cert_not_before: 'timestamptz',
      cert_not_after: 'timestamptz',
      cert_data: 'text',
      ...AUDIT,
    },
    key: ['cert_id'],
    refs: [{ column: 'issuer_id', table: 'ca_cert_store', key: 'cert_id', what: 'issuing CA certificate' }],
  },
  conflict: 'the same certificate is already in the trust store of this domain',
  idOf: (r) => String(r.cert_id),
  // One row per batch: an intermediate's issuer must be written before the intermediate is checked.
  whole: true,
  batchSize: 1,
  reorder: issuersFirst,
  map: (r, ctx): Verdict =>
    requireFields(r, ['cert_id', 'cert_data', 'partner_domain'], () => {
      const cert = parse(r.cert_data, 'cert_data');
      if ('reject' in cert) return cert;
      const root = isRoot(r, cert);
      const issuer = root ? undefined : caCerts(ctx).get(String(r.issuer_id));
      if (!root && issuer && !issuedBy(cert, issuer)) return { reject: `not signed by its issuer ${String(r.issuer_id)}` };
      if (root && !isSelfSigned(cert)) return { reject: 'a ROOT certificate that is not self-signed' };
      caCerts(ctx).set(String(r.cert_id), cert);
      return {
        row: {
          cert_id: r.cert_id,
          partner_domain: String(r.partner_domain).toUpperCase(),
          ca_cert_type: root ? 'ROOT' : 'INTERMEDIATE',
          cert_subject: cert.subject,
          cert_issuer: cert.issuer,
          issuer_id: root ? null : text(r.issuer_id),
          cert_thumbprint: cert.thumbprint,
          cert_fingerprint: cert.fingerprint,
          cert_serial_no: cert.serial,
          cert_not_before: cert.notBefore.toISOString(),
          cert_not_after: cert.notAfter.toISOString(),
          cert_data: cert.pem,
          ...audit(r),
        },
      };
    }),
};

interface Owner {
  /** The partner's or the chip's id. */
  id: string;
  name: string;
  partner_type_code: string;
  certificate_alias: string;
}

/** The chain FTM consumers receive is the provider's own (as at upload); the CA path from our store. */
function caPath(ctx: ImportContext, rows: Map<string, string | null>, issuerId: string): Cert[] {
  const out: Cert[] = [];
  let id: string | null | undefined = issuerId;
  while (id && out.length < 5) {
    const c = caCerts(ctx).get(id);
    if (!c) break;
    out.push(c);
    id = rows.get(id);
  }
  return out;
}

interface Prepared {
  owners: Map<string, Owner>;
  issuers: Map<string, string | null>;
}

/** The owners (partners or chips) that name a batch's certificates, and the CA issuer links. */
async function prepareOwners(q: Queryable, rows: SourceRow[], owners: (ids: string[]) => Sql): Promise<Prepared> {
  const ids = rows.map((r) => String(r.cert_id));
  const found = await q.query<Owner>(owners(ids));
  const issuers = await q.query<{ cert_id: string; issuer_id: string | null }>(sql`select cert_id, issuer_id from ca_cert_store`);
  return { owners: new Map(found.map((o) => [o.certificate_alias, o])), issuers: new Map(issuers.map((i) => [i.cert_id, i.issuer_id])) };
}

/**
 * One key manager `partner_cert_store` row as our certificate columns: the CA-signed original,
 * MOSIP's signed copy (FTM chips may have none: the original stands in, as MOSIP hands FTM
 * consumers the original), and the chain consumers are given.
 */
function certificateRow(r: SourceRow, ctx: ImportContext, p: Prepared, owner: Owner, what: string): Verdict {
  return requireFields(r, ['cert_data', 'issuer_id', 'partner_domain'], () => {
    const original = parse(r.cert_data, 'cert_data');
    if ('reject' in original) return original;
    const domain = String(r.partner_domain).toUpperCase();
    if (text(r.signed_cert_data) === null && domain !== 'FTM') return { reject: 'signed_cert_data is missing' };
    const signed = text(r.signed_cert_data) === null ? original : parse(r.signed_cert_data, 'signed_cert_data');
    if ('reject' in signed) return signed;
    const chain = p7bOf(domain === 'FTM' ? [original, ...caPath(ctx, p.issuers, String(r.issuer_id))] : [signed]);
    return {
      row: {
        cert_id: r.cert_id,
        [what]: owner.id,
        partner_domain: domain,
        org_name: text(r.organization_name) ?? owner.name,
        partner_type: owner.partner_type_code,
        cert_subject: original.subject,
        cert_issuer: original.issuer,
        issuer_id: r.issuer_id,
        cert_thumbprint: original.thumbprint,
        cert_serial_no: original.serial,
        cert_not_before: original.notBefore.toISOString(),
        cert_not_after: original.notAfter.toISOString(),
        cert_data: original.pem,
        signed_cert_data: signed.pem,
        signed_subject_cn: signed.subjectCn ?? null,
        signed_not_before: signed.notBefore.toISOString(),
        signed_not_after: signed.notAfter.toISOString(),
        signing_key_id: MOSIP_SIGNING_KEY,
        chain,
        ...audit(r),
      },
    };
  });
}

const CERT_SOURCE: TableImport['source'] = {
  db: 'keymgr',
  table: 'partner_cert_store',
  key: ['cert_id'],
  columns: ['cert_id', 'issuer_id', 'partner_domain', 'cert_data', 'signed_cert_data', 'organization_name'],
};

const CERT_COLUMNS = {
  cert_id: 'text',
  partner_domain: 'text',
  org_name: 'text',
  partner_type: 'text',
  cert_subject: 'text',
  cert_issuer: 'text',
  issuer_id: 'text',
  cert_thumbprint: 'text',
  cert_serial_no: 'text',
  cert_not_before: 'timestamptz',
  cert_not_after: 'timestamptz',
  cert_data: 'text',
  signed_cert_data: 'text',
  signed_not_before: 'timestamptz',
  signed_not_after: 'timestamptz',
  signing_key_id: 'text',
} as const;

const ISSUER_REF = { column: 'issuer_id', table: 'ca_cert_store', key: 'cert_id', what: 'issuing CA certificate' };

/**
 * A partner's current certificate is the key manager row its `certificate_alias` names; other
 * rows (replaced certificates; FTM chip certificates, imported by the next step) are skipped.
 */
export const partnerCertificates: TableImport = {
  name: 'partner_cert_store',
  source: CERT_SOURCE,
  target: {
    table: 'partner_cert_store',
    columns: { ...CERT_COLUMNS, partner_id: 'text', signed_subject_cn: 'text', signed_chain: 'text', ...AUDIT },
    key: ['cert_id'],
    refs: [ISSUER_REF],
  },
  idOf: (r) => String(r.cert_id),
  prepare: (q, rows) =>
    prepareOwners(
      q,
      rows,
      (ids) => sql`select id, name, partner_type_code, certificate_alias from partner where certificate_alias = any(${ids}::text[])`,
    ),
  map: (r, ctx, prepared) => {
    const p = prepared as Prepared;
    const owner = p.owners.get(String(r.cert_id));
    if (!owner) return { skip: 'no partner names it as its certificate' };
    const v = certificateRow(r, ctx, p, owner, 'partner_id');
    if (!('row' in v)) return v;
    const { chain, ...row } = v.row;
    return { row: { ...row, signed_chain: chain } };
  },
};

/** FTM chip certificates: the key manager rows chips name by `certificate_alias` (MOSIP files them under the chip id). */
export const chipCertificates: TableImport = {
  name: 'ftm_chip_cert_store',
  source: CERT_SOURCE,
  target: {
    table: 'ftm_chip_cert_store',
    columns: { ...CERT_COLUMNS, chip_id: 'text', chain: 'text', cr_by: 'text', cr_dtimes: 'timestamptz' },
    key: ['cert_id'],
    refs: [ISSUER_REF],
  },
  idOf: (r) => String(r.cert_id),
  prepare: (q, rows) =>
    prepareOwners(
      q,
      rows,
      (ids) => sql`
      select c.id, coalesce(c.partner_org_name, p.name) as name, p.partner_type_code, c.certificate_alias
      from ftp_chip_detail c join partner p on p.id = c.foundational_trust_provider_id
      where c.certificate_alias = any(${ids}::text[])`,
    ),
  map: (r, ctx, prepared) => {
    const p = prepared as Prepared;
    const owner = p.owners.get(String(r.cert_id));
    if (!owner) return { skip: 'no FTM chip names it as its certificate' };
    return certificateRow(r, ctx, p, owner, 'chip_id');
  },
};
