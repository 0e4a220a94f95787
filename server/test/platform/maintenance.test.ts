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
 * Keeps the store busy with short statements until `stop` is set, as requests would. A request
 * arrives through I/O; this loop yields to timers between statements in its place, since the
 * embedded store answers without any and would otherwise starve them.
 */
async function busy(until: { stop: boolean }) {
  while (!until.stop) {
    await store.query(sql`select count(*) from generate_series(1, 20000)`);
    await new Promise((res) => setImmediate(res));
  }
}

describe('store maintenance', () => {
  it('vacuums and analyses the embedded store tables that need it; leaves PostgreSQL to autovacuum', async () => {
    await store.exec(sql`create table stats_probe (id int)`);
    await store.exec(sql`insert into stats_probe select g from generate_series(1, 6000) g`);
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
    await store.exec(sql`create table settled_probe (id int)`);
    await store.exec(sql`insert into settled_probe select g from generate_series(1, 2000) g`);
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
    await store.exec(sql`create table busy_probe (id int)`);
    await store.exec(sql`insert into busy_probe select g from generate_series(1, 3000) g`);
    const r = recorder();
    const until = { stop: false };
    const load = busy(until);
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 300, maxDeferMs: 60_000 });
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.done).not.toContain('busy_probe');
    expect((await stats('busy_probe'))?.n).not.toBe(3000);
    until.stop = true;
    await load;
    await expect.poll(() => r.done, { timeout: 10_000 }).toContain('busy_probe');
    expect((await stats('busy_probe'))?.n).toBe(3000);
    await m.stop();
    expect(r.warnings).toEqual([]);
  });

  it.runIf(pglite)('a store that is never idle is still looked after once a table has waited long enough', async () => {
    await store.exec(sql`create table never_idle_probe (id int)`);
    await store.exec(sql`insert into never_idle_probe select g from generate_series(1, 3000) g`);
    const r = recorder();
    const until = { stop: false };
    const load = busy(until);
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 60_000, maxDeferMs: 300 });
    await expect.poll(() => r.done, { timeout: 10_000 }).toContain('never_idle_probe');
    until.stop = true;
    await load;
    await m.stop();
    expect((await stats('never_idle_probe'))?.n).toBe(3000);
  });

  it('stops promptly while a table waits for a quiet moment', async () => {
    await store.exec(sql`create table waiting_probe (id int)`);
    await store.exec(sql`insert into waiting_probe select g from generate_series(1, 3000) g`);
    const r = recorder();
    const m = startMaintenance(store, r.log, { firstCheckAfterMs: 10, idleMs: 60_000, maxDeferMs: 60_000 });
    const until = { stop: false };
    const load = busy(until);
    await new Promise((res) => setTimeout(res, 300));
    const t0 = performance.now();
    await m.stop();
    expect(performance.now() - t0).toBeLessThan(5_000);
    until.stop = true;
    await load;
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
