import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { migrate } from '../platform/db/migrate.js';
import { openPglite, openPostgres, type Store } from '../platform/db/store.js';
import { startBenchIssuer } from './issuer.js';
import { load, withTimeout, type LoadResult } from './load.js';
import { scenarios } from './scenarios.js';
import { floorJs, pgliteFloorJs, repoRoot, startServer, type StartOptions } from './server-process.js';

interface EngineTarget {
  engine: 'pglite' | 'postgres';
  env: Record<string, string>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

interface StartupFigure {
  engine: string;
  start: string;
  readyMs: number[];
  idleRssMb: number[];
}

/** Starts per start-up row (BENCH_STARTS), and how long after healthy idle memory is read. */
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const IDLE_AFTER_MS = 3000;

const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY?.split(',');
const SEED_TIMEOUT_MS = 15 * 60_000;

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

/** One start-up row: `STARTS` spawns to healthy, each followed by idle memory 3 s later. */
async function measureStarts(
  engine: string,
  label: string,
  prepare: () => Promise<{ env: Record<string, string>; cleanup?(): Promise<void> }>,
  opts: StartOptions = {},
): Promise<StartupFigure> {
  const figure: StartupFigure = { engine, start: label, readyMs: [], idleRssMb: [] };
  for (let i = 0; i < STARTS; i++) {
    const { env, cleanup } = await prepare();
    const server = await startServer(env, opts);
    await new Promise((r) => setTimeout(r, IDLE_AFTER_MS));
    figure.readyMs.push(Math.round(server.readyMs));
    figure.idleRssMb.push(Math.round(server.rssMb()));
    await server.stop();
    await cleanup?.();
  }
  if (process.env.BENCH_VERBOSE) console.log(`    ${engine} ${label}: ${figure.readyMs.join(', ')} ms`);
  return figure;
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'pms-bench-start-'));

/**
 * The start-up table: restart on a migrated store, first start on a new data folder (a new
 * database on PostgreSQL), `npm start` with a current build, each with the default identity
 * provider (the embedded one), beside a bare Fastify server answering health (the floor).
 */
async function startupTable(targets: EngineTarget[]): Promise<StartupFigure[]> {
  const rows: StartupFigure[] = [
    await measureStarts('-', 'floor: bare Fastify answering health', async () => ({ env: {} }), {
      command: { file: process.execPath, args: [floorJs] },
    }),
  ];
  for (const target of targets) {
    const store = await target.open();
    await migrate(store);
    await store.close();
    if (target.engine === 'pglite') {
      rows.push(
        await measureStarts(target.engine, 'floor: bare PGlite open + one query + Fastify', async () => ({ env: target.env }), {
          command: { file: process.execPath, args: [pgliteFloorJs] },
        }),
      );
    }
    rows.push(await measureStarts(target.engine, 'restart (node server/dist/main.js)', async () => ({ env: target.env })));
    if (target.engine === 'pglite') {
      rows.push(
        await measureStarts(target.engine, 'new data folder', async () => {
          const dir = tempDir();
          return { env: { PMS_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
        }),
      );
      rows.push(
        await measureStarts(target.engine, 'npm start, build current', async () => ({ env: target.env }), {
          command: { file: 'npm', args: ['start', '--silent'], cwd: repoRoot },
        }),
      );
    } else {
      let n = 0;
      rows.push(
        await measureStarts(target.engine, 'new database', async () => {
          const name = `pms_bench_new_${process.pid}_${n++}`;
          const u = new URL(adminUrl);
          u.pathname = `/${name}`;
          const dir = tempDir();
          await admin(`create database ${name}`);
          return {
            env: { DATABASE_URL: u.toString(), PMS_DATA_DIR: dir },
            cleanup: async () => {
              await admin(`drop database if exists ${name} with (force)`);
              rmSync(dir, { recursive: true, force: true });
            },
          };
        }),
      );
    }
  }
  return rows;
}

async function benchEngine(target: EngineTarget, issuerUrl: string, tokenFn: (u: string, r: string[]) => Promise<string>) {
  const store = await target.open();
  await migrate(store);
  await store.close();

  const selected = scenarios.filter((s) => !only || only.includes(s.name));
  const seedStore = await reopen(target);
  for (const s of selected) {
    if (!s.seed) continue;
    const t0 = performance.now();
    await withTimeout(s.seed(seedStore), SEED_TIMEOUT_MS, `seeding ${s.name} on ${target.engine}`);
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
  return { loads };
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
        return {
          engine: l.engine,
          endpoint: l.name,
          conns: l.connections,
          'req/s': l.rps,
          'ceiling req/s': c?.rps ?? '-',
          fraction: c ? (l.rps / c.rps).toFixed(2) : '-',
        };
      }),
  );
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]} / ${median(sorted)} / ${sorted[sorted.length - 1]}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function printStartup(rows: StartupFigure[]): void {
  const floor = rows.find((r) => r.start.startsWith('floor'));
  console.log(
    `\nStart-up: spawn to first healthy answer and idle RSS ${IDLE_AFTER_MS / 1000} s later, over ${STARTS} starts (min / median / max)`,
  );
  printTable(
    rows.map((r) => ({
      engine: r.engine,
      start: r.start,
      'ready ms': spread(r.readyMs),
      '× floor': floor ? (median(r.readyMs) / median(floor.readyMs)).toFixed(1) : '-',
      'idle RSS MB': spread(r.idleRssMb),
    })),
  );
}

async function main() {
  const issuer = await startBenchIssuer();
  const targets: EngineTarget[] = [pgliteTarget()];
  if (await postgresReachable()) targets.push(postgresTarget());
  else console.log('PostgreSQL does not answer: benchmarking the embedded store only');
  let startup: StartupFigure[] = [];
  const loads: (LoadResult & { engine: string; scenario: string })[] = [];
  try {
    if (!only || only.includes('startup')) {
      console.log('measuring start-up …');
      startup = await startupTable(targets);
    }
    const areas = scenarios.filter((s) => !only || only.includes(s.name));
    for (const t of areas.length ? targets : []) {
      console.log(`benchmarking ${t.engine} …`);
      const r = await benchEngine(t, issuer.issuer, issuer.token);
      loads.push(...r.loads);
    }
  } finally {
    await issuer.close();
    for (const t of targets) await t.cleanup();
  }
  printStartup(startup);
  console.log('\nThroughput and latency (autocannon, 5 s each)');
  printTable(
    loads.map((l) => ({
      engine: l.engine,
      scenario: l.scenario,
      endpoint: l.name,
      conns: l.connections,
      'req/s': l.rps,
      'p50 ms': l.p50,
      'p99 ms': l.p99,
      errors: l.errors,
      non2xx: l.non2xx,
    })),
  );
  printCeilingFractions(loads);
  const out = resolve(process.env.BENCH_OUT ?? 'bench-results.json');
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, startup, loads }, null, 2));
  console.log(`\nfigures written to ${out}`);
}

// Whatever is left running (a stopped load's sockets, a server that would not stop) must not
// keep the bench from ending: it ends when main does, with a message when main failed.
try {
  await main();
  process.exit(0);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
