import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Store } from '../../src/platform/db/store.js';

export type Engine = 'pglite' | 'postgres';
export const engine: Engine = process.env.PMS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** Admin connection used to create one database per test store (PostgreSQL runs). */
export const adminUrl = process.env.PMS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Overridable so that several checkouts can run the PostgreSQL suite on one server at once.
export const templateDb = process.env.PMS_TEST_TEMPLATE_DB ?? 'pms_test_template';
export const templateDumpPath = join(import.meta.dirname, '..', '..', '.pglite-template', 'template.tar.gz');

export function databaseUrl(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Rows of one statement on a connection of its own (the admin database unless `url`). */
export async function adminRows<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  url = adminUrl,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated store for one test file: PGlite loaded from the migrated dump made by
 * global setup, or a new PostgreSQL database cloned from the migrated template database.
 */
export async function freshStore(): Promise<{ store: Store; url?: string; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    if (!existsSync(templateDumpPath)) throw new Error('PGlite template missing: global setup did not run');
    const dump = new Blob([readFileSync(templateDumpPath)]);
    const store = await openPglite(undefined, dump);
    return { store, drop: async () => undefined };
  }
  const name = `pms_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`create database ${name} template ${templateDb}`);
  const url = databaseUrl(name);
  const store = await openPostgres(url, 10);
  return {
    store,
    url,
    drop: async () => {
      await store.close().catch(() => undefined);
      await adminQuery(`drop database if exists ${name} with (force)`).catch(() => undefined);
    },
  };
}
