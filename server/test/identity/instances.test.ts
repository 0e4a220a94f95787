import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFilePath } from '../../src/identity/keys.js';
import { mintToken } from '../../src/identity/mint.js';
import { sql } from '../../src/platform/db/sql.js';
import { Browser, formOf } from '../support/browser.js';
import { engine, freshStore } from '../support/engine.js';
import { freePort, startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';

// Several instances on one PostgreSQL with the embedded identity provider: no file is copied by
// hand, and a setup that cannot work is refused at start with a message saying what to set.
const running: EmbeddedTestServer[] = [];
afterAll(async () => {
  for (const s of running.reverse()) await s.close().catch(() => undefined);
});

describe.runIf(engine === 'postgres')('instances of the embedded identity provider sharing one PostgreSQL', () => {
  it('share the signing keys through the database: a token one issues, another accepts', async () => {
    const { store, drop } = await freshStore();
    const dataKey = randomBytes(32).toString('base64');
    const publicUrl = `http://127.0.0.1:${await freePort()}`;
    const env = { PMS_DATA_KEY: dataKey, PMS_PUBLIC_URL: publicUrl };
    const a = await startEmbeddedServer({ store, env });
    running.push(a);
    const b = await startEmbeddedServer({ store, env });
    running.push(b);
    expect(b.dataDir).not.toBe(a.dataDir);
    expect(b.identity.embedded!.keys.keys[0]!.kid).toBe(a.identity.embedded!.keys.keys[0]!.kid);
    // Each host's key file is written from the database, for the token CLI there.
    expect(existsSync(keyFilePath(b.dataDir))).toBe(true);
    const token = await mintToken(a.config, a.dataKey, { user: 'partneradmin', roles: ['PARTNER_ADMIN'] });
    for (const s of [a, b]) {
      const port = new URL(s.app.listeningOrigin).port;
      const r = await fetch(`http://127.0.0.1:${port}/v1/partnermanager/authorize/admin/validateToken`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { response: { userId: string } }).response.userId).toBe('partneradmin');
    }
    expect(await store.query(sql`select count(*)::int as n from idp_signing_key`)).toEqual([{ n: 1 }]);

    // Another public URL while these run: refused, naming the variable and the issuer in use.
    await expect(startEmbeddedServer({ store, env: { PMS_DATA_KEY: dataKey, PMS_PUBLIC_URL: 'http://127.0.0.1:1' } })).rejects.toThrow(
      `PMS_PUBLIC_URL must be the same on every instance sharing this database with the embedded identity provider: a running instance serves the issuer ${publicUrl}/v1/partnermanager/idp`,
    );
    // Another data key cannot open the shared keys: refused, naming the variable.
    await expect(
      startEmbeddedServer({ store, env: { PMS_DATA_KEY: randomBytes(32).toString('base64'), PMS_PUBLIC_URL: publicUrl } }),
    ).rejects.toThrow(/PMS_DATA_KEY/);

    // Once every instance has stopped, the public URL may change.
    await a.close({ keepData: true });
    await b.close({ keepData: true });
    running.length = 0;
    const c = await startEmbeddedServer({ store, env: { PMS_DATA_KEY: dataKey } });
    running.push(c);
    expect(c.identity.embedded!.keys.keys[0]!.kid).toBe(a.identity.embedded!.keys.keys[0]!.kid);
    await c.close();
    running.length = 0;
    await drop();
  });
  it('serve one sign-in across instances: every step may land on either, behind a load balancer that alternates', async () => {
    const { store, drop } = await freshStore();
    const env = { PMS_DATA_KEY: randomBytes(32).toString('base64') };
    const balancer = await alternatingBalancer();
    const publicUrl = balancer.url;
    const a = await startEmbeddedServer({ store, env: { ...env, PMS_PUBLIC_URL: publicUrl } });
    running.push(a);
    const b = await startEmbeddedServer({ store, env: { ...env, PMS_PUBLIC_URL: publicUrl } });
    running.push(b);
    balancer.route([a, b].map((s) => Number(new URL(s.app.listeningOrigin).port)));

    const browser = new Browser();
    const target = `${publicUrl}/v1/partnermanager/actuator/health`;
    const page = await browser.go(`${publicUrl}/v1/partnermanager/login/${Buffer.from(target).toString('base64')}`);
    expect(page.url).toContain('/v1/partnermanager/idp/interaction/');
    const form = formOf(page.text, page.url);
    const done = await browser.go(form.action, { form: { ...form.fields, username: 'partneradmin', password: 'Welcome@123' } });
    expect(done.url).toBe(target);
    expect(done.status).toBe(200);
    // Each instance served part of the sign-in (start, provider pages, callback, token exchange).
    expect(balancer.served.every((n) => n > 0)).toBe(true);
    const token = browser.cookie(new URL(publicUrl).host, 'Authorization')?.value;
    expect(token).toBeTruthy();
    for (let i = 0; i < 2; i++) {
      const who = await browser.go(`${publicUrl}/v1/partnermanager/authorize/admin/validateToken`);
      expect(JSON.parse(who.text).response.userId).toBe('partneradmin');
    }
    await balancer.close();
    for (const s of running.splice(0).reverse()) await s.close();
    await drop();
  });
});

/**
 * A load balancer in front of the instances: each request goes to the next instance in turn, on
 * a connection of its own, so no step of a flow can rely on the instance that served the last.
 */
async function alternatingBalancer() {
  let ports: number[] = [];
  let next = 0;
  const served: number[] = [];
  const server = http.createServer((req, res) => {
    const i = next++ % ports.length;
    served[i] = (served[i] ?? 0) + 1;
    const upstream = http.request(
      { host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    route(to: number[]) {
      ports = to;
      served.length = 0;
      for (const _ of to) served.push(0);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
