// `npm run bench:import-mosip`: the MOSIP import's rate on this machine, on both engines.
// BENCH_IMPORT_PARTNERS (default 100000) generated partners, each with an approved request and
// an API key in clear, on top of MOSIP's seed; BENCH_IMPORT_ENGINES=postgres,pglite.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSummary, importMosip } from '../migration-import/index.js';
import { migrate } from '../platform/db/migrate.js';
import { openPglite, openPostgres, type Store } from '../platform/db/store.js';
import { DataKey } from '../platform/keys/data-key.js';
import { adminQuery, databaseUrl } from '../../test/support/engine.js';
import { addGeneratedPartners, createMosipDb } from '../../test/support/mosip-db.js';

const partners = Number(process.env.BENCH_IMPORT_PARTNERS ?? 100_000);
const engines = (process.env.BENCH_IMPORT_ENGINES ?? 'postgres,pglite').split(',');

async function target(engine: string): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'pms-import-bench-'));
    const store = await openPglite(join(dir, 'pglite'));
    return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pms_import_bench_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`create database ${name}`);
  const store = await openPostgres(databaseUrl(name));
  return { store, cleanup: async () => adminQuery(`drop database if exists ${name} with (force)`) };
}

const mosip = await createMosipDb();
try {
  const t0 = Date.now();
  await addGeneratedPartners(mosip.pms, {
    prefix: 'bench',
    count: partners,
    groupId: 'mpolicygroup-default-auth',
    policyId: 'mpolicy-default-auth',
  });
  // A running MOSIP database has statistics; a freshly filled one gets them as autovacuum would.
  await mosip.pms.query('analyze');
  console.log(`MOSIP database with ${partners} generated partners, requests and keys made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const engine of engines) {
    const { store, cleanup } = await target(engine);
    try {
      await migrate(store);
      const dataKey = new DataKey(randomBytes(32));
      let last = 0;
      const result = await importMosip({
        store,
        dataKey,
        pmsUrl: mosip.pmsUrl,
        keymgrUrl: mosip.keymgrUrl,
        log: (line) => {
          if (Date.now() - last > 5000 || line.includes('done')) ((last = Date.now()), console.log(`  [${engine}] ${line}`));
        },
      });
      console.log(`\n${engine}:\n${formatSummary(result)}`);
      const perTable = (t: string) => result.counts.find((c) => c.table === t);
      const main = ['partner', 'partner_policy_request', 'partner_policy'].map((t) => perTable(t)?.ms ?? 0).reduce((a, b) => a + b, 0);
      console.log(
        `${engine}: ${partners} partners with their requests and keys in ${(main / 1000).toFixed(1)} s (${Math.round(partners / (main / 1000))} partners/s); whole run ${(result.ms / 1000).toFixed(1)} s`,
      );
      const again = await importMosip({ store, dataKey, pmsUrl: mosip.pmsUrl, keymgrUrl: mosip.keymgrUrl });
      console.log(
        `${engine}: second run (nothing to import) ${(again.ms / 1000).toFixed(1)} s, ${again.counts.reduce((n, c) => n + c.imported, 0)} rows written\n`,
      );
    } finally {
      await store.close();
      await cleanup();
    }
  }
} finally {
  await mosip.drop();
}
