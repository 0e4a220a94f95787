import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { count } from '../../src/platform/search/index.js';
import { engine, freshStore } from '../support/engine.js';

let store: Store;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ store, drop } = await freshStore());
  await store.exec(sql`create table memo_probe (id int)`);
});
afterAll(() => drop());

const total = () => count(store, sql`memo_probe`, sql`true`);

describe('list totals', () => {
  it('are never stale: every kind of write is seen by the next count', async () => {
    expect(await total()).toBe(0);
    await store.exec(sql`insert into memo_probe values (1), (2), (3)`);
    expect(await total()).toBe(3);
    await store.tx(async (q) => {
      await q.exec(sql`insert into memo_probe values (4), (5)`);
    });
    expect(await total()).toBe(5);
    await store.tx(async (q) => q.exec(sql`insert into memo_probe values (6)`)).catch(() => undefined);
    expect(await total()).toBe(6);
    await expect(
      store.tx(async (q) => {
        await q.exec(sql`delete from memo_probe`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await total()).toBe(6);
    await store.query(sql`delete from memo_probe where id > 4 returning id`);
    expect(await total()).toBe(4);
    await store.script('delete from memo_probe where id = 4');
    expect(await total()).toBe(3);
  });

  it('a count that depends on the clock is remembered between writes on the embedded store only (PostgreSQL remembers table-only counts: versioned-count.test.ts)', async () => {
    // A count whose answer changes on every run unless it is remembered.
    const clock = () => count(store, sql`generate_series(1, (extract(microseconds from clock_timestamp())::int % 997) + 1) g`, sql`true`);
    const answers = new Set<number>();
    for (let i = 0; i < 5; i++) {
      answers.add(await clock());
      await new Promise((r) => setTimeout(r, 3));
    }
    if (engine === 'pglite') expect(answers.size).toBe(1);
    else expect(answers.size).toBeGreaterThan(1);
  });

  it.skipIf(engine !== 'pglite')('callers that ask while the same count runs share it; one asking after a write does not', async () => {
    const clock = () => count(store, sql`generate_series(1, (extract(microseconds from clock_timestamp())::int % 997) + 1) g`, sql`true`);
    await store.exec(sql`insert into memo_probe values (10)`);
    const together = await Promise.all(Array.from({ length: 10 }, () => clock()));
    expect(new Set(together).size).toBe(1);

    // A write sent while a count is running: a caller after it gets a count of its own.
    await store.exec(sql`insert into memo_probe values (11)`);
    const before = total();
    await store.exec(sql`insert into memo_probe values (12)`);
    const after = total();
    expect(await after).toBe((await before) + 1);
  });
});
