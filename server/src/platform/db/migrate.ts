import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from './sql.js';
import type { Store } from './store.js';

/** server/migrations, found from both src/ (tests) and dist/ (built). */
export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Applies pending migrations in order, each in its own transaction. On PostgreSQL an
 * advisory lock makes concurrent starts of several instances wait for one another.
 */
export async function migrate(store: Store, migrations = loadMigrations()): Promise<string[]> {
  await store.script(
    `create table if not exists schema_migration (version text primary key, applied_at timestamptz not null default now())`,
  );
  const applied: string[] = [];
  await store.tx(async (q) => {
    if (store.engine === 'postgres') await q.exec(sql`select pg_advisory_xact_lock(91090001)`);
    const done = new Set((await q.query<{ version: string }>(sql`select version from schema_migration`)).map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await q.script(m.sql);
      await q.exec(sql`insert into schema_migration (version) values (${m.version})`);
      applied.push(m.version);
    }
  });
  return applied;
}
