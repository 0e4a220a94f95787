/**
 * Lists and searches, shared by every area. Three styles, all run in the database (filter,
 * count, sort, LIMIT/OFFSET — never in memory) and all resolve caller-given field names
 * through an allow-list, so no SQL is ever built from a caller's string.
 *
 * 1. Declare the entity once (MOSIP's Java field names; callers match them case-insensitively):
 *
 *      const policies = defineEntity({
 *        from: sql`auth_policy p left join policy_group g on g.id = p.policy_group_id`,
 *        key: 'p.id', deleted: 'p.is_deleted',
 *        fields: { id: { column: 'p.id', type: 'string' }, crDtimes: { column: 'p.cr_dtimes', type: 'timestamp' },
 *                  status: { expr: sql`case … end`, type: 'string' } },
 *      });
 *
 * 2. Legacy search, `POST …/search` (spec 2.5): body schema `Type.Object(SearchDtoProps)`, then
 *      legacySearch(q, policies, dto, { select: sql`p.id, p.name`, map: toItem, where: [extra] })
 *    → `{ fromRecord, toRecord, totalRecord, data }` with MOSIP's PMS-MSD codes in MOSIP's order
 *    (per filter 311, 312, 392, 390/391/315, then 310; sort 314, 357, 358; paging 356, 313).
 *    Typed values (`between`, `equals`, `in`) are parsed by field type: a bad one is
 *    PMS-MSD-315/390/391, never a database error; contains/startsWith on a non-text field is
 *    PMS-MSD-323. `compileFilters` gives the conditions alone (for optional filters).
 *
 * 3. Legacy filter values, `POST …/filtervalues` (spec 2.6): body `Type.Object(FilterValueDtoProps)`,
 *      filterValues(q, entity, dto, { code: 'name', where })  → `{ filters: [{ fieldID, fieldValue, fieldCode }] }`.
 *
 * 4. Revamp lists, `GET …?sortFieldName&sortType&pageNo&pageSize` (spec 2.7): declare a list
 *    entity whose field names are the endpoint's sort aliases, spread `ListQueryProps` into the
 *    querystring schema, then
 *      const plan = planList(entity, query, { defaults: { pageNo: 0, pageSize: 8 } | undefined, pairing, defaultOrder });
 *      runList(q, entity, plan, { select, where: [containsFilter(col, query.x), exactFilter(col2, query.y)], map })
 *    → `{ pageNo, pageSize, totalResults, data }`. `pairing: true` adds the partner service's
 *    PMS_PS_ERROR_007/006/008 checks; without `defaults` paging is optional (none → all rows).
 *
 * Page sizes above MAX_PAGE_SIZE (1000) are served 1000 rows. Contains/startsWith match the
 * caller's text literally (`%` and `_` are escaped); MOSIP passes them through as wildcards.
 * Timestamps for responses: `toIso`.
 */
export { defineEntity, type Entity, type EntityDef, type Field, type FieldDef, type FieldType } from './entity.js';
export {
  andAll,
  compileFilters,
  compileSort,
  count,
  FILTER_VALUES_MAX_ROWS,
  filterValues,
  legacySearch,
  MAX_PAGE_SIZE,
  type FilterValue,
  type FilterValuesOptions,
  type LegacySearchOptions,
  type PageResponse,
} from './legacy.js';
export {
  containsFilter,
  exactFilter,
  planList,
  runList,
  type ListOptions,
  type ListPlan,
  type PageResponseV2,
  type RunListOptions,
} from './list.js';
export * from './schemas.js';
export { escapeLike, parseTyped, toIso } from './values.js';
