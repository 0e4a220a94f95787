import type { Store } from './store.js';

export interface MaintenanceLog {
  warn(obj: object, msg: string): void;
}

/**
 * PostgreSQL's autovacuum reclaims dead rows and keeps planner statistics current; the
 * embedded store has no background workers. Without this its tables would only grow (every
 * OIDC create inserts and deletes an operation row, every delivered event is updated) and its
 * statistics would stay those of an empty database, so queries over grown tables would get
 * poor plans. Here the embedded store is vacuumed and analysed shortly after start and then
 * periodically (a vacuum after the first skips pages that have not changed). Nothing to do on
 * PostgreSQL.
 */
export function startMaintenance(
  store: Store,
  log: MaintenanceLog,
  everyMs = 60 * 60_000,
  firstAfterMs = 10_000,
): { stop(): Promise<void> } {
  if (store.engine !== 'pglite') return { stop: async () => undefined };
  let running: Promise<void> | undefined;
  const analyze = () => {
    running ??= store
      .script('vacuum analyze')
      .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'embedded store: vacuum analyze failed'))
      .finally(() => (running = undefined));
    return running;
  };
  // The first pass waits a little: the embedded store runs one statement at a time, and the
  // first requests after a start should not queue behind it.
  const first = setTimeout(() => void analyze(), firstAfterMs);
  const timer = setInterval(() => void analyze(), everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
