import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { migrate } from '../platform/db/migrate.js';
import { openPglite, openPostgres, type Store } from '../platform/db/store.js';
import { startBenchIssuer } from './issuer.js';
import { load, type LoadResult } from './load.js';
import { scenarios } from './scenarios.js';
import { startServer } from './server-process.js';

interface EngineTarget {
  engine: 'pglite' | 'postgres';
  env: Record<string, string>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

interface StartupFigure {
  engine: string;
  start: string;
  readyMs: number;
  idleRssMb: number;
}

const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY?.split(',');

async function postgresReachable(): Promise<boolean> {
  const u = new URL(adminUrl);
  return new Promise((res) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    s.setTimeout(2000);
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
    s.once('timeout', () => (s.destroy(), res(false)));
  });
}

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function pgliteTarget(): EngineTarget {
  const dir = mkdtempSync(join(tmpdir(), 'pms-bench-'));
  return {
    engine: 'pglite',
    env: { PMS_DATA_DIR: dir },
    open: () => openPglite(join(dir, 'pglite')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): EngineTarget {
  const name = `pms_bench_${process.pid}`;
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'pms-bench-pg-'));
  return {
    engine: 'postgres',
    env: { DATABASE_URL: u.toString(), PMS_DATA_DIR: dir },
    open: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      await admin(`create database ${name}`);
      return openPostgres(u.toString(), 4);
    },
    cleanup: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the already-created store again (the PostgreSQL target creates its database on open). */
async function reopen(target: EngineTarget): Promise<Store> {
  if (target.engine === 'pglite') return openPglite(join(target.env.PMS_DATA_DIR!, 'pglite'));
  return openPostgres(target.env.DATABASE_URL!, 4);
}

async function measureStartup(target: EngineTarget, issuer: string, label: string): Promise<StartupFigure> {
  const server = await startServer({ ...target.env, PMS_AUTH_ISSUER: issuer });
  await new Promise((r) => setTimeout(r, 2000));
  const figure = { engine: target.engine, start: label, readyMs: Math.round(server.readyMs), idleRssMb: Math.round(server.rssMb()) };
  await server.stop();
  return figure;
}

async function benchEngine(target: EngineTarget, issuerUrl: string, tokenFn: (u: string, r: string[]) => Promise<string>) {
  const startup: StartupFigure[] = [];
  const store = await target.open();
  await migrate(store);
  await store.close();
  // First start on a migrated store, then a restart: the restart is what operators see daily.
  startup.push(await measureStartup(target, issuerUrl, 'first'));
  startup.push(await measureStartup(target, issuerUrl, 'restart'));

  const selected = scenarios.filter((s) => !only || only.includes(s.name));
  const seedStore = await reopen(target);
  for (const s of selected) {
    if (!s.seed) continue;
    const t0 = performance.now();
    await s.seed(seedStore);
    console.log(`  seeded ${s.name} on ${target.engine} in ${Math.round(performance.now() - t0)} ms`);
  }
  // As autovacuum would (and the server does for the embedded store): dead rows reclaimed,
  // pages marked all-visible and plans from real statistics, so the loads meet a store in its
  // steady state rather than the server's first vacuum of freshly seeded tables.
  await seedStore.script('vacuum analyze');
  await seedStore.close();

  const prepared = await Promise.all(selected.map((s) => s.prepare?.()));
  const extraEnv = Object.assign({}, ...prepared.map((p) => p?.env ?? {})) as Record<string, string>;
  const server = await startServer({ ...target.env, ...extraEnv, PMS_AUTH_ISSUER: issuerUrl });
  const loads: (LoadResult & { engine: string; scenario: string })[] = [];
  try {
    const health = await load({ name: 'GET health (reference)', url: `${server.url}/v1/partnermanager/actuator/health`, connections: 10 });
    loads.push({ ...health, engine: target.engine, scenario: 'platform' });
    for (const s of selected) {
      console.log(`  running ${s.name} on ${target.engine} …`);
      for (const r of await s.run({ url: server.url, token: tokenFn })) loads.push({ ...r, engine: target.engine, scenario: s.name });
    }
  } finally {
    await server.stop();
    await Promise.all(prepared.map((p) => p?.close()));
  }
  return { startup, loads };
}

function printTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i]!)).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

/** Each endpoint's throughput as a fraction of the bare insert route at the same concurrency. */
function printCeilingFractions(loads: (LoadResult & { engine: string; scenario: string })[]): void {
  const ceilings = loads.filter((l) => l.name.startsWith('ceiling'));
  if (ceilings.length === 0) return;
  console.log('\nThroughput as a fraction of the ceiling (bare route inserting one row into the same store)');
  printTable(
    loads
      .filter((l) => l.scenario === 'oidc' && !l.name.startsWith('ceiling'))
      .map((l) => {
        const c = ceilings.find((x) => x.engine === l.engine && x.connections === l.connections);
        return { engine: l.engine, endpoint: l.name, conns: l.connections, 'req/s': l.rps, 'ceiling req/s': c?.rps ?? '-', fraction: c ? (l.rps / c.rps).toFixed(2) : '-' };
      }),
  );
}

async function main() {
  const issuer = await startBenchIssuer();
  const targets: EngineTarget[] = [pgliteTarget()];
  if (await postgresReachable()) targets.push(postgresTarget());
  else console.log('PostgreSQL does not answer: benchmarking the embedded store only');
  const startup: StartupFigure[] = [];
  const loads: (LoadResult & { engine: string; scenario: string })[] = [];
  try {
    for (const t of targets) {
      console.log(`benchmarking ${t.engine} …`);
      try {
        const r = await benchEngine(t, issuer.issuer, issuer.token);
        startup.push(...r.startup);
        loads.push(...r.loads);
      } finally {
        await t.cleanup();
      }
    }
  } finally {
    await issuer.close();
  }
  console.log('\nStart-up (spawn to first healthy answer) and idle memory');
  printTable(startup.map((s) => ({ engine: s.engine, start: s.start, 'ready ms': s.readyMs, 'idle RSS MB': s.idleRssMb })));
  console.log('\nThroughput and latency (autocannon, 5 s each)');
  printTable(loads.map((l) => ({ engine: l.engine, scenario: l.scenario, endpoint: l.name, conns: l.connections, 'req/s': l.rps, 'p50 ms': l.p50, 'p99 ms': l.p99, errors: l.errors, non2xx: l.non2xx })));
  printCeilingFractions(loads);
  const out = resolve(process.env.BENCH_OUT ?? 'bench-results.json');
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, startup, loads }, null, 2));
  console.log(`\nfigures written to ${out}`);
}

await main();
