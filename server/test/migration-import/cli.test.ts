import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { openPglite, openPostgres, type Store } from '../../src/platform/db/store.js';
import { DataKey } from '../../src/platform/keys/data-key.js';
import { engine, freshStore } from '../support/engine.js';
import { FROM_SOURCE } from '../support/from-source.js';
import { addGeneratedPartners, createMosipDb, generatedKey, type MosipDb } from '../support/mosip-db.js';

/** `npm run import:mosip` as an operator runs it: the store chosen as the server chooses it. */

// Each call starts a process that opens (on first use, creates) the store: slow on a busy machine.
const CLI_TIMEOUT = 180_000;

const exec = promisify(execFile);
const serverDir = join(import.meta.dirname, '..', '..');
const dataKey = randomBytes(32).toString('base64');

let mosip: MosipDb;
let dir: string;
let target: { env: Record<string, string>; open(): Promise<Store>; drop(): Promise<void> };

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PMS_DATA_KEY: dataKey, LOG_LEVEL: 'silent', DATABASE_URL: '', ...target.env };
  return exec(process.execPath, [...FROM_SOURCE, 'src/cli/import-mosip.ts', ...args], { cwd: serverDir, env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  mosip = await createMosipDb();
  await addGeneratedPartners(mosip.pms, {
    prefix: 'cli',
    count: 5,
    groupId: 'mpolicygroup-default-auth',
    policyId: 'mpolicy-default-auth',
  });
  dir = mkdtempSync(join(tmpdir(), 'pms-import-cli-'));
  if (engine === 'postgres') {
    const fresh = await freshStore();
    await fresh.store.close();
    target = { env: { DATABASE_URL: fresh.url! }, open: () => openPostgres(fresh.url!, 2), drop: fresh.drop };
  } else {
    target = { env: { PMS_DATA_DIR: dir }, open: () => openPglite(join(dir, 'pglite')), drop: async () => undefined };
  }
}, 120_000);

afterAll(async () => {
  await mosip?.drop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the import:mosip command', () => {
  it(
    'refuses a call without --pms (exit 2, usage)',
    async () => {
      const r = await cli([]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--pms is required');
      expect(r.stderr).toContain('usage: npm run import:mosip');
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses a database without MOSIP tables, writing nothing (exit 1)',
    async () => {
      const r = await cli(['--pms', mosip.keymgrUrl]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('no MOSIP PMS tables in schema "pms" of the --pms database');
    },
    CLI_TIMEOUT,
  );

  it(
    'imports into the configured store, prints the per-table summary and writes the report of refused rows',
    async () => {
      const report = join(dir, 'refused.jsonl');
      const r = await cli(['--pms', mosip.pmsUrl, '--keymgr', mosip.keymgrUrl, '--report', report]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^partner +14 +14 +0 +0 +0 /m);
      expect(r.stdout).toMatch(/imported \d+ of \d+ rows in [\d.]+ s \(\d+ rows read\/s\); 9 refused/);
      expect(r.stderr).toContain(`importing into ${engine}`);
      const lines = readFileSync(report, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(9);
      expect(lines).toContainEqual({ table: 'auth_policy', id: 'mpolicy-default-mobile', reason: 'policy_file_id is not JSON' });
      const again = await cli(['--pms', mosip.pmsUrl]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/imported 0 of/);
      const store = await target.open();
      try {
        const key = await generatedKey(mosip.pms, 'cli', 3);
        const row = await store.one<{ part_id: string }>(
          sql`select part_id from partner_policy where key_hmac = ${new DataKey(Buffer.from(dataKey, 'base64')).hmac(key)}`,
        );
        expect(row).toEqual({ part_id: 'cli-p-3' });
      } finally {
        await store.close();
      }
    },
    CLI_TIMEOUT,
  );
});
