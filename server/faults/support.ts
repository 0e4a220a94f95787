import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/bench/server-process.js';
import { adminRows, adminUrl } from '../test/support/engine.js';
import { FROM_SOURCE } from '../test/support/from-source.js';

// The fault suite drives the real server as its own process (so kill -9 is a real crash) on
// loopback, with the test suite's loopback doubles for what cannot run here.

const mainTs = join(import.meta.dirname, '..', 'src', 'main.ts');
export { adminUrl };
export const admin = adminRows;

export async function postgresAnswers(): Promise<boolean> {
  const u = new URL(adminUrl);
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    sock.setTimeout(2000);
    sock.once('connect', () => (sock.destroy(), resolve(true)));
    sock.once('error', () => resolve(false));
    sock.once('timeout', () => (sock.destroy(), resolve(false)));
  });
}

/** An empty database of its own (the server migrates it at start); dropped by `drop`. */
export async function scratchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `pms_fault_${process.pid}_${Date.now().toString(36)}`;
  await admin(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => void (await admin(`drop database if exists ${name} with (force)`).catch(() => undefined)),
  };
}

export function scratchDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pms-fault-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  alive(): boolean;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** kill -9: no shutdown at all. */
  crash(): Promise<void>;
}

export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const url = `http://127.0.0.1:${p}`;
  const child = spawn(process.execPath, [...FROM_SOURCE, mainTs], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(p),
      PMS_PUBLIC_URL: url,
      PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE: '0',
      PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? -1 : null))));
  const deadline = Date.now() + 120_000; // generous: a loaded machine starts slowly
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited at start:\n${output}`);
    try {
      if ((await fetch(`${url}/v1/partnermanager/actuator/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy in time:\n${output}`);
    await sleep(50);
  }
  return {
    url,
    child,
    exited,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const envelope = (request: unknown) => ({
  id: 'mosip.fault',
  version: '1.0',
  requesttime: new Date().toISOString(),
  metadata: {},
  request,
});

export interface Answer {
  status: number;
  body: { response?: unknown; errors?: Array<{ errorCode: string; message: string }> } | undefined;
}

/** A call that never throws: a refused or cut connection is status 0. */
export async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: Answer['body'];
    try {
      parsed = text ? (JSON.parse(text) as Answer['body']) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: undefined };
  }
}

export const authPolicy = () => ({
  authTokenType: 'policy',
  allowedAuthTypes: [{ authType: 'otp', authSubType: '', mandatory: false }],
  allowedKycAttributes: [{ attributeName: 'fullName' }],
  kycLanguages: ['eng'],
});

const PM = '/v1/policymanager/policies';

export async function createGroup(url: string, token: string, name: string): Promise<string> {
  const r = await call(url, 'POST', `${PM}/group/new`, token, envelope({ name, desc: 'fault suite' }));
  if (r.status !== 200 || r.body?.errors?.length) throw new Error(`group: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body!.response as { id: string }).id;
}

/** Draft then publish: two answered writes, the second with a POLICY_UPDATED event. */
export async function createAndPublish(url: string, token: string, group: { id: string; name: string }, name: string) {
  const draft = await call(
    url,
    'POST',
    PM,
    token,
    envelope({ policyGroupName: group.name, policyType: 'Auth', name, desc: 'fault suite', version: '1.0', policies: authPolicy() }),
  );
  const id = draft.status === 200 && !draft.body?.errors?.length ? (draft.body!.response as { id: string }).id : undefined;
  if (!id) return { draft, id };
  const published = await call(url, 'POST', `${PM}/${id}/group/${group.id}/publish`, token);
  return { draft, id, published };
}

/** Percentiles of a list of milliseconds. */
export function percentiles(ms: number[]): { n: number; p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0);
  return {
    n: s.length,
    p50: Math.round(at(0.5) * 10) / 10,
    p99: Math.round(at(0.99) * 10) / 10,
    max: Math.round((s[s.length - 1] ?? 0) * 10) / 10,
  };
}

/** Figures the suite measured, printed in one recognisable line each (the README quotes them). */
export function report(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`[faults] ${name}: ${JSON.stringify(figures)}\n`);
}
