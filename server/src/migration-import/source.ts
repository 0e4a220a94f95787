import pg from 'pg';
import type { SourceRow } from './types.js';

/**
 * A MOSIP database read over its own connection (MOSIP's `mosip_pms` or `mosip_keymgr`). Only
 * reads: one repeatable-read transaction, so every table is read from the same snapshot
 * even while MOSIP still runs.
 */
export interface Source {
  readonly schema: string;
  /** The table's columns; empty when this MOSIP version has no such table. */
  columns(table: string): Promise<Set<string>>;
  count(table: string): Promise<number>;
  /** The table's rows in key order, `size` at a time (keyset paging). */
  batches(table: string, key: string[], select: string, size: number): AsyncGenerator<SourceRow[]>;
  close(): Promise<void>;
}

const PLAIN = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!PLAIN.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

export async function openSource(url: string, schema: string): Promise<Source> {
  const client = new pg.Client({ connectionString: url });
  // A dropped connection is reported by the next query; unheard, the event would end the process.
  client.on('error', () => undefined);
  await client.connect();
  await client.query('begin transaction isolation level repeatable read read only');
  const s = ident(schema);
  const known = new Map<string, Set<string>>();
  return {
    schema,
    async columns(table) {
      let cols = known.get(table);
      if (!cols) {
        const r = await client.query<{ column_name: string }>(
          'select column_name from information_schema.columns where table_schema = $1 and table_name = $2',
          [schema, table],
        );
        cols = new Set(r.rows.map((x) => x.column_name));
        known.set(table, cols);
      }
      return cols;
    },
    async count(table) {
      const r = await client.query<{ n: string }>(`select count(*)::text as n from ${s}.${ident(table)}`);
      return Number(r.rows[0]?.n ?? 0);
    },
    async *batches(table, key, select, size) {
      const keys = key.map(ident);
      const keyText = keys.map((k, i) => `${k}::text as __k${i}`).join(', ');
      let after: string[] | undefined;
      for (;;) {
        const where = after ? `where (${keys.map((k) => `${k}::text`).join(', ')}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
        const order = keys.map((k) => `${k}::text`).join(', ');
        const r = await client.query<SourceRow>(
          `select ${select}, ${keyText} from ${s}.${ident(table)} ${where} order by ${order} limit ${Number(size)}`,
          after ?? [],
        );
        if (r.rows.length === 0) return;
        const last = r.rows[r.rows.length - 1] as SourceRow;
        after = keys.map((_, i) => String(last[`__k${i}`]));
        yield r.rows;
        if (r.rows.length < size) return;
      }
    },
    async close() {
      await client.query('rollback').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

const AUDIT_COLUMNS = ['cr_by', 'cr_dtimes', 'upd_by', 'upd_dtimes', 'is_deleted', 'del_dtimes'];
/** MOSIP's binary columns, read as hex. */
const BINARY = new Set(['sw_binary_hash']);

/**
 * How one MOSIP column is read, by MOSIP's naming: `is_*` flags, `*_dtimes` / `*_date` /
 * `*_datetime(s)` timestamps (as ISO text in UTC: MOSIP's `timestamp` columns hold UTC
 * wall-clock time, docs/moving-from-mosip.md), binary columns as hex, everything else as text.
 * A column this MOSIP version lacks reads as null.
 */
function readColumn(cols: Set<string>, name: string): string {
  const c = ident(name);
  const kind = name.startsWith('is_') ? 'bool' : /(_dtimes|_date|_datetimes?)$/.test(name) ? 'ts' : BINARY.has(name) ? 'hex' : 'text';
  if (!cols.has(name)) return `null::${kind === 'bool' ? 'boolean' : 'text'} as ${c}`;
  if (kind === 'bool') return c;
  if (kind === 'ts') return `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${c}`;
  if (kind === 'hex') return `encode(${c}, 'hex') as ${c}`;
  return `${c}::text as ${c}`;
}

/** The select list for `names` (and MOSIP's audit columns) over the columns the table has. */
export function selectList(names: string[], cols: Set<string>, audit: boolean): string {
  return (audit ? [...names, ...AUDIT_COLUMNS] : names).map((n) => readColumn(cols, n)).join(', ');
}
