import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import { newId } from '../platform/ids.js';
import type { GroupRow, PolicyRow } from './views.js';

/** Every column of auth_policy plus its group's, as PolicyRow names them. */
export const POLICY_COLUMNS = sql`p.id, p.policy_group_id, p.name, p.descr, p.policy_file_id, p.policy_type, p.version,
  p.policy_schema, p.valid_from_date, p.valid_to_date, p.is_active, p.cr_by, p.cr_dtimes, p.upd_by, p.upd_dtimes,
  p.is_deleted, p.del_dtimes, g.name as g_name, g.descr as g_descr, g.is_active as g_is_active, g.cr_by as g_cr_by,
  g.cr_dtimes as g_cr_dtimes, g.upd_by as g_upd_by, g.upd_dtimes as g_upd_dtimes`;
export const POLICY_FROM = sql`auth_policy p left join policy_group g on g.id = p.policy_group_id`;

const lock = (forUpdate: boolean) => (forUpdate ? sql` for update` : sql.empty);

export const groupById = (q: Queryable, id: string, forUpdate = false) =>
  q.one<GroupRow>(sql`select * from policy_group where id = ${id}${lock(forUpdate)}`);

export const groupByName = (q: Queryable, name: string, forUpdate = false) =>
  q.one<GroupRow>(sql`select * from policy_group where name = ${name}${lock(forUpdate)}`);

export const allGroups = (q: Queryable) => q.query<GroupRow>(sql`select * from policy_group order by cr_dtimes, id`);

export const activeGroups = (q: Queryable) =>
  q.query<GroupRow>(sql`select * from policy_group where is_active and not coalesce(is_deleted, false) order by name, id`);

export async function insertGroup(q: Queryable, g: { name: string; desc: string; user: string }): Promise<GroupRow> {
  return (await q.one<GroupRow>(sql`
    insert into policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes, is_deleted)
    values (${newId()}, ${g.name}, ${g.desc}, ${g.user}, true, ${g.user}, now(), false) returning *`)) as GroupRow;
}

export async function updateGroup(
  q: Queryable,
  id: string,
  g: { name: string; desc: string; isActive: boolean; user: string },
): Promise<GroupRow> {
  return (await q.one<GroupRow>(sql`
    update policy_group set name = ${g.name}, descr = ${g.desc}, is_active = ${g.isActive}, user_id = ${g.user},
      upd_by = ${g.user}, upd_dtimes = now()
    where id = ${id} returning *`)) as GroupRow;
}

export const deactivateGroup = (q: Queryable, id: string, user: string) =>
  q.exec(sql`update policy_group set is_active = false, upd_by = ${user}, upd_dtimes = now() where id = ${id}`);

/** Non-deleted policies of a group by state: published and active, and drafts. */
export async function groupPolicyCounts(q: Queryable, groupId: string): Promise<{ active: number; draft: number }> {
  const r = await q.one<{ active: number; draft: number }>(sql`
    select count(*) filter (where policy_schema is not null and is_active)::int as active,
           count(*) filter (where policy_schema is null and not is_active)::int as draft
    from auth_policy where policy_group_id = ${groupId} and not coalesce(is_deleted, false)`);
  return r ?? { active: 0, draft: 0 };
}

export const policyById = (q: Queryable, id: string, forUpdate = false) =>
  q.one<PolicyRow>(sql`select ${POLICY_COLUMNS} from ${POLICY_FROM} where p.id = ${id}${forUpdate ? sql` for update of p` : sql.empty}`);

export const policyByGroupAndName = (q: Queryable, groupId: string, name: string) =>
  q.one<{ id: string }>(sql`select id from auth_policy where policy_group_id = ${groupId} and name = ${name}`);

export const policyIdExists = async (q: Queryable, id: string) =>
  (await q.one(sql`select 1 from auth_policy where id = ${id}`)) !== undefined;

const policiesWhere = (q: Queryable, where: Sql) =>
  q.query<PolicyRow>(sql`select ${POLICY_COLUMNS} from ${POLICY_FROM} where ${where} order by p.cr_dtimes, p.id`);

export const policiesOfGroup = (q: Queryable, groupId: string) => policiesWhere(q, sql`p.policy_group_id = ${groupId}`);
export const policiesInAnyGroup = (q: Queryable) => policiesWhere(q, sql`p.policy_group_id is not null`);
export const activePoliciesOfGroup = (q: Queryable, groupId: string) =>
  policiesWhere(q, sql`p.policy_group_id = ${groupId} and p.is_active and not coalesce(p.is_deleted, false)`);
export const allPolicies = (q: Queryable) => policiesWhere(q, sql`true`);

export interface NewPolicy {
  id: string;
  groupId: string;
  name: string;
  desc: string;
  doc: string;
  type: string;
  version: string;
  user: string;
}

export async function insertPolicy(q: Queryable, p: NewPolicy): Promise<void> {
  await q.exec(sql`
    insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema,
      valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes, is_deleted)
    values (${p.id}, ${p.groupId}, ${p.name}, ${p.desc}, ${p.doc}, ${p.type}, ${p.version}, null,
      now(), now() + interval '200 years', false, ${p.user}, now(), false)`);
}

export async function updatePolicyContent(
  q: Queryable,
  id: string,
  p: { name: string; desc: string; doc: string; version: string; user: string },
) {
  await q.exec(sql`
    update auth_policy set name = ${p.name}, descr = ${p.desc}, policy_file_id = ${p.doc}, version = ${p.version},
      upd_by = ${p.user}, upd_dtimes = now()
    where id = ${id}`);
}

export async function setPolicyState(q: Queryable, id: string, s: { schema?: string; isActive: boolean; user: string }) {
  await q.exec(sql`
    update auth_policy set policy_schema = coalesce(${s.schema ?? null}::varchar, policy_schema), is_active = ${s.isActive},
      upd_by = ${s.user}, upd_dtimes = now()
    where id = ${id}`);
}

/** `auth_policy_h`: MOSIP appends a snapshot on create, update, publish and legacy status change. */
export async function appendHistory(q: Queryable, policyId: string, user: string): Promise<void> {
  await q.exec(sql`
    insert into auth_policy_h (id, eff_dtimes, policy_group_id, name, descr, policy_file_id, policy_type, version,
      policy_schema, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted)
    select ${newId()}, clock_timestamp(), policy_group_id, name, descr, policy_file_id, policy_type, version,
      policy_schema, valid_from_date, valid_to_date, is_active, ${user}, now(), upd_by, now(), is_deleted
    from auth_policy where id = ${policyId}`);
}

/** Mapping requests of a policy, by MOSIP's status (case-insensitive: seed rows say `Approved`). */
export async function requestCounts(q: Queryable, policyId: string): Promise<{ approved: number; pending: number }> {
  const r = await q.one<{ approved: number; pending: number }>(sql`
    select count(*) filter (where lower(status_code) = 'approved')::int as approved,
           count(*) filter (where lower(status_code) = 'inprogress')::int as pending
    from partner_policy_request where policy_id = ${policyId} and not coalesce(is_deleted, false)`);
  return r ?? { approved: 0, pending: 0 };
}

export const activeKeyExists = async (q: Queryable, policyId: string, partnerId?: string) =>
  (await q.one(sql`select 1 from partner_policy where policy_id = ${policyId} and is_active
    ${partnerId === undefined ? sql.empty : sql`and part_id = ${partnerId}`} limit 1`)) !== undefined;
