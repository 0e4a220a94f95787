import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/bench/server-process.js';
import { engine, freshStore } from '../support/engine.js';
import { FROM_SOURCE } from '../support/from-source.js';

const mainTs = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [...FROM_SOURCE, mainTs], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => output };
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/v1/partnermanager/actuator/health`)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server never became healthy');
}

describe('the server process', () => {
  it('refuses to start on a wrong setting and names the variable', async () => {
    for (const [name, value] of [
      ['PORT', 'ninety'],
      ['PMS_WEBSUB_HUB_URL', 'not a url'],
      ['DATABASE_URL', 'mysql://x'],
    ]) {
      const run = runMain({ [name]: value, PMS_DATA_DIR: join(tmpdir(), 'never-created') });
      expect(await run.exited).toBe(2);
      expect(run.output()).toContain(name);
    }
  });

  it('starts on the engine under test, serves, and on SIGTERM finishes in-flight requests then exits cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pms-proc-'));
    dirs.push(dir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = { PORT: String(port), PMS_DATA_DIR: dir, PMS_PUBLIC_URL: url };
    const db = engine === 'postgres' ? await freshStore() : undefined;
    if (db?.url) env.DATABASE_URL = db.url;
    const run = runMain(env);
    await waitHealthy(url);
    const health = (await (await fetch(`${url}/v1/policymanager/actuator/health`)).json()) as {
      components: { db: { details: { database: string } } };
    };
    expect(health.components.db.details.database).toBe(engine);

    const inFlight = Array.from({ length: 20 }, () =>
      fetch(`${url}/v1/partnermanager/idp/.well-known/openid-configuration`).then((r) => r.status),
    );
    await new Promise((r) => setTimeout(r, 5));
    run.child.kill('SIGTERM');
    const statuses = await Promise.allSettled(inFlight);
    expect(await run.exited).toBe(0);
    // Requests accepted before the signal complete; none is cut off half-way with a 5xx.
    for (const s of statuses) if (s.status === 'fulfilled') expect([200, 503]).toContain(s.value);
    expect(statuses.some((s) => s.status === 'fulfilled' && s.value === 200)).toBe(true);
    await expect(fetch(`${url}/v1/partnermanager/actuator/health`)).rejects.toThrow();
    await db?.drop();
  });
});
