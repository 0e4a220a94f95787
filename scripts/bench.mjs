// `npm run bench`: runs the bench (server/dist/bench/run.js) under a watchdog in another process.
// The bench times out each load itself, but once it hung with its main thread blocked and no CPU,
// where no timer of its own can fire. The watchdog stops it when it prints nothing for
// BENCH_STALL_SECONDS (default 600) or runs past BENCH_DEADLINE_SECONDS (default 3600): it first
// asks Node for a diagnostic report (stacks of the blocked thread, in BENCH_REPORT_DIR, default
// the system's temp folder), then ends the bench and the servers it started, and says so.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
mkdirSync(reportDir, { recursive: true });

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

const read = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '?';
  }
};

/**
 * Every thread of the bench and of the servers it started, as the kernel sees it: state, where it
 * waits (wchan), the system call it is in, CPU ticks used. Node's own report needs the main
 * thread to run JavaScript, which a thread blocked on a lock never does; /proc always answers.
 */
function threadDump(pids) {
  const lines = [];
  for (const pid of pids) {
    lines.push(`process ${pid}: ${read(`/proc/${pid}/cmdline`).replaceAll('\0', ' ')}`);
    let tasks;
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`).split(') ')[1]?.split(' ') ?? [];
      const [state, utime, stime] = [stat[0], stat[11], stat[12]];
      const where = `wchan=${read(`/proc/${pid}/task/${tid}/wchan`)} syscall=${read(`/proc/${pid}/task/${tid}/syscall`).split(' ')[0]}`;
      lines.push(`  ${tid} ${read(`/proc/${pid}/task/${tid}/comm`)} state=${state} cpu=${utime}+${stime} ${where}`);
    }
  }
  return lines.join('\n');
}

function writeThreadDumps(pids) {
  const file = join(reportDir, `bench-threads-${process.pid}.txt`);
  const first = threadDump(pids);
  // A second look two seconds later tells a spinning thread from a waiting one.
  setTimeout(() => writeFileSync(file, `${first}\n\n--- 2 s later ---\n${threadDump(pids)}\n`), 2000);
  return file;
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
  const dump = writeThreadDumps([child.pid, ...descendants(child.pid)]);
  console.error(
    `\nbench: stopped, it ${why}; where its threads stood: ${dump}; Node's report (if its main thread could write one) in ${reportDir}`,
  );
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
