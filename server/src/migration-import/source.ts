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

/** Select-list pieces that read what a MOSIP version has and null for what it lacks. */
export const pick = {
  text(cols: Set<string>, name: string, as = name): string {
    return cols.has(name) ? `${ident(name)}::text as ${ident(as)}` : `null::text as ${ident(as)}`;
  },
  bool(cols: Set<string>, name: string, as = name): string {
    return cols.has(name) ? `${ident(name)} as ${ident(as)}` : `null::boolean as ${ident(as)}`;
  },
  /** ISO text in UTC: MOSIP's `timestamp` columns hold UTC wall-clock time (docs/moving-from-mosip.md). */
  ts(cols: Set<string>, name: string, as = name): string {
    return cols.has(name) ? `to_char(${ident(name)}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${ident(as)}` : `null::text as ${ident(as)}`;
  },
  hex(cols: Set<string>, name: string, as = name): string {
    return cols.has(name) ? `encode(${ident(name)}, 'hex') as ${ident(as)}` : `null::text as ${ident(as)}`;
  },
};

/** The usual audit columns of every MOSIP table. */
export function auditColumns(cols: Set<string>): string {
  return [
    pick.text(cols, 'cr_by'),
    pick.ts(cols, 'cr_dtimes'),
    pick.text(cols, 'upd_by'),
    pick.ts(cols, 'upd_dtimes'),
    pick.bool(cols, 'is_deleted'),
    pick.ts(cols, 'del_dtimes'),
  ].join(', ');
}
