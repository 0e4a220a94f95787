// `npm run bench`: runs the bench (server/dist/bench/run.js) under a watchdog in another process.
// The bench times out each load itself, but once it hung with its main thread blocked and no CPU,
// where no timer of its own can fire. The watchdog stops it when it prints nothing for
// BENCH_STALL_SECONDS (default 600) or runs past BENCH_DEADLINE_SECONDS (default 3600): it first
// asks Node for a diagnostic report (stacks of the blocked thread, in BENCH_REPORT_DIR, default
// the system's temp folder), then ends the bench and the servers it started, and says so.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const stallMs = seconds('BENCH_STALL_SECONDS', 600) * 1000;
const deadlineMs = seconds('BENCH_DEADLINE_SECONDS', 3600) * 1000;
const reportDir = process.env.BENCH_REPORT_DIR ?? tmpdir();

// Its own process group, so that ending it ends the servers it spawned too.
const child = spawn(
  process.execPath,
  ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`, join(root, 'server/dist/bench/run.js')],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let lastOutput = Date.now();
const started = Date.now();
for (const [from, to] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  from.on('data', (chunk) => {
    lastOutput = Date.now();
    to.write(chunk);
  });
}

/** Every process below `pid` (the servers the bench starts lead process groups of their own). */
function descendants(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return [];
  }
  const children = text.trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

const kill = (target, signal) => {
  try {
    process.kill(target, signal);
  } catch {
    // already gone
  }
};

let stopping = false;
const watchdog = setInterval(() => {
  const stalled = Date.now() - lastOutput > stallMs;
  const late = Date.now() - started > deadlineMs;
  if (stopping || (!stalled && !late)) return;
  stopping = true;
  const why = stalled ? `printed nothing for ${stallMs / 1000} s` : `ran past ${deadlineMs / 1000} s`;
  console.error(`\nbench: stopped, it ${why}; a diagnostic report of where it stood is in ${reportDir} (report.*.json)`);
  kill(child.pid, 'SIGUSR2');
  setTimeout(() => {
    const below = descendants(child.pid);
    kill(-child.pid, 'SIGKILL');
    for (const pid of below) {
      kill(-pid, 'SIGKILL');
      kill(pid, 'SIGKILL');
    }
  }, 10_000);
}, 1000);

child.on('exit', (code, signal) => {
  clearInterval(watchdog);
  process.exit(stopping ? 124 : (code ?? (signal ? 1 : 0)));
});
