// Runs the whole suite: type check, then every server test on PGlite, then on PostgreSQL when
// a server answers (CI always has one), then the fault suite, then the portal's browser tests, then
// MOSIP's own portal against the server (when its source is there; CI always has it). Ends with
// one closing line over all runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import net from 'node:net';

const adminUrl = new URL(process.env.PMS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  return { ok: r.status === 0, out: r.stdout ?? '' };
};
const reachable = () =>
  new Promise((resolve) => {
    const sock = net.connect({ host: adminUrl.hostname, port: Number(adminUrl.port || 5432) });
    sock.setTimeout(2000);
    sock.once('connect', () => (sock.destroy(), resolve(true)));
    sock.once('error', () => resolve(false));
    sock.once('timeout', () => (sock.destroy(), resolve(false)));
  });
/** passed, failed, skipped — and test files that failed as a whole (their tests show as skipped). */
const counts = (out) => {
  const m = [...out.matchAll(/^(?:pglite|postgres|faults): (\d+) passed, (\d+) failed, (\d+) skipped$/gm)].pop();
  const files = [...out.matchAll(/Test Files\s+(\d+) failed/g)].pop();
  const [passed, failed, skipped] = m ? m.slice(1).map(Number) : [0, 1, 0];
  // A file that fails before its tests run (a missing browser, a broken import) fails no test.
  return [passed, failed, skipped, failed === 0 && files ? Number(files[1]) : 0];
};

const typecheck = run('npm', ['run', 'typecheck', '--silent']);
if (!typecheck.ok) process.exit(1);
const total = [0, 0, 0, 0];
let ok = true;
const engines = ['pglite'];
if (await reachable()) engines.push('postgres');
else console.log(`PostgreSQL at ${adminUrl.host} does not answer: the PostgreSQL run is skipped`);
if (process.env.CI && !engines.includes('postgres')) {
  console.error('CI must run the suite on PostgreSQL too, and none answers');
  ok = false;
}
for (const engine of engines) {
  const r = run('npm', ['run', 'test', '-w', 'server', '--silent', '--', ...process.argv.slice(2)], { PMS_TEST_DB: engine });
  ok &&= r.ok;
  counts(r.out).forEach((n, i) => (total[i] += n));
}
// The fault suite: the server as its own process crashed, cut off from PostgreSQL, its hub and
// eSignet failing, slow and oversized clients (a few minutes; PostgreSQL parts need a server).
if (process.argv.length <= 2) {
  const faults = run('npm', ['run', 'test:faults', '--silent']);
  ok &&= faults.ok;
  counts(faults.out).forEach((n, i) => (total[i] += n));
}
// The portal in a real browser (Debian's chromium) against the real server on the embedded store.
if (process.argv.length <= 2) {
  const portal = run('npm', ['run', 'test:portal', '--silent']);
  ok &&= portal.ok;
  counts(portal.out).forEach((n, i) => (total[i] += n));
  // MOSIP's pmp-revamp-ui, unchanged, in Chromium (installed and built once into a cache).
  const mosipSource = resolve(
    process.env.PMS_MOSIP_PORTAL_SRC ?? join(import.meta.dirname, '..', '..', 'shared', 'mosip-portal', 'pmp-revamp-ui'),
  );
  if (existsSync(join(mosipSource, 'package.json')) || process.env.CI) {
    const mosip = run('npm', ['run', 'test:mosip-portal', '--silent']);
    ok &&= mosip.ok;
    counts(mosip.out).forEach((n, i) => (total[i] += n));
  } else {
    console.log(`MOSIP's portal source is not at ${mosipSource} (PMS_MOSIP_PORTAL_SRC): its contract test is skipped`);
  }
}
const brokenFiles = total[3] > 0 ? `, ${total[3]} test file${total[3] === 1 ? '' : 's'} failed to run` : '';
console.log(`\n${total[0]} passed, ${total[1]} failed, ${total[2]} skipped${brokenFiles}`);
process.exit(ok && total[1] === 0 && total[3] === 0 ? 0 : 1);
