import { readFileSync, statSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { Module } from '../../src/platform/http/app.js';
import { v1 } from '../../src/platform/http/envelope.js';
import { keyFilePath } from '../../src/identity/keys.js';
import { Browser, formOf } from '../support/browser.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

// An endpoint behind a role, to prove the cookie the login sets is accepted as MOSIP's is.
const probe: Module = (app) => {
  app.get('/v1/policymanager/probe/admin', { config: { pms: { access: 'getpolicies' } } }, async (req) =>
    v1({ user: req.principal!.userId, roles: req.principal!.roles }),
  );
};

let s: EmbeddedTestServer;
const portal = 'https://portal.example.org';

beforeAll(async () => {
  s = await startEmbeddedServer({ modules: [probe], env: { PMS_LOGIN_REDIRECT_ORIGINS: portal } });
});
afterAll(() => s.close());

/** Login up to the provider's login page; answers the browser and the page. */
async function openLoginPage(browser: Browser, target: string) {
  const page = await browser.go(`${s.url}/v1/partnermanager/login/${b64(target)}`);
  expect(page.status).toBe(200);
  expect(page.url).toContain('/v1/partnermanager/idp/interaction/');
  return page;
}

async function submitLogin(browser: Browser, page: { text: string; url: string }, username: string, password: string) {
  const form = formOf(page.text, page.url);
  return browser.go(form.action, { form: { ...form.fields, username, password } }, (u) => u.startsWith(portal));
}

describe('embedded identity provider: login round trip', () => {
  it('logs in, sets the Authorization cookie, serves calls, validates, logs out', async () => {
    const browser = new Browser();
    const target = `${portal}/#/partnermanagement/home`;
    const host = new URL(s.url).host;

    // 1. /login/{base64} sends the browser to the provider with PKCE; a sealed login cookie goes along.
    const start = await browser.request(`${s.url}/v1/partnermanager/login/${b64(target)}`);
    expect(start.status).toBe(302);
    const auth = new URL(start.hop.location!);
    expect(auth.origin + auth.pathname).toBe(`${s.url}/v1/partnermanager/idp/auth`);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('client_id')).toBe('mosip-pmp-client');
    expect(auth.searchParams.get('redirect_uri')).toBe(`${s.url}/v1/partnermanager/login-redirect`);
    const loginCookie = browser.cookie(host, 'pms_login');
    expect(loginCookie).toMatchObject({ httpOnly: true, path: '/v1/partnermanager/login-redirect', sameSite: 'Lax' });
    expect(loginCookie!.value).not.toContain(auth.searchParams.get('state')!);

    // 2. The provider shows its login page: labelled fields, no scripts.
    const page = await browser.go(start.hop.location!);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<label for="username">/);
    expect(page.text).toMatch(/<label for="password">/);
    expect(page.text).not.toContain('<script');
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    // 3. Credentials → (consent implied) → callback → cookie → back to the portal.
    const done = await submitLogin(browser, page, 'partneradmin', 'Welcome@123');
    expect(done.url).toBe(target);
    const callbackHop = done.hops.find((h) => h.url.startsWith(`${s.url}/v1/partnermanager/login-redirect`))!;
    expect(callbackHop.status).toBe(302);
    expect(callbackHop.location).toBe(target);
    const authCookie = browser.cookie(host, 'Authorization')!;
    expect(authCookie).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax', secure: false });
    expect(browser.cookie(host, 'pms_login')).toBeUndefined();

    // The token is Keycloak-shaped and RS256.
    const token = authCookie.value;
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${s.url}/v1/partnermanager/idp`,
      preferred_username: 'partneradmin',
      email: 'partneradmin@pms.example.org',
      realm_access: { roles: ['PARTNER_ADMIN', 'PARTNERMANAGER'] },
      // Keycloak's profile and user attributes, which MOSIP's portal builds its profile from.
      given_name: 'Partner',
      family_name: 'Admin',
      locale: 'eng',
      partnerType: 'PARTNER_ADMIN',
      organizationName: 'National ID Authority',
      addressTest: '12 Registry Road, Capital City',
      phoneNumber: '9876543210',
    });
    const stored = await s.store.one<{ sub: string }>(sql`select sub::text as sub from idp_account where username = 'partneradmin'`);
    expect(claims.sub).toBe(stored!.sub);
    expect(claims.exp! - claims.iat!).toBe(1800);

    // 4. The cookie authenticates a role-protected call.
    const call = await browser.go(`${s.url}/v1/policymanager/probe/admin`);
    expect(call.status).toBe(200);
    expect(JSON.parse(call.text).response).toEqual({ user: 'partneradmin', roles: ['PARTNER_ADMIN', 'PARTNERMANAGER'] });

    // 5. validateToken in MOSIP's kernel shape.
    const who = await browser.go(`${s.url}/v1/partnermanager/authorize/admin/validateToken`);
    expect(who.status).toBe(200);
    expect(who.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(who.text)).toMatchObject({
      errors: [],
      response: {
        userId: 'partneradmin',
        mail: 'partneradmin@pms.example.org',
        role: 'PARTNER_ADMIN,PARTNERMANAGER,',
        name: stored!.sub,
        mobile: null,
        rid: null,
        // The caller's own token, as MOSIP answers it: MOSIP's portal decodes it.
        token,
      },
    });
    expect(JSON.parse(who.text).response).not.toHaveProperty('rId');

    // Scripts may see that a session exists (not the token): the portal skips a 401 on a fresh visit.
    expect(browser.cookie(host, 'pms_signed_in')).toMatchObject({ value: '1', httpOnly: false, path: '/' });
    // The session's ID token waits, for the logout route only, to be sent back as a hint.
    const idToken = browser.cookie(host, 'pms_idt')!;
    expect(idToken).toMatchObject({ httpOnly: true, path: '/v1/partnermanager/logout' });
    expect(decodeJwt(idToken.value)).toMatchObject({ aud: 'mosip-pmp-client', sub: stored!.sub });

    // 6. Logout clears the cookies at once and sends the ID token as id_token_hint: the provider
    //    ends its session without asking again (the page confirms itself), then returns.
    const back = `${portal}/#/logged-out`;
    const out = await browser.request(`${s.url}/v1/partnermanager/logout/user?redirecturi=${b64(back)}&ui_locales=fr`);
    expect(out.status).toBe(302);
    expect(out.hop.setCookies.some((c) => /^Authorization=;/.test(c) && /Path=\//.test(c))).toBe(true);
    expect(browser.cookie(host, 'Authorization')).toBeUndefined();
    expect(browser.cookie(host, 'pms_idt')).toBeUndefined();
    expect(browser.cookie(host, 'pms_signed_in')).toBeUndefined();
    const end = new URL(out.hop.location!);
    expect(end.pathname).toBe('/v1/partnermanager/idp/session/end');
    expect(end.searchParams.get('id_token_hint')).toBe(idToken.value);
    expect(end.searchParams.get('ui_locales')).toBe('fr');
    const confirm = await browser.go(out.hop.location!);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<input type="hidden" name="logout" value="yes"/>');
    expect(confirm.text).toContain("<script>document.getElementById('op.logoutForm').submit();</script>");
    expect(confirm.text).toContain('<html lang="fr" dir="ltr">');
    expect(confirm.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    const form = formOf(confirm.text, confirm.url);
    const finished = await browser.go(form.action, { form: { ...form.fields, logout: 'yes' } }, (u) => u.startsWith(portal));
    expect(finished.url).toBe(back);

    // Signed out at the provider too: a new login asks for the password again.
    await openLoginPage(browser, target);
    const after = await browser.go(`${s.url}/v1/partnermanager/authorize/admin/validateToken`);
    expect(after.status).toBe(401);
    expect(JSON.parse(after.text).errors[0].errorCode).toBe('KER-ATH-401');
  });

  it('asks to confirm a sign-out without the ID token hint, with two different buttons and no script', async () => {
    const browser = new Browser();
    const first = await openLoginPage(browser, `${portal}/`);
    await submitLogin(browser, first, 'policymanager', 'Welcome@123');
    const confirm = await browser.go(`${s.url}/v1/partnermanager/idp/session/end?client_id=mosip-pmp-client`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).not.toContain('<script');
    expect(confirm.text).toContain('Sign out of Partner Management?');
    expect(confirm.text).toContain('>Sign out</button>');
    expect(confirm.text).toContain('>Stay signed in</button>');
  });

  it('shows the sign-in page in the language the portal asks for (Arabic right to left), and switches language on the page', async () => {
    const browser = new Browser();
    const ar = await browser.go(`${s.url}/v1/partnermanager/login/${b64(`${portal}/`)}?ui_locales=ar`);
    expect(ar.url).toContain('/interaction/');
    expect(ar.text).toContain('<html lang="ar" dir="rtl">');
    expect(ar.text).toContain('<label for="username">اسم المستخدم</label>');
    expect(ar.text).toContain('<title>تسجيل الدخول – بوابة إدارة الشركاء</title>');
    const fr = await browser.go(`${s.url}${new URL(ar.url).pathname}?lang=fr`);
    expect(fr.text).toContain('<html lang="fr" dir="ltr">');
    expect(fr.text).toContain('<label for="password">Mot de passe</label>');
    // A wrong password answers in the language of the form it came from.
    const form = formOf(fr.text, fr.url);
    expect(form.fields.lang).toBe('fr');
    const wrong = await browser.go(form.action, { form: { ...form.fields, username: 'partneradmin', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("Le nom d'utilisateur ou le mot de passe est incorrect.".replace("'", '&#39;'));
    // Without ui_locales the browser's language decides; unknown ones fall back to English.
    const en = await browser.go(`${s.url}/v1/partnermanager/login/${b64(`${portal}/`)}?ui_locales=xx`);
    expect(en.text).toContain('<html lang="en" dir="ltr">');
  });

  it('keeps the provider session: a second login needs no password', async () => {
    const browser = new Browser();
    const first = await openLoginPage(browser, '/v1/partnermanager/actuator/health');
    const done = await submitLogin(browser, first, 'policymanager', 'Welcome@123');
    expect(done.url).toBe(`${s.url}/v1/partnermanager/actuator/health`);
    expect(done.status).toBe(200);
    const again = await browser.go(`${s.url}/v1/partnermanager/login/${b64url('/v1/partnermanager/actuator/health')}`);
    expect(again.url).toBe(`${s.url}/v1/partnermanager/actuator/health`);
    expect(again.hops.some((h) => h.url.includes('/interaction/'))).toBe(false);
  });

  it('refuses a wrong password and an unknown user on the login page', async () => {
    const browser = new Browser();
    const page = await openLoginPage(browser, `${portal}/`);
    for (const [user, pass] of [
      ['partneradmin', 'wrong'],
      ['nobody', 'Welcome@123'],
      ['partneradmin', ''],
    ]) {
      const form = formOf(page.text, page.url);
      const res = await browser.go(form.action, { form: { ...form.fields, username: user!, password: pass! } });
      expect(res.status).toBe(401);
      expect(res.text).toContain('role="alert"');
      expect(res.text).toContain('The username or password is incorrect.');
      expect(browser.cookie(new URL(s.url).host, 'Authorization')).toBeUndefined();
    }
    // The same interaction still accepts the right password afterwards.
    const ok = await submitLogin(browser, page, 'authpartner1', 'Welcome@123');
    expect(ok.url).toBe(`${portal}/`);
    expect(decodeJwt(browser.cookie(new URL(s.url).host, 'Authorization')!.value).realm_access).toEqual({ roles: ['AUTH_PARTNER'] });
  });

  it('publishes a discovery document with code+PKCE only and public keys only', async () => {
    const doc = (await (await fetch(`${s.url}/v1/partnermanager/idp/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: `${s.url}/v1/partnermanager/idp`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      end_session_endpoint: `${s.url}/v1/partnermanager/idp/session/end`,
    });
    const jwks = (await (await fetch(doc.jwks_uri as string)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0]).not.toHaveProperty(member);
  });

  it('keeps the signing keys sealed in a private file', () => {
    const file = keyFilePath(s.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${s.dataDir}/keys`).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'pms-idp-jwks/v1' });
    expect(text).not.toContain('"d"');
    expect(text).not.toContain(s.identity.embedded!.keys.keys[0]!.kid!);
  });
});

describe('embedded identity provider: seeded accounts and the token in validateToken', () => {
  it('seeds an account holding POLICYMANAGER and PARTNER_ADMIN, and fills profiles of seeded accounts that predate them', async () => {
    const rows = await s.store.query<{ username: string; roles: string[]; partner_type: string | null }>(
      sql`select username, roles, attributes->>'partnerType' as partner_type from idp_account where username in ('policyadmin', 'authpartner1') order by username`,
    );
    expect(rows).toEqual([
      { username: 'authpartner1', roles: ['AUTH_PARTNER'], partner_type: 'AUTH_PARTNER' },
      { username: 'policyadmin', roles: ['PARTNER_ADMIN', 'POLICYMANAGER'], partner_type: 'PARTNER_ADMIN' },
    ]);
    // A data folder from before profiles: the seed fills them in, and leaves an operator's alone.
    const { seedAccounts } = await import('../../src/identity/accounts.js');
    await s.store.exec(
      sql`update idp_account set first_name = null, last_name = null, locale = null, attributes = '{}' where username = 'deviceprovider1'`,
    );
    await s.store.exec(sql`update idp_account set attributes = '{"organizationName":"Operator Set"}' where username = 'ftmprovider1'`);
    await s.store.tx((q) => seedAccounts(q));
    const after = await s.store.query<{ username: string; first_name: string | null; attributes: Record<string, string> }>(
      sql`select username, first_name, attributes from idp_account where username in ('deviceprovider1', 'ftmprovider1') order by username`,
    );
    expect(after[0]).toMatchObject({
      username: 'deviceprovider1',
      first_name: 'Daniel',
      attributes: { partnerType: 'DEVICE_PROVIDER', organizationName: 'Biometrix Devices Inc' },
    });
    expect(after[1]).toMatchObject({ username: 'ftmprovider1', attributes: { organizationName: 'Operator Set' } });
  });

  it('answers token null when PMS_VALIDATE_TOKEN_RETURNS_TOKEN is false', async () => {
    const off = await startEmbeddedServer({ env: { PMS_LOGIN_REDIRECT_ORIGINS: portal, PMS_VALIDATE_TOKEN_RETURNS_TOKEN: 'false' } });
    try {
      const { mintToken } = await import('../../src/identity/mint.js');
      const token = await mintToken(off.config, off.dataKey, { user: 'policyadmin', roles: ['POLICYMANAGER'] });
      const res = await fetch(`${off.url}/v1/partnermanager/authorize/admin/validateToken`, {
        headers: { cookie: `Authorization=${token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { response: Record<string, unknown> }).response).toMatchObject({
        userId: 'policyadmin',
        role: 'POLICYMANAGER,',
        rid: null,
        token: null,
      });
    } finally {
      await off.close();
    }
  });
});
