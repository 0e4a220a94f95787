import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from './sql.js';
import type { Store } from './store.js';

export interface MaintenanceLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MaintenanceTiming {
  /** First look at the tables after start. */
  firstCheckAfterMs: number;
  /** Later looks. */
  checkEveryMs: number;
  /** How long the store must have had nothing to do before a table is vacuumed. */
  idleMs: number;
  /** A table that is due waits no longer than this for a quiet moment (a store never idle). */
  maxDeferMs: number;
}

export const MAINTENANCE_TIMING: MaintenanceTiming = {
  firstCheckAfterMs: 10_000,
  checkEveryMs: 60_000,
  idleMs: 1_000,
  maxDeferMs: 10 * 60_000,
};

/** What one look at a table found (pg_class, pg_stat_user_tables). */
export interface TableState {
  table: string;
  /** Rows at the last vacuum or analyse; -1 when never analysed. */
  reltuples: number;
  /** Pages at the last vacuum or analyse. */
  relpages: number;
  /** Pages now. */
  pages: number;
  /** Counters since this process opened the store (PGlite does not keep them across a restart). */
  dead: number;
  modified: number;
  inserted: number;
}

export type Care = 'vacuum' | 'analyze' | undefined;

/**
 * PostgreSQL's autovacuum rules with its default thresholds (vacuum when dead rows pass
 * 50 + 20 % of the table, or inserted rows 1000 + 20 %; analyse when changed rows pass
 * 50 + 10 %). The counters start at zero on every open of the embedded store, so a table
 * whose size moved away from what its last analyse recorded, or one never analysed, was changed
 * before this process (an import, the bench's seeding, a crash) and is vacuumed too.
 */
export function careFor(t: TableState): Care {
  const rows = Math.max(t.reltuples, 0);
  const changedBefore = (t.reltuples < 0 && t.pages > 0) || Math.abs(t.pages - t.relpages) > Math.max(8, t.relpages / 10);
  if (changedBefore || t.dead > 50 + 0.2 * rows || t.inserted > 1000 + 0.2 * rows) return 'vacuum';
  if (t.modified > 50 + 0.1 * rows) return 'analyze';
  return undefined;
}

async function tableStates(store: Store): Promise<TableState[]> {
  // A backend's counters reach pg_stat_user_tables when it reports them, which the embedded
  // store's single-user loop never does by itself: ask for it, and read after the next statement.
  await store.query(sql`select pg_stat_force_next_flush()`);
  return store.query<TableState>(sql`
    select c.relname as "table", c.reltuples::float8 as reltuples, c.relpages as relpages,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
           coalesce(s.n_dead_tup, 0)::int as dead, coalesce(s.n_mod_since_analyze, 0)::int as modified,
           coalesce(s.n_ins_since_vacuum, 0)::int as inserted
      from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
     where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
     order by c.relname`);
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Housekeeping for the embedded store, which has no autovacuum: without it its tables would only
 * grow (every OIDC create inserts and deletes an operation row, every delivered event is updated)
 * and its statistics would stay those of an empty database, so queries over grown tables would
 * get poor plans. It looks at the tables shortly after start and then every minute, and vacuums
 * and analyses only the tables autovacuum would, one table per statement, each when the store
 * has been idle a moment: PGlite runs one statement at a time, and a whole-database vacuum
 * 10 s after start used to land in the middle of a load and hold every request behind it
 * (docs/startup.md). A store that is never idle is still looked after, late. Nothing to do on
 * PostgreSQL.
 */
export function startMaintenance(store: Store, log: MaintenanceLog, timing: Partial<MaintenanceTiming> = {}): { stop(): Promise<void> } {
  const idleForMs = store.idleForMs?.bind(store);
  if (store.engine !== 'pglite' || !idleForMs) return { stop: async () => undefined };
  const t = { ...MAINTENANCE_TIMING, ...timing };
  const stopping = new AbortController();
  let running: Promise<void> | undefined;

  const quietMoment = async () => {
    const since = performance.now();
    while (idleForMs() < t.idleMs && performance.now() - since < t.maxDeferMs) {
      await sleep(Math.min(t.idleMs, 250), undefined, { signal: stopping.signal, ref: false });
    }
  };
  const pass = async () => {
    for (const table of await tableStates(store)) {
      const care = careFor(table);
      if (!care) continue;
      await quietMoment();
      const started = performance.now();
      await store.script(`${care === 'vacuum' ? 'vacuum (analyze)' : 'analyze'} ${quoteIdent(table.table)}`);
      const { dead, modified, inserted, pages, relpages, reltuples } = table;
      const ms = Math.round(performance.now() - started);
      log.info({ table: table.table, ms, dead, modified, inserted, pages, relpages, reltuples }, `embedded store: ${care} done`);
    }
  };
  const look = () => {
    running ??= pass()
      .catch((err: unknown) => {
        if (!stopping.signal.aborted) log.warn({ err: (err as Error).message }, 'embedded store: housekeeping failed');
      })
      .finally(() => (running = undefined));
  };
  const first = setTimeout(look, t.firstCheckAfterMs);
  const timer = setInterval(look, t.checkEveryMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
