import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from '../../src/platform/db/sql.js';
import { adminUrl, engine } from '../support/engine.js';
import { storeForFile } from '../support/store-for-file.js';

const file = storeForFile();

describe('the PostgreSQL store when the server ends its connections', () => {
  it.runIf(engine === 'postgres')('keeps serving: idle connections ended by the server are replaced, nothing is thrown', async () => {
    // Open several pooled connections, then leave them idle.
    await Promise.all(Array.from({ length: 4 }, () => file.store.query(sql`select pg_sleep(0.05)`)));
    const db = (await file.store.one<{ db: string }>(sql`select current_database() as db`))!.db;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const ended = await admin.query(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [db],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // Give the terminations time to reach the idle clients (an unheard pool error would fail the run).
    await new Promise((r) => setTimeout(r, 200));
    expect(await file.store.one(sql`select 41 + 1 as n`)).toEqual({ n: 42 });
    expect(await file.store.one(sql`select 2 as n`.prepared())).toEqual({ n: 2 });
  });
});
