import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { certs, parseCertificates, type TestCert } from '../../server/test/support/certs.js';
import { freePort } from '../../server/test/support/embedded-server.js';
import { sql } from '../../server/src/platform/db/sql.js';
import { launchBrowser, newSession, PASSWORD, shot } from '../test/support/browser.js';
import { startPortalServer, type EmbeddedTestServer } from '../test/support/server.js';
import { serveMosipPortal, type ServedPortal } from './support/serve.js';
import { Watch } from './support/watch.js';

/**
 * MOSIP's own portal (pmp-revamp-ui, unchanged, production build) in Debian's Chromium against
 * the real server: embedded store and identity provider, every module. The portal is served
 * as MOSIP's image serves it (files, env-config.js, /v1 passed through) on its own origin,
 * http://localhost:<p>; the service is on http://localhost:<q>, which allows that origin as a
 * login target. Steps build on each other as a deployment's first day would.
 *
 * Any console error, script error, failed API answer, `errors[]` the step did not provoke on
 * purpose, the portal's error screen or a blank page fails the step. What the portal relies on
 * is described in docs/mosip-portal.md.
 */

let server: EmbeddedTestServer;
let portal: ServedPortal;
let browser: Browser;
const sessions = new Map<string, { page: Page; watch: Watch }>();
const roots = new Map<string, TestCert>();
/** Each partner's own certificate, as uploaded. */
const leaves = new Map<string, TestCert>();

const ROUTE = '/#/partnermanagement';
const GROUP = 'mosip-portal-group';
const AUTH_POLICY = 'mosip-portal-auth-policy';
const DATASHARE_POLICY = 'mosip-portal-datashare-policy';

const AUTH_DOC = {
  authTokenType: 'policy',
  allowedAuthTypes: [
    { authType: 'otp', authSubType: '', mandatory: false },
    { authType: 'demo', authSubType: '', mandatory: false },
  ],
  allowedKycAttributes: [{ attributeName: 'fullName' }, { attributeName: 'dateOfBirth' }, { attributeName: 'gender' }],
  kycLanguages: ['eng'],
};
const DATASHARE_DOC = {
  dataSharePolicies: {
    typeOfShare: 'Data Share',
    validForInMinutes: '30',
    transactionsAllowed: '2',
    encryptionType: 'Partner Based',
    shareDomain: 'datashare.datashare',
    source: 'ID Repository',
  },
  shareableAttributes: [{ attributeName: 'fullName', source: [{ attribute: 'fullName' }], encrypted: false }],
};

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The list row with a cell showing exactly `text` (names may be prefixes of others). */
const rowOf = (page: Page, text: string) =>
  page
    .locator('tbody tr')
    .filter({ has: page.locator('td').filter({ hasText: new RegExp(`^\\s*${escapeRe(text)}\\s*$`) }) })
    .first();

/** Picks an entry of one of the portal's dropdowns (a button opening a list of buttons). */
async function choose(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).click();
  const search = page.locator(`#${id}_search_input`);
  if (await search.isVisible().catch(() => false)) await search.fill(text);
  await page.locator(`button[id^="${id}_option"]`, { hasText: text }).first().click();
}

const pemFile = (name: string, cert: TestCert) => ({
  name: `${name}.pem`,
  mimeType: 'application/x-pem-file',
  buffer: Buffer.from(cert.pem),
});

/** First login of a partner: the policy group when its type needs one, then the terms. */
async function firstLogin(user: string, group?: string): Promise<Page> {
  const page = await open(user, 'dashboard');
  if (group) {
    await choose(page, 'select_policy_group_dropdown', group);
    await Promise.all([page.waitForEvent('load'), page.locator('#select_policy_group_submit').click()]);
    await settle(page);
  }
  await page.locator('#default-checkbox').check();
  await Promise.all([page.waitForEvent('load'), page.locator('#consent_proceed_btn').click()]);
  await check(user, 'first login');
  return page;
}

/** A partner's own certificate, issued by the test root of its domain to its organisation. */
async function uploadPartnerCertificate(user: string, domain: string, org: string): Promise<void> {
  const page = await open(user, 'certificates/partner-certificate');
  const leaf = await certs.leaf(roots.get(domain)!, { org, cn: `${user}.example.org`, key: { type: 'rsa' } });
  await page.locator('#partner_certificate_upload_btn1').click();
  await page.locator('#fileInput').setInputFiles(pemFile(user, leaf));
  await page.locator('#certificate_upload_submit_btn').click();
  await page.locator('#certificate_upload_close_btn').click();
  await check(user, 'upload partner certificate');
  leaves.set(user, leaf);
}

/** Does `click` and returns the file the portal hands to the browser. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** The subject common names of the certificates in a downloaded PEM or p7b text. */
const subjectsOf = (text: string) => parseCertificates(text).map((c) => /CN=([^,]+)/.exec(c.subject)?.[1]);

/** An admin list: the row showing `text`, its "…" menu, the approve/reject item, approve. */
async function approveInList(user: string, route: string, text: string, option: string): Promise<void> {
  const page = await open(user, route);
  const row = () => rowOf(page, text);
  await row().locator('td').last().locator('button').first().click();
  await row().locator(`#${option}`).click();
  await page.locator('#approve_btn').click();
  await expect.poll(() => row().innerText()).toMatch(/Approved/);
  await check(user, `approve in ${route}`);
}

/** Creates a policy group through the portal's form. */
async function createGroup(page: Page, name: string): Promise<void> {
  await page.locator('#policies_policy_group_tab').click();
  await page.locator('#create_policy_group, #create_policy_group_btn').first().click();
  await page.locator('#policy_group_name').fill(name);
  await page.locator('#policy_group_description').fill(`${name} of the contract test`);
  await page.locator('#createPolicy_submit_btn').click();
  await page.locator('#confirmation_go_back_btn').click();
  await expect.poll(() => page.locator('tbody').innerText()).toContain(name);
}

/**
 * Opens a list, then the details of the row showing `text` (a click on the row, or its "…"
 * menu's View), and checks both screens.
 */
async function viewFromList(user: string, route: string, text: string, detail: RegExp): Promise<Page> {
  const page = await open(user, route);
  await check(user, route);
  const row = rowOf(page, text);
  await row.locator('td').first().click();
  const moved = await page.waitForURL(detail, { timeout: 3000 }).then(
    () => true,
    () => false,
  );
  if (!moved) {
    await row.locator('td').last().locator('button').first().click();
    await row.getByText('View', { exact: true }).click();
    await page.waitForURL(detail);
  }
  await check(user, `${route} → details of ${text}`);
  return page;
}

/** The "…" menu of the row showing `text`, then its item `itemId`, then the confirmation. */
async function deactivateInList(user: string, page: Page, text: string, itemId: string): Promise<void> {
  const row = rowOf(page, text);
  await row.locator('td').last().locator('button').first().click();
  await row.locator(`#${itemId}`).click();
  await page.locator('#deactivate_submit_btn').click();
  await expect.poll(() => rowOf(page, text).innerText()).toContain('Deactivated');
  await check(user, `deactivate ${text}`);
}

const mmddyyyy = (d: Date) => `${String(d.getMonth() + 1).padStart(2, '0')}/${String(d.getDate()).padStart(2, '0')}/${d.getFullYear()}`;

/** Opens the "…" menu of the list row that shows `text` and clicks one of its items. */
async function rowAction(page: Page, text: string, item: string): Promise<void> {
  const row = rowOf(page, text);
  await row.locator('td').last().locator('button').first().click();
  await row.getByText(item, { exact: true }).click();
}

const watch = (user: string): Watch => sessions.get(user)!.watch;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

/** Fails on the portal's error screen, an empty page, and any problem the watch saw. */
async function check(user: string, what: string): Promise<void> {
  const { page, watch } = sessions.get(user)!;
  await settle(page);
  const problems = await watch.take();
  if (page.url().includes('runtimeError')) problems.push(`${user}: the portal's error screen at ${page.url()}`);
  // A page still loading may be empty for a moment; one that stays empty is the failure.
  const shown = await page
    .waitForFunction("(document.getElementById('root')?.innerText.trim().length ?? 0) > 0", undefined, { timeout: 10_000 })
    .then(
      () => true,
      () => false,
    );
  if (!shown) problems.push(`${user}: blank screen at ${page.url()}`);
  if (problems.length) await shot(page, `mosip-failed-${what.replace(/\W+/g, '-')}-${user}`).catch(() => undefined);
  expect(problems, `${what} (${user})`).toEqual([]);
}

/** Opens a route of MOSIP's portal; signs in through the embedded provider when sent there. */
async function open(user: string, route: string): Promise<Page> {
  let s = sessions.get(user);
  if (!s) {
    const { page } = await newSession(browser);
    s = { page, watch: new Watch(page, user) };
    sessions.set(user, s);
  }
  const { page } = s;
  const url = `${portal.url}${ROUTE}/${route}`;
  // Going to the URL the tab already shows changes nothing: load it again, as a user would.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  // Either the portal (signed in) or the identity provider's login form.
  const form = page.locator('#username');
  const shell = page.locator('#root *').first();
  await Promise.race([form.waitFor(), shell.waitFor()]);
  if (await form.isVisible().catch(() => false)) {
    await page.fill('#username', user);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.origin === portal.url), page.click('button[type=submit]')]);
  }
  await settle(page);
  return page;
}

beforeAll(async () => {
  const pmsPort = await freePort();
  const portalPort = await freePort();
  server = await startPortalServer({
    port: pmsPort,
    env: { PMS_PUBLIC_URL: `http://localhost:${pmsPort}`, PMS_LOGIN_REDIRECT_ORIGINS: `http://localhost:${portalPort}` },
  });
  portal = await serveMosipPortal({ buildDir: inject('mosipPortalBuild'), pmsUrl: server.url, port: portalPort });
  browser = await launchBrowser();
  for (const domain of ['AUTH', 'DEVICE', 'FTM'])
    roots.set(domain, await certs.root({ cn: `MOSIP Portal Test ${domain} Root`, org: 'Portal Test CA' }));
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [user, s] of sessions)
    await shot(s.page, `mosip-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}-${user}`).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
  await server?.close();
});

describe("MOSIP's portal, unchanged, against this service", () => {
  it('signs in the policy administrator, registers the organisation at first login, takes consent', async () => {
    const page = await open('policyadmin', 'dashboard');
    await shot(page, 'mosip-01-first-login-policyadmin');
    await page.locator('#default-checkbox').check();
    await Promise.all([page.waitForEvent('load'), page.locator('#consent_proceed_btn').click()]);
    await check('policyadmin', 'first login');
    await expect.poll(() => page.locator('#welcome_msg').textContent()).toContain('Policy');
    await shot(page, 'mosip-02-dashboard-policyadmin');
  });

  it('the policy administrator creates a policy group, then auth and datashare policies, and publishes them', async () => {
    const page = await open('policyadmin', 'admin/policy-manager/policy-group-list');
    await page.locator('#create_policy_group, #create_policy_group_btn').first().click();
    await page.locator('#policy_group_name').fill(GROUP);
    await page.locator('#policy_group_description').fill('Partners of the MOSIP portal contract test');
    await page.locator('#createPolicy_submit_btn').click();
    await page.locator('#confirmation_go_back_btn').click();
    await expect.poll(() => page.locator('tbody').innerText()).toContain(GROUP);
    await check('policyadmin', 'create policy group');
    await shot(page, 'mosip-03-policy-groups');

    for (const [kind, tab, name, doc] of [
      ['auth', '#policies_auth_policy_tab', AUTH_POLICY, AUTH_DOC],
      ['data-share', '#policies_data_share_policy_tab', DATASHARE_POLICY, DATASHARE_DOC],
    ] as const) {
      await page.locator(tab).click();
      await page.locator('#create_policy, #create_auth_policy_btn').first().click();
      await choose(page, 'policy_group_dropdown', GROUP);
      await page.locator('#policy_name_box').fill(name);
      await page.locator('#policy_description_box').fill(`${kind} policy of the contract test`);
      // The document comes from a file, as the portal offers no other way in.
      await page
        .locator('#fileInput')
        .setInputFiles({ name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc, null, 2)) });
      await expect.poll(() => page.locator('#policy_data_box').inputValue()).toContain('"');
      await page.locator('#create_policy_form_submit_btn').click();
      await page.locator('#confirmation_go_back_btn').click();
      await expect.poll(() => page.locator('tbody').innerText()).toContain(name);
      await check('policyadmin', `create ${kind} policy`);
      await rowAction(page, name, 'Publish');
      await page.locator('#publish_policy_button').click();
      await page
        .locator('#publish_policy_close_button')
        .click()
        .catch(() => undefined);
      await expect.poll(() => rowOf(page, name).innerText()).toContain('Activated');
      await check('policyadmin', `publish ${kind} policy`);
      await shot(page, `mosip-04-${kind}-policies`);
    }
  });

  it('the partner admin registers, consents and uploads root CAs to the trust store for each domain', async () => {
    await firstLogin('partneradmin');
    for (const [domain, root] of roots) {
      const page = await open('partneradmin', 'admin/certificates/root-ca-certificate-list');
      await page.locator('[id="rootCertificateList.uploadRootCaCertificate"], #upload_certificate_btn').first().click();
      await choose(page, 'partnerDomain_selector_dropdown', domain);
      await page.locator('#fileInput').setInputFiles(pemFile(`root-${domain}`, root));
      await page.locator('#upload_trust_certificate_submit_btn').click();
      await page.locator('#confirmation_go_back_btn').click();
      expect(watch('partneradmin').last(/certificate\/ca\/upload$/)?.status).toBe(200);
      await check('partneradmin', `upload ${domain} root`);
    }
    const page = await open('partneradmin', 'admin/certificates/root-ca-certificate-list');
    await expect.poll(() => page.locator('tbody').innerText()).toContain('MOSIP Portal Test AUTH Root');
    await check('partneradmin', 'root CA list');
    await shot(page, 'mosip-05-root-ca-list');
    const stored = await server.store.query<{ n: number }>(
      sql`select count(*)::int as n from ca_cert_store where cert_subject like '%MOSIP Portal Test%'`,
    );
    expect(stored).toEqual([{ n: 3 }]);
  });

  it('the partner admin uploads an intermediate CA, views it, and downloads it and a root CA', async () => {
    const sub = await certs.intermediate(roots.get('AUTH')!, { cn: 'MOSIP Portal Test AUTH Sub CA', org: 'Portal Test CA' });
    const page = await open('partneradmin', 'admin/certificates/intermediate-ca-certificate-list');
    await page.locator('[id="intermediateCertificateList.uploadIntermediateCaCertificate"], #upload_certificate_btn').first().click();
    await choose(page, 'partnerDomain_selector_dropdown', 'AUTH');
    await page.locator('#fileInput').setInputFiles(pemFile('sub-AUTH', sub));
    await page.locator('#upload_trust_certificate_submit_btn').click();
    await page.locator('#confirmation_go_back_btn').click();
    await expect.poll(() => page.locator('tbody').innerText()).toContain('AUTH');
    await check('partneradmin', 'upload intermediate CA');
    const [stored] = await server.store.query<{ issuer: string }>(
      sql`select cert_issuer as issuer from ca_cert_store where cert_subject like '%AUTH Sub CA%'`,
    );
    expect(stored?.issuer).toContain('MOSIP Portal Test AUTH Root');

    // The details page offers the whole chain, as a p7b file.
    await viewFromList(
      'partneradmin',
      'admin/certificates/intermediate-ca-certificate-list',
      'AUTH',
      /view-intermediate-ca-certificate-details/,
    );
    const chain = await download(page, () => page.locator('#certificate_download_btn').click());
    expect(chain.name).toBe('intermediate-certificate.p7b');
    expect(subjectsOf(chain.text)).toEqual(expect.arrayContaining(['MOSIP Portal Test AUTH Sub CA', 'MOSIP Portal Test AUTH Root']));
    await check('partneradmin', 'download intermediate CA');

    // A root from its list's "…" menu.
    await open('partneradmin', 'admin/certificates/root-ca-certificate-list');
    const row = rowOf(page, 'DEVICE');
    await row.locator('td').last().locator('button').first().click();
    const root = await download(page, () => row.locator('#certificate_list_view_btn').click());
    expect(root.name).toBe('root-certificate.p7b');
    expect(subjectsOf(root.text)).toEqual(['MOSIP Portal Test DEVICE Root']);
    await check('partneradmin', 'download root CA');
  });

  it('an auth partner registers with a policy group, consents, uploads its certificate and requests the auth policy', async () => {
    const page = await firstLogin('authpartner1', GROUP);
    const [partner] = await server.store.query<{ name: string; partner_type_code: string; policy_group_id: string | null }>(
      sql`select name, partner_type_code, policy_group_id from partner where id = 'authpartner1'`,
    );
    expect(partner).toMatchObject({ name: 'Secure Bank Ltd', partner_type_code: 'Auth_Partner' });
    expect(partner!.policy_group_id).not.toBeNull();
    await shot(page, 'mosip-06-dashboard-authpartner1');

    await uploadPartnerCertificate('authpartner1', 'AUTH', 'Secure Bank Ltd');
    await shot(page, 'mosip-07-partner-certificates');

    await open('authpartner1', 'policies/request-policy');
    await choose(page, 'request_policy_partner_id', 'authpartner1');
    await choose(page, 'request_policies_policy_name', AUTH_POLICY);
    await page.locator('#request_policy_comment_box').fill('We verify customers at account opening');
    await page.locator('#request_policies_form_submit_btn').click();
    await page.locator('#confirmation_go_back_btn').click();
    await expect.poll(() => page.locator('tbody').innerText()).toContain(AUTH_POLICY);
    await check('authpartner1', 'request policy');
    await shot(page, 'mosip-08-partner-policies');
  });

  it('the partner admin approves the policy request', async () => {
    const page = await open('partneradmin', 'admin/policy-requests-list');
    const row = rowOf(page, 'authpartner1');
    await row.locator('td').last().locator('button').first().click();
    await row.locator('#partner_details_view_btn').first().click();
    await page.locator('#approve_btn').click();
    await expect.poll(() => rowOf(page, 'authpartner1').innerText()).toContain('Approved');
    await check('partneradmin', 'approve policy request');
    await shot(page, 'mosip-09-policy-requests');
    const [req] = await server.store.query<{ status_code: string }>(
      sql`select status_code from partner_policy_request where part_id = 'authpartner1'`,
    );
    expect(req).toEqual({ status_code: 'approved' });
  });

  it('the auth partner creates an OIDC client for the approved policy', async () => {
    const page = await open('authpartner1', 'authentication-services/create-oidc-client');
    await choose(page, 'create_oidc_partner_id', 'authpartner1');
    await choose(page, 'create_oidc_policy_name', AUTH_POLICY);
    await page.locator('#create_oidc_client_name').fill('Secure Bank Web');
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    await page.locator('#create_oidc_public_key').fill(JSON.stringify(jwk));
    await page.locator('#create_oidc_logo_url').fill('https://securebank.example/logo.png');
    await page.locator('#create_oidc_redirect_url1').fill('https://securebank.example/callback');
    await page.locator('#create_oidc_submit_btn').click();
    await page.locator('#copy_id_close_btn, #confirmation_go_back_btn').first().click();
    await check('authpartner1', 'create OIDC client');
    await open('authpartner1', 'authentication-services/oidc-clients-list');
    await expect.poll(() => page.locator('tbody').innerText()).toContain('Secure Bank Web');
    await check('authpartner1', 'OIDC client list');
    await shot(page, 'mosip-10-oidc-clients');
    const [client] = await server.store.query<{ name: string; status: string }>(
      sql`select name, status from oidc_client where rp_id = 'authpartner1'`,
    );
    expect(client?.name).toContain('Secure Bank Web');
  });

  it('the auth partner generates an API key for the approved policy', async () => {
    const page = await open('authpartner1', 'authentication-services/generate-api-key');
    await choose(page, 'generate_partner_id', 'authpartner1');
    await choose(page, 'generate_policy_name', AUTH_POLICY);
    await page.locator('#generate_api_key_name').fill('core-banking');
    await page.locator('#generate_submit_btn').click();
    await expect.poll(() => page.locator('#copy_id_btn').isVisible()).toBe(true);
    await shot(page, 'mosip-11-api-key-shown');
    await page.locator('#copy_id_close_btn').click();
    await check('authpartner1', 'generate API key');
    await open('authpartner1', 'authentication-services/api-keys-list');
    await expect.poll(() => page.locator('tbody').innerText()).toContain('core-banking');
    await check('authpartner1', 'API key list');
  });

  it('a credential partner registers with the group, requests the datashare policy, and the admin rejects it', async () => {
    await firstLogin('credentialpartner1', GROUP);
    await uploadPartnerCertificate('credentialpartner1', 'AUTH', 'CardPrint Services');
    const page = await open('credentialpartner1', 'policies/request-policy');
    await choose(page, 'request_policy_partner_id', 'credentialpartner1');
    await choose(page, 'request_policies_policy_name', DATASHARE_POLICY);
    await page.locator('#request_policy_comment_box').fill('We print ID cards');
    await page.locator('#request_policies_form_submit_btn').click();
    await page.locator('#confirmation_go_back_btn').click();
    await check('credentialpartner1', 'request datashare policy');
    // Credential partners' requests are decided only once biometric extractors are recorded
    // (MOSIP refuses even a rejection without them, PMS_PM_051); MOSIP's portal has no screen
    // for them, so the partner records them through the API with its own session.
    const [policy] = await server.store.query<{ id: string }>(sql`select id from auth_policy where name = ${DATASHARE_POLICY}`);
    const added = await page
      .context()
      .request.post(`${portal.url}/v1/partnermanager/partners/credentialpartner1/bioextractors/${policy!.id}`, {
        data: {
          id: '',
          version: '1.0',
          requesttime: new Date().toISOString(),
          request: { extractors: [{ attributeName: 'photo', biometric: 'face', extractor: { provider: 'mock', version: '1.1' } }] },
        },
      });
    expect(((await added.json()) as { errors: unknown[] }).errors).toEqual([]);

    const admin = await open('partneradmin', 'admin/policy-requests-list');
    const row = () => rowOf(admin, 'credentialpartner1');
    await row().locator('td').last().locator('button').first().click();
    await row().locator('#partner_details_view_btn').first().click();
    await admin.locator('#reject_btn').click();
    await expect.poll(() => row().innerText()).toContain('Rejected');
    await check('partneradmin', 'reject policy request');
    const [req] = await server.store.query<{ status_code: string }>(
      sql`select status_code from partner_policy_request where part_id = 'credentialpartner1'`,
    );
    expect(req).toEqual({ status_code: 'rejected' });
  });

  it('a device provider registers, adds an SBI the admin approves, then a device the admin approves', async () => {
    await firstLogin('deviceprovider1');
    await uploadPartnerCertificate('deviceprovider1', 'DEVICE', 'Biometrix Devices Inc');
    const page = await open('deviceprovider1', 'device-provider-services/add-sbi');
    await choose(page, 'add_sbi_partner_id', 'deviceprovider1');
    await page.locator('#add_sbi_software_version_input').fill('1.0.7');
    await page.locator('#binary_hash_input').fill('b1n4ryh4sh0f7h3sb1');
    const today = new Date();
    await page.locator('#sbi_created_date_calender').fill(mmddyyyy(new Date(today.getTime() - 86_400_000)));
    await page.keyboard.press('Escape');
    await page.locator('#sbi_expiry_date_calender').fill(mmddyyyy(new Date(today.getTime() + 365 * 86_400_000)));
    await page.keyboard.press('Escape');
    await page.locator('#add_sbi_submit_btn').click();
    await page.waitForURL(/sbi-list/);
    await check('deviceprovider1', 'add SBI');
    await shot(page, 'mosip-12-sbi-list');

    await approveInList('partneradmin', 'admin/device-provider-services/sbi-list', '1.0.7', 'ftm_list_approve_reject_option');

    await open('deviceprovider1', 'device-provider-services/sbi-list');
    await page.locator('#sbi_list_add_Devices1').click();
    await choose(page, 'add_device_device_type', 'Finger');
    await choose(page, 'add_device_device_sub_type', 'Slap');
    await page.locator('#add_device_make_input').fill('Biometrix');
    await page.locator('#add_device_model_input').fill('SlapScan 4');
    await page.locator('#add_device_submit_btn').click();
    await expect.poll(() => watch('deviceprovider1').last(/securebiometricinterface\/[^/]+\/devices$/, 'POST')?.status).toBe(200);
    await check('deviceprovider1', 'add device');
    await shot(page, 'mosip-13-add-device');

    await approveInList('partneradmin', 'admin/device-provider-services/devices-list', 'SlapScan 4', 'device_list_approve_reject_option');
    const [device] = await server.store.query<{ approval_status: string; is_active: boolean }>(
      sql`select approval_status, is_active from device_detail where model = 'SlapScan 4'`,
    );
    expect(device).toEqual({ approval_status: 'approved', is_active: true });
  });

  it('an FTM provider registers, adds a chip with its certificate, and the admin approves it', async () => {
    await firstLogin('ftmprovider1');
    await uploadPartnerCertificate('ftmprovider1', 'FTM', 'ChipSafe Security');
    const page = await open('ftmprovider1', 'ftm-chip-provider-services/add-ftm');
    await choose(page, 'add_ftm_partner_id', 'ftmprovider1');
    await page.locator('#add_ftm_make').fill('ChipSafe');
    await page.locator('#add_ftm_model').fill('SecureElement 9');
    await page.locator('#add_ftm_submit_btn').click();
    await page.locator('#confirmation_custom_btn').click();
    const chipCert = await certs.leaf(roots.get('FTM')!, { org: 'ChipSafe Security', cn: 'SecureElement 9', key: { type: 'rsa' } });
    await page.locator('#fileInput').setInputFiles(pemFile('chip', chipCert));
    await page.locator('#certificate_upload_submit_btn').click();
    await page.locator('#certificate_upload_close_btn').click();
    await check('ftmprovider1', 'add FTM chip and its certificate');
    await open('ftmprovider1', 'ftm-chip-provider-services/ftm-list');
    await expect.poll(() => page.locator('tbody').innerText()).toContain('SecureElement 9');
    await check('ftmprovider1', 'FTM list');
    await shot(page, 'mosip-14-ftm-list');

    await approveInList('partneradmin', 'admin/ftm-chip-provider-services/ftm-list', 'SecureElement 9', 'ftm_list_approve_reject_option');
    const [chip] = await server.store.query<{ approval_status: string; is_active: boolean }>(
      sql`select approval_status, is_active from ftp_chip_detail where model = 'SecureElement 9'`,
    );
    expect(chip).toEqual({ approval_status: 'approved', is_active: true });
  });

  it('a partner whose account speaks Arabic gets the portal in Arabic, right to left, from first login on', async () => {
    // An operator sets a user's language on the account (Keycloak's `locale`); the token carries it.
    await server.store.query(sql`update idp_account set locale = 'ara' where username = 'mispartner1'`);
    const page = await firstLogin('mispartner1');
    await expect.poll(() => page.locator('#welcome_msg').innerText()).toContain('مرحباً');
    expect(await page.evaluate('document.body.dir')).toBe('rtl');
    await shot(page, 'mosip-18-dashboard-arabic');
    for (const route of ['certificates/partner-certificate', 'user-profile']) {
      await open('mispartner1', route);
      await check('mispartner1', `${route} in Arabic`);
      expect(await page.evaluate('document.body.dir')).toBe('rtl');
    }
    await shot(page, 'mosip-19-profile-arabic');
  });

  it('the policy administrator clones a policy into another group, deactivates a policy and a group, and is told why a group in use cannot be deactivated', async () => {
    const page = await open('policyadmin', 'admin/policy-manager/policy-group-list');
    await createGroup(page, 'mosip-portal-group-2');
    await check('policyadmin', 'second group');

    await page.locator('#policies_auth_policy_tab').click();
    await rowAction(page, AUTH_POLICY, 'Clone');
    await choose(page, 'clone_policy_group_dropdown', 'mosip-portal-group-2');
    await page.locator('#clone_policy_button').click();
    await page.locator('#clone_policy_close_button').click();
    await expect.poll(() => rowOf(page, 'mosip-portal-group-2').innerText()).toContain('Draft');
    await check('policyadmin', 'clone policy');
    const clones = await server.store.query<{ is_active: boolean }>(
      sql`select p.is_active from auth_policy p join policy_group g on g.id = p.policy_group_id where p.name = ${AUTH_POLICY} and g.name = 'mosip-portal-group-2'`,
    );
    expect(clones).toEqual([{ is_active: false }]);

    // The clone is a draft: its description and document can still change.
    const clone = rowOf(page, 'mosip-portal-group-2');
    await clone.locator('td').last().locator('button').first().click();
    await clone.getByText('Edit', { exact: true }).click();
    await page.waitForURL(/edit-auth-policy/);
    await expect.poll(() => page.locator('#policy_data_box').inputValue()).toContain('allowedKycAttributes');
    await page.locator('#policy_description_box').fill('Cloned and edited before publishing');
    const edited = { ...AUTH_DOC, allowedKycAttributes: [...AUTH_DOC.allowedKycAttributes, { attributeName: 'email' }] };
    await page.locator('#policy_data_box').fill(JSON.stringify(edited, null, 2));
    await page.locator('#edit_policy_form_submit_btn').click();
    await expect.poll(() => watch('policyadmin').last(/\/policies\/[^/]+$/, 'PUT')?.status).toBe(200);
    await check('policyadmin', 'edit draft policy');
    const [stored] = await server.store.query<{ descr: string; policy: string }>(
      sql`select p.descr, p.policy_file_id as policy from auth_policy p join policy_group g on g.id = p.policy_group_id where p.name = ${AUTH_POLICY} and g.name = 'mosip-portal-group-2'`,
    );
    expect(stored?.descr).toBe('Cloned and edited before publishing');
    expect(JSON.parse(stored!.policy).allowedKycAttributes).toContainEqual({ attributeName: 'email' });
    await page.goto(`${portal.url}${ROUTE}/admin/policy-manager/auth-policies-list`);
    await settle(page);

    await page.locator('#policies_data_share_policy_tab').click();
    await rowAction(page, DATASHARE_POLICY, 'Deactivate');
    await page.locator('#deactivate_policy_group__confirm_btn').click();
    await expect.poll(() => rowOf(page, DATASHARE_POLICY).innerText()).toContain('Deactivated');
    await check('policyadmin', 'deactivate datashare policy');

    // A group with an active policy cannot go: the server's refusal is what the portal explains.
    await page.locator('#policies_policy_group_tab').click();
    watch('policyadmin').expect('PMS_POL_056', 'PMS_POL_069', 'PMS_POL_070');
    watch('policyadmin').expectConsole(/^Error: .*polic/i);
    await rowAction(page, GROUP, 'Deactivate');
    await page.locator('#deactivate_policy_group__confirm_btn').click();
    await page.locator('#alert_error_popup_okay_btn').click();
    const refused = watch('policyadmin').last(/\/policies\/group\/[^/]+$/, 'PATCH');
    expect((refused?.body as { errors: Array<{ errorCode: string }> }).errors[0]?.errorCode).toMatch(/^PMS_POL_0(56|69|70)$/);
    await check('policyadmin', 'group in use stays');
    watch('policyadmin').clearExpected();

    await createGroup(page, 'mosip-portal-empty-group');
    await rowAction(page, 'mosip-portal-empty-group', 'Deactivate');
    await page.locator('#deactivate_policy_group__confirm_btn').click();
    await expect.poll(() => rowOf(page, 'mosip-portal-empty-group').innerText()).toContain('Deactivated');
    await check('policyadmin', 'deactivate empty group');
    await shot(page, 'mosip-15-policy-groups-after');
  });

  it("the policy manager's detail screens open for groups and policies", async () => {
    await viewFromList('policyadmin', 'admin/policy-manager/policy-group-list', GROUP, /view-policy-group-details/);
    await viewFromList('policyadmin', 'admin/policy-manager/auth-policies-list', AUTH_POLICY, /view-auth-policy/);
    await viewFromList('policyadmin', 'admin/policy-manager/data-share-policies-list', DATASHARE_POLICY, /view-data-share-policy/);
  });

  it("the partner admin's lists and detail screens open for everything the partners made", async () => {
    const views: Array<[string, string, RegExp]> = [
      ['admin/partners-list', 'authpartner1', /view-partner-details/],
      ['admin/policy-requests-list', 'authpartner1', /view-policy-request/],
      ['admin/authentication-services/oidc-clients-list', 'Secure Bank Web', /view-oidc-client-details/],
      ['admin/authentication-services/api-keys-list', 'core-banking', /view-api-key-details/],
      ['admin/device-provider-services/sbi-list', '1.0.7', /view-sbi-details/],
      ['admin/device-provider-services/devices-list', 'SlapScan 4', /view-device-details/],
      ['admin/ftm-chip-provider-services/ftm-list', 'SecureElement 9', /view-ftm-chip-details/],
      ['admin/certificates/root-ca-certificate-list', 'AUTH', /view-root-ca-certificate-details/],
    ];
    for (const [route, text, detail] of views) await viewFromList('partneradmin', route, text, detail);
    await viewFromList(
      'partneradmin',
      'admin/certificates/intermediate-ca-certificate-list',
      'AUTH',
      /view-intermediate-ca-certificate-details/,
    );

    // An SBI's devices, from the count in its row.
    const sbis = await open('partneradmin', 'admin/device-provider-services/sbi-list');
    await rowOf(sbis, '1.0.7').locator('button:has(p)').first().click();
    await sbis.waitForURL(/linked-devices-list/);
    await expect.poll(() => sbis.locator('tbody').innerText()).toContain('SlapScan 4');
    await check('partneradmin', 'devices linked to an SBI');

    await open('partneradmin', 'dashboard');
    await check('partneradmin', 'dashboard');
  });

  it('the partner admin filters, sorts and pages the partners list; the server answers what was asked', async () => {
    const page = await open('partneradmin', 'admin/partners-list');
    const lastList = () => watch('partneradmin').last(/\/admin-partners$/, 'GET');
    const ids = async () => (await page.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim());

    await page.locator('#filter_btn').click();
    await choose(page, 'partner_type_filter', 'Device');
    await page.locator('#apply_filter__btn').click();
    await expect.poll(async () => ids()).toEqual(['deviceprovider1']);
    expect(lastList()?.query.get('partnerType')).toBe('Device_Provider');
    await check('partneradmin', 'filter partners by type');
    await shot(page, 'mosip-17-partners-filtered');

    await page.locator('#filter_reset_btn').click();
    await expect.poll(async () => (await ids()).length).toBeGreaterThan(3);
    await page.locator('#partnerId_desc_icon').click();
    await expect.poll(() => lastList()?.query.get('sortFieldName')).toBe('partnerId');
    expect(lastList()?.query.get('sortType')).toBe('desc');
    const descending = (shown: string[]) => shown.length > 1 && shown.join() === [...shown].sort().reverse().join();
    await expect.poll(async () => descending(await ids())).toBe(true);
    await check('partneradmin', 'sort partners');

    await page.locator('#pagination_select_record_per_page').click();
    await page.locator('#pagination_each_num_option2').click();
    await expect.poll(() => lastList()?.query.get('pageSize')).toBe('16');
    const answer = lastList()?.body as { response: { pageSize: number; totalResults: number; data: unknown[] } };
    expect(answer.response.pageSize).toBe(16);
    expect(answer.response.data).toHaveLength(Math.min(16, answer.response.totalResults));
    await check('partneradmin', 'page size');
  });

  it("the partners' lists and detail screens open", async () => {
    await viewFromList('authpartner1', 'policies/policies-list', AUTH_POLICY, /view-policy-details/);
    await viewFromList('authpartner1', 'authentication-services/oidc-clients-list', 'Secure Bank Web', /view-oidc-client-details/);
    await viewFromList('authpartner1', 'authentication-services/api-keys-list', 'core-banking', /view-api-key-details/);
    await viewFromList('ftmprovider1', 'ftm-chip-provider-services/ftm-list', 'SecureElement 9', /view-ftm-chip-details/);
    for (const user of ['authpartner1', 'deviceprovider1', 'ftmprovider1']) {
      await open(user, 'user-profile');
      await check(user, 'user profile');
      await open(user, 'certificates/partner-certificate');
      await check(user, 'partner certificates');
    }
    const page = await open('deviceprovider1', 'device-provider-services/sbi-list');
    await page.locator('#sbi_list_view_Devices1').click();
    await page.waitForURL(/devices-list/);
    await expect.poll(() => page.locator('tbody').innerText()).toContain('SlapScan 4');
    await check('deviceprovider1', 'devices of the SBI');
    await viewFromList('deviceprovider1', 'device-provider-services/devices-list', 'SlapScan 4', /view-device-details/);
  });

  it('partners download their certificate as uploaded and as MOSIP signed it, and an FTM chip its certificate', async () => {
    const page = await open('authpartner1', 'certificates/partner-certificate');
    const uploaded = leaves.get('authpartner1')!;
    await page.locator('#download_btn1').click();
    const original = await download(page, () => page.locator('#original_certificate_download_btn1').click());
    expect(original.name).toBe('ca_signed_partner_certificate.cer');
    expect(parseCertificates(original.text)[0]?.serialNumber).toBe(uploaded.cert.serialNumber);
    // The menu may still be open after the first choice; the button toggles it.
    const mosipSigned = page.locator('#mosip_signed_certificate_download_btn1');
    if (!(await mosipSigned.isVisible())) await page.locator('#download_btn1').click();
    const signed = await download(page, () => mosipSigned.click());
    expect(signed.name).toBe('mosip_signed_certificate.cer');
    const [resigned] = parseCertificates(signed.text);
    // Same subject and key, issued by MOSIP's partner CA rather than the partner's own CA.
    expect(resigned?.subject).toBe(uploaded.cert.subject);
    expect(resigned?.issuer).not.toBe(uploaded.cert.issuer);
    await check('authpartner1', 'download partner certificates');

    const ftm = await viewFromList('ftmprovider1', 'ftm-chip-provider-services/ftm-list', 'SecureElement 9', /view-ftm-chip-details/);
    const chip = await download(ftm, () => ftm.locator('#download_btn:enabled').first().click());
    expect(subjectsOf(chip.text)[0]).toBe('SecureElement 9');
    await check('ftmprovider1', 'download FTM chip certificate');
  });

  it('partners edit and deactivate what they made; the admin deactivates a partner', async () => {
    const page = await open('authpartner1', 'authentication-services/oidc-clients-list');
    const row = rowOf(page, 'Secure Bank Web');
    await row.locator('td').last().locator('button').first().click();
    await row.locator('#oidc_edit_btn').click();
    await page.waitForURL(/edit-oidc-client/);
    await page.locator('#oidc_edit_enter_client_name_input').fill('Secure Bank Web App');
    await page.locator('#oidc_edit_submit_btn').click();
    await page.locator('#confirmation_go_back_btn').click();
    await expect.poll(() => page.locator('tbody').innerText()).toContain('Secure Bank Web App');
    await check('authpartner1', 'edit OIDC client');
    await deactivateInList('authpartner1', page, 'Secure Bank Web App', 'oidc_deactive_btn');
    const [client] = await server.store.query<{ status: string }>(sql`select status from oidc_client where rp_id = 'authpartner1'`);
    expect(client).toEqual({ status: 'INACTIVE' });

    await open('authpartner1', 'authentication-services/api-keys-list');
    await deactivateInList('authpartner1', page, 'core-banking', 'api_key_deactivate');

    const device = await open('deviceprovider1', 'device-provider-services/sbi-list');
    await device.locator('#sbi_list_view_Devices1').click();
    await device.waitForURL(/devices-list/);
    await deactivateInList('deviceprovider1', device, 'SlapScan 4', 'device_list_deactivate_device');
    await open('deviceprovider1', 'device-provider-services/sbi-list');
    await device.locator('#sbi_list_hamburger1').click();
    await device.locator('#sbi_list_deactivate').click();
    await device.locator('#deactivate_submit_btn').click();
    await expect.poll(() => device.locator('#root').innerText()).toContain('Deactivated');
    await check('deviceprovider1', 'deactivate SBI');
    const [sbi] = await server.store.query<{ is_active: boolean }>(
      sql`select is_active from secure_biometric_interface where sw_version = '1.0.7'`,
    );
    expect(sbi).toEqual({ is_active: false });

    const ftm = await open('ftmprovider1', 'ftm-chip-provider-services/ftm-list');
    await deactivateInList('ftmprovider1', ftm, 'SecureElement 9', 'ftm_list_deactivate');

    const admin = await open('partneradmin', 'admin/partners-list');
    await deactivateInList('partneradmin', admin, 'ftmprovider1', 'partner_deactive_btn');
    const [partner] = await server.store.query<{ is_active: boolean }>(sql`select is_active from partner where id = 'ftmprovider1'`);
    expect(partner).toEqual({ is_active: false });
    await shot(admin, 'mosip-16-partners-after');
  });

  it('signs out: the session ends here and at the identity provider, and the next visit asks for the password', async () => {
    const page = await open('authpartner1', 'dashboard');
    await page.locator('#header_user_profile_icon_btn').click();
    await page.locator('#header_user_profile_logout_btn').click();
    // The portal sends id_token_hint, so the embedded provider's confirmation page submits itself.
    await page.locator('#username').waitFor();
    const cookies = await page.context().cookies(portal.url);
    expect(cookies.find((c) => c.name === 'Authorization')).toBeUndefined();
    expect(await watch('authpartner1').take()).toEqual([]);
  });
});
