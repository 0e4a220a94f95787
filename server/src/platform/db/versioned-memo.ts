import { sql, type Sql } from './sql.js';
import type { Queryable } from './store.js';

/**
 * Remembered single-row reads on PostgreSQL, exact across instances (migration 0014): a read is
 * answered from memory only while no write has committed to any table it reads since it ran.
 *
 * - The tables a read depends on are the relations in its plan (EXPLAIN, once per read): joins
 *   the planner removes and branches it folds away cannot change the answer. A read touching a
 *   table without a change counter is never remembered, nor one whose answer can change with
 *   no write at all: one that calls a function that is not immutable (now(), age(), random() …)
 *   or names the current date, time or user.
 * - The read runs together with the sum of those tables' counters, in one statement and so one
 *   snapshot. Later, an equal sum (read alone, one cheap statement) means nothing committed in
 *   between: the counters only grow, and a write bumps them in its own transaction.
 * - A read is remembered from its second sighting on, so one-off filter values cost no EXPLAIN.
 *
 * Never used inside a transaction: a sum that includes the caller's own uncommitted writes could
 * later be matched by other writes.
 */
export interface VersionedMemo {
  one<T>(statement: Sql): Promise<T | undefined>;
}

const LIMIT = 512;

interface PlanNode {
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function relationsOf(node: PlanNode, out: Set<string>): Set<string> {
  if (node['Relation Name']) out.add(node['Relation Name']);
  for (const child of node.Plans ?? []) relationsOf(child, out);
  return out;
}

/** SQL's niladic time and user keywords, which read no table and are written without parentheses. */
const NILADIC = /\b(current_date|current_time|current_timestamp|localtime|localtimestamp|current_user|session_user|current_role)\b/i;
const CALL = /([a-z_][a-z0-9_]*)\s*\(/gi;

/**
 * The change counter of `tables` (migration 0014), as text: equal values read at two moments
 * mean no write to any of them committed in between.
 */
export const changeCounter = (tables: readonly string[]) =>
  sql`(select coalesce(sum(v), 0) from list_version where tbl = any(${tables}::text[]))::text`;
const sumOf = changeCounter;

export function createVersionedMemo(q: Queryable): VersionedMemo {
  /** Per read: the tables it depends on, or null when one of them has no counter. */
  const tablesOf = new Map<string, string[] | null>();
  const entries = new Map<string, { tables: string[]; version: string; row: unknown }>();
  const seen = new Set<string>();
  let catalog: Promise<{ versioned: Set<string>; changing: Set<string> }> | undefined;

  const bounded = <K, V>(m: Map<K, V> | Set<K>) => {
    if (m.size >= LIMIT) m.clear();
  };

  /** Tables with a change counter, and names of functions that are not immutable. */
  function catalogue(): Promise<{ versioned: Set<string>; changing: Set<string> }> {
    catalog ??= Promise.all([
      q.query<{ relname: string }>(sql`
        select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where t.tgname = 'list_version_bump' and c.relnamespace = current_schema()::regnamespace`),
      q.query<{ proname: string }>(sql`select distinct proname from pg_proc where provolatile <> 'i'`),
    ])
      .then(([tables, functions]) => ({
        versioned: new Set(tables.map((r) => r.relname)),
        changing: new Set(functions.map((r) => r.proname)),
      }))
      .catch((err: unknown) => {
        catalog = undefined;
        throw err;
      });
    return catalog;
  }

  function readsOnlyTables(text: string, changing: Set<string>): boolean {
    if (NILADIC.test(text)) return false;
    for (const m of text.matchAll(CALL)) if (changing.has(m[1]!.toLowerCase())) return false;
    return true;
  }

  async function dependencies(key: string, statement: Sql): Promise<string[] | null> {
    const known = tablesOf.get(key);
    if (known !== undefined) return known;
    const { versioned, changing } = await catalogue();
    let result: string[] | null = null;
    if (readsOnlyTables(statement.compile().text, changing)) {
      const [plan] = await q.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(sql`explain (format json, costs false) ${statement}`);
      const tables = [...relationsOf(plan!['QUERY PLAN'][0]!.Plan, new Set())].sort();
      if (tables.every((t) => versioned.has(t))) result = tables;
    }
    bounded(tablesOf);
    tablesOf.set(key, result);
    return result;
  }

  return {
    async one<T>(statement: Sql): Promise<T | undefined> {
      const { text, values } = statement.compile();
      const key = `${text}\u0000${JSON.stringify(values)}`;
      const hit = entries.get(key);
      if (hit) {
        const now = await q.one<{ v: string }>(sql`select ${sumOf(hit.tables)} as v`);
        if (now?.v === hit.version) return hit.row as T | undefined;
      } else if (!seen.has(key)) {
        bounded(seen);
        seen.add(key);
        return q.one<T>(statement);
      }
      const tables = await dependencies(key, statement);
      if (!tables) return q.one<T>(statement);
      const got = await q.one<{ __version: string } & Record<string, unknown>>(
        sql`select ${sumOf(tables)} as __version, s.* from (${statement}) s`,
      );
      if (!got) return undefined;
      const { __version: version, ...row } = got;
      bounded(entries);
      entries.set(key, { tables, version, row });
      return row as T;
    },
  };
}
