import { sql } from '../../platform/db/sql.js';
import type { SourceRow, TableImport, TargetRow, Verdict } from '../types.js';
import { AUDIT, audit, byId, copyTable, requireFields, text, tooLong } from './common.js';

const PARTNER_COLUMNS = {
  id: 'text',
  policy_group_id: 'text',
  name: 'text',
  address: 'text',
  contact_no: 'text',
  email_id: 'text',
  certificate_alias: 'text',
  user_id: 'text',
  partner_type_code: 'text',
  approval_status: 'text',
  is_active: 'boolean',
  lang_code: 'text',
  logo_url: 'text',
  addl_info: 'text',
  ...AUDIT,
} as const;

const PARTNER_REFS = [
  { column: 'partner_type_code', table: 'partner_type', key: 'code', what: 'partner type' },
  { column: 'policy_group_id', table: 'policy_group', key: 'id', what: 'policy group' },
];

const LIMITS = { name: 128, address: 2000, contact_no: 16, email_id: 254 };

/**
 * Registration holds e-mail addresses unique through `partner_email_claim`. An imported
 * partner claims its address when no other partner holds it; MOSIP's own seed partners share
 * addresses, and such a partner is imported unclaimed, as the migration that made the claim
 * table treated rows that existed then.
 */
async function claimEmails(q: Parameters<NonNullable<TableImport['after']>>[0], written: TargetRow[]): Promise<void> {
  const claims = written.filter((w) => w.email_id).map((w) => ({ email_id: w.email_id, partner_id: w.id }));
  if (claims.length === 0) return;
  await q.exec(sql`
    insert into partner_email_claim (email_id, partner_id)
    select x.email_id, x.partner_id from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) as x(email_id text, partner_id text)
    order by x.email_id
    on conflict do nothing`);
}

/** Ownership: MOSIP's `user_id` is the partner user's login, so it stays the owner here. */
export const partners: TableImport = {
  name: 'partner',
  source: {
    db: 'pms',
    table: 'partner',
    key: ['id'],
    columns: [
      'id',
      'policy_group_id',
      'name',
      'address',
      'contact_no',
      'email_id',
      'certificate_alias',
      'user_id',
      'partner_type_code',
      'approval_status',
      'is_active',
      'lang_code',
      'logo_url',
      'addl_info',
    ],
  },
  target: { table: 'partner', columns: PARTNER_COLUMNS, key: ['id'], refs: PARTNER_REFS },
  idOf: byId,
  map: (r) =>
    requireFields(r, ['id', 'name', 'user_id', 'partner_type_code', 'approval_status'], () => {
      const long = tooLong(r, LIMITS);
      if (long) return { reject: long };
      return {
        row: {
          id: r.id,
          policy_group_id: text(r.policy_group_id),
          name: r.name,
          address: text(r.address),
          contact_no: text(r.contact_no),
          email_id: text(r.email_id),
          certificate_alias: text(r.certificate_alias),
          user_id: r.user_id,
          partner_type_code: r.partner_type_code,
          approval_status: r.approval_status,
          is_active: r.is_active === true,
          lang_code: text(r.lang_code),
          logo_url: text(r.logo_url),
          addl_info: text(r.addl_info),
          ...audit(r),
        },
      };
    }),
  after: claimEmails,
};

/** MOSIP's partner type of MISPs (our PMS_MISP_PARTNER_TYPE default). */
export const MISP_TYPE = 'MISP_Partner';

/** MOSIP 1.1's `misp.status_code` in the partner's approval vocabulary. */
function mispApproval(r: SourceRow): string {
  const s = (text(r.status_code) ?? '').toLowerCase();
  if (s === 'rejected') return 'rejected';
  if (['approved', 'active', 'activated'].includes(s)) return 'approved';
  return 'InProgress';
}

/**
 * MOSIP 1.1 kept MISPs in their own `misp` table; since 1.2 a MISP is a partner of type
 * MISP_Partner and licenses name the partner. A `misp` row with no partner of its id becomes
 * one, so its licenses keep their owner.
 */
export const legacyMisps: TableImport = {
  name: 'misp',
  source: {
    db: 'pms',
    table: 'misp',
    key: ['id'],
    columns: ['id', 'name', 'address', 'contact_no', 'email_id', 'user_id', 'status_code', 'is_active'],
  },
  target: { table: 'partner', columns: PARTNER_COLUMNS, key: ['id'], refs: PARTNER_REFS },
  idOf: byId,
  map: (r): Verdict =>
    requireFields(r, ['id', 'name', 'user_id'], () => {
      const long = tooLong(r, LIMITS);
      if (long) return { reject: long };
      return {
        row: {
          id: r.id,
          policy_group_id: null,
          name: r.name,
          address: text(r.address),
          contact_no: text(r.contact_no),
          email_id: text(r.email_id),
          certificate_alias: null,
          user_id: r.user_id,
          partner_type_code: MISP_TYPE,
          approval_status: mispApproval(r),
          is_active: r.is_active === true,
          lang_code: null,
          logo_url: null,
          addl_info: null,
          ...audit(r),
        },
      };
    }),
  after: claimEmails,
};

export const contacts = copyTable({
  name: 'partner_contact',
  columns: { id: 'text', partner_id: 'text', contact_no: 'text', email_id: 'text', address: 'text', is_active: 'boolean' },
  key: ['id'],
  required: ['id', 'partner_id'],
  limits: { contact_no: 16, email_id: 254, address: 2000 },
  refs: [{ column: 'partner_id', table: 'partner', key: 'id', what: 'partner' }],
});

/** Consent rows (MOSIP 1.2.2's `user_details`): one per user here, as MOSIP's code assumes. */
export const consents: TableImport = {
  name: 'user_details',
  source: {
    db: 'pms',
    table: 'user_details',
    key: ['id'],
    columns: ['id', 'user_id', 'consent_given', 'consent_given_dtimes', 'cr_by', 'cr_dtimes', 'upd_by', 'upd_dtimes'],
    audit: false,
  },
  target: {
    table: 'user_details',
    columns: {
      id: 'text',
      user_id: 'text',
      consent_given: 'text',
      consent_given_dtimes: 'timestamptz',
      cr_by: 'text',
      cr_dtimes: 'timestamptz',
      upd_by: 'text',
      upd_dtimes: 'timestamptz',
    },
    key: ['id'],
  },
  idOf: byId,
  map: (r) =>
    requireFields(r, ['id', 'user_id', 'consent_given', 'consent_given_dtimes', 'cr_by', 'cr_dtimes'], () => {
      const consent = String(r.consent_given).toUpperCase();
      if (consent !== 'YES' && consent !== 'NO') return { reject: `consent_given ${String(r.consent_given)} is neither YES nor NO` };
      const long = tooLong(r, { user_id: 64, cr_by: 64, upd_by: 64 });
      if (long) return { reject: long };
      return {
        row: {
          id: r.id,
          user_id: r.user_id,
          consent_given: consent,
          consent_given_dtimes: r.consent_given_dtimes,
          cr_by: r.cr_by,
          cr_dtimes: r.cr_dtimes,
          upd_by: text(r.upd_by),
          upd_dtimes: text(r.upd_dtimes),
        },
      };
    }),
};
