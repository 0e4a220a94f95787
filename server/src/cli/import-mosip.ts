// `npm run import:mosip`: copies a MOSIP deployment's PMS (and key manager) data into our store.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSummary, importMosip, type ImportResult } from '../migration-import/index.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { migrate } from '../platform/db/migrate.js';
import { openStore } from '../platform/db/open.js';
import { loadDataKey } from '../platform/keys/data-key.js';

const USAGE = `usage: npm run import:mosip -- --pms <postgres url of mosip_pms> [--keymgr <postgres url of mosip_keymgr>]
                                [--dry-run] [--emit-events] [--report <file>] [--batch-size N]
                                [--pms-schema pms] [--keymgr-schema keymgr]

Copies partners, policies, requests, API keys, licenses, devices, OIDC clients and consents from
MOSIP's PMS database (and with --keymgr the trust store and partner certificates) into this
service's store: PostgreSQL when DATABASE_URL is set, else the embedded store in PMS_DATA_DIR.
Run it with the same PMS_DATA_KEY / PMS_DATA_DIR as the server: API and license keys are sealed
with that data key; with the embedded store, stop the server first. Safe to run again: rows
already imported are left as they are.

  --dry-run      check and count everything, write nothing
  --emit-events  queue the events IDA rebuilds its cache from (policies, API keys, licenses)
  --report FILE  write every refused row (table, id, reason) to FILE as JSON lines`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function postgresUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) fail(`${name} must be a postgres:// URL`);
  return value;
}

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        pms: { type: 'string' },
        keymgr: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'emit-events': { type: 'boolean' },
        report: { type: 'string' },
        'batch-size': { type: 'string' },
        'pms-schema': { type: 'string' },
        'keymgr-schema': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const pmsUrl = postgresUrl('--pms', values.pms as string | undefined) ?? fail('--pms is required');
  const batch = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 50_000))
    fail('--batch-size must be a whole number from 1 to 50000');
  const config = loadConfig();
  const store = await openStore(config);
  try {
    await migrate(store);
    const { key } = loadDataKey(config.dataKey, config.dataDir);
    console.error(`importing into ${store.engine}${values['dry-run'] ? ' (dry run: nothing is written)' : ''}`);
    const result: ImportResult = await importMosip({
      store,
      dataKey: key,
      pmsUrl,
      keymgrUrl: postgresUrl('--keymgr', values.keymgr as string | undefined),
      pmsSchema: values['pms-schema'] as string | undefined,
      keymgrSchema: values['keymgr-schema'] as string | undefined,
      dryRun: values['dry-run'] === true,
      emitEvents: values['emit-events'] === true,
      batchSize: batch,
      log: (line) => console.error(line),
    });
    console.log(formatSummary(result));
    for (const r of result.rejections.slice(0, 50)) console.error(`refused ${r.table} ${r.id}: ${r.reason}`);
    if (result.rejections.length > 50) console.error(`… and ${result.rejections.length - 50} more (--report FILE lists them all)`);
    if (typeof values.report === 'string') {
      writeFileSync(values.report, result.rejections.map((r) => JSON.stringify(r)).join('\n') + (result.rejections.length ? '\n' : ''));
    }
    return result.failed ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : (err as Error).message);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
