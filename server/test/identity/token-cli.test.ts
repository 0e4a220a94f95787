import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import type { Store } from '../../src/platform/db/store.js';
import type { Module } from '../../src/platform/http/app.js';
import { v1 } from '../../src/platform/http/envelope.js';
import { loadDataKey } from '../../src/platform/keys/data-key.js';
import { mintToken } from '../../src/identity/mint.js';
import { sql } from '../../src/platform/db/sql.js';
import { Browser, envelopeOf, formOf } from '../support/browser.js';
import { freshStore } from '../support/engine.js';
import { FROM_SOURCE } from '../support/from-source.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';

const run = promisify(execFile);
const serverDir = join(import.meta.dirname, '..', '..');

const probe: Module = (app) => {
  app.get('/v1/policymanager/probe/policies', { config: { pms: { access: 'getpolicies' } } }, async (req) =>
    v1({ user: req.principal!.userId, email: req.principal!.email }),
  );
};

let dataDir: string;
let store: Store;
let dropStore: () => Promise<void>;
let s: EmbeddedTestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pms-token-'));
  ({ store, drop: dropStore } = await freshStore());
  s = await startEmbeddedServer({ dataDir, store, modules: [probe] });
});
afterAll(async () => {
  await s?.close();
  await dropStore();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ PMS_DATA_DIR: dataDir, PMS_PUBLIC_URL: s.url });
const call = (token: string) => fetch(`${s.url}/v1/policymanager/probe/policies`, { headers: { authorization: `Bearer ${token}` } });

describe('token CLI', () => {
  it('mints a token the running server accepts, with the given roles', async () => {
    const config = loadConfig(env());
    const token = await mintToken(config, loadDataKey(undefined, dataDir).key, {
      user: 'policy-bot',
      roles: ['POLICYMANAGER'],
      email: 'bot@example.org',
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: s.identity.embedded!.keys.keys[0]!.kid });
    expect(decodeJwt(token)).toMatchObject({
      iss: s.identity.issuer,
      preferred_username: 'policy-bot',
      realm_access: { roles: ['POLICYMANAGER'] },
    });
    const res = await call(token);
    expect(res.status).toBe(200);
    expect((await envelopeOf(res)).response).toEqual({ user: 'policy-bot', email: 'bot@example.org' });

    const wrongRole = await call(await mintToken(config, loadDataKey(undefined, dataDir).key, { user: 'p1', roles: ['AUTH_PARTNER'] }));
    expect(wrongRole.status).toBe(403);
  });

  it('runs as a command and prints only the token', async () => {
    const { stdout } = await run(
      process.execPath,
      [...FROM_SOURCE, 'src/cli/token.ts', '--user', 'cli-user', '--roles', 'PARTNER_ADMIN, POLICYMANAGER'],
      {
        cwd: serverDir,
        env: { ...process.env, ...env() },
      },
    );
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    expect(decodeJwt(token).realm_access).toEqual({ roles: ['PARTNER_ADMIN', 'POLICYMANAGER'] });
    expect((await call(token)).status).toBe(200);
  });

  it('refuses missing arguments with usage and exit code 2', async () => {
    const err = await run(process.execPath, [...FROM_SOURCE, 'src/cli/token.ts', '--user', 'x'], {
      cwd: serverDir,
      env: { ...process.env, ...env() },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('--roles needs at least one role');
  });

  it('keeps keys, tokens and sign-in sessions across a restart on the same data folder and store', async () => {
    const token = await mintToken(loadConfig(env()), loadDataKey(undefined, dataDir).key, { user: 'u', roles: ['PARTNER_ADMIN'] });
    const kid = s.identity.embedded!.keys.keys[0]!.kid;
    const browser = new Browser();
    const target = '/v1/partnermanager/actuator/health';
    const page = await browser.go(`${s.url}/v1/partnermanager/login/${Buffer.from(target).toString('base64')}`);
    const form = formOf(page.text, page.url);
    const first = await browser.go(form.action, { form: { ...form.fields, username: 'mispartner1', password: 'Welcome@123' } });
    expect(first.url).toBe(`${s.url}${target}`);
    const sessions = await store.query(sql`select id from idp_state where model = 'Session'`);
    expect(sessions.length).toBeGreaterThan(0);

    await s.close();
    // The old server closed this client's pooled keep-alive sockets on its way out. The restart
    // is now quicker than the client's reading of those closes, and a request written on such a
    // socket fails with "other side closed": give the client's event loop time to see them.
    await new Promise((r) => setTimeout(r, 50));
    s = await startEmbeddedServer({ dataDir, store, modules: [probe], port: Number(new URL(env().PMS_PUBLIC_URL).port) });
    expect(s.identity.embedded!.keys.keys[0]!.kid).toBe(kid);
    expect((await call(token)).status).toBe(200);
    // The provider remembers the browser's sign-in: no login page this time.
    const again = await browser.go(`${s.url}/v1/partnermanager/login/${Buffer.from(target).toString('base64')}`);
    expect(again.url).toBe(`${s.url}${target}`);
    expect(again.hops.some((h) => h.url.includes('/interaction/'))).toBe(false);
  });

  it('will not mint when an external issuer is configured', async () => {
    const config = loadConfig({ ...env(), PMS_AUTH_ISSUER: 'https://keycloak.example.org/auth/realms/mosip' });
    await expect(mintToken(config, loadDataKey(undefined, dataDir).key, { user: 'u', roles: ['X'] })).rejects.toThrow(
      /PMS_AUTH_ISSUER is set/,
    );
  });
});
