import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalHostModule } from '../../src/portal-host/index.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';

/** The portal's production build as the server serves it: a stand-in build in a temp folder. */
describe('portal host', () => {
  const base = mkdtempSync(join(tmpdir(), 'pmp-build-'));
  const built = join(base, 'dist');
  const missing = join(tmpdir(), `pmp-none-${Date.now()}`);
  let withBuild: EmbeddedTestServer;
  let withoutBuild: EmbeddedTestServer;

  beforeAll(async () => {
    mkdirSync(join(built, 'assets'), { recursive: true });
    // Beside the build, where a path like /pmp/../secret.txt would reach.
    writeFileSync(join(base, 'secret.txt'), 'TOP-SECRET');
    writeFileSync(join(built, 'index.html'), '<!doctype html><title>PMP</title><div id="root"></div>');
    writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    withBuild = await startEmbeddedServer({ modules: [portalHostModule({ dir: built })] });
    withoutBuild = await startEmbeddedServer({ modules: [portalHostModule({ dir: missing })] });
  });
  afterAll(async () => {
    await withBuild?.close();
    await withoutBuild?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('serves index.html at /pmp/ and for every app route, never cached, with a CSP', async () => {
    for (const path of ['/pmp', '/pmp/', '/pmp/policies/auth', '/pmp/admin/partners/p1?x=1']) {
      const res = await fetch(`${withBuild.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year and other files briefly, with their types', async () => {
    const js = await fetch(`${withBuild.url}/pmp/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const svg = await fetch(`${withBuild.url}/pmp/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('answers 404 for a missing file and never leaves the build folder', async () => {
    expect((await fetch(`${withBuild.url}/pmp/assets/gone.js`)).status).toBe(404);
    for (const path of ['/pmp/..%2fsecret.txt', '/pmp/%2e%2e/secret.txt', '/pmp/assets/..%2f..%2fsecret.txt', '/pmp/%2e%2e%5csecret.txt']) {
      const res = await fetch(`${withBuild.url}${path}`);
      expect(await res.text(), path).not.toContain('TOP-SECRET');
    }
  });

  it('sends / to the portal', async () => {
    const res = await fetch(`${withBuild.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/pmp/');
  });

  it('without a build, answers a clear 503 page and the API keeps working', async () => {
    const res = await fetch(`${withoutBuild.url}/pmp/policies/auth`);
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('npm run build');
    const health = await fetch(`${withoutBuild.url}/v1/partnermanager/actuator/health`);
    expect(health.status).toBe(200);
  });
});
