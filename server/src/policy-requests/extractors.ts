import { canChange, canRead } from '../partners/access.js';
import { findPartner, lockPartner } from '../partners/repository.js';
import { policyById } from '../policies/repository.js';
import { policyObject } from '../policies/views.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import type { Queryable, Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import { toIso } from '../platform/search/index.js';
import * as repo from './repository.js';
import type { Extractors } from './schemas.js';
import type { PolicyRequestSettings } from './settings.js';

interface ExtractorRow {
  attribute_name: string;
  biometric_modality: string;
  biometric_sub_types: string | null;
  extractor_provider: string;
  extractor_provider_version: string | null;
}

/** `face` or `finger[LeftThumb,RightThumb]` → modality and the text between the brackets (MOSIP's split). */
export function splitBiometric(biometric: string): { modality: string; subTypes: string | null } {
  const [modality, rest] = biometric.split('[', 2) as [string, string | undefined];
  return { modality, subTypes: rest === undefined ? null : (rest.split(']')[0] ?? '') };
}

const joinBiometric = (r: ExtractorRow) =>
  r.biometric_sub_types ? `${r.biometric_modality}[${r.biometric_sub_types}]` : r.biometric_modality;

export function createExtractorService(deps: { store: Store; settings: PolicyRequestSettings }) {
  const { store, settings } = deps;

  /** `POST /partners/{partnerId}/bioextractors/{policyId}` (spec 4.6): upsert per attribute, before approval only. */
  async function addExtractors(partnerId: string, policyId: string, input: Extractors, actor: Actor): Promise<string> {
    return store.tx(async (q) => {
      // The partner row lock serialises concurrent upserts for the same partner.
      const partner = await lockPartner(q, partnerId);
      if (partner && !canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
      const requests = await repo.requestsOf(q, partnerId, policyId);
      if (requests.length === 0) throw PmsError.of('PMS_PRT_061');
      if (requests.some((r) => repo.isApproved(r.status_code))) throw PmsError.of('PMS_PRT_062');
      for (const e of input.extractors) {
        const { modality, subTypes } = splitBiometric(e.biometric);
        const version = e.extractor.version ?? null;
        const updated = await q.exec(sql`
          update partner_policy_bioextract set extractor_provider = ${e.extractor.provider}, extractor_provider_version = ${version},
            biometric_modality = ${modality}, biometric_sub_types = ${subTypes}, upd_by = ${actor.userId}, upd_dtimes = now(), is_deleted = false
          where part_id = ${partnerId} and policy_id = ${policyId} and attribute_name = ${e.attributeName}`);
        if (updated === 0) {
          await q.exec(sql`
            insert into partner_policy_bioextract (id, part_id, policy_id, attribute_name, extractor_provider, extractor_provider_version,
              biometric_modality, biometric_sub_types, cr_by, cr_dtimes, is_deleted)
            values (${newId()}, ${partnerId}, ${policyId}, ${e.attributeName}, ${e.extractor.provider}, ${version}, ${modality}, ${subTypes},
              ${actor.userId}, clock_timestamp(), false)`);
        }
      }
      await recordAudit(q, actor, {
        action: 'bioextractors.add',
        entityType: 'partner_policy_bioextract',
        entityId: `${partnerId}/${policyId}`,
        detail: { attributes: input.extractors.map((e) => e.attributeName) },
      });
      return 'Extractors added successfully.';
    });
  }

  async function getExtractors(partnerId: string, policyId: string, actor: Actor) {
    const partner = await findPartner(store, partnerId);
    if (partner && !canRead(actor, partner)) throw PmsError.of('PMS_PRT_055');
    const rows = await store.query<ExtractorRow>(sql`
      select attribute_name, biometric_modality, biometric_sub_types, extractor_provider, extractor_provider_version
      from partner_policy_bioextract where part_id = ${partnerId} and policy_id = ${policyId} and not is_deleted
      order by cr_dtimes, id`); // cr_dtimes is the insert moment (clock_timestamp): the order the caller gave
    if (rows.length === 0) throw PmsError.of('PMS_PRT_064');
    return {
      extractors: rows.map((r) => ({
        attributeName: r.attribute_name,
        biometric: joinBiometric(r),
        extractor: { provider: r.extractor_provider, version: r.extractor_provider_version },
      })),
    };
  }

  /** The policy named for a credential type, checked as a mapping request checks it (spec 5.1 step 3). */
  async function policyForCredentialType(q: Queryable, groupId: string | null, name: string) {
    if (!(await repo.activePolicyNamed(q, name))) throw PmsError.of('PMS_PRT_073');
    const policy = await repo.policyInGroupByName(q, groupId, name);
    if (!policy) throw PmsError.of('PMS_PRT_098');
    if (!policy.is_active) throw PmsError.of('PMS_PMP_019');
    if (policy.expired) throw PmsError.of('PMS_PMP_018');
    if (!policy.group_active) throw PmsError.of('PMS_PMP_023');
    return policy;
  }

  /** `POST /partners/{partnerId}/credentialtype/{credentialType}/policies/{policyName}` (spec 4.6). */
  async function mapCredentialType(partnerId: string, credentialType: string, policyName: string, actor: Actor): Promise<string> {
    const allowed = settings.allowedCredentialTypes;
    if (!allowed.some((t) => t.toLowerCase() === credentialType.toLowerCase())) throw PmsError.of('PMS_PRT_072', allowed.join(','));
    return store.tx(async (q) => {
      const partner = await findPartner(q, partnerId);
      if (!partner) throw PmsError.of('PMS_PRT_005');
      if (!canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
      if (!partner.is_active) throw PmsError.of('PMS_PMP_016');
      const types = settings.credentialMappingPartnerTypes;
      if (!types.includes(partner.partner_type_code)) throw PmsError.of('PMS_PRT_070', types.join(','));
      const policy = await policyForCredentialType(q, partner.policy_group_id, policyName);
      await q.exec(sql`
        insert into partner_policy_credential_type (part_id, policy_id, credential_type, is_active, cr_by, cr_dtimes, is_deleted)
        values (${partnerId}, ${policy.id}, ${credentialType}, true, ${actor.userId}, now(), false)
        on conflict (part_id, policy_id, credential_type)
        do update set is_active = true, is_deleted = false, upd_by = ${actor.userId}, upd_dtimes = now()`);
      await recordAudit(q, actor, {
        action: 'credential-type.map',
        entityType: 'partner_policy_credential_type',
        entityId: `${partnerId}/${policy.id}/${credentialType}`,
      });
      return 'Partner, policy and credentialType mapping done successfully.';
    });
  }

  /** `GET /partners/{partnerId}/credentialtype/{credentialType}/policies` (spec 4.6). */
  async function credentialTypePolicy(partnerId: string, credentialType: string, actor: Actor) {
    const partner = await findPartner(store, partnerId);
    if (partner && !canRead(actor, partner)) throw PmsError.of('PMS_PRT_055');
    // MOSIP fails with a generic error when several policies map the same type; the newest wins here.
    const mapping = await store.one<{ policy_id: string }>(sql`
      select policy_id from partner_policy_credential_type
      where part_id = ${partnerId} and credential_type = ${credentialType} and not is_deleted
      order by coalesce(upd_dtimes, cr_dtimes) desc limit 1`);
    if (!mapping) throw PmsError.of('PMS_PRT_064');
    const p = await policyById(store, mapping.policy_id);
    if (!p) throw PmsError.of('PMS_PRT_073');
    return {
      partnerId,
      credentialType,
      policyId: p.id,
      policyName: p.name,
      policyDesc: p.descr,
      policyType: p.policy_type,
      publishDate: toIso(p.valid_from_date),
      validTill: toIso(p.valid_to_date),
      status: p.is_active ? 'PUBLISHED' : 'DRAFTED',
      version: p.version,
      schema: p.policy_schema,
      is_Active: p.is_active,
      cr_by: p.cr_by,
      cr_dtimes: toIso(p.cr_dtimes),
      up_by: p.upd_by,
      upd_dtimes: toIso(p.upd_dtimes),
      policies: policyObject(p.policy_file_id),
    };
  }

  return { addExtractors, getExtractors, mapCredentialType, credentialTypePolicy };
}

export type ExtractorService = ReturnType<typeof createExtractorService>;
