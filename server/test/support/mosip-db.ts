import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { adminQuery, databaseUrl } from './engine.js';

/**
 * A MOSIP database on the test PostgreSQL, made from MOSIP's own scripts: the `mosip_pms`
 * schema and seed rows, and the key manager's two certificate tables. The scripts sit beside
 * the repository (`../shared/mosip-db`, as in CI); PMS_MOSIP_DB_DIR names another place.
 */
export function mosipScriptsDir(): string {
  const dir = process.env.PMS_MOSIP_DB_DIR ?? resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'mosip-db');
  if (!existsSync(join(dir, 'db_scripts', 'mosip_pms', 'ddl.sql'))) {
    throw new Error(`MOSIP's database scripts are not at ${dir}: set PMS_MOSIP_DB_DIR to the mosip-db folder`);
  }
  return dir;
}

export interface MosipDb {
  pmsUrl: string;
  keymgrUrl: string;
  pms: pg.Client;
  keymgr: pg.Client;
  drop(): Promise<void>;
}

/** Runs the `\ir` files of a psql script in order. */
async function runIncludes(client: pg.Client, scriptDir: string, script: string): Promise<void> {
  for (const line of readFileSync(join(scriptDir, script), 'utf8').split('\n')) {
    const m = /^\\ir\s+(\S+)/.exec(line.trim());
    if (m) await client.query(readFileSync(join(scriptDir, m[1] as string), 'utf8'));
  }
}

/** RFC 4180 as PostgreSQL's COPY … CSV reads it: an unquoted empty field is NULL. */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',' || ch === '\n') {
      row.push(field === '' && !wasQuoted ? null : field.replace(/\r$/, ''));
      field = '';
      wasQuoted = false;
      if (ch === '\n') {
        if (row.length > 1 || row[0] !== null) rows.push(row);
        row = [];
      }
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field === '' && !wasQuoted ? null : field);
    rows.push(row);
  }
  return rows;
}

/** The `\COPY` lines of dml.sql, loaded row by row with PostgreSQL's own input rules. */
async function loadSeed(client: pg.Client, dir: string): Promise<void> {
  const script = readFileSync(join(dir, 'dml.sql'), 'utf8');
  for (const m of script.matchAll(/\\COPY\s+(pms\.\w+)\s*\(([^)]+)\)\s+FROM\s+'\.\/([^']+)'/g)) {
    const [, table, colList, file] = m as unknown as [string, string, string, string];
    const cols = colList.split(',').map((c) => c.trim());
    const rows = parseCsv(readFileSync(join(dir, file), 'utf8')).slice(1);
    const objects = rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] ?? null])));
    await client.query(
      `insert into ${table} (${cols.join(', ')}) select ${cols.join(', ')} from json_populate_recordset(null::${table}, $1::json)`,
      [JSON.stringify(objects)],
    );
  }
}

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/** Two fresh databases (names unique to this run): MOSIP's PMS with its seed, and its key manager tables. */
export async function createMosipDb(): Promise<MosipDb> {
  const dir = mosipScriptsDir();
  const tag = `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const pmsName = `mosip_pms_${tag}`;
  const keymgrName = `mosip_keymgr_${tag}`;
  // MOSIP's database is PostgreSQL whatever engine our store runs on in this run.
  await adminQuery(`create database ${pmsName}`).catch((err: Error) => {
    throw new Error(`MOSIP's database is made on the test PostgreSQL (PMS_TEST_DATABASE_URL), which refused: ${err.message}`);
  });
  await adminQuery(`create database ${keymgrName}`);
  const pmsUrl = databaseUrl(pmsName);
  const keymgrUrl = databaseUrl(keymgrName);
  const pms = await connect(pmsUrl);
  const keymgr = await connect(keymgrUrl);
  const pmsScripts = join(dir, 'db_scripts', 'mosip_pms');
  await pms.query('create schema pms; set search_path to pms, public');
  await runIncludes(pms, pmsScripts, 'ddl.sql');
  await loadSeed(pms, pmsScripts);
  await keymgr.query('create schema keymgr');
  for (const f of ['keymgr-ca_cert_store.sql', 'keymgr-partner_cert_store.sql'])
    await keymgr.query(readFileSync(join(dir, 'keymanager', f), 'utf8'));
  return {
    pmsUrl,
    keymgrUrl,
    pms,
    keymgr,
    async drop() {
      await pms.end().catch(() => undefined);
      await keymgr.end().catch(() => undefined);
      await adminQuery(`drop database if exists ${pmsName} with (force)`).catch(() => undefined);
      await adminQuery(`drop database if exists ${keymgrName} with (force)`).catch(() => undefined);
    },
  };
}

/**
 * `count` approved Auth partners in MOSIP's shape, each with an approved request and an API
 * key in clear (`<prefix>-key-<n>-…`) for `policyId`: the bulk of a national deployment.
 */
export async function addGeneratedPartners(
  pms: pg.Client,
  o: { prefix: string; count: number; groupId: string; policyId: string },
): Promise<void> {
  await pms.query(
    `insert into pms.partner (id, policy_group_id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active,
                              cr_by, cr_dtimes, lang_code)
     select $1::text || '-p-' || g, $3::text, 'Org ' || $1::text || ' ' || g, 'Street ' || g, '9' || lpad(g::text, 9, '0'),
            $1::text || '-' || g || '@example.org', $1::text || '-user-' || g, 'Auth_Partner', 'approved', true, 'admin', now() at time zone 'utc', 'eng'
     from generate_series(1, $2::int) g`,
    [o.prefix, o.count, o.groupId],
  );
  await pms.query(
    `insert into pms.partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, cr_dtimes)
     select $1::text || '-r-' || g, $1::text || '-p-' || g, $3::text, now() at time zone 'utc', 'generated use case', 'approved', 'admin', now() at time zone 'utc'
     from generate_series(1, $2::int) g`,
    [o.prefix, o.count, o.policyId],
  );
  await pms.query(
    `insert into pms.partner_policy (policy_api_key, label, part_id, policy_id, valid_from_datetime, valid_to_datetime, is_active, cr_by, cr_dtimes)
     select $1::text || '-key-' || g || '-' || md5(g::text || $1::text), 'label-' || g, $1::text || '-p-' || g, $3::text, now() at time zone 'utc',
            now() at time zone 'utc' + interval '1 year', true, 'admin', now() at time zone 'utc'
     from generate_series(1, $2::int) g`,
    [o.prefix, o.count, o.policyId],
  );
}

/** The clear key addGeneratedPartners gave partner `n`. */
export async function generatedKey(pms: pg.Client, prefix: string, n: number): Promise<string> {
  const r = await pms.query<{ k: string }>(`select policy_api_key as k from pms.partner_policy where part_id = $1`, [`${prefix}-p-${n}`]);
  return r.rows[0]?.k as string;
}
