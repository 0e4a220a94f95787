import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from '../../src/platform/db/sql.js';
import type { Queryable, Store } from '../../src/platform/db/store.js';
import { count, defineEntity, planList, runList } from '../../src/platform/search/index.js';
import { engine, freshStore } from '../support/engine.js';

/**
 * List totals are remembered (PGlite: until any write; PostgreSQL: until a write commits to a
 * table the count reads, from any connection — migration 0014's change counters) and are never
 * stale. On PostgreSQL the writes below come from a second connection, as another instance's.
 */

let store: Store;
let url: string | undefined;
let drop: () => Promise<void>;
let other: pg.Client | undefined;

const counted = (table: string) =>
  sql.raw(
    `create trigger list_version_bump after insert or update or delete or truncate on ${table} for each statement execute function list_version_bump()`,
  );

beforeAll(async () => {
  ({ store, url, drop } = await freshStore());
  await store.exec(sql`create table vc_group (id int primary key, name text not null)`);
  await store.exec(sql`create table vc_item (id int primary key, group_id int not null references vc_group (id), name text not null)`);
  await store.exec(sql`create table vc_uncounted (id int)`);
  await store.exec(counted('vc_group'));
  await store.exec(counted('vc_item'));
  await store.exec(sql`insert into vc_group values (1, 'alpha'), (2, 'beta')`);
  await store.exec(sql`insert into vc_item select g, 1 + g % 2, 'item ' || g from generate_series(1, 10) g`);
  if (url) {
    other = new pg.Client({ connectionString: url });
    await other.connect();
  }
});
afterAll(async () => {
  await other?.end();
  await drop();
});

/** A write as another instance would make it (PostgreSQL), or on the embedded store's one connection. */
async function elsewhere(text: string): Promise<void> {
  if (other) await other.query(text);
  else await store.script(text);
}

/** Bypasses the change counters, to show a count really is remembered (PostgreSQL only). */
async function behindTheCounters(text: string): Promise<void> {
  await other!.query(`begin; set local session_replication_role = replica; ${text}; commit`);
}

const items = defineEntity({
  from: sql`vc_item i join vc_group g on g.id = i.group_id`,
  key: 'i.id',
  fields: { name: { column: 'i.name', type: 'string' }, groupName: { column: 'g.name', type: 'string' } },
});

async function listTotal(q: Queryable, groupName?: string): Promise<number> {
  const plan = planList(items, { pageNo: 0, pageSize: 2 }, { pairing: false, defaultOrder: sql`i.id` });
  const page = await runList<{ id: number }, number>(q, items, plan, {
    select: sql`i.id`,
    where: [groupName ? sql`g.name = ${groupName}::text` : undefined],
    map: (r) => r.id,
  });
  return page.totalResults;
}

/** Twice, so the second answer may come from memory. */
async function settledTotal(groupName?: string): Promise<number> {
  await listTotal(store, groupName);
  return listTotal(store, groupName);
}

describe('remembered list totals', () => {
  it('see every committed write of another connection on the next list: insert, update, delete, truncate, joined table', async () => {
    expect(await settledTotal()).toBe(10);
    expect(await settledTotal('alpha')).toBe(5);

    await elsewhere(`insert into vc_item values (11, 2, 'item 11')`);
    expect(await listTotal(store)).toBe(11);
    expect(await listTotal(store, 'beta')).toBe(6);

    await elsewhere(`update vc_item set group_id = 1 where id = 11`);
    expect(await listTotal(store, 'beta')).toBe(5);
    expect(await listTotal(store, 'alpha')).toBe(6);

    // A change to the joined table alone moves the filtered total.
    await elsewhere(`update vc_group set name = 'gamma' where id = 1`);
    expect(await listTotal(store, 'alpha')).toBe(0);
    await elsewhere(`update vc_group set name = 'alpha' where id = 1`);
    expect(await listTotal(store, 'alpha')).toBe(6);

    await elsewhere(`delete from vc_item where id > 8`);
    expect(await listTotal(store)).toBe(8);

    await elsewhere(`begin; insert into vc_item values (20, 1, 'item 20'); insert into vc_item values (21, 2, 'item 21'); commit`);
    expect(await listTotal(store)).toBe(10);

    // A rolled-back write changes nothing, and the next count is still exact.
    await elsewhere(`begin; delete from vc_item; rollback`);
    expect(await settledTotal()).toBe(10);

    await elsewhere(`truncate vc_item`);
    expect(await listTotal(store)).toBe(0);
    await elsewhere(`insert into vc_item select g, 1 + g % 2, 'item ' || g from generate_series(1, 10) g`);
    expect(await settledTotal()).toBe(10);
  });

  it('a write in progress elsewhere is not counted until it commits, then it is', async () => {
    if (!other) return; // the embedded store has one connection
    expect(await settledTotal()).toBe(10);
    await other.query(`begin`);
    await other.query(`insert into vc_item values (30, 1, 'item 30')`);
    expect(await settledTotal()).toBe(10);
    await other.query(`commit`);
    expect(await listTotal(store)).toBe(11);
    await elsewhere(`delete from vc_item where id = 30`);
    expect(await listTotal(store)).toBe(10);
  });

  it.runIf(engine === 'postgres')('are really remembered on PostgreSQL while the counters stand still', async () => {
    expect(await settledTotal()).toBe(10);
    await behindTheCounters(`insert into vc_item values (40, 1, 'item 40')`);
    // Only a write that bypassed the counters could go unseen: this shows the memo answered.
    expect(await listTotal(store)).toBe(10);
    await elsewhere(`delete from vc_item where id = 40`);
    expect(await listTotal(store)).toBe(10);
    await behindTheCounters(`insert into vc_item values (40, 1, 'item 40')`);
    await elsewhere(`update vc_group set name = name`);
    expect(await listTotal(store)).toBe(11);
    await elsewhere(`delete from vc_item where id = 40`);
  });

  it.runIf(engine === 'postgres')('are not remembered for a table without counters, nor for counts that depend on the clock', async () => {
    const uncounted = () => count(store, sql`vc_uncounted`, sql`true`);
    await uncounted();
    await uncounted();
    await behindTheCounters(`insert into vc_uncounted values (1)`);
    expect(await uncounted()).toBe(1);

    const until = new Date(Date.now() + 1500).toISOString();
    const recent = () => count(store, sql`vc_item`, sql`now() < ${until}::timestamptz`);
    expect(await recent()).toBe(10);
    expect(await recent()).toBe(10);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await recent()).toBe(0);
  });

  it('are not remembered inside a transaction', async () => {
    await store.tx(async (q) => {
      expect(q.memoOne).toBeUndefined();
      expect(await listTotal(q)).toBe(10);
    });
  });
});
