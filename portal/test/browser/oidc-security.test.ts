import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../../server/src/platform/db/sql.js';
import { launchBrowser, shot, userSessions } from '../support/browser.js';
import { startPortalServer, type EmbeddedTestServer } from '../support/server.js';

/**
 * The OIDC client's Security section, its effective settings and the admin list's filters and
 * CSV export, in Debian's Chromium against the real server (without eSignet: clients are
 * stored as NOT_REGISTERED, the settings path is the same). The partner, its policy and
 * clients are written straight into the store; the form and the list are what is tested.
 */

let server: EmbeddedTestServer;
let browser: Browser;
const users = userSessions(
  () => browser,
  () => server.url,
);
const { as, go } = users;
const sessions = users.pages;

const PARTNER = 'sec-auth-1';
const CLIENT = 'sec-client-0000000000000000000000000000001';
const CLIENTS = 40;

const pkceOn = (i: number) => i % 3 === 0;

async function seed(): Promise<void> {
  const q = server.store;
  await q.exec(
    sql`insert into policy_group (id, name, descr, user_id, is_active, cr_by) values ('sec-grp', 'sec-grp', 'g', 'sec', true, 'sec')`,
  );
  await q.exec(sql`
    insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, valid_to_date, is_active, cr_by)
    values ('sec-policy', 'sec-grp', 'Security policy', 'p', '{"allowedKycAttributes":[],"allowedAuthTypes":[]}', 'Auth', '1.0', 's', now(), now() + interval '1 year', true, 'sec')`);
  await q.exec(sql`
    insert into partner (id, policy_group_id, name, email_id, user_id, partner_type_code, approval_status, is_active, cr_by)
    values (${PARTNER}, 'sec-grp', 'Security Org', 'sec@example.org', 'authpartner1', 'Auth_Partner', 'approved', true, 'sec')`);
  await q.exec(
    sql`insert into user_details (id, user_id, consent_given, consent_given_dtimes, cr_by) values ('sec-consent', 'authpartner1', 'YES', now(), 'sec')`,
  );
  const rows = Array.from({ length: CLIENTS }, (_, i) => ({
    id: i === 0 ? CLIENT : `sec-gen-${String(i).padStart(3, '0')}`,
    name: i === 0 ? '{"@none":"Secure Bank","eng":"Secure Bank","fra":"Banque sûre"}' : `Generated ${i}`,
    config: i === 0 ? null : { require_pkce: pkceOn(i), ...(i % 4 === 0 ? { dpop_bound_access_tokens: true } : {}) },
    cr: new Date(Date.parse('2026-06-01T00:00:00.000Z') + i * 86_400_000).toISOString(),
  }));
  await q.exec(sql`
    insert into oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods,
                             status, esignet_status, additional_config, cr_by, cr_dtimes)
    select x.id, x.name, ${PARTNER}, 'sec-policy', 'https://bank.example.org/logo.png', '{https://bank.example.org/cb}', '{name}',
           '{mosip:idp:acr:generated-code}', '{"kty":"EC"}', '{authorization_code}', '{private_key_jwt}', 'ACTIVE', 'NOT_REGISTERED', x.config, 'sec', x.cr
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, name text, config jsonb, cr timestamptz)`);
}

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  await seed();
}, 120_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [user, page] of sessions)
    await shot(page, `failed-sec-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}-${user}`).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('OIDC client security settings in a real browser', () => {
  it('the form explains each setting, refuses JWE without a key before sending (shared rule), then saves; the page shows the effective settings', async () => {
    const page = await as('authpartner1');
    await go(page, `/oidc-clients/${CLIENT}/edit`);
    const section = page.getByTestId('security-section');
    await section.waitFor();
    expect(await section.getByText('a stolen token is useless to anyone else').count()).toBe(1);
    // Names per language are loaded, so saving keeps the French one.
    expect(await page.getByLabel('French').inputValue()).toBe('Banque sûre');

    await section.getByLabel('Require PKCE').check();
    await section.getByLabel('User information format').selectOption('JWE');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => section.getByRole('alert').count()).toBe(1);
    expect(await section.getByRole('alert').textContent()).toContain('required when userinfo_response_type is JWE');
    const unchanged = await server.store.one<{ additional_config: unknown }>(
      sql`select additional_config from oidc_client where id = ${CLIENT}`,
    );
    expect(unchanged!.additional_config).toBeNull();

    const enc = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }), use: 'enc' };
    await section.getByLabel('Encryption public key (JWK)').fill(JSON.stringify(enc));
    await section.getByLabel('Purpose shown at login').selectOption('login');
    await section.getByLabel('Title (any language)', { exact: true }).fill('Sign in to Secure Bank');
    await section.getByLabel('Title (French)', { exact: true }).fill('Connexion à Banque sûre');
    await shot(page, '40-oidc-security-form');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const effective = page.getByTestId('effective-settings');
    await effective.waitFor();
    const stored = await server.store.one<{ additional_config: Record<string, unknown>; enc_public_key: string; name: string }>(
      sql`select additional_config, enc_public_key, name from oidc_client where id = ${CLIENT}`,
    );
    expect(stored!.additional_config).toEqual({
      require_pkce: true,
      userinfo_response_type: 'JWE',
      purpose: { type: 'login', title: { '@none': 'Sign in to Secure Bank', fra: 'Connexion à Banque sûre' } },
    });
    expect(JSON.parse(stored!.enc_public_key)).toMatchObject({ kty: 'RSA', n: enc.n, use: 'enc' });
    expect(JSON.parse(stored!.name)).toMatchObject({ fra: 'Banque sûre', eng: 'Secure Bank' });
    const text = (await effective.textContent()) ?? '';
    expect(text).toContain('Require PKCEOn');
    expect(text).toContain("Bind tokens to the application's key (DPoP)Off");
    expect(text).toContain('Encrypted (JWE)');
    expect(text).toContain('Login — Sign in to Secure Bank');
    await shot(page, '41-oidc-effective-settings');
  });

  it('the admin filters the list by PKCE and DPoP on the server and exports what it shows as CSV', async () => {
    const page = await as('partneradmin');
    await go(page, '/admin/oidc-clients');
    await page.getByRole('combobox', { name: 'PKCE' }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    const expected = (
      await server.store.query<{ id: string }>(sql`select id from oidc_client where (additional_config ->> 'require_pkce')::boolean`)
    ).length;
    expect(expected).toBeGreaterThan(10);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(Math.min(expected, 8));
    await expect.poll(() => page.getByText(`1–8 of ${expected}`).count()).toBe(1);

    await page.getByRole('combobox', { name: 'DPoP' }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    const both = await server.store.query<{ id: string }>(
      sql`select id from oidc_client where (additional_config ->> 'require_pkce')::boolean and (additional_config ->> 'dpop_bound_access_tokens')::boolean order by cr_dtimes desc`,
    );
    await expect.poll(() => page.locator('tbody tr').count()).toBe(both.length);
    await shot(page, '42-oidc-admin-filters');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toMatch(/^clientId,clientName,partnerId/);
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(both.map((r) => r.id));
  });
});
