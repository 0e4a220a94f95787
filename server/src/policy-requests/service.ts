import type { RequestListItem, RequestSearchItem } from './answers.js';
import { canChange, canRead, isAdmin } from '../platform/auth/access.js';
import { findPartner, requireOwnPartner, type PartnerRow } from '../partners/index.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { sql, type Sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import {
  containsFilter,
  exactFilter,
  filterValues,
  legacySearch,
  planList,
  runList,
  toIso,
  type FilterValueDto,
  type SearchDto,
  type SearchFilter,
} from '../platform/search/index.js';
import { APPROVED_MESSAGE, REJECTED_MESSAGE, SUBMITTED_MESSAGE } from './messages.js';
import * as repo from './repository.js';
import type { Decision, PolicyMap, RequestListQuery } from './schemas.js';
import { requestEntity, requestList } from './search.js';
import type { PolicyRequestSettings } from './settings.js';

const ENTITY = 'partner_policy_request';
const NO_POLICY_GROUP_TYPES = ['Device_Provider', 'FTM_Provider'];

/** Partner-side checks shared by every write on a partner's behalf: exists, caller may act, active. */
async function activeOwnedPartner(q: Queryable, partnerId: string, actor: Actor): Promise<PartnerRow> {
  const partner = await findPartner(q, partnerId);
  if (!partner) throw PmsError.of('PMS_PRT_005');
  if (!canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
  if (!partner.is_active) throw PmsError.of('PMS_PMP_016');
  return partner;
}

/** Non-admins read only their own partners' rows (MOSIP's guard is inert; ours applies). */
const ownRows = (actor: Actor): Sql[] => (isAdmin(actor) ? [] : [sql`p.user_id = ${actor.userId}`]);

/** `ApikeyRequests` of the deprecated admin reads (spec 5.4). */
interface ApikeyRequestRow {
  part_id: string;
  status_code: string;
  name: string;
  policy_id: string;
  request_detail: string;
  id: string;
}
const apikeyRequestItem = (r: ApikeyRequestRow) => ({
  partnerID: r.part_id,
  status: r.status_code,
  organizationName: r.name,
  policyId: r.policy_id,
  policyDesc: r.request_detail,
  apiKeyReqNo: r.id,
});
const APIKEY_REQUEST_SELECT = sql`select r.part_id, r.status_code, p.name, r.policy_id, r.request_detail, r.id
  from partner_policy_request r join partner p on p.id = r.part_id`;

interface ListRow {
  id: string;
  part_id: string;
  approval_status: string;
  partner_active: boolean;
  partner_status: string;
  name: string;
  policy_name: string | null;
  policy_group_id: string | null;
  group_name: string | null;
  request_detail: string;
  status_code: string;
  cr_dtimes: string;
  partner_type_code: string;
  policy_id: string;
  upd_dtimes: string | null;
  policy_descr: string | null;
  group_descr: string | null;
  admin_comment: string | null;
}

/** MOSIP resolves these legacy columns itself, whatever filter type the caller sent (spec 4.7). */
function legacyRequestFilters(filters: readonly SearchFilter[]): SearchFilter[] {
  return filters.map((f) => {
    const col = f.columnName?.toLowerCase();
    if (col === 'partnername' || col === 'policyname') return { ...f, type: 'contains' };
    if (col === 'partnerid') return { ...f, type: 'equals' };
    return f;
  });
}

export function createPolicyRequestService(deps: { store: Store; settings: PolicyRequestSettings }) {
  const { store, settings } = deps;

  /** `POST /partners/{partnerId}/policy/map` (spec 5.1), checks in MOSIP's order. */
  async function submit(partnerId: string, input: PolicyMap, actor: Actor) {
    return store.tx(async (q) => {
      const partner = await activeOwnedPartner(q, partnerId, actor);
      if (!(await repo.activePolicyNamed(q, input.policyName))) throw PmsError.of('PMS_PRT_073');
      const policy = await repo.policyInGroupByName(q, partner.policy_group_id, input.policyName);
      if (!policy) throw PmsError.of('PMS_PRT_098');
      if (!policy.is_active) throw PmsError.of('PMS_PMP_019');
      if (policy.expired) throw PmsError.of('PMS_PMP_018');
      if (!policy.group_active) throw PmsError.of('PMS_PMP_023');
      if (!partner.policy_group_id) throw PmsError.of('PMS_PRT_047');
      const existing = await repo.requestsOf(q, partnerId, policy.id);
      const openError = () => {
        if (existing.some((r) => r.status_code.toLowerCase() === 'inprogress')) return PmsError.of('PMS_PRT_053');
        if (existing.some((r) => repo.isApproved(r.status_code))) return PmsError.of('PMS_PRT_060');
        return undefined;
      };
      const refused = openError();
      if (refused) throw refused;
      const id = newId();
      try {
        await q.exec(sql`
          insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, cr_dtimes, is_deleted)
          values (${id}, ${partnerId}, ${policy.id}, now(), ${input.useCaseDescription}, 'InProgress', ${actor.userId}, now(), false)`);
      } catch (err) {
        // A concurrent submission for the same policy won: answer as the check would have.
        if (isUniqueViolation(err, 'uk_partner_policy_request_open')) throw PmsError.of('PMS_PRT_053');
        throw err;
      }
      await recordAudit(q, actor, {
        action: 'policy-request.submit',
        entityType: ENTITY,
        entityId: id,
        detail: { partnerId, policyId: policy.id },
      });
      return { mappingkey: id, message: SUBMITTED_MESSAGE };
    });
  }

  /** Approval refuses types that need extractors when none are recorded (PMS_PM_051). */
  async function checkExtractors(q: Queryable, req: repo.RequestRow): Promise<void> {
    const partner = await findPartner(q, req.part_id);
    if (!partner || !settings.bioExtractorsRequiredTypes.includes(partner.partner_type_code)) return;
    const found = await q.one(
      sql`select 1 from partner_policy_bioextract where part_id = ${req.part_id} and policy_id = ${req.policy_id} limit 1`,
    );
    if (!found) throw PmsError.of('PMS_PM_051');
  }

  async function checkPolicyForDecision(q: Queryable, policyId: string): Promise<void> {
    const policy = await repo.policyState(q, policyId);
    if (!policy) throw PmsError.of('PMS_PMP_017');
    if (!policy.is_active) throw PmsError.variant('requestedPolicyNotActive');
    if (!policy.policy_group_id || policy.group_active === null) throw PmsError.of('PMS_PMP_022');
    if (!policy.group_active) throw PmsError.of('PMS_PMP_023');
    if (policy.expired) throw PmsError.variant('requestedPolicyExpired');
  }

  const decidedError = (status: string) => (repo.isApproved(status) ? PmsError.of('PMS_PM_034') : PmsError.of('PMS_PM_035'));

  /**
   * `PUT /partners/policy/{mappingkey}` (spec 5.2). The update only applies to a request still
   * in progress, so of two admins deciding at once exactly one changes it; the other is told
   * it was already decided.
   */
  async function decide(mappingKey: string, input: Decision, actor: Actor): Promise<string> {
    return store.tx(async (q) => {
      const req = await repo.findRequest(q, mappingKey);
      if (!req) throw PmsError.of('PMS_PMP_007');
      if (repo.isApproved(req.status_code) || repo.isRejected(req.status_code)) throw decidedError(req.status_code);
      await checkExtractors(q, req);
      await checkPolicyForDecision(q, req.policy_id);
      const wanted = input.status.toLowerCase();
      if (wanted !== 'approved' && wanted !== 'rejected') throw PmsError.of('PMS_PM_045');
      const changed = await q.exec(sql`
        update partner_policy_request set status_code = ${wanted}, admin_comment = ${input.comment ?? null},
          upd_by = ${actor.userId}, upd_dtimes = now()
        where id = ${mappingKey} and lower(status_code) = 'inprogress'`);
      if (changed === 0) {
        const now = await repo.findRequest(q, mappingKey);
        throw decidedError(now?.status_code ?? 'approved');
      }
      await recordAudit(q, actor, {
        action: wanted === 'approved' ? 'policy-request.approve' : 'policy-request.reject',
        entityType: ENTITY,
        entityId: mappingKey,
        detail: { partnerId: req.part_id, policyId: req.policy_id, comment: input.comment ?? null },
      });
      return wanted === 'approved' ? APPROVED_MESSAGE : REJECTED_MESSAGE;
    });
  }

  /**
   * `GET /partners/{partnerId}/apikey/request` (spec 5.4). MOSIP looks the key up by the
   * request id and fails once a request is approved; here an approved request shows the
   * status and validity of the newest key generated for its policy. The key itself is never
   * returned by a read (`partnerApiKey` stays null).
   */
  async function requestsOfPartner(partnerId: string, actor: Actor) {
    const partner = await findPartner(store, partnerId);
    if (partner && !canRead(actor, partner)) throw PmsError.of('PMS_PRT_055');
    const rows = await store.query<{
      id: string;
      status_code: string;
      is_active: boolean | null;
      valid_to: string | null;
      expired: boolean | null;
    }>(sql`
      select r.id, r.status_code, k.is_active, k.valid_to_datetime as valid_to, k.valid_to_datetime < now() as expired
      from partner_policy_request r
      left join lateral (select is_active, valid_to_datetime from partner_policy
                         where part_id = r.part_id and policy_id = r.policy_id order by cr_dtimes desc, id desc limit 1) k
        on lower(r.status_code) = 'approved'
      where r.part_id = ${partnerId} order by r.cr_dtimes, r.id`);
    if (rows.length === 0) throw PmsError.of('PMS_PRT_006');
    return rows.map((r) => ({
      apiKeyReqID: r.id,
      apiKeyRequestStatus: r.status_code,
      partnerApiKey: null,
      apikeyStatus: r.is_active === null ? null : keyStatus(r.is_active, r.expired === true),
      validityTill: toIso(r.valid_to),
    }));
  }

  /** Deprecated `GET /partners/apikey`: every request (admin roles only). */
  async function allApikeyRequests() {
    const rows = await store.query<ApikeyRequestRow>(sql`${APIKEY_REQUEST_SELECT} order by r.cr_dtimes, r.id`);
    if (rows.length === 0) throw PmsError.of('PMS_PMP_015');
    return { apikeyRequests: rows.map(apikeyRequestItem) };
  }

  /** `GET /partners/apikey/{apikey}`: the path value is a request id (spec 5.4). */
  async function apikeyRequest(requestId: string) {
    const row = await store.one<ApikeyRequestRow>(sql`${APIKEY_REQUEST_SELECT} where r.id = ${requestId}`);
    if (!row) throw PmsError.of('PMS_PMP_015');
    return apikeyRequestItem(row);
  }

  /** Whose requests a non-admin lists: their partners except device/FTM ones, each with an existing group. */
  async function ownScope(actor: Actor): Promise<Sql | undefined> {
    if (isAdmin(actor)) return undefined;
    const mine = await requireOwnPartner(store, actor.userId);
    for (const p of mine.filter((m) => !NO_POLICY_GROUP_TYPES.includes(m.partner_type_code))) {
      if (!p.policy_group_id) throw PmsError.of('PMS_POLICY_ERROR_005');
      if (!(await store.one(sql`select 1 from policy_group where id = ${p.policy_group_id}`))) throw PmsError.of('PMS_POLICY_ERROR_001');
    }
    return sql`p.user_id = ${actor.userId} and p.partner_type_code not in ('Device_Provider', 'FTM_Provider')`;
  }

  /** `GET /partner-policy-requests` (spec 5.4): paging optional, filters and sort in the database. */
  async function list(query: RequestListQuery, actor: Actor) {
    const plan = planList(requestList, query, { pairing: true, defaultOrder: sql`r.cr_dtimes desc` });
    const scope = await ownScope(actor);
    return runList<ListRow, RequestListItem>(store, requestList, plan, {
      select: sql`r.id, r.part_id, ${repo.partnerStatusSql} as partner_status, p.name, a.name as policy_name, p.policy_group_id,
                  g.name as group_name, r.request_detail, r.status_code, r.cr_dtimes, p.partner_type_code, r.policy_id, r.upd_dtimes,
                  a.descr as policy_descr, g.descr as group_descr, r.admin_comment`,
      where: [
        scope,
        containsFilter(sql`p.id`, query.partnerId),
        containsFilter(sql`r.request_detail`, query.partnerComment),
        containsFilter(sql`p.name`, query.orgName),
        containsFilter(sql`r.policy_id`, query.policyId),
        containsFilter(sql`a.name`, query.policyName),
        containsFilter(sql`g.name`, query.policyGroupName),
        containsFilter(sql`p.partner_type_code`, query.partnerType),
        exactFilter(sql`r.status_code`, query.status),
      ],
      map: (r) => ({
        id: r.id,
        partnerId: r.part_id,
        partnerStatus: r.partner_status,
        orgName: r.name,
        policyName: r.policy_name,
        policyGroupId: r.policy_group_id,
        policyGroupName: r.group_name,
        partnerComment: r.request_detail,
        status: r.status_code,
        createdDateTime: toIso(r.cr_dtimes),
        partnerType: r.partner_type_code,
        policyId: r.policy_id,
        updatedDateTime: toIso(r.upd_dtimes),
        policyDescription: r.policy_descr,
        policyGroupDescription: r.group_descr,
        adminComment: r.admin_comment,
      }),
    });
  }

  /** Deprecated `POST /partners/apikey/request/search` (spec 4.7). */
  async function search(dto: SearchDto, actor: Actor) {
    return legacySearch<
      Record<string, unknown> & repo.RequestRow & { partner_name: string; policy_name: string | null },
      RequestSearchItem
    >(
      store,
      requestEntity,
      { ...dto, filters: legacyRequestFilters(dto.filters) },
      {
        select: sql`r.*, p.name as partner_name, a.name as policy_name`,
        where: ownRows(actor),
        map: (r) => ({
          apikeyRequestId: r.id,
          partnerId: r.part_id,
          partnerName: r.partner_name,
          policyId: r.policy_id,
          policyName: r.policy_name,
          requestDatetimes: toIso(r.request_datetimes),
          requestDetail: r.request_detail,
          statusCode: r.status_code,
          crBy: r.cr_by,
          crDtimes: toIso(r.cr_dtimes),
          updBy: r.upd_by,
          updDtimes: toIso(r.upd_dtimes),
          isDeleted: r.is_deleted,
          delDtimes: toIso(r.del_dtimes),
        }),
      },
    );
  }

  /** Deprecated `POST /partners/apikey/request/filtervalues` (code column `id`). */
  const values = (dto: FilterValueDto, actor: Actor) => filterValues(store, requestEntity, dto, { code: 'id', where: ownRows(actor) });

  return { submit, decide, requestsOfPartner, allApikeyRequests, apikeyRequest, list, search, filterValues: values };
}

/** Derived key status: MOSIP's `activated` / `deactivated`, and ours, `expired`, once past its validity. */
export function keyStatus(isActive: boolean, expired: boolean): 'activated' | 'deactivated' | 'expired' {
  if (!isActive) return 'deactivated';
  return expired ? 'expired' : 'activated';
}

export type PolicyRequestService = ReturnType<typeof createPolicyRequestService>;
