import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, envelopeOf, formOf } from '../support/browser.js';
import { freePort, startEmbeddedServer, startExternalIdp, type EmbeddedTestServer, type ExternalIdp } from '../support/embedded-server.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

let idp: ExternalIdp;
let s: EmbeddedTestServer;

beforeAll(async () => {
  const port = await freePort();
  const rpUrl = `http://127.0.0.1:${port}`;
  idp = await startExternalIdp({ rpUrl, clientId: 'pms-external', clientSecret: 'external-secret' });
  s = await startEmbeddedServer({
    port,
    env: { PMS_AUTH_ISSUER: idp.issuer, PMS_AUTH_CLIENT_ID: 'pms-external', PMS_AUTH_CLIENT_SECRET: 'external-secret' },
  });
});
afterAll(async () => {
  await s?.close();
  await idp?.close();
});

describe('login against an external issuer found by discovery', () => {
  it('runs no provider of its own', async () => {
    expect(s.identity.mode).toBe('external');
    const res = await fetch(`${s.url}/v1/partnermanager/idp/.well-known/openid-configuration`);
    expect(res.status).toBe(404);
  });

  it('logs in with a confidential client and logs out at the issuer', async () => {
    const browser = new Browser();
    const target = `${s.url}/portal/home`;
    const start = await browser.request(`${s.url}/v1/partnermanager/login/${b64(target)}`);
    expect(start.status).toBe(302);
    expect(start.hop.location!.startsWith(`${idp.url}/v1/partnermanager/idp/auth?`)).toBe(true);
    expect(new URL(start.hop.location!).searchParams.get('client_id')).toBe('pms-external');

    const page = await browser.go(start.hop.location!);
    expect(page.url.startsWith(`${idp.url}/`)).toBe(true);
    const form = formOf(page.text, page.url);
    const done = await browser.go(
      form.action,
      { form: { ...form.fields, username: 'deviceprovider1', password: 'Welcome@123' } },
      (u) => u === target,
    );
    expect(done.url).toBe(target);
    const token = browser.cookie(new URL(s.url).host, 'Authorization')!.value;
    expect(decodeJwt(token)).toMatchObject({
      iss: idp.issuer,
      preferred_username: 'deviceprovider1',
      realm_access: { roles: ['DEVICE_PROVIDER'] },
    });

    const who = await browser.go(`${s.url}/v1/partnermanager/authorize/admin/validateToken`);
    expect(JSON.parse(who.text).response).toMatchObject({ userId: 'deviceprovider1', role: 'DEVICE_PROVIDER,' });

    const out = await browser.request(`${s.url}/v1/partnermanager/logout/user?redirecturi=${b64(target)}`);
    expect(out.hop.location!.startsWith(`${idp.url}/v1/partnermanager/idp/session/end?`)).toBe(true);
    expect(new URL(out.hop.location!).searchParams.get('post_logout_redirect_uri')).toBe(`${s.url}/v1/partnermanager/logout/done`);
    const confirm = await browser.go(out.hop.location!);
    const logoutForm = formOf(confirm.text, confirm.url);
    const back = await browser.go(logoutForm.action, { form: { ...logoutForm.fields, logout: 'yes' } }, (u) => u === target);
    expect(back.url).toBe(target);
    expect(browser.cookie(new URL(s.url).host, 'Authorization')).toBeUndefined();
  });

  it('refuses a token the external issuer did not sign', async () => {
    const { mintToken } = await import('../../src/identity/mint.js');
    // The issuer's name and the token's shape, but a key from another data folder: must not pass.
    const lookalike = { ...s.config, publicUrl: idp.url, auth: { ...s.config.auth, issuer: undefined } };
    const forged = await mintToken(lookalike, s.dataKey, { user: 'partneradmin', roles: ['PARTNER_ADMIN'] });
    expect(decodeJwt(forged).iss).toBe(idp.issuer);
    const res = await fetch(`${s.url}/v1/partnermanager/authorize/admin/validateToken`, { headers: { cookie: `Authorization=${forged}` } });
    expect(res.status).toBe(401);
    expect((await envelopeOf(res)).errors[0].errorCode).toBe('KER-ATH-401');
  });

  it('answers PMS_LOGIN_003 when the issuer cannot be reached, and still logs out locally', async () => {
    const port = await freePort();
    const down = await startEmbeddedServer({ env: { PMS_AUTH_ISSUER: `http://127.0.0.1:${port}/realms/mosip` } });
    try {
      const res = await fetch(`${down.url}/v1/partnermanager/login/${b64('/x')}`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      expect(res.headers.get('location')).toBeNull();
      expect((await envelopeOf(res)).errors[0]).toEqual({
        errorCode: 'PMS_LOGIN_003',
        message: 'The identity provider could not be reached',
      });
      const out = await fetch(`${down.url}/v1/partnermanager/logout/user?redirecturi=${b64('/bye')}`, {
        redirect: 'manual',
        headers: { cookie: 'Authorization=x' },
      });
      expect(out.status).toBe(302);
      expect(out.headers.get('location')).toBe(`${down.url}/bye`);
      expect(out.headers.getSetCookie().some((c) => c.startsWith('Authorization=;'))).toBe(true);
    } finally {
      await down.close();
    }
  });
});
