import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from './migrate.js';
import { openPglite } from './store.js';

/**
 * A new embedded data folder starts from a copy of one made at build time (initdb plus every
 * migration, as a PGlite tarball in server/dist), not from a fresh initdb: initdb runs a second
 * PostgreSQL in WebAssembly and was most of a first start (11 s of it on these machines).
 * Migrations still run after the copy, so a template older than the code only costs the
 * migrations it lacks. Generated output: never committed, rebuilt with the server.
 */
export const dataTemplatePath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'pglite-template.tar.gz');

/** True when `dataDir` holds no database yet (PostgreSQL marks an initialised folder with PG_VERSION). */
export function isNewDataFolder(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/** The template to seed a new folder from, when the build made one. */
export function dataTemplate(dataDir: string): Blob | undefined {
  if (!isNewDataFolder(dataDir) || !existsSync(dataTemplatePath)) return undefined;
  return new Blob([readFileSync(dataTemplatePath)]);
}

/** Makes the template: a fresh in-memory store, migrated, dumped (build step, cli/make-data-template.ts). */
export async function makeDataTemplate(path = dataTemplatePath): Promise<void> {
  const store = await openPglite();
  try {
    await migrate(store);
    const dump = await (store as unknown as { pglite: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).pglite.dumpDataDir('gzip');
    // Written whole or not at all: a start never reads half a template.
    writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${path}.tmp`, path);
  } finally {
    await store.close();
  }
}
