import { sql, type Sql } from '../db/sql.js';
import type { Queryable } from '../db/store.js';
import { PmsError } from '../errors/pms-error.js';
import type { Entity, Field } from './entity.js';
import type { FilterValueDto, SearchDto, SearchFilter, SearchSort } from './schemas.js';
import { escapeLike, param, parseTyped, type Typed } from './values.js';

/** Largest page any list answers; bigger requests are served this many rows. */
export const MAX_PAGE_SIZE = 1000;
/** Offsets beyond this are past the end of any table we hold; answered without a query. */
const MAX_OFFSET = 1_000_000_000;
/** `mosip.pms.filtervalue.max_columns` in MOSIP's shipped config. */
export const FILTER_VALUES_MAX_ROWS = 5000;

export interface PageResponse<T> {
  fromRecord: number;
  toRecord: number;
  totalRecord: number;
  data: T[] | null;
}

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

function knownField(entity: Entity, name: string): Field {
  const field = entity.field(name);
  if (!field || !field.filterable) throw PmsError.of('PMS-MSD-310', name);
  return field;
}

function typed(field: Field, text: string, code: 'PMS-MSD-390' | 'PMS-MSD-391' | 'PMS-MSD-315'): Typed {
  const v = parseTyped(field.type, text);
  if (v === undefined) throw PmsError.of(code);
  return v;
}

/** SearchHelper.validateFilters: the per-filter checks, in MOSIP's order. */
function validateFilter(f: SearchFilter): void {
  if (blank(f.columnName)) throw PmsError.of('PMS-MSD-311');
  if (blank(f.type)) throw PmsError.of('PMS-MSD-312');
  const type = (f.type as string).toLowerCase();
  if (f.value && f.values?.length) throw PmsError.of('PMS-MSD-392');
  if (type === 'equals' && (f.columnName as string).toLowerCase() === 'isactive') {
    if (!/^(true|false)$/i.test(f.value?.trim() ?? '')) throw PmsError.of('PMS-MSD-390');
  } else if (type === 'in') {
    if (!f.values?.length) throw PmsError.of('PMS-MSD-391');
  } else if (type !== 'between') {
    if (blank(f.value)) throw PmsError.of('PMS-MSD-390');
  } else if (blank(f.fromValue) || blank(f.toValue)) {
    throw PmsError.of('PMS-MSD-315');
  }
}

function textOnly(field: Field): void {
  if (field.type !== 'string') throw PmsError.of('PMS-MSD-323', field.name);
}

/** SearchHelper.buildFilters: one predicate, or undefined for a filter type MOSIP ignores. */
function predicate(entity: Entity, f: SearchFilter): Sql | undefined {
  const type = (f.type as string).toLowerCase();
  const value = f.value ?? '';
  switch (type) {
    case 'contains': {
      const field = knownField(entity, f.columnName as string);
      textOnly(field);
      // `*x*` and `x` both mean "contains"; `*x` means "ends with".
      let pattern: string;
      if (value.length >= 2 && value.startsWith('*') && value.endsWith('*')) pattern = `%${escapeLike(value.slice(1, -1))}%`;
      else if (value.startsWith('*')) pattern = `%${escapeLike(value.slice(1))}`;
      else pattern = `%${escapeLike(value)}%`;
      return sql`lower(${field.sql}) like lower(${pattern}::text)`;
    }
    case 'startswith': {
      const field = knownField(entity, f.columnName as string);
      textOnly(field);
      const text = value.endsWith('*') ? value.slice(0, -1) : value;
      return sql`lower(${field.sql}) like lower(${`${escapeLike(text)}%`}::text)`;
    }
    case 'equals': {
      const field = knownField(entity, f.columnName as string);
      if (field.type === 'string') return sql`lower(${field.sql}) = lower(${value}::text)`;
      const v = typed(field, value, 'PMS-MSD-390');
      // MOSIP matches a timestamp anywhere within the same millisecond.
      if (field.type === 'timestamp') {
        return sql`(${field.sql} >= ${v}::timestamptz and ${field.sql} < ${v}::timestamptz + interval '1 millisecond')`;
      }
      return sql`${field.sql} = ${param(field, v)}`;
    }
    case 'in': {
      const field = knownField(entity, f.columnName as string);
      const values = (f.values ?? []).map((t) => typed(field, t, 'PMS-MSD-391'));
      return sql`${field.sql} = any(${values}::${sql.raw(arrayType(field))})`;
    }
    case 'between': {
      const field = knownField(entity, f.columnName as string);
      if (field.type === 'boolean') throw PmsError.of('PMS-MSD-323', field.name);
      const from = typed(field, f.fromValue as string, 'PMS-MSD-315');
      const to = typed(field, f.toValue as string, 'PMS-MSD-315');
      return sql`${field.sql} between ${param(field, from)} and ${param(field, to)}`;
    }
    default:
      return undefined;
  }
}

function arrayType(field: Field): string {
  const types = {
    string: 'text[]',
    boolean: 'boolean[]',
    timestamp: 'timestamptz[]',
    date: 'date[]',
    integer: 'bigint[]',
    number: 'double precision[]',
  } as const;
  return types[field.type];
}

/**
 * SearchHelper first looks every filter's column up among the entity's fields, before any
 * other check: an unknown, blank or missing column is PMS-MSD-310 (docs/mosip-compatibility.md).
 */
export function checkColumns(entity: Entity, filters: readonly SearchFilter[]): void {
  for (const f of filters) if (!entity.field(f.columnName)) throw PmsError.of('PMS-MSD-310', String(f.columnName ?? null));
}

/**
 * Validates and compiles legacy filters into SQL conditions, first error wins (MOSIP checks
 * and builds each filter in turn). Exported for areas that add their own filters.
 */
export function compileFilters(entity: Entity, filters: readonly SearchFilter[]): Sql[] {
  const out: Sql[] = [];
  for (const f of filters) {
    validateFilter(f);
    const p = predicate(entity, f);
    if (p) out.push(p);
  }
  return out;
}

export function compileSort(entity: Entity, sort: readonly SearchSort[]): Sql[] {
  return sort.map((s) => {
    if (blank(s.sortField) || blank(s.sortType)) throw PmsError.of('PMS-MSD-314');
    const field = entity.field(s.sortField);
    if (!field || !field.sortable) throw PmsError.of('PMS-MSD-357', s.sortField);
    const dir = (s.sortType as string).toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw PmsError.of('PMS-MSD-358', s.sortType);
    return orderTerm(field, dir === 'desc');
  });
}

export function orderTerm(field: Field, desc: boolean): Sql {
  return sql`${field.sql} ${sql.raw(desc !== field.invertSort ? 'desc' : 'asc')}`;
}

export function andAll(conditions: readonly Sql[]): Sql {
  return conditions.length
    ? sql.join(
        conditions.map((c) => sql`(${c})`),
        ' and ',
      )
    : sql`true`;
}

export interface LegacySearchOptions<Row, Item> {
  /** The select list, written in code. */
  select: Sql;
  map: (row: Row) => Item;
  /** Conditions the endpoint adds itself (e.g. `policyType`), written in code. */
  where?: Sql[];
  /** Filters the endpoint handles itself are taken out of `dto.filters` by the caller. */
}

/**
 * MOSIP's legacy search (`POST …/search`): filters, sort and pagination checked in MOSIP's
 * order with its PMS-MSD codes; filtering, counting, sorting and paging run in the database.
 */
export async function legacySearch<Row, Item>(
  q: Queryable,
  entity: Entity,
  dto: SearchDto,
  opts: LegacySearchOptions<Row, Item>,
): Promise<PageResponse<Item>> {
  checkColumns(entity, dto.filters);
  const conditions = [...compileFilters(entity, dto.filters), ...(opts.where ?? [])];
  // MOSIP excludes soft-deleted rows only when the caller sent at least one filter.
  if (entity.deleted && dto.filters.length > 0) conditions.push(sql`coalesce(${entity.deleted}, false) = false`);
  const order = [...compileSort(entity, dto.sort), sql`${entity.key} asc`];
  const page = dto.pagination;
  if (!page) throw PmsError.of('PMS-MSD-356');
  if (page.pageStart < 0 || page.pageFetch < 1) throw PmsError.of('PMS-MSD-313', page.pageStart, page.pageFetch);
  const size = Math.min(page.pageFetch, MAX_PAGE_SIZE);
  const offset = page.pageStart * size;
  const where = andAll(conditions);
  if (offset > MAX_OFFSET) return { fromRecord: 0, toRecord: 0, totalRecord: 0, data: null };
  const rows = await q.query<Row>(
    sql`select ${opts.select} from ${entity.from} where ${where} order by ${sql.join(order)} limit ${size} offset ${offset}`,
  );
  // MOSIP answers zeros when nothing matches or the page is past the end.
  if (rows.length === 0) return { fromRecord: 0, toRecord: 0, totalRecord: 0, data: null };
  const total = await totalOf(q, entity.from, where, offset, rows.length, size);
  const data = rows.map(opts.map);
  return { fromRecord: offset + 1, toRecord: offset + data.length, totalRecord: total, data };
}

/**
 * The number of matching rows. A page that came back short already tells it (the page is the
 * end), which spares a count over the whole match set.
 */
export async function totalOf(q: Queryable, from: Sql, where: Sql, offset: number, got: number, size: number): Promise<number> {
  if (got < size && (got > 0 || offset === 0)) return offset + got;
  return count(q, from, where);
}

/**
 * A table's exact row count from its counters (migration 0018): one small read, the same in
 * any snapshot as count(*), with nothing to recompute after a write.
 */
export async function rowCount(q: Queryable, table: string): Promise<number> {
  const row = await q.one<{ n: number }>(sql`select coalesce(sum(n), 0)::int as n from row_count where tbl = ${table}`);
  return row?.n ?? 0;
}

export async function count(q: Queryable, from: Sql, where: Sql): Promise<number> {
  const statement = sql`select count(*)::int as n from ${from} where ${where}`;
  // Exact either way: a remembered count is reused only while nothing it counts has changed.
  const row = q.memoOne ? await q.memoOne<{ n: number }>(statement) : await q.one<{ n: number }>(statement);
  return row?.n ?? 0;
}

export interface FilterValue {
  fieldID: string;
  fieldValue: string;
  fieldCode: string;
}

export interface FilterValuesOptions {
  /** The field whose value is returned as `fieldCode` (partner `id`, policy group `name` …). */
  code: string;
  where?: Sql[];
  maxRows?: number;
  /**
   * The policy service has no handler for the column validator's errors, so they reach its
   * catch-all and come back as PMS_COR_003 (docs/mosip-compatibility.md).
   */
  columnErrorsUnhandled?: boolean;
}

const NOT_LISTABLE = new Set(['timestamp', 'date', 'integer', 'number']);

/** FilterColumnValidator: every filter is checked; MOSIP collects the errors, we answer the first. */
function validateFilterColumns(entity: Entity, dto: FilterValueDto): void {
  for (const f of dto.filters) {
    if (f.type !== undefined && blank(f.type)) throw PmsError.of('PMS-MSD-322');
    if (!entity.field(f.columnName)?.filterable) throw PmsError.of('PMS-MSD-317', f.columnName);
    const type = (f.type ?? 'unique').toLowerCase();
    if (type !== 'unique' && type !== 'all') throw PmsError.of('PMS-MSD-324');
  }
}

/**
 * MOSIP's filter values (`POST …/filtervalues`): for each requested column, its values that
 * contain `text` (case-insensitive), narrowed by `optionalFilters`, ascending, distinct for
 * `unique`, with the entity's code field alongside.
 */
export async function filterValues(
  q: Queryable,
  entity: Entity,
  dto: FilterValueDto,
  opts: FilterValuesOptions,
): Promise<{ filters: FilterValue[] }> {
  try {
    validateFilterColumns(entity, dto);
  } catch (err) {
    throw opts.columnErrorsUnhandled && err instanceof PmsError ? PmsError.of('PMS_COR_003') : err;
  }
  const code = entity.field(opts.code);
  if (!code) throw new Error(`filter values code field ${opts.code} is not declared`);
  const optional = [...compileFilters(entity, dto.optionalFilters ?? []), ...(opts.where ?? [])];
  const out: FilterValue[] = [];
  for (const f of dto.filters) {
    const field = entity.field(f.columnName) as Field;
    if (NOT_LISTABLE.has(field.type)) throw PmsError.of('PMS-MSD-324');
    if (field.type === 'boolean') {
      out.push({ fieldID: f.columnName, fieldValue: 'true', fieldCode: '' }, { fieldID: f.columnName, fieldValue: 'false', fieldCode: '' });
      continue;
    }
    const like = sql`lower(${field.sql}) like lower(${`%${escapeLike(f.text ?? '')}%`}::text)`;
    const distinct = (f.type ?? 'unique').toLowerCase() === 'all' ? sql.empty : sql.raw('distinct ');
    const rows = await q.query<{ code: unknown; value: unknown }>(
      sql`select ${distinct}${code.sql} as code, ${field.sql} as value from ${entity.from}
          where ${andAll([like, ...optional])} order by value asc, code asc limit ${Math.min(opts.maxRows ?? FILTER_VALUES_MAX_ROWS, FILTER_VALUES_MAX_ROWS)}`,
    );
    for (const r of rows)
      out.push({
        fieldID: f.columnName,
        fieldValue: r.value === null ? '' : String(r.value),
        fieldCode: r.code === null ? '' : String(r.code),
      });
  }
  return { filters: out };
}
