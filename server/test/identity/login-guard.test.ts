import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { Browser, formOf } from '../support/browser.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';

// Brute force against the embedded provider's password form: per account and per address,
// counted in the store, with audit rows.
let s: EmbeddedTestServer;
const portal = 'https://portal.example.org';

beforeAll(async () => {
  s = await startEmbeddedServer({
    env: {
      PMS_LOGIN_REDIRECT_ORIGINS: portal,
      PMS_LOGIN_MAX_FAILURES: '3',
      PMS_LOGIN_MAX_ADDRESS_FAILURES: '8',
      PMS_LOGIN_LOCKOUT_SECONDS: '600',
    },
  });
});
afterAll(() => s.close());

/** One sign-in attempt on a fresh login page: the status, the page and whether a token was set. */
async function attempt(username: string, password: string, lang?: string) {
  const browser = new Browser();
  const page = await browser.go(`${s.url}/v1/partnermanager/login/${Buffer.from(`${portal}/`).toString('base64')}`);
  const form = formOf(page.text, page.url);
  const fields = { ...form.fields, username, password, ...(lang ? { lang } : {}) };
  const res = await browser.go(form.action, { form: fields }, (u) => u.startsWith(portal));
  return { status: res.status, text: res.text, signedIn: browser.cookie(new URL(s.url).host, 'Authorization') !== undefined };
}

const audits = (entityId: string) =>
  s.store.query<{ action: string; outcome: string }>(
    sql`select action, outcome from audit_log where entity_id = ${entityId} and action like 'login.%' order by id`,
  );

describe('sign-in failures at the embedded identity provider', () => {
  it(
    'lock an account after the configured failures: even the right password is refused meanwhile, others go on',
    { timeout: 120_000 },
    async () => {
      for (let i = 0; i < 3; i++) expect((await attempt('authpartner1', `wrong-${i}`)).status).toBe(401);
      const locked = await attempt('authpartner1', 'Welcome@123');
      expect(locked.status).toBe(429);
      expect(locked.signedIn).toBe(false);
      expect(locked.text).toContain('Too many failed sign-ins. Try again in 10 minutes.');
      // Any case of the name is the same account; the page says so in its own language.
      expect((await attempt('AuthPartner1', 'Welcome@123')).status).toBe(429);
      expect((await attempt('authpartner1', 'Welcome@123', 'fr')).text).toContain(
        'Trop de connexions échouées. Réessayez dans 10 minutes.',
      );
      expect((await attempt('authpartner1', 'Welcome@123', 'ar')).text).toContain('حاول مرة أخرى بعد 10 دقيقة');
      expect(await audits('authpartner1')).toEqual([
        { action: 'login.failure', outcome: 'failure' },
        { action: 'login.failure', outcome: 'failure' },
        { action: 'login.failure', outcome: 'failure' },
        { action: 'login.lockout', outcome: 'failure' },
      ]);
      // Another account from the same address is not held up.
      expect((await attempt('deviceprovider1', 'Welcome@123')).signedIn).toBe(true);

      // When the lockout has run out (moved into the past here), the right password works and clears the count.
      await s.store.exec(
        sql`update login_failure set locked_until = now() - interval '1 second' where scope = 'account' and subject = 'authpartner1'`,
      );
      expect((await attempt('authpartner1', 'Welcome@123')).signedIn).toBe(true);
      expect(await s.store.query(sql`select 1 from login_failure where scope = 'account' and subject = 'authpartner1'`)).toEqual([]);
    },
  );

  it('lock an address that tries many accounts, with an audit row for the address', { timeout: 120_000 }, async () => {
    // 3 failures so far from this address; 5 more across different names reach 8.
    for (const name of ['guess1', 'guess2', 'guess3', 'guess4', 'guess5']) expect((await attempt(name, 'x')).status).toBe(401);
    const r = await attempt('ftmprovider1', 'Welcome@123');
    expect(r.status).toBe(429);
    expect(r.signedIn).toBe(false);
    const rows = await s.store.query<{ entity_type: string; entity_id: string }>(
      sql`select entity_type, entity_id from audit_log where action = 'login.lockout' and entity_type = 'client_address'`,
    );
    expect(rows).toEqual([{ entity_type: 'client_address', entity_id: '127.0.0.1' }]);
  });
});
