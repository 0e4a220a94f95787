import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { migrate } from './migrate.js';
import { openPglite } from './store.js';

/**
 * A new embedded data folder starts from a copy of one made at build time (initdb plus every
 * migration, unpacked in server/dist/pglite-template), not from a fresh initdb: initdb runs a second
 * PostgreSQL in WebAssembly and was most of a first start (11 s of it on these machines).
 * Migrations still run after the copy, so a template older than the code only costs the
 * migrations it lacks. Generated output: never committed, rebuilt with the server.
 */
export const dataTemplatePath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'pglite-template');

/** True when `dataDir` holds no database yet (PostgreSQL marks an initialised folder with PG_VERSION). */
export function isNewDataFolder(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Seeds a new data folder with a copy of the template, then the store opens it like any
 * existing folder. Handing PGlite the template as a tarball instead (`loadDataDir`) unpacks it
 * inside the WebAssembly heap, which never shrinks: about 130 MB more resident memory for the
 * life of the process, and more start-up (the bench's "new data folder" row). Copied beside the
 * folder and renamed into place, so a start interrupted half-way leaves no half-made database.
 * True when it seeded the folder.
 */
export function seedFromTemplate(dataDir: string, templateDir = dataTemplatePath): boolean {
  if (!isNewDataFolder(dataDir) || !existsSync(join(templateDir, 'PG_VERSION'))) return false;
  const staging = `${dataDir}.new-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(staging), { recursive: true, mode: 0o700 });
  cpSync(templateDir, staging, { recursive: true });
  // An empty folder left by an earlier attempt is replaced; one with anything in it is not ours to remove.
  if (existsSync(dataDir) && readdirSync(dataDir).length === 0) rmdirSync(dataDir);
  renameSync(staging, dataDir);
  return true;
}

/**
 * The template's tar (ustar, as PGlite's dump writes it: directories and regular files only,
 * names relative to the data folder with a leading `/`).
 */
function unpackTar(tar: Buffer, into: string): void {
  const root = normalize(into + sep);
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) => header.subarray(from, to).toString('latin1').replace(/\0.*$/s, '');
    const name = field(0, 100);
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const mode = parseInt(field(100, 108).trim() || '0', 8) & 0o777;
    const type = field(156, 157) || '0';
    const path = normalize(join(into, name));
    if (!path.startsWith(root)) throw new Error(`data template: entry outside the data folder: ${name}`);
    const body = at + 512;
    if (type === '5') mkdirSync(path, { recursive: true, mode: mode || 0o700 });
    else if (type === '0') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, tar.subarray(body, body + size), { mode: mode || 0o600 });
    } else throw new Error(`data template: unexpected tar entry type ${type} for ${name}`);
    at = body + Math.ceil(size / 512) * 512;
  }
}

/** Makes the template: a fresh in-memory store, migrated, dumped and unpacked (build step, cli/make-data-template.ts). */
export async function makeDataTemplate(path = dataTemplatePath): Promise<void> {
  const store = await openPglite();
  try {
    await migrate(store);
    // Statistics and visibility maps made here, once, so a new folder's housekeeping
    // (maintenance.ts) finds nothing to do after its first start.
    await store.script('vacuum analyze');
    // Everything flushed to the data files, so opening a copy has no WAL to replay.
    await store.script('checkpoint');
    const dump = await (store as unknown as { pglite: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).pglite.dumpDataDir('gzip');
    // Made whole or not at all: a start never copies half a template.
    const staging = `${path}.new-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    unpackTar(gunzipSync(Buffer.from(await dump.arrayBuffer())), staging);
    rmSync(path, { recursive: true, force: true });
    renameSync(staging, path);
  } finally {
    await store.close();
  }
}
