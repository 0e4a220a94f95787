import { sql, type Sql } from '../db/sql.js';
import type { Queryable } from '../db/store.js';
import { PmsError } from '../errors/pms-error.js';
import type { Entity } from './entity.js';
import { andAll, MAX_PAGE_SIZE, orderTerm, rowCount, totalOf } from './legacy.js';
import type { ListQuery } from './schemas.js';
import { escapeLike } from './values.js';

export interface PageResponseV2<T> {
  pageNo: number;
  pageSize: number;
  totalResults: number;
  data: T[];
}

export interface ListOptions {
  /**
   * Paging defaults (e.g. `{ pageNo: 0, pageSize: 8 }` for `/policies/v2`, `/admin-partners`)
   * fill in whichever of pageNo/pageSize is missing. Without defaults paging is optional:
   * a request with neither gets every row.
   */
  defaults?: { pageNo: number; pageSize: number };
  /**
   * The partner service's pairing checks (PMS_PS_ERROR_007/006/008), run before the others.
   * The policy service's `/policies/v2` skips them.
   */
  pairing: boolean;
  /** Order when the caller gives none, written in code. The entity key always breaks ties. */
  defaultOrder: Sql;
}

export interface ListPlan {
  order: Sql;
  page?: { pageNo: number; pageSize: number };
}

const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
/** Spring hands `?sortType=` over as "", a value: MOSIP's checks compare with null only. */
const sent = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * The revamp list checks in MOSIP's order (PartnerHelper.validateRequestParameters):
 * pairing (007, 006, 008) when enabled, then sort field (PMS_PRT_357), sort type (358),
 * page number (360) and page size (361). Sort names resolve through the entity's allow-list.
 */
export function planList(entity: Entity, query: ListQuery, opts: ListOptions): ListPlan {
  let { pageNo, pageSize } = query;
  const { sortFieldName, sortType } = query;
  if (opts.defaults) {
    pageNo ??= opts.defaults.pageNo;
    pageSize ??= opts.defaults.pageSize;
  }
  if (opts.pairing) {
    if (sent(sortFieldName) !== sent(sortType)) throw PmsError.of('PMS_PS_ERROR_007');
    if (given(pageNo) !== given(pageSize)) throw PmsError.of('PMS_PS_ERROR_006');
    if (sent(sortFieldName) && !given(pageNo)) throw PmsError.of('PMS_PS_ERROR_008');
  }
  const terms: Sql[] = [];
  if (sent(sortFieldName)) {
    const field = entity.field(sortFieldName);
    if (!field || !field.sortable) throw PmsError.of('PMS_PRT_357', sortFieldName);
    const dir = (sortType ?? '').toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw PmsError.of('PMS_PRT_358', sortType);
    terms.push(orderTerm(field, dir === 'desc'));
  } else if (sent(sortType)) {
    const dir = (sortType as string).toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw PmsError.of('PMS_PRT_358', sortType);
  }
  if (given(pageNo) && (pageNo as number) < 0) throw PmsError.of('PMS_PRT_360');
  if (given(pageSize) && (pageSize as number) <= 0) throw PmsError.of('PMS_PRT_361');
  if (terms.length === 0) terms.push(opts.defaultOrder);
  terms.push(sql`${entity.key} asc`);
  const page =
    given(pageNo) && given(pageSize) ? { pageNo: pageNo as number, pageSize: Math.min(pageSize as number, MAX_PAGE_SIZE) } : undefined;
  return { order: sql.join(terms), page };
}

/** A contains filter as the revamp lists apply it: `lower(col) like %value%` (value taken literally). */
export function containsFilter(column: Sql, value: string | undefined): Sql | undefined {
  if (value === undefined || value === '') return undefined;
  return sql`lower(${column}) like ${`%${escapeLike(value.toLowerCase())}%`}::text`;
}

/** An exact filter on a status-like column (value compared as sent). */
export function exactFilter(column: Sql, value: string | undefined): Sql | undefined {
  if (value === undefined || value === '') return undefined;
  return sql`${column} = ${value}::text`;
}

export interface RunListOptions<Row, Item> {
  select: Sql;
  where: (Sql | undefined)[];
  map: (row: Row) => Item;
}

/** Counts and fetches one page in the database; the response is MOSIP's `PageResponseV2Dto`. */
export async function runList<Row, Item>(
  q: Queryable,
  entity: Entity,
  plan: ListPlan,
  opts: RunListOptions<Row, Item>,
): Promise<PageResponseV2<Item>> {
  const where = andAll(opts.where.filter((w): w is Sql => w !== undefined));
  const empty = { pageNo: 0, pageSize: 0, totalResults: 0, data: [] };
  const base = sql`select ${opts.select} from ${entity.from} where ${where} order by ${plan.order}`;
  if (!plan.page) {
    const rows = await q.query<Row>(base);
    return rows.length === 0 ? empty : { pageNo: 0, pageSize: rows.length, totalResults: rows.length, data: rows.map(opts.map) };
  }
  const { pageNo, pageSize } = plan.page;
  const offset = pageNo * pageSize;
  const rows = await q.query<Row>(sql`${base} limit ${pageSize} offset ${offset}`);
  const unfiltered = opts.where.every((w) => w === undefined);
  const total =
    unfiltered && entity.countTable && (rows.length === pageSize || (rows.length === 0 && offset > 0))
      ? await rowCount(q, entity.countTable)
      : await totalOf(q, entity.from, where, offset, rows.length, pageSize);
  if (total === 0) return empty;
  return { pageNo, pageSize, totalResults: total, data: rows.map(opts.map) };
}
