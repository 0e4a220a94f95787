import { recordAudit, type Actor } from '../platform/audit.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import type { FilterValueDto, SearchDto } from '../platform/search/index.js';
import * as repo from './repository.js';
import type {
  GroupCreate,
  GroupUpdate,
  LegacyStatus,
  PolicyClone,
  PolicyCreate,
  PolicyFilterValues,
  PolicyListQuery,
  PolicySearch,
  PolicyUpdate,
} from './schemas.js';
import { groupFilterValues, listPolicies, policyFilterValues, searchGroups, searchPolicies } from './search.js';
import type { V2Envelope } from '../platform/http/v2-request.js';
import { checkV2Envelope } from '../platform/http/v2-request.js';
import { isAllowedPolicyType, isPlainObject, validatePolicyDocument } from './validator.js';
import {
  groupEntity,
  groupResponse,
  policyCreateResponse,
  policyData,
  policyDto,
  policyView,
  type GroupRow,
  type PolicyRow,
} from './views.js';

/** `pmp.policy.schema.url`: what publishing writes into `policy_schema`, whatever the type. */
export const PUBLISHED_SCHEMA_URL = 'https://schemas.mosip.io/v1/auth-policy';
export const DEACTIVATE_POLICY_ID = 'mosip.pms.deactivate.policy.patch';
export const DEACTIVATE_GROUP_ID = 'mosip.pms.deactivate.policy.group.patch';
export const POLICY_PUBLISHER: Publisher = { name: 'PolicyManagementService', namespace: 'io.mosip.pmp.policy.service' };

const GROUP = 'policy_group';
const POLICY = 'policy';

async function policyUpdated(q: Queryable, policyId: string): Promise<PolicyRow> {
  const p = (await repo.policyById(q, policyId)) as PolicyRow;
  await enqueueEvent(q, 'POLICY_UPDATED', POLICY_PUBLISHER, { policyData: policyData(p) });
  return p;
}

/** A unique-constraint race lost to a concurrent request answers as the check before it would have. */
async function uniqueAs<T>(constraint: string, error: () => PmsError, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err, constraint)) throw error();
    throw err;
  }
}

/**
 * The policy manager's service: groups and policies, their lists and searches. Routes call only
 * this; the SQL is in repository.ts and search.ts.
 */
export function createPolicyService(store: Store) {
  // ── Policy groups ──────────────────────────────────────────────────────────────────────

  function createGroup(req: GroupCreate, actor: Actor) {
    return uniqueAs(
      'uk_policy_group_name',
      () => PmsError.of('PMS_POL_014', req.name),
      () =>
        store.tx(async (q) => {
          if (await repo.groupByName(q, req.name)) throw PmsError.of('PMS_POL_014', req.name);
          const g = await repo.insertGroup(q, { name: req.name, desc: req.desc, user: actor.userId });
          await recordAudit(q, actor, { action: 'policy_group.create', entityType: GROUP, entityId: g.id, detail: { name: g.name } });
          return groupResponse(g);
        }),
    );
  }

  function updateGroup(groupId: string, req: GroupUpdate, actor: Actor) {
    return uniqueAs(
      'uk_policy_group_name',
      () => PmsError.of('PMS_POL_014', req.name),
      () =>
        store.tx(async (q) => {
          const g = await repo.groupById(q, groupId, true);
          if (!g) throw PmsError.of('PMS_POL_008'); // (sic) MOSIP's code for an unknown group here
          if (g.name !== req.name && (await repo.groupByName(q, req.name))) throw PmsError.of('PMS_POL_014', req.name);
          let isActive = g.is_active;
          if (req.isActive !== g.is_active) {
            if ((await repo.groupPolicyCounts(q, groupId)).active > 0) throw PmsError.of('PMS_POL_056');
            // MOSIP writes the null into a NOT NULL column and answers its generic error.
            if (req.isActive === undefined || req.isActive === null) throw PmsError.of('PMS_COR_003');
            isActive = req.isActive;
          }
          const updated = await repo.updateGroup(q, groupId, { name: req.name, desc: req.desc, isActive, user: actor.userId });
          await recordAudit(q, actor, {
            action: 'policy_group.update',
            entityType: GROUP,
            entityId: groupId,
            detail: { name: updated.name, isActive: updated.is_active },
          });
          return groupResponse(updated);
        }),
    );
  }

  function deactivateGroup(groupId: string, body: V2Envelope | undefined, actor: Actor) {
    const request = checkV2Envelope(body, DEACTIVATE_GROUP_ID);
    if (groupId.trim() === '') throw PmsError.of('PMS_COR_002', '');
    if (request.status !== 'De-Activate') throw PmsError.of('PMS_POL_073');
    return store.tx(async (q) => {
      const g = await repo.groupById(q, groupId, true);
      if (!g) throw PmsError.of('PMS_POL_068');
      if (!g.is_active) throw PmsError.of('PMS_POL_067');
      const { active, draft } = await repo.groupPolicyCounts(q, groupId);
      const counts = `active: ${active}, draft: ${draft}`;
      if (active > 0 && draft > 0) throw PmsError.detailed('PMS_POL_069', counts);
      if (active > 0) throw PmsError.detailed('PMS_POL_056', counts);
      if (draft > 0) throw PmsError.detailed('PMS_POL_070', counts);
      await repo.deactivateGroup(q, groupId, actor.userId);
      await recordAudit(q, actor, { action: 'policy_group.deactivate', entityType: GROUP, entityId: groupId });
      return { policyGroupId: groupId, isActive: false };
    });
  }

  async function getGroup(groupId: string) {
    const g = await repo.groupById(store, groupId);
    if (!g) throw PmsError.of('PMS_POL_016');
    const policies = await repo.policiesOfGroup(store, groupId);
    return { policyGroup: groupEntity(g), policies: policies.map(policyDto) };
  }

  /** Every group with all its policies: two queries, grouped here. */
  async function getAllGroups() {
    const groups = await repo.allGroups(store);
    const policies = await repo.policiesInAnyGroup(store);
    const byGroup = new Map<string, PolicyRow[]>();
    for (const p of policies) byGroup.set(p.policy_group_id, [...(byGroup.get(p.policy_group_id) ?? []), p]);
    return groups.map((g: GroupRow) => ({ policyGroup: groupEntity(g), policies: (byGroup.get(g.id) ?? []).map(policyDto) }));
  }

  async function activeGroups() {
    const groups = await repo.activeGroups(store);
    if (groups.length === 0) throw PmsError.of('PMS_POL_059');
    return groups.map((g) => ({ id: g.id, description: g.descr, name: g.name }));
  }

  async function activePoliciesOfGroup(groupName: string) {
    const g = await repo.groupByName(store, groupName);
    if (!g) throw PmsError.of('PMS_POL_019');
    if (!g.is_active) throw PmsError.of('PMS_POL_053');
    const rows = await repo.activePoliciesOfGroup(store, g.id);
    return rows.map((p) => ({
      policyGroupId: p.policy_group_id,
      policyGroupName: p.g_name,
      id: p.id,
      name: p.name,
      descr: p.descr,
      policyType: p.policy_type,
    }));
  }

  // ── Policies ───────────────────────────────────────────────────────────────────────────

  /** Group by name, then active (PMS_POL_019, PMS_POL_053). */
  async function activeGroupNamed(q: Queryable, name: string): Promise<GroupRow> {
    const g = await repo.groupByName(q, name);
    if (!g) throw PmsError.of('PMS_POL_019');
    if (!g.is_active) throw PmsError.of('PMS_POL_053');
    return g;
  }

  /** MOSIP's checkMappingExists: group exists, group active, policy exists, policy in group. */
  async function mappedPolicy(q: Queryable, groupId: string, policyId: string): Promise<PolicyRow> {
    const g = await repo.groupById(q, groupId);
    if (!g) throw PmsError.of('PMS_POL_016');
    if (!g.is_active) throw PmsError.of('PMS_POL_053');
    const p = await repo.policyById(q, policyId, true);
    if (!p) throw PmsError.of('PMS_POL_008');
    if (p.policy_group_id !== g.id) throw PmsError.of('PMS_POL_015');
    return p;
  }

  async function insertDraft(q: Queryable, actor: Actor, p: Omit<repo.NewPolicy, 'user'>, action: 'policy.create' | 'policy.clone') {
    await uniqueAs(
      'uk_auth_policy_group_name',
      () => PmsError.of('PMS_POL_009', p.name),
      () => repo.insertPolicy(q, { ...p, user: actor.userId }),
    );
    await repo.appendHistory(q, p.id, actor.userId);
    await recordAudit(q, actor, { action, entityType: POLICY, entityId: p.id, detail: { name: p.name, groupId: p.groupId, type: p.type } });
    return policyCreateResponse((await repo.policyById(q, p.id)) as PolicyRow);
  }

  function createPolicy(req: PolicyCreate, actor: Actor) {
    // Jackson refuses a non-object `policies` before any business check.
    if (req.policies !== undefined && req.policies !== null && !isPlainObject(req.policies)) {
      throw PmsError.of('PMS_COR_001', 'must be object', 'request.policies');
    }
    if (!isAllowedPolicyType(req.policyType)) throw PmsError.of('PMS_POL_023');
    return store.tx(async (q) => {
      const g = await activeGroupNamed(q, req.policyGroupName);
      if (await repo.policyByGroupAndName(q, g.id, req.name)) throw PmsError.of('PMS_POL_009', req.name);
      const doc = validatePolicyDocument(req.policyType, req.policies);
      const id = req.policyId?.trim() ? req.policyId : newId();
      // MOSIP takes a caller's id with no check and fails on the primary key; say what is wrong.
      if (await repo.policyIdExists(q, id)) throw PmsError.variant('policyIdExists', id);
      return insertDraft(
        q,
        actor,
        { id, groupId: g.id, name: req.name, desc: req.desc, doc, type: req.policyType, version: req.version },
        'policy.create',
      );
    });
  }

  function updatePolicy(policyId: string, req: PolicyUpdate, actor: Actor) {
    if (req.policies !== undefined && req.policies !== null && !isPlainObject(req.policies)) {
      throw PmsError.of('PMS_COR_001', 'must be object', 'request.policies');
    }
    return uniqueAs(
      'uk_auth_policy_group_name',
      () => PmsError.of('PMS_POL_009', req.name),
      () =>
        store.tx(async (q) => {
          const named = await repo.groupByName(q, req.policyGroupName);
          if (!named) throw PmsError.of('PMS_POL_019');
          const p = await mappedPolicy(q, named.id, policyId);
          if (p.policy_schema !== null) throw PmsError.of('PMS_POL_055');
          const clash = await repo.policyByGroupAndName(q, named.id, req.name);
          if (clash && clash.id !== p.id) throw PmsError.of('PMS_POL_009', req.name);
          const doc = validatePolicyDocument(p.policy_type, req.policies);
          await repo.updatePolicyContent(q, policyId, { name: req.name, desc: req.desc, doc, version: req.version, user: actor.userId });
          await repo.appendHistory(q, policyId, actor.userId);
          // MOSIP announces POLICY_UPDATED even for a draft.
          const updated = await policyUpdated(q, policyId);
          await recordAudit(q, actor, { action: 'policy.update', entityType: POLICY, entityId: policyId, detail: { name: req.name } });
          return policyCreateResponse(updated);
        }),
    );
  }

  function publishPolicy(policyId: string, groupId: string, actor: Actor) {
    return store.tx(async (q) => {
      const p = await mappedPolicy(q, groupId, policyId);
      if (p.policy_schema !== null) throw PmsError.of('PMS_POL_020');
      await repo.setPolicyState(q, policyId, { schema: PUBLISHED_SCHEMA_URL, isActive: true, user: actor.userId });
      await repo.appendHistory(q, policyId, actor.userId);
      const published = await policyUpdated(q, policyId);
      await recordAudit(q, actor, { action: 'policy.publish', entityType: POLICY, entityId: policyId });
      return policyView(published);
    });
  }

  function deactivatePolicy(policyId: string, body: V2Envelope | undefined, actor: Actor) {
    const request = checkV2Envelope(body, DEACTIVATE_POLICY_ID);
    if (policyId.trim() === '') throw PmsError.of('PMS_COR_002', '');
    if (request.status !== 'De-Activate') throw PmsError.of('PMS_POL_073');
    return store.tx(async (q) => {
      const p = await repo.policyById(q, policyId, true);
      if (!p) throw PmsError.of('PMS_POL_065');
      if (!p.is_active) throw PmsError.of(p.policy_schema === null ? 'PMS_POL_072' : 'PMS_POL_062');
      const { approved, pending } = await repo.requestCounts(q, policyId);
      if (approved > 0) throw PmsError.of('PMS_POL_063');
      if (pending > 0) throw PmsError.of('PMS_POL_064');
      await repo.setPolicyState(q, policyId, { isActive: false, user: actor.userId });
      // MOSIP sends no event here, so IDA keeps honouring the policy; we tell subscribers.
      await policyUpdated(q, policyId);
      await recordAudit(q, actor, { action: 'policy.deactivate', entityType: POLICY, entityId: policyId });
      return { policyId, isActive: false };
    });
  }

  /** Legacy `PATCH /policies/{id}/group/{gid}`: in practice only "de-active" on a draft passes (a no-op). */
  function legacyStatus(policyId: string, groupId: string, req: LegacyStatus, actor: Actor) {
    if (req.status === undefined || req.status === null) throw PmsError.of('PMS_COR_003');
    const status = req.status.toLowerCase();
    if (status !== 'active' && status !== 'de-active') throw PmsError.of('PMS_POL_045');
    const activate = status === 'active';
    return store.tx(async (q) => {
      const p = await mappedPolicy(q, groupId, policyId);
      if (p.policy_schema !== null) throw PmsError.of('PMS_POL_058');
      if (activate) throw PmsError.of('PMS_POL_054');
      if (await repo.activeKeyExists(q, policyId)) throw PmsError.of('PMS_POL_057');
      await repo.setPolicyState(q, policyId, { isActive: false, user: actor.userId });
      await repo.appendHistory(q, policyId, actor.userId);
      await policyUpdated(q, policyId);
      await recordAudit(q, actor, { action: 'policy.status', entityType: POLICY, entityId: policyId, detail: { status: req.status } });
      return { message: 'status updated successfully' };
    });
  }

  /** Copies a policy (any state) as a new draft into another active group. */
  function clonePolicy(policyId: string, req: PolicyClone, actor: Actor) {
    return store.tx(async (q) => {
      const source = await repo.policyById(q, policyId);
      if (!source) throw PmsError.of('PMS_POL_008');
      const g = await activeGroupNamed(q, req.policyGroupName);
      if (await repo.policyByGroupAndName(q, g.id, source.name)) throw PmsError.of('PMS_POL_009', source.name);
      return insertDraft(
        q,
        actor,
        {
          id: newId(),
          groupId: g.id,
          name: source.name,
          desc: source.descr,
          doc: source.policy_file_id,
          type: source.policy_type,
          version: source.version,
        },
        'policy.clone',
      );
    });
  }

  async function getPolicy(policyId: string) {
    const p = await repo.policyById(store, policyId);
    if (!p) throw PmsError.of('PMS_POL_008');
    return policyView(p);
  }

  async function getAllPolicies() {
    return (await repo.allPolicies(store)).map(policyView);
  }

  async function policyForPartner(policyId: string, partnerId: string) {
    if (!(await repo.activeKeyExists(store, policyId, partnerId))) throw PmsError.of('PMS_POL_017');
    return getPolicy(policyId);
  }

  return {
    createGroup,
    updateGroup,
    deactivateGroup,
    getGroup,
    getAllGroups,
    activeGroups,
    activePoliciesOfGroup,
    createPolicy,
    updatePolicy,
    publishPolicy,
    deactivatePolicy,
    legacyStatus,
    clonePolicy,
    getPolicy,
    getAllPolicies,
    policyForPartner,
    searchGroups: (dto: SearchDto) => searchGroups(store, dto),
    groupFilterValues: (dto: FilterValueDto) => groupFilterValues(store, dto),
    searchPolicies: (dto: PolicySearch) => searchPolicies(store, dto),
    policyFilterValues: (dto: PolicyFilterValues) => policyFilterValues(store, dto),
    listPolicies: (query: PolicyListQuery) => listPolicies(store, query),
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
