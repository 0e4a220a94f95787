import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type PGlite } from '@electric-sql/pglite';
import { migrate } from '../../src/platform/db/migrate.js';
import { openPglite, openPostgres, type Store } from '../../src/platform/db/store.js';
import { adminQuery, databaseUrl, engine, templateDb, templateDumpPath } from './engine.js';

/** Migrates once per run; every test file then starts from a copy of the result. */
export default async function setup(): Promise<void> {
  if (engine === 'pglite') {
    const store = await openPglite();
    await migrate(store);
    const db = (store as unknown as { pglite: PGlite }).pglite;
    const dump = await db.dumpDataDir('gzip');
    mkdirSync(dirname(templateDumpPath), { recursive: true });
    writeFileSync(templateDumpPath, Buffer.from(await dump.arrayBuffer()));
    await store.close();
    return;
  }
  await adminQuery(`drop database if exists ${templateDb} with (force)`);
  await adminQuery(`create database ${templateDb}`);
  const store: Store = await openPostgres(databaseUrl(templateDb), 2);
  await migrate(store);
  await store.close();
}
