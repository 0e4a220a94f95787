import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import type { ColumnType, Reference, TargetRow } from './types.js';

/**
 * Set-based writes: one statement per batch for any number of rows (`jsonb_to_recordset`), so
 * 100,000 rows are tens of statements, not 100,000 round trips.
 */

const recordset = (columns: Record<string, ColumnType>, names = Object.keys(columns)): Sql =>
  sql.raw(names.map((c) => `${sql.ident(c).parts[0]} ${columns[c] === 'bytea' ? 'text' : columns[c]}`).join(', '));

const valueOf = (c: string, type: ColumnType | undefined): string => (type === 'bytea' ? `decode(x.${c}, 'hex')` : `x.${c}`);

/**
 * Inserts rows that are not there yet, in the given order (where two rows compete for one unique
 * value, the earlier wins: mappers order rows so); answers the keys of the rows it wrote.
 */
export async function insertNew(
  q: Queryable,
  table: string,
  columns: Record<string, ColumnType>,
  key: string[],
  rows: TargetRow[],
): Promise<Set<string>> {
  const names = Object.keys(columns);
  const payload = JSON.stringify(rows.map((r) => Object.fromEntries(names.map((c) => [c, r[c] ?? null]))));
  const inserted = await q.query<Record<string, string>>(sql`
    insert into ${sql.ident(table)} (${sql.raw(names.join(', '))})
    select ${sql.raw(names.map((c) => valueOf(c, columns[c])).join(', '))}
    from rows from (jsonb_to_recordset(${payload}::jsonb) as (${recordset(columns)})) with ordinality as x(${sql.raw([...names, 'n'].join(', '))})
    order by x.n
    on conflict do nothing
    returning ${sql.raw(key.map((k) => `${k}::text as ${k}`).join(', '))}`);
  return new Set(inserted.map((r) => keyText(r, key)));
}

/** Of the given rows, the keys already in our table. */
export async function existingKeys(q: Queryable, table: string, key: string[], rows: TargetRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  if (key.length === 1) {
    // `= any(array)` is answered from the key's index whatever the (stale, mid-import) statistics say.
    const k = key[0] as string;
    const wanted = rows.map((r) => String(r[k]));
    const found = await q.query<{ k: string }>(
      sql`select ${sql.ident(k)}::text as k from ${sql.ident(table)} where ${sql.ident(k)}::text = any(${wanted}::text[])`,
    );
    return new Set(found.map((r) => r.k));
  }
  const payload = JSON.stringify(rows.map((r) => Object.fromEntries(key.map((k) => [k, r[k] == null ? null : String(r[k])]))));
  const cols = sql.raw(key.map((k) => `${k} text`).join(', '));
  const found = await q.query<Record<string, string>>(sql`
    select ${sql.raw(key.map((k) => `t.${k}::text as ${k}`).join(', '))}
    from ${sql.ident(table)} t
    where (${sql.raw(key.map((k) => `t.${k}::text`).join(', '))}) in (select ${sql.raw(key.map((k) => `x.${k}`).join(', '))} from jsonb_to_recordset(${payload}::jsonb) as x(${cols}))`);
  return new Set(found.map((r) => keyText(r, key)));
}

/** Values of `ref.column` among `rows` that name nothing in our store. */
export async function missingReferences(q: Queryable, ref: Reference, rows: TargetRow[]): Promise<Set<string>> {
  const wanted = [...new Set(rows.map((r) => r[ref.column]).filter((v): v is string => typeof v === 'string'))];
  if (wanted.length === 0) return new Set();
  const found = await q.query<{ k: string }>(sql`
    select ${sql.ident(ref.key)}::text as k from ${sql.ident(ref.table)} where ${sql.ident(ref.key)}::text = any(${wanted}::text[])`);
  const have = new Set(found.map((r) => r.k));
  return new Set(wanted.filter((v) => !have.has(v)));
}

export const keyText = (row: Record<string, unknown>, key: string[]): string =>
  key.length === 1 ? String(row[key[0] as string]) : JSON.stringify(key.map((k) => (row[k] == null ? null : String(row[k]))));
