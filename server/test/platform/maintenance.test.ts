import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMaintenance } from '../../src/platform/db/maintenance.js';
import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { engine, freshStore } from '../support/engine.js';

let store: Store;
let drop: () => Promise<void>;
beforeAll(async () => ({ store, drop } = await freshStore()));
afterAll(() => drop());

describe('store maintenance', () => {
  it('vacuums the embedded store and keeps its planner statistics current; leaves PostgreSQL to autovacuum', async () => {
    await store.exec(sql`create table stats_probe (id int)`);
    await store.exec(sql`insert into stats_probe select g from generate_series(1, 6000) g`);
    await store.exec(sql`delete from stats_probe where id > 5000`);
    const warnings: string[] = [];
    const m = startMaintenance(store, { warn: (_o, msg) => void warnings.push(msg) }, 60 * 60_000, 10);
    await new Promise((r) => setTimeout(r, 200));
    await m.stop();
    const row = await store.one<{ n: number; visible: number }>(
      sql`select reltuples::int as n, relallvisible as visible from pg_class where relname = 'stats_probe'`,
    );
    if (engine === 'pglite') {
      expect(row?.n).toBe(5000);
      // Only a vacuum marks pages all-visible (and with it reclaims the deleted rows).
      expect(row?.visible).toBeGreaterThan(0);
    } else {
      expect(row?.n).not.toBe(5000); // not analysed by us (autovacuum has not run yet either)
    }
    expect(warnings).toEqual([]);
  });
});
