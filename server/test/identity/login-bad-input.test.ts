import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, envelopeOf, formOf } from '../support/browser.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const portal = 'https://portal.example.org';

let s: EmbeddedTestServer;
let host: string;

beforeAll(async () => {
  s = await startEmbeddedServer({ env: { PMS_LOGIN_REDIRECT_ORIGINS: portal } });
  host = new URL(s.url).host;
});
afterAll(() => s.close());

async function get(path: string, cookie?: string) {
  const res = await fetch(s.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const text = await res.text();
  return {
    status: res.status,
    location: res.headers.get('location'),
    setCookies: res.headers.getSetCookie(),
    body: text ? JSON.parse(text) : undefined,
  };
}

function expectError(r: Awaited<ReturnType<typeof get>>, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.location).toBeNull();
  expect(r.body).toMatchObject({ id: 'mosip.partnermanagement', response: null, errors: [{ errorCode: code }] });
}

/** A login stopped at the provider's callback: answers the callback URL and the browser. */
async function loginUpToCallback(target = `${portal}/`) {
  const browser = new Browser();
  const page = await browser.go(`${s.url}/v1/partnermanager/login/${b64(target)}`);
  const form = formOf(page.text, page.url);
  const res = await browser.go(form.action, { form: { ...form.fields, username: 'ftmprovider1', password: 'Welcome@123' } }, (u) =>
    u.startsWith(`${s.url}/v1/partnermanager/login-redirect`),
  );
  return { browser, callback: res.url };
}

describe('login targets: no open redirect', () => {
  const refused: Array<[string, string]> = [
    ['garbage', '!!!not-base64!!!'],
    ['javascript: URL', b64('javascript:alert(document.cookie)')],
    ['data: URL', b64('data:text/html,<script>alert(1)</script>')],
    ['foreign origin', b64('https://evil.example.com/phish')],
    ['look-alike origin', b64('https://portal.example.org.evil.example.com/')],
    ['protocol-relative', b64('//evil.example.com/x')],
    ['backslash trick', b64('/\\evil.example.com')],
    ['credentials in URL', b64('https://user:pw@portal.example.org/')],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64')],
    ['empty', ''],
  ];
  for (const [name, segment] of refused) {
    it(`refuses ${name} with PMS_LOGIN_001 and sets no cookie`, async () => {
      const r = await get(`/v1/partnermanager/login/${segment}`);
      if (segment === '') {
        expect(r.status).toBe(404);
        return;
      }
      expectError(r, 400, 'PMS_LOGIN_001');
      expect(r.body.errors[0].message).toBe('Redirect target is not allowed');
      expect(r.setCookies).toEqual([]);
    });
  }

  it('accepts base64 with "/" and "+" (btoa output) in the path and URL-safe base64', async () => {
    const target = `${portal}/?q=>>>???`;
    const standard = b64(target);
    expect(standard).toMatch(/[+/]/);
    for (const encoded of [standard, Buffer.from(target).toString('base64url')]) {
      const r = await get(`/v1/partnermanager/login/${encoded}`);
      expect(r.status).toBe(302);
      expect(r.location!.startsWith(`${s.url}/v1/partnermanager/idp/auth?`)).toBe(true);
    }
  });

  it('refuses a foreign logout target and keeps the session cookie', async () => {
    const r = await get(`/v1/partnermanager/logout/user?redirecturi=${b64('https://evil.example.com/')}`, 'Authorization=abc');
    expectError(r, 400, 'PMS_LOGIN_001');
    expect(r.setCookies).toEqual([]);
    expectError(await get('/v1/partnermanager/logout/user'), 400, 'PMS_LOGIN_001');
  });

  it('accepts a logout target whose "+" arrived as a space', async () => {
    const target = `${portal}/?q=>>>`;
    const encoded = b64(target);
    expect(encoded).toContain('+');
    const r = await get(`/v1/partnermanager/logout/user?redirecturi=${encoded}`);
    expect(r.status).toBe(302);
    const state = new URL(r.location!).searchParams.get('state')!;
    const done = await get(`/v1/partnermanager/logout/done?state=${encodeURIComponent(state)}`);
    expect(done.location).toBe(new URL(target).href);
  });

  it('refuses a forged logout return', async () => {
    expectError(await get('/v1/partnermanager/logout/done?state=v1.AAAA.BBBB.CCCC'), 400, 'PMS_LOGIN_004');
    expectError(await get('/v1/partnermanager/logout/done'), 400, 'PMS_LOGIN_004');
  });
});

describe('login callback: state, code and replay', () => {
  it('refuses a callback without the login cookie', async () => {
    const { callback } = await loginUpToCallback();
    expectError(await get(new URL(callback).pathname + new URL(callback).search), 400, 'PMS_LOGIN_004');
  });

  it('refuses a tampered state', async () => {
    const { browser, callback } = await loginUpToCallback();
    const u = new URL(callback);
    u.searchParams.set('state', `${u.searchParams.get('state')}x`);
    const res = await browser.request(u.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect((await envelopeOf(res)).errors[0].errorCode).toBe('PMS_LOGIN_004');
    expect(browser.cookie(host, 'Authorization')).toBeUndefined();
    // The attempt is spent: even the genuine callback cannot use it now.
    expect(browser.cookie(host, 'pms_login')).toBeUndefined();
    const genuine = await browser.request(callback);
    expect((await envelopeOf(genuine)).errors[0].errorCode).toBe('PMS_LOGIN_004');
  });

  it('refuses a tampered login cookie', async () => {
    const { browser, callback } = await loginUpToCallback();
    const c = browser.cookie(host, 'pms_login')!;
    c.value = c.value.slice(0, -2) + (c.value.endsWith('A') ? 'BB' : 'AA');
    const res = await browser.request(callback);
    expect(res.status).toBe(400);
    expect((await envelopeOf(res)).errors[0].errorCode).toBe('PMS_LOGIN_004');
  });

  it('refuses a missing code with PMS_LOGIN_002', async () => {
    const { browser, callback } = await loginUpToCallback();
    const u = new URL(callback);
    u.searchParams.delete('code');
    const res = await browser.request(u.href);
    expect(res.status).toBe(400);
    expect((await envelopeOf(res)).errors[0]).toEqual({ errorCode: 'PMS_LOGIN_002', message: 'Login could not be completed' });
    expect(browser.cookie(host, 'Authorization')).toBeUndefined();
  });

  it('refuses a replayed callback, even with the old login cookie put back', async () => {
    const { browser, callback } = await loginUpToCallback();
    const loginCookie = browser.cookie(host, 'pms_login')!.value;
    const first = await browser.request(callback);
    expect(first.status).toBe(302);
    expect(browser.cookie(host, 'Authorization')).toBeDefined();

    const replay = await browser.request(callback);
    expect(replay.status).toBe(400);
    expect((await envelopeOf(replay)).errors[0].errorCode).toBe('PMS_LOGIN_004');

    // An attacker holding both the URL and the cookie: the provider refuses the used code.
    const attacker = new Browser();
    const res = await attacker.request(callback, { headers: { cookie: `pms_login=${loginCookie}` } });
    expect(res.status).toBe(400);
    expect((await envelopeOf(res)).errors[0].errorCode).toBe('PMS_LOGIN_002');
    expect(attacker.cookie(host, 'Authorization')).toBeUndefined();
  });

  it('turns a cancelled sign-in into PMS_LOGIN_002, not a redirect', async () => {
    const browser = new Browser();
    const page = await browser.go(`${s.url}/v1/partnermanager/login/${b64(`${portal}/`)}`);
    const abort = /href="([^"]*\/abort)"/.exec(page.text)![1]!;
    const res = await browser.go(new URL(abort, s.url).href);
    expect(res.status).toBe(400);
    expect(res.url.startsWith(`${s.url}/v1/partnermanager/login-redirect?error=access_denied`)).toBe(true);
    expect(JSON.parse(res.text).errors[0].errorCode).toBe('PMS_LOGIN_002');
  });

  it('shows an error page for an unknown or expired interaction', async () => {
    const res = await fetch(`${s.url}/v1/partnermanager/idp/interaction/nonexistent`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in expired');
  });

  it('answers validateToken without a token with KER-ATH-401', async () => {
    const r = await get('/v1/partnermanager/authorize/admin/validateToken');
    expect(r.status).toBe(401);
    expect(r.body.errors[0].errorCode).toBe('KER-ATH-401');
  });
});
