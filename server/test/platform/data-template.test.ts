import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNewDataFolder, makeDataTemplate, seedFromTemplate } from '../../src/platform/db/data-template.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { sql } from '../../src/platform/db/sql.js';
import { openPglite, type Store } from '../../src/platform/db/store.js';

// Engine-independent: the template is how the embedded store starts a new data folder, so this
// file runs on PGlite whichever engine the suite is for.
const work = mkdtempSync(join(tmpdir(), 'pms-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * What a database's schema and seeded content are, in a form two databases can be compared by:
 * every column, index, constraint, trigger, function, sequence, extension and setting a
 * migration can make, and every table's rows (as sorted text).
 */
async function catalogue(store: Store): Promise<Record<string, unknown>> {
  const q = (text: string) => store.query(sql.raw(text));
  const ns = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`;
  const tables = (await q(
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and ${ns} order by 1`,
  )) as { relname: string }[];
  const rows: Record<string, unknown> = {};
  for (const { relname } of tables) {
    rows[relname] = (await q(`select t::text as r from "${relname}" t`))
      .map((r) => (r as { r: string }).r.replace(/\d{4}-\d\d-\d\d[ T][\d:.+]+/g, '<time>'))
      .sort();
  }
  return {
    columns: await q(
      `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = 'public' order by 1, 2`,
    ),
    indexes: await q(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
    constraints: await q(
      `select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${ns} order by 1, 2`,
    ),
    triggers: await q(
      `select tgrelid::regclass::text as tbl, tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal order by 1, 2`,
    ),
    functions: await q(
      `select p.proname, pg_get_function_identity_arguments(p.oid) as args, md5(p.prosrc) as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${ns} order by 1, 2`,
    ),
    sequences: await q(`select sequencename, last_value from pg_sequences order by 1`),
    extensions: await q(`select extname, extversion from pg_extension order by 1`),
    views: await q(`select viewname, definition from pg_views where schemaname = 'public' order by 1`),
    settings: await q(
      `select name, setting from pg_settings where source not in ('default', 'override', 'session', 'client') and name <> 'data_directory' order by 1`,
    ),
    rows,
  };
}

describe('embedded store: new data folder from the build-time template', () => {
  it('gives the same schema, seeded rows and settings as a fresh initdb plus migrations', async () => {
    const templatePath = join(work, 'template');
    await makeDataTemplate(templatePath);

    const freshDir = join(work, 'fresh');
    const fresh = await openPglite(freshDir);
    const applied = await migrate(fresh);
    expect(applied.length).toBeGreaterThan(10);

    // As a start does it: the template unpacked onto disk, then opened like any existing folder.
    const copyDir = join(work, 'copy');
    mkdirSync(copyDir); // an empty folder (an earlier start that stopped before seeding) is seeded too
    expect(isNewDataFolder(copyDir)).toBe(true);
    expect(seedFromTemplate(copyDir, templatePath)).toBe(true);
    expect(readdirSync(work).filter((n) => n.startsWith('copy.new-'))).toEqual([]);
    const copy = await openPglite(copyDir);
    // Everything was in the template: nothing left to apply.
    expect(await migrate(copy)).toEqual([]);
    expect(isNewDataFolder(copyDir)).toBe(false);

    const [a, b] = [await catalogue(fresh), await catalogue(copy)];
    expect((a.rows as Record<string, unknown[]>).schema_migration).toHaveLength(applied.length);
    expect(b).toEqual(a);

    // The copy is a working, durable database of its own: a write survives a reopen.
    await copy.script(`insert into schema_migration (version) values ('9999_probe')`);
    await copy.close();
    await fresh.close();
    // An existing folder is never seeded again.
    expect(seedFromTemplate(copyDir, templatePath)).toBe(false);
    const reopened = await openPglite(copyDir);
    expect(await reopened.query(sql`select version from schema_migration where version = '9999_probe'`)).toHaveLength(1);
    await reopened.close();
    expect(existsSync(join(copyDir, 'PG_VERSION'))).toBe(true);
  }, 600_000); // two initdb runs of the embedded store: slow on a loaded machine
});
