import { PmsError } from '../platform/errors/pms-error.js';
import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import {
  containsFilter,
  defineEntity,
  exactFilter,
  filterValues,
  legacySearch,
  planList,
  runList,
  type FilterValueDto,
  type SearchDto,
  type SearchFilter,
} from '../platform/search/index.js';
import { POLICY_COLUMNS, POLICY_FROM } from './repository.js';
import type { PolicyFilterValues, PolicyListQuery, PolicySearch } from './schemas.js';
import { groupEntity, policyListItem, policySearchItem, type GroupRow, type PolicyRow } from './views.js';

const audit = (prefix: string) =>
  ({
    crBy: { column: `${prefix}.cr_by`, type: 'string' },
    crDtimes: { column: `${prefix}.cr_dtimes`, type: 'timestamp' },
    updBy: { column: `${prefix}.upd_by`, type: 'string' },
    updDtimes: { column: `${prefix}.upd_dtimes`, type: 'timestamp' },
    isDeleted: { column: `${prefix}.is_deleted`, type: 'boolean' },
    delDtimes: { column: `${prefix}.del_dtimes`, type: 'timestamp' },
  }) as const;

/** `PolicyGroup` entity fields (Java names). */
export const groupEntityDef = defineEntity({
  from: sql`policy_group pg`,
  key: 'pg.id',
  deleted: 'pg.is_deleted',
  fields: {
    id: { column: 'pg.id', type: 'string' },
    name: { column: 'pg.name', type: 'string' },
    desc: { column: 'pg.descr', type: 'string' },
    userId: { column: 'pg.user_id', type: 'string' },
    isActive: { column: 'pg.is_active', type: 'boolean' },
    ...audit('pg'),
  },
});

/** `AuthPolicy` entity fields (Java names). `desc` is accepted for `descr`, as MOSIP renames it. */
export const policyEntityDef = defineEntity({
  from: POLICY_FROM,
  key: 'p.id',
  deleted: 'p.is_deleted',
  fields: {
    id: { column: 'p.id', type: 'string' },
    name: { column: 'p.name', type: 'string' },
    descr: { column: 'p.descr', type: 'string' },
    desc: { column: 'p.descr', type: 'string' },
    policyType: { column: 'p.policy_type', type: 'string' },
    version: { column: 'p.version', type: 'string' },
    policySchema: { column: 'p.policy_schema', type: 'string' },
    policyFileId: { column: 'p.policy_file_id', type: 'string', sortable: false },
    isActive: { column: 'p.is_active', type: 'boolean' },
    validFromDate: { column: 'p.valid_from_date', type: 'timestamp' },
    validToDate: { column: 'p.valid_to_date', type: 'timestamp' },
    ...audit('p'),
  },
});

const STATUS = sql`(case when p.policy_schema is null then 'draft' when p.is_active then 'activated' else 'deactivated' end)`;

/** `GET /policies/v2`: sort aliases (spec 9.7). */
export const policyListEntity = defineEntity({
  from: POLICY_FROM,
  key: 'p.id',
  fields: {
    policyId: { column: 'p.id', type: 'string' },
    policyName: { column: 'p.name', type: 'string' },
    policyDescription: { column: 'p.descr', type: 'string' },
    policyGroupId: { column: 'p.policy_group_id', type: 'string' },
    policyGroupName: { column: 'g.name', type: 'string' },
    status: { expr: STATUS, type: 'string' },
    createdDateTime: { column: 'p.cr_dtimes', type: 'timestamp' },
  },
});

export const searchGroups = (q: Queryable, dto: SearchDto) =>
  legacySearch(q, groupEntityDef, dto, { select: sql`pg.*`, map: (r: GroupRow) => groupEntity(r) });

export const groupFilterValues = (q: Queryable, dto: FilterValueDto) =>
  filterValues(q, groupEntityDef, dto, { code: 'name', columnErrorsUnhandled: true });

const isColumn = (f: SearchFilter, name: string) => (f.columnName ?? '').toLowerCase() === name.toLowerCase();

/** `policyType` of the policy search and filter values: `all` (any case) means every type. */
function typeCondition(policyType: string): Sql[] {
  return policyType.toLowerCase() === 'all' ? [] : [sql`lower(p.policy_type) = lower(${policyType}::text)`];
}

/**
 * Legacy policy search. `policyGroupName` is a case-sensitive "contains" on the group name
 * whatever the filter type (MOSIP applies it in memory after paging; here it is part of the
 * query, so totals and pages agree).
 */
export function searchPolicies(q: Queryable, dto: PolicySearch) {
  // MOSIP reads every filter's column name before any check; a missing one fails there (PMS_COR_003).
  if (dto.filters.some((f) => f.columnName === null || f.columnName === undefined)) throw PmsError.of('PMS_COR_003');
  const groupFilter = dto.filters.find((f) => isColumn(f, 'policyGroupName'));
  const where = typeCondition(dto.policyType);
  if (groupFilter) where.push(sql`strpos(g.name, ${groupFilter.value ?? ''}::text) > 0`);
  const filters = dto.filters.filter((f) => !isColumn(f, 'policyGroupName'));
  return legacySearch(
    q,
    policyEntityDef,
    { ...dto, filters },
    { select: POLICY_COLUMNS, where, map: (r: PolicyRow) => policySearchItem(r) },
  );
}

export const policyFilterValues = (q: Queryable, dto: PolicyFilterValues) =>
  filterValues(q, policyEntityDef, dto, { code: 'id', where: typeCondition(dto.policyType), columnErrorsUnhandled: true });

export function listPolicies(q: Queryable, query: PolicyListQuery) {
  const plan = planList(policyListEntity, query, {
    defaults: { pageNo: 0, pageSize: 8 },
    pairing: false,
    defaultOrder: sql`p.cr_dtimes desc`,
  });
  return runList(q, policyListEntity, plan, {
    select: POLICY_COLUMNS,
    where: [
      containsFilter(sql`p.policy_type`, query.policyType),
      containsFilter(sql`p.id`, query.policyId),
      containsFilter(sql`p.name`, query.policyName),
      containsFilter(sql`p.descr`, query.policyDescription),
      containsFilter(sql`g.name`, query.policyGroupName),
      exactFilter(STATUS, query.status),
    ],
    map: (r: PolicyRow) => policyListItem(r),
  });
}
