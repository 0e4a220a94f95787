import { apiKeyData } from '../../api-keys/service.js';
import { hintOf, seal } from '../../api-keys/secrets.js';
import { PARTNER_MANAGER_PUBLISHER } from '../../partners/admin.js';
import type { PartnerRow } from '../../partners/repository.js';
import { INFRA_PROVIDER_PUBLISHER } from '../../misp/service.js';
import { mispLicenseData } from '../../misp/repository.js';
import { policyData } from '../../policies/views.js';
import { partnerData } from '../../policy-requests/repository.js';
import { sql } from '../../platform/db/sql.js';
import type { Queryable } from '../../platform/db/store.js';
import { newId } from '../../platform/ids.js';
import { enqueueEvents, type QueuedEvent } from '../../platform/outbox/events.js';
import type { Reference, SourceRow, TableImport, TargetRow } from '../types.js';
import { AUDIT, audit, byId, copyTable, requireFields, text, tooLong } from './common.js';
import { MISP_TYPE } from './partners.js';
import { policiesById } from './policies.js';

const PARTNER_REF: Reference = { column: 'part_id', table: 'partner', key: 'id', what: 'partner' };
const POLICY_REF: Reference = { column: 'policy_id', table: 'auth_policy', key: 'id', what: 'policy' };

/** MOSIP's request statuses, any letter case, as this service writes them. */
const REQUEST_STATUS: Record<string, string> = { inprogress: 'InProgress', approved: 'approved', rejected: 'rejected' };

export const policyRequests: TableImport = {
  name: 'partner_policy_request',
  source: {
    db: 'pms',
    table: 'partner_policy_request',
    key: ['id'],
    columns: ['id', 'part_id', 'policy_id', 'request_datetimes', 'request_detail', 'status_code'],
  },
  target: {
    table: 'partner_policy_request',
    columns: {
      id: 'text',
      part_id: 'text',
      policy_id: 'text',
      request_datetimes: 'timestamptz',
      request_detail: 'text',
      status_code: 'text',
      ...AUDIT,
    },
    key: ['id'],
    refs: [PARTNER_REF, POLICY_REF],
  },
  conflict: 'the partner already has an open (InProgress or approved) request for this policy',
  idOf: byId,
  map: (r) =>
    requireFields(r, ['id', 'part_id', 'policy_id', 'request_datetimes', 'request_detail', 'status_code'], () => {
      const status = REQUEST_STATUS[String(r.status_code).toLowerCase()];
      if (!status) return { reject: `status_code ${String(r.status_code)} is not InProgress, approved or rejected` };
      return {
        row: {
          id: r.id,
          part_id: r.part_id,
          policy_id: r.policy_id,
          request_datetimes: r.request_datetimes,
          request_detail: r.request_detail,
          status_code: status,
          ...audit(r),
        },
      };
    }),
};

/** The partners and policies a batch of written rows names, read once for its events. */
async function partnersAndPolicies(q: Queryable, written: TargetRow[], partnerColumn: string) {
  const partnerIds = [...new Set(written.map((w) => String(w[partnerColumn])))];
  const policyIds = [...new Set(written.map((w) => w.policy_id).filter((v): v is string => typeof v === 'string'))];
  const partners = new Map(
    (await q.query<PartnerRow>(sql`select * from partner where id = any(${partnerIds}::text[])`)).map((p) => [p.id, p]),
  );
  const policies = new Map((await policiesById(q, policyIds)).map((p) => [p.id, policyData(p)]));
  return { partners, policies };
}

/**
 * API keys. MOSIP keeps the key itself as the primary key, in clear; here it is stored as its
 * HMAC (found by exact value, so every key string in use keeps working) and its ciphertext
 * (for IDA's events), both under the data key. The clear key exists only in this process.
 */
export const apiKeys: TableImport = {
  name: 'partner_policy',
  source: {
    db: 'pms',
    table: 'partner_policy',
    key: ['policy_api_key'],
    columns: ['policy_api_key', 'part_id', 'policy_id', 'label', 'valid_from_datetime', 'valid_to_datetime', 'is_active'],
  },
  target: {
    table: 'partner_policy',
    columns: {
      id: 'text',
      key_hmac: 'text',
      key_cipher: 'text',
      part_id: 'text',
      policy_id: 'text',
      valid_from_datetime: 'timestamptz',
      valid_to_datetime: 'timestamptz',
      is_active: 'boolean',
      label: 'text',
      ...AUDIT,
    },
    key: ['key_hmac'],
    refs: [PARTNER_REF, POLICY_REF],
  },
  conflict: 'another key of this partner and policy starts at the same instant',
  // A report names a key by its last four characters only: reports are shared, keys are secrets.
  idOf: (r) => `****${hintOf(String(r.policy_api_key ?? ''))}`,
  map: (r, ctx) =>
    requireFields(r, ['policy_api_key', 'part_id', 'policy_id', 'valid_from_datetime'], () => {
      const long = tooLong(r, { label: 36 });
      if (long) return { reject: long };
      const key = String(r.policy_api_key);
      const sealed = seal(ctx.dataKey, key);
      return {
        row: {
          id: newId(),
          key_hmac: sealed.hmac,
          key_cipher: sealed.cipher,
          part_id: r.part_id,
          policy_id: r.policy_id,
          valid_from_datetime: r.valid_from_datetime,
          valid_to_datetime: text(r.valid_to_datetime),
          is_active: r.is_active === true,
          // MOSIP before 1.2.0.1 had no labels; the policy id stands in (our label is required).
          label: text(r.label) ?? String(r.policy_id).slice(0, 36),
          ...audit(r),
        },
      };
    }),
  // What IDA rebuilds its key cache from: the APIKEY_APPROVED a generation would have sent.
  async after(q, written, ctx) {
    if (!ctx.emitEvents) return;
    const { partners, policies } = await partnersAndPolicies(q, written, 'part_id');
    const events: QueuedEvent[] = [];
    for (const w of written) {
      const partner = partners.get(String(w.part_id));
      if (!partner) continue;
      events.push({
        topic: 'APIKEY_APPROVED',
        publisher: PARTNER_MANAGER_PUBLISHER,
        data: {
          partnerData: await partnerData(q, partner),
          policyData: policies.get(String(w.policy_id)) ?? null,
          apiKeyData: apiKeyData(ctx.dataKey, keyOf(w)),
        },
        seal: ctx.dataKey,
      });
    }
    await enqueueEvents(q, events);
  },
};

/**
 * MISP licenses, keys treated as API keys are. MOSIP lets a MISP hold several license rows;
 * here a MISP holds one (uk_misp_license_misp), so the active one with the latest expiry wins
 * and the others are refused with a report.
 */
export const mispLicenses: TableImport = {
  name: 'misp_license',
  source: {
    db: 'pms',
    table: 'misp_license',
    key: ['misp_id', 'license_key'],
    columns: ['misp_id', 'license_key', 'policy_id', 'valid_from_date', 'valid_to_date', 'is_active'],
  },
  target: {
    table: 'misp_license',
    columns: {
      id: 'text',
      misp_id: 'text',
      key_hmac: 'text',
      key_cipher: 'text',
      key_hint: 'text',
      policy_id: 'text',
      valid_from_date: 'timestamptz',
      valid_to_date: 'timestamptz',
      is_active: 'boolean',
      ...AUDIT,
    },
    key: ['key_hmac'],
    refs: [{ column: 'misp_id', table: 'partner', key: 'id', what: 'MISP partner' }, POLICY_REF],
  },
  conflict: 'the MISP already holds a license here (one per MISP: the active one with the latest expiry is kept)',
  whole: true,
  reorder: (rows) => [...rows].sort(licenseOrder),
  idOf: (r) => `${String(r.misp_id)}/****${hintOf(String(r.license_key ?? ''))}`,
  // Licenses belong to MISP partners (as generation requires); the types of a batch's owners, once.
  async prepare(q, rows) {
    const ids = [...new Set(rows.map((r) => String(r.misp_id)))];
    const types = await q.query<{ id: string; partner_type_code: string }>(
      sql`select id, partner_type_code from partner where id = any(${ids}::text[])`,
    );
    return new Map(types.map((t) => [t.id, t.partner_type_code]));
  },
  map: (r, ctx, types) =>
    requireFields(r, ['misp_id', 'license_key', 'valid_from_date'], () => {
      const type = (types as Map<string, string>).get(String(r.misp_id));
      if (type !== undefined && type !== MISP_TYPE) return { reject: `partner ${String(r.misp_id)} has type ${type}, not ${MISP_TYPE}` };
      const key = String(r.license_key);
      const sealed = seal(ctx.dataKey, key);
      return {
        row: {
          id: newId(),
          misp_id: r.misp_id,
          key_hmac: sealed.hmac,
          key_cipher: sealed.cipher,
          key_hint: hintOf(key),
          policy_id: text(r.policy_id),
          valid_from_date: r.valid_from_date,
          valid_to_date: text(r.valid_to_date),
          is_active: r.is_active === true,
          ...audit(r),
        },
      };
    }),
  async after(q, written, ctx) {
    if (!ctx.emitEvents) return;
    const { policies } = await partnersAndPolicies(q, written, 'misp_id');
    await enqueueEvents(
      q,
      written.map((w) => {
        const policy = typeof w.policy_id === 'string' ? policies.get(w.policy_id) : undefined;
        return {
          topic: 'MISP_LICENSE_GENERATED',
          publisher: INFRA_PROVIDER_PUBLISHER,
          data: { mispLicenseData: mispLicenseData(ctx.dataKey, licenseOf(w)), ...(policy ? { policyData: policy } : {}) },
          seal: ctx.dataKey,
        };
      }),
    );
  },
};

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));

const keyOf = (w: TargetRow) => ({
  key_cipher: str(w.key_cipher),
  valid_from_datetime: str(w.valid_from_datetime),
  valid_to_datetime: strOrNull(w.valid_to_datetime),
  is_active: w.is_active === true,
});

const licenseOf = (w: TargetRow) => ({
  misp_id: str(w.misp_id),
  key_cipher: str(w.key_cipher),
  valid_from_date: str(w.valid_from_date),
  valid_to_date: strOrNull(w.valid_to_date),
  is_active: w.is_active === true,
});

/** Per MISP: active first, then the latest expiry, then the newest. */
function licenseOrder(a: SourceRow, b: SourceRow): number {
  const by = (v: SourceRow, f: string) => String(v[f] ?? '');
  return (
    by(a, 'misp_id').localeCompare(by(b, 'misp_id')) ||
    Number(b.is_active === true) - Number(a.is_active === true) ||
    by(b, 'valid_to_date').localeCompare(by(a, 'valid_to_date')) ||
    by(b, 'cr_dtimes').localeCompare(by(a, 'cr_dtimes'))
  );
}

export const bioExtractors = copyTable({
  name: 'partner_policy_bioextract',
  columns: {
    id: 'text',
    part_id: 'text',
    policy_id: 'text',
    attribute_name: 'text',
    extractor_provider: 'text',
    extractor_provider_version: 'text',
    biometric_modality: 'text',
    biometric_sub_types: 'text',
  },
  key: ['id'],
  required: ['id', 'part_id', 'policy_id', 'attribute_name', 'extractor_provider', 'biometric_modality'],
  refs: [PARTNER_REF, POLICY_REF],
});

export const credentialTypes = copyTable({
  name: 'partner_policy_credential_type',
  columns: { part_id: 'text', policy_id: 'text', credential_type: 'text', is_active: 'boolean' },
  key: ['part_id', 'policy_id', 'credential_type'],
  required: ['part_id', 'policy_id', 'credential_type'],
  refs: [PARTNER_REF, POLICY_REF],
});
