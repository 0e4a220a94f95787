import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careFor, startMaintenance, type TableState } from '../../src/platform/db/maintenance.js';
import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { engine, freshStore } from '../support/engine.js';

let store: Store;
let drop: () => Promise<void>;
beforeAll(async () => ({ store, drop } = await freshStore()));
afterAll(() => drop());

const pglite = engine === 'pglite';

function recorder() {
  const done: string[] = [];
  const warnings: string[] = [];
  return {
    done,
    warnings,
    log: {
      info: (o: object) => void done.push(`${(o as { table: string }).table}`),
      warn: (_o: object, msg: string) => void warnings.push(msg),
    },
  };
}

const stats = (table: string) =>
  store.one<{ n: number; visible: number }>(
    sql`select reltuples::int as n, relallvisible as visible from pg_class where relname = ${table}`,
  );

/**
 * Keeps the store busy with short statements until stopped, as requests would. A request
 * arrives through I/O; this loop yields to timers between statements in its place, since the
 * embedded store answers without any and would otherwise starve them.
 */
function keepBusy(): { stop(): Promise<void> } {
  let stopped = false;
  const load = (async () => {
    while (!stopped) {
      await store.query(sql`select count(*) from generate_series(1, 20000)`);
      await new Promise((res) => setImmediate(res));
    }
  })();
  return {
    stop: () => {
      stopped = true;
      return load;
    },
  };
}

/** A new table of `rows` rows, never vacuumed or analysed. */
async function filledTable(name: string, rows: number): Promise<void> {
  await store.script(`create table ${name} (id int); insert into ${name} select g from generate_series(1, ${rows}) g`);
}

describe('store maintenance', () => {
  it('vacuums and analyses the embedded store tables that need it; leaves PostgreSQL to autovacuum', async () => {
    await filledTable('stats_probe', 6000);
    await store.exec(sql`delete from stats_probe where id > 5000`);
    const r = recorder();
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 0 });
    if (pglite) {
      await expect.poll(() => stats('stats_probe'), { timeout: 10_000 }).toMatchObject({ n: 5000 });
      // Only a vacuum marks pages all-visible (and with it reclaims the deleted rows).
      expect((await stats('stats_probe'))?.visible).toBeGreaterThan(0);
      expect(r.done).toContain('stats_probe');
    } else {
      await new Promise((res) => setTimeout(res, 200));
      expect((await stats('stats_probe'))?.n).not.toBe(5000); // not analysed by us (autovacuum has not run yet either)
      expect(r.done).toEqual([]);
    }
    await m.stop();
    expect(r.warnings).toEqual([]);
  });

  it.runIf(pglite)('leaves a table alone when it has not changed enough', async () => {
    await filledTable('settled_probe', 2000);
    const first = recorder();
    const settle = startMaintenance(store, first.log, { firstCheckAfterMs: 10, idleMs: 0 });
    await expect.poll(() => first.done, { timeout: 10_000 }).toContain('settled_probe');
    await settle.stop();
    await store.exec(sql`update settled_probe set id = id where id <= 20`); // 20 of 2000: under 50 + 10 %
    const r = recorder();
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 0 });
    await new Promise((res) => setTimeout(res, 500));
    await m.stop();
    expect(r.done).not.toContain('settled_probe');
    expect(r.warnings).toEqual([]);
  });

  it.runIf(pglite)('waits for a quiet moment: requests are not held behind a vacuum while the store is busy', async () => {
    await filledTable('busy_probe', 3000);
    const r = recorder();
    const load = keepBusy();
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 300, maxDeferMs: 60_000 });
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.done).not.toContain('busy_probe');
    expect((await stats('busy_probe'))?.n).not.toBe(3000);
    await load.stop();
    await expect.poll(() => r.done, { timeout: 10_000 }).toContain('busy_probe');
    expect((await stats('busy_probe'))?.n).toBe(3000);
    await m.stop();
    expect(r.warnings).toEqual([]);
  });

  it.runIf(pglite)('a store that is never idle is still looked after once a table has waited long enough', async () => {
    await filledTable('never_idle_probe', 3000);
    const r = recorder();
    const load = keepBusy();
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 60_000, maxDeferMs: 300 });
    await expect.poll(() => r.done, { timeout: 10_000 }).toContain('never_idle_probe');
    await load.stop();
    await m.stop();
    expect((await stats('never_idle_probe'))?.n).toBe(3000);
  });

  it('stops promptly while a table waits for a quiet moment', async () => {
    await filledTable('waiting_probe', 3000);
    const r = recorder();
    // Waits far longer than the test may run: only the stop can end them.
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 600_000, maxDeferMs: 600_000 });
    const load = keepBusy();
    await new Promise((res) => setTimeout(res, 300));
    await m.stop();
    await load.stop();
    expect(r.done).not.toContain('waiting_probe');
    expect(r.warnings).toEqual([]);
  });
});

describe('which tables need care (autovacuum rules)', () => {
  const table = (over: Partial<TableState>): TableState => ({
    table: 't',
    reltuples: 10_000,
    relpages: 100,
    pages: 100,
    dead: 0,
    modified: 0,
    inserted: 0,
    ...over,
  });
  it.each([
    ['nothing changed', {}, undefined],
    ['dead rows under 50 + 20 %', { dead: 2050 }, undefined],
    ['dead rows over 50 + 20 %', { dead: 2051 }, 'vacuum'],
    ['inserted rows over 1000 + 20 %', { inserted: 3001 }, 'vacuum'],
    ['changed rows over 50 + 10 %', { modified: 1051 }, 'analyze'],
    ['changed rows under 50 + 10 %', { modified: 1050 }, undefined],
    ['never analysed, has pages', { reltuples: -1, relpages: 0, pages: 3 }, 'vacuum'],
    ['never analysed, empty', { reltuples: -1, relpages: 0, pages: 0 }, undefined],
    ['grew before this process', { pages: 111 }, 'vacuum'],
    ['shrank before this process', { pages: 89 }, 'vacuum'],
    ['a few pages more on a small table', { reltuples: 10, relpages: 1, pages: 9 }, undefined],
  ] as const)('%s', (_name, over, care) => {
    expect(careFor(table(over))).toBe(care);
  });
});
