import { canChange, isAdmin } from '../platform/auth/access.js';
import { PARTNER_MANAGER_PUBLISHER } from '../partners/index.js';
import { findPartner, lockPartner, requireOwnPartner, type PartnerRow } from '../partners/index.js';
import { policyById } from '../policies/index.js';
import { policyData } from '../policies/index.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable, Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { enqueueEvent } from '../platform/outbox/events.js';
import {
  containsFilter,
  exactFilter,
  legacySearch,
  planList,
  runList,
  toIso,
  type SearchDto,
  type SearchFilter,
} from '../platform/search/index.js';
import { hasApprovedRequest, partnerData, policyInGroupById, policyInGroupByName } from '../policy-requests/index.js';
import type {
  GenerateKey,
  GeneratedKey,
  KeyListItem,
  KeyListQuery,
  KeyPolicy,
  KeySearchItem,
  KeyStatus,
  SwapAnswer,
  SwapPolicy,
} from './schemas.js';
import { keyEntity, keyList, keyStatusSql } from './search.js';
import { API_KEY_LENGTH, randomSecret, seal, unseal } from '../platform/keys/secrets.js';
import type { ApiKeySettings } from './settings.js';

const ENTITY = 'partner_policy';

/** `partner_policy` as stored: the key only as HMAC and ciphertext. */
export interface KeyRow {
  id: string;
  key_hmac: string;
  key_cipher: string;
  part_id: string;
  policy_id: string;
  valid_from_datetime: string;
  valid_to_datetime: string | null;
  is_active: boolean;
  label: string;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean;
  del_dtimes: string | null;
}

/** MOSIP compares labels trimmed with inner whitespace runs collapsed; the raw label is stored. */
export const normaliseLabel = (label: string): string => label.trim().replace(/\s+/g, ' ');

/** `apiKeyData` of MOSIP's APIKEY_* events (docs/events.md): IDA needs the key itself. */
export function apiKeyData(dataKey: DataKey, k: Pick<KeyRow, 'key_cipher' | 'valid_from_datetime' | 'valid_to_datetime' | 'is_active'>) {
  return {
    apiKeyId: unseal(dataKey, k.key_cipher),
    apiKeyCommenceOn: toIso(k.valid_from_datetime),
    apiKeyExpiresOn: toIso(k.valid_to_datetime),
    apiKeyStatus: k.is_active ? 'ACTIVE' : 'DEACTIVE',
  };
}

interface KeyListRow {
  id: string;
  part_id: string;
  label: string;
  name: string;
  policy_name: string;
  policy_id: string;
  policy_descr: string;
  policy_group_id: string | null;
  group_name: string | null;
  group_descr: string | null;
  status: string;
  cr_dtimes: string;
  valid_to_datetime: string | null;
}

export function createApiKeyService(deps: { store: Store; dataKey: DataKey; settings: ApiKeySettings }) {
  const { store, dataKey, settings } = deps;
  const hmac = (key: string) => dataKey.hmac(key);

  /**
   * `PATCH /partners/{partnerId}/generate/apikey` (spec 6.1). The partner row is locked so two
   * generations with one label cannot both pass the uniqueness check. The key is returned here
   * once and never again by any read.
   */
  async function generate(partnerId: string, input: GenerateKey, actor: Actor): Promise<GeneratedKey> {
    return store.tx(async (q) => {
      const partner = await lockPartner(q, partnerId);
      // MOSIP compares the caller with the partner id before anything else; ownership here.
      if (!partner) throw partnerId === actor.userId ? PmsError.of('PMS_PMP_005') : PmsError.of('PMS_PRT_055');
      if (partner.user_id !== actor.userId) throw PmsError.of('PMS_PRT_055');
      if (!partner.is_active) throw PmsError.of('PMS_PMP_016');
      const policy = await policyInGroupByName(q, partner.policy_group_id, input.policyName);
      if (!policy) throw PmsError.of('PMS_PMP_014', '');
      if (!(await hasApprovedRequest(q, partnerId, policy.id))) throw PmsError.of('PMS_PRT_109');
      const labels = await q.query<{ label: string }>(
        sql`select label from partner_policy where part_id = ${partnerId} and policy_id = ${policy.id}`,
      );
      const wanted = normaliseLabel(input.label);
      if (labels.some((l) => l.label === wanted)) throw PmsError.of('PMS_PRT_110');
      const key = randomSecret(API_KEY_LENGTH);
      const sealed = seal(dataKey, key);
      const row = (await q.one<KeyRow>(sql`
        insert into partner_policy (id, key_hmac, key_cipher, part_id, policy_id, valid_from_datetime, valid_to_datetime, is_active, label, cr_by, cr_dtimes)
        values (${newId()}, ${sealed.hmac}, ${sealed.cipher}, ${partnerId}, ${policy.id}, clock_timestamp(),
                clock_timestamp() + ${settings.validityDays} * interval '1 day', true, ${input.label}, ${actor.userId}, now())
        returning *`)) as KeyRow;
      const fullPolicy = await policyById(q, policy.id);
      await enqueueEvent(
        q,
        'APIKEY_APPROVED',
        PARTNER_MANAGER_PUBLISHER,
        {
          partnerData: await partnerData(q, partner),
          policyData: fullPolicy ? policyData(fullPolicy) : null,
          apiKeyData: { ...apiKeyData(dataKey, row), apiKeyId: key },
        },
        { seal: dataKey },
      );
      await recordAudit(q, actor, {
        action: 'api-key.generate',
        entityType: ENTITY,
        entityId: row.id,
        detail: { partnerId, policyId: policy.id, label: input.label },
      });
      return { apiKey: key, label: row.label, partnerId, policyId: policy.id };
    });
  }

  /** Ownership for key changes: admins any partner, partner users their own (MOSIP checks none). */
  async function changeablePartner(q: Queryable, partnerId: string, actor: Actor): Promise<PartnerRow | undefined> {
    const partner = await findPartner(q, partnerId);
    if (partner && !canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
    return partner;
  }

  /** `PATCH /partners/{partnerId}/policy/{policyId}/apiKey/status` (spec 6.2), with an ownership check. */
  async function changeStatus(partnerId: string, policyId: string, input: KeyStatus, actor: Actor): Promise<string> {
    return store.tx(async (q) => {
      const partner = await changeablePartner(q, partnerId, actor);
      const key = await q.one<KeyRow>(sql`
        select * from partner_policy where part_id = ${partnerId} and policy_id = ${policyId} and label = ${input.label}
        order by cr_dtimes desc, id limit 1 for update`);
      if (!key || !partner) throw PmsError.of('PMS_PRT_111');
      if (!isAdmin(actor) && !partner.is_active) throw PmsError.of('PMS_PMP_016');
      const wanted = input.status.toLowerCase();
      if (!key.is_active && wanted === 'de-active') throw PmsError.of('PMS_PMS_022');
      if (wanted !== 'active' && wanted !== 'de-active') throw PmsError.of('PMS_PM_058');
      const activate = wanted === 'active';
      const row = (await q.one<KeyRow>(sql`
        update partner_policy set is_active = ${activate}, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${key.id} returning *`)) as KeyRow;
      await enqueueEvent(q, 'APIKEY_UPDATED', PARTNER_MANAGER_PUBLISHER, { apiKeyData: apiKeyData(dataKey, row) }, { seal: dataKey });
      await recordAudit(q, actor, {
        action: activate ? 'api-key.activate' : 'api-key.deactivate',
        entityType: ENTITY,
        entityId: key.id,
        detail: { partnerId, policyId },
      });
      return activate ? 'Partner apikey activated successfully.' : 'Partner apikey de-activated successfully.';
    });
  }

  /** `PUT /partners/{partnerId}/apikey/{apikey}/policies` (spec 6.3): admins move a key to another policy of the group. */
  async function swapPolicy(partnerId: string, apiKey: string, input: SwapPolicy, actor: Actor): Promise<SwapAnswer> {
    return store.tx(async (q) => {
      const partner = await changeablePartner(q, partnerId, actor);
      const key = await q.one<KeyRow>(sql`
        select * from partner_policy where part_id = ${partnerId} and policy_id = ${input.oldPolicyID} and key_hmac = ${hmac(apiKey)} for update`);
      if (!key || !partner) throw PmsError.of('PMS_PMP_50');
      if (!key.is_active) throw PmsError.of('PMS_PMS_022');
      const policy = await policyInGroupById(q, partner.policy_group_id, input.newPolicyID);
      if (!policy) throw PmsError.of('PMS_PMP_014', input.newPolicyID);
      if (!policy.is_active) throw PmsError.variant('requestedPolicyNotActive', input.newPolicyID);
      if (!policy.group_active) throw PmsError.variant('requestedPolicyGroupNotActive', input.newPolicyID);
      const row = (await q.one<KeyRow>(sql`
        update partner_policy set policy_id = ${policy.id}, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${key.id} returning *`)) as KeyRow;
      await enqueueEvent(q, 'APIKEY_UPDATED', PARTNER_MANAGER_PUBLISHER, { apiKeyData: apiKeyData(dataKey, row) }, { seal: dataKey });
      await recordAudit(q, actor, {
        action: 'api-key.policy',
        entityType: ENTITY,
        entityId: key.id,
        detail: { partnerId, from: input.oldPolicyID, to: policy.id },
      });
      // MOSIP's text, trailing space included.
      return { message: 'Given apikey updated with policy successfully. ' };
    });
  }

  /** `GET /partners/{partnerId}/apikey/{apikey}` (spec 6.4): which policy a key grants. */
  async function keyPolicy(partnerId: string, apiKey: string): Promise<KeyPolicy> {
    const row = await store.one<{ policy_id: string }>(
      sql`select policy_id from partner_policy where part_id = ${partnerId} and key_hmac = ${hmac(apiKey)}`,
    );
    if (!row) throw PmsError.of('PMS_PMP_009');
    return { partnerID: partnerId, policyId: row.policy_id };
  }

  /** Non-admins list their own partners' keys; each of their partners needs an existing group (spec 6.4). */
  async function ownScope(actor: Actor): Promise<Sql | undefined> {
    if (isAdmin(actor)) return undefined;
    const mine = await requireOwnPartner(store, actor.userId);
    for (const p of mine) {
      if (!p.policy_group_id) throw PmsError.of('PMS_POLICY_ERROR_005');
      if (!(await store.one(sql`select 1 from policy_group where id = ${p.policy_group_id}`))) throw PmsError.of('PMS_POLICY_ERROR_001');
    }
    return sql`p.user_id = ${actor.userId}`;
  }

  /** `GET /partner-api-keys` (spec 6.4): Auth partners' keys, never the key values. */
  async function list(query: KeyListQuery, actor: Actor) {
    const plan = planList(keyList, query, { pairing: true, defaultOrder: sql`k.cr_dtimes desc` });
    const scope = await ownScope(actor);
    return runList<KeyListRow, KeyListItem>(store, keyList, plan, {
      select: sql`k.id, k.part_id, k.label, p.name, a.name as policy_name, k.policy_id, a.descr as policy_descr, a.policy_group_id,
                  g.name as group_name, g.descr as group_descr, ${keyStatusSql} as status, k.cr_dtimes, k.valid_to_datetime`,
      where: [
        sql`p.partner_type_code = 'Auth_Partner'`,
        scope,
        containsFilter(sql`p.id`, query.partnerId),
        containsFilter(sql`k.label`, query.apiKeyLabel),
        containsFilter(sql`p.name`, query.orgName),
        containsFilter(sql`a.name`, query.policyName),
        containsFilter(sql`g.name`, query.policyGroupName),
        exactFilter(keyStatusSql, query.status),
      ],
      map: (r) => ({
        partnerId: r.part_id,
        apiKeyLabel: r.label,
        orgName: r.name,
        policyName: r.policy_name,
        policyId: r.policy_id,
        policyDescription: r.policy_descr,
        policyGroupId: r.policy_group_id,
        policyGroupName: r.group_name,
        policyGroupDescription: r.group_descr,
        status: r.status,
        createdDateTime: toIso(r.cr_dtimes),
        expiryDateTime: toIso(r.valid_to_datetime),
      }),
    });
  }

  /** Deprecated `POST /partners/apikey/search` (spec 4.7): MOSIP matches partnerId, partnerName and policyName exactly. */
  async function search(dto: SearchDto, actor: Actor) {
    const exact = new Set(['partnerid', 'partnername', 'policyname']);
    const filters: SearchFilter[] = dto.filters.map((f) => (exact.has(f.columnName?.toLowerCase() ?? '') ? { ...f, type: 'equals' } : f));
    return legacySearch<KeyRow & { partner_name: string }, KeySearchItem>(
      store,
      keyEntity,
      { ...dto, filters },
      {
        select: sql`k.*, p.name as partner_name`,
        where: isAdmin(actor) ? [] : [sql`p.user_id = ${actor.userId}`],
        map: (r) => ({
          label: r.label,
          partnerId: r.part_id,
          partnerName: r.partner_name,
          policyId: r.policy_id,
          validFromDatetime: toIso(r.valid_from_datetime),
          validToDatetime: toIso(r.valid_to_datetime),
          isActive: r.is_active,
          isDeleted: r.is_deleted,
          crBy: r.cr_by,
          crDtimes: toIso(r.cr_dtimes),
          updBy: r.upd_by,
          updDtimes: toIso(r.upd_dtimes),
          delDtimes: toIso(r.del_dtimes),
        }),
      },
    );
  }

  return { generate, changeStatus, swapPolicy, keyPolicy, list, search };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
