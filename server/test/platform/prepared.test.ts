import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { isUniqueViolation } from '../../src/platform/db/store.js';
import { storeForFile } from '../support/store-for-file.js';

const db = storeForFile();

beforeAll(async () => {
  await db.store.script(
    'create table prep_probe (id text primary key, tags text[] not null, doc jsonb, n bigint, at timestamptz not null default now())',
  );
});

const probe = (id: string) =>
  sql`select id, tags, doc, n, at, ${[1, 2]}::int[] as ints, ${null}::text as nothing, ${true}::boolean as yes from prep_probe where id = ${id}`;

describe('prepared statements', () => {
  it('answer exactly what the same statement answers unprepared, call after call', async () => {
    const insert = (id: string, tags: string[], n: number) =>
      sql`insert into prep_probe (id, tags, doc, n) values (${id}, ${tags}::text[], ${JSON.stringify({ k: id })}::jsonb, ${n})`.prepared();
    expect(await db.store.exec(insert('a', ['x"y', 'c,d', 'back\\slash'], 7))).toBe(1);
    expect(await db.store.exec(insert('b', [], 8))).toBe(1);
    for (const id of ['a', 'b', 'a', 'none']) {
      const plain = await db.store.one(probe(id));
      const prepared = await db.store.one(probe(id).prepared());
      expect(prepared).toEqual(plain);
    }
    expect(await db.store.one(probe('a').prepared())).toMatchObject({
      tags: ['x"y', 'c,d', 'back\\slash'],
      doc: { k: 'a' },
      n: 7,
      ints: [1, 2],
      nothing: null,
      yes: true,
    });
  });

  it('fail with the database error and leave the connection usable', async () => {
    const dup = sql`insert into prep_probe (id, tags) values (${'a'}, ${['t']}::text[])`.prepared();
    const err = await db.store.exec(dup).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await db.store.one<{ id: string }>(sql`select id from prep_probe where id = ${'b'}`.prepared())).toEqual({ id: 'b' });
    const bad = await db.store.one(sql`select no_such_column from prep_probe`.prepared()).catch((e: { code?: string }) => e.code);
    expect(bad).toBe('42703');
    expect(await db.store.one<{ n: number }>(sql`select count(*)::int as n from prep_probe`.prepared())).toEqual({ n: 2 });
  });

  it('run inside a transaction, which a failure rolls back whole', async () => {
    await expect(
      db.store.tx(async (q) => {
        await q.exec(sql`insert into prep_probe (id, tags) values (${'c'}, ${['t']}::text[])`.prepared());
        await q.exec(sql`insert into prep_probe (id, tags) values (${'a'}, ${['t']}::text[])`.prepared());
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.store.one(sql`select id from prep_probe where id = ${'c'}`.prepared())).toBeUndefined();
  });
});
