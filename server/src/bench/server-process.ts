import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './load.js';

// The bench runs compiled, from server/dist/bench/, and drives the built server as an operator would run it.
const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
export const mainJs = join(dist, 'main.js');
export const floorJs = join(dist, 'bench', 'floor.js');
export const pgliteFloorJs = join(dist, 'bench', 'pglite-floor.js');
/** The repository's root, where `npm start` runs. */
export const repoRoot = join(dist, '..', '..');

export interface RunningServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first healthy answer. */
  readyMs: number;
  /** Resident memory of the server process (for `npm start`, the Node process serving, not npm). */
  rssMb(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/v1/partnermanager/actuator/health`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`bench: server at ${url} did not become healthy within ${timeoutMs / 1000} s`);
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The process that serves: `npm start` runs a shell that runs Node; the deepest descendant is it. */
function servingPid(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children.length ? servingPid(children[children.length - 1]!) : pid;
  } catch {
    return pid;
  }
}

export interface StartOptions {
  /** What to run: the built server (default), the floor, or a command such as `npm start`. */
  command?: { file: string; args: string[]; cwd?: string };
}

/** Starts a server as its own process (group), times spawn to healthy, and stops it. */
export async function startServer(env: Record<string, string>, opts: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const command = opts.command ?? { file: process.execPath, args: [...nodeArgs, mainJs] };
  const started = performance.now();
  const child = spawn(command.file, command.args, {
    cwd: command.cwd,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      PMS_PUBLIC_URL: url,
      PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE: '0',
      PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true, // its own process group, so `npm start`'s children stop with it
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      process.kill(-child.pid!, 'SIGTERM');
    });
  try {
    await waitHealthy(url, child, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    readyMs,
    rssMb: () => rssKb(servingPid(child.pid!)) / 1024,
    stop: () => withTimeout(stop(), 30_000, `stopping the server at ${url}`),
  };
}
