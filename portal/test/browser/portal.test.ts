import { generateKeyPairSync } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certs, type TestCert } from '../../../server/test/support/certs.js';
import { sql } from '../../../server/src/platform/db/sql.js';
import { dialog, heading, launchBrowser, login, nav, newSession, row, shot, Users } from '../support/browser.js';
import { startPortalServer, type EmbeddedTestServer } from '../support/server.js';

/**
 * The portal in Debian's Chromium against the real server (embedded store and identity
 * provider, every module, the production build under /pmp/). The steps build on each other,
 * as the scenarios do: a group and a policy, a CA, a partner that registers and asks
 * for the policy, the admin's approval, then the partner's OIDC client and API key.
 */

let server: EmbeddedTestServer;
let browser: Browser;

const GROUP = 'portal-auth-group';
const POLICY = 'portal-auth-policy';
const ORG = 'Portal Test Org';
const PARTNER_ID = 'portal-auth-1';
let root: TestCert;

const users = new Users(
  () => browser,
  () => server.url,
);
const as = (user: string) => users.as(user);
const go = (page: Page, path: string) => users.go(page, path);

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  root = await certs.root({ cn: 'Portal Test Root CA', org: 'Portal CA' });
});
// A failed step leaves a picture of every open session for the artefacts.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await users.shootAll(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('portal in a real browser', () => {
  it('every seeded role signs in and sees the navigation of its role', async () => {
    const expected: Record<string, string[]> = {
      partneradmin: [
        'Dashboard',
        'Partners',
        'Policy requests',
        'Trust store',
        'OIDC clients',
        'API keys',
        'SBIs',
        'Devices',
        'FTM chips',
        'MISP licenses',
        'Expiring',
      ],
      policymanager: ['Dashboard', 'Policy groups', 'Auth policies', 'Datashare policies'],
    };
    for (const [user, items] of Object.entries(expected)) {
      const page = await as(user);
      await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(user);
      const links = await nav(page).getByRole('link').allTextContents();
      expect(links.map((l) => l.trim())).toEqual(items);
      await page.waitForLoadState('networkidle');
      await shot(page, `01-dashboard-${user}`);
    }
    // Partner users meet the first-login onboarding before anything else.
    for (const user of ['authpartner1', 'deviceprovider1', 'ftmprovider1', 'credentialpartner1', 'mispartner1']) {
      const page = await as(user);
      await expect.poll(() => page.url()).toContain('/pmp/onboarding');
      expect(await heading(page).textContent()).toBe('Welcome to the Partner Management Portal');
      if (user === 'authpartner1') await shot(page, '02-onboarding');
    }
  });

  it('the policy manager creates a group, warns about unsaved changes, and creates, validates and publishes an auth policy', async () => {
    const page = await as('policymanager');
    await go(page, '/policy-groups');
    await page.getByRole('link', { name: 'Create policy group' }).click();
    await page.getByRole('button', { name: 'Create policy group' }).click();
    await expect.poll(() => page.getByText('This field is required.').count()).toBe(2);
    await page.getByLabel('Name').fill(GROUP);
    await page.getByLabel('Description').fill('Auth policies for the portal test partners');
    await page.getByRole('button', { name: 'Create policy group' }).click();
    await expect.poll(() => heading(page).textContent()).toBe(GROUP);
    await expect.poll(() => page.getByText('This group has no policies yet.').isVisible()).toBe(true);
    const stored = await server.store.query<{ name: string; is_active: boolean }>(
      sql`select name, is_active from policy_group where name = ${GROUP}`,
    );
    expect(stored).toEqual([{ name: GROUP, is_active: true }]);

    // Leaving a changed form asks first; staying keeps the text.
    await go(page, '/policy-groups/new');
    await page.getByLabel('Name').fill('unsaved-group');
    await nav(page).getByRole('link', { name: 'Auth policies' }).click();
    await expect.poll(() => dialog(page).getByRole('heading').textContent()).toBe('Leave without saving?');
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByLabel('Name').inputValue()).toBe('unsaved-group');
    await nav(page).getByRole('link', { name: 'Auth policies' }).click();
    await dialog(page).getByRole('button', { name: 'Leave page' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Auth policies');

    await page.getByRole('link', { name: 'Create policy' }).click();
    await page.getByRole('combobox', { name: 'Policy group' }).selectOption(GROUP);
    await page.getByLabel('Name').fill(POLICY);
    await page.getByLabel('Description').fill('OTP and demographic authentication with basic KYC');
    const editor = page.getByLabel('Policy document (JSON)');
    const valid = await editor.inputValue();
    // Broken JSON is caught in the browser and the line is marked.
    await editor.fill('{\n  "authTokenType": "policy",\n  "allowedAuthTypes": [\n}');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => page.getByText(/This is not valid JSON/).count()).toBe(1);
    // A document the server's policy schema refuses: what to do, the path and the code appear
    // under the editor.
    await editor.fill(valid.replace('"authTokenType": "policy"', '"authTokenType": "Policy"'));
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('The policy document has a value that is not allowed at authTokenType. Correct it and save again. (PMS_PV_005)');
    await expect.poll(() => page.getByText('See line 2.').count()).toBe(1);
    await shot(page, '03-policy-validation-error');
    await editor.fill(valid);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => heading(page).textContent()).toBe(POLICY);
    expect(await page.locator('.card-header .badge').first().textContent()).toBe('Draft');

    await page.getByRole('button', { name: 'Publish' }).click();
    expect(await dialog(page).textContent()).toContain(`partners of group ${GROUP} can request it`);
    await dialog(page).getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('.card-header .badge').first().textContent()).toBe('Active');
    await shot(page, '04-policy-published');
    const [p] = await server.store.query<{ is_active: boolean; policy_type: string }>(
      sql`select is_active, policy_type from auth_policy where name = ${POLICY}`,
    );
    expect(p).toEqual({ is_active: true, policy_type: 'Auth' });

    // The list is paged and sorted on the server: sorting by name puts the new policy first.
    await go(page, '/policies/auth');
    await page.locator('thead').getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain(POLICY);
    expect(page.url()).toContain('sort=policyName');
    await shot(page, '05-auth-policies');
  });

  it('the partner admin adds a root CA to the trust store and views its thumbprint', async () => {
    const page = await as('partneradmin');
    await go(page, '/admin/trust-store');
    await expect.poll(() => page.getByText("The trust store is empty. Upload a CA's root certificate first.").isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Upload CA certificate' }).click();
    await dialog(page).getByLabel('Domain').selectOption('AUTH');
    await dialog(page).getByLabel('Certificate (PEM)').fill(root.pem);
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Portal Test Root CA');
    await page
      .getByRole('button', { name: /^View / })
      .first()
      .click();
    expect(await dialog(page).textContent()).toContain('Thumbprint');
    await shot(page, '06-trust-store');
    await dialog(page).getByRole('button', { name: 'Close' }).click();
  });

  it('a new auth partner registers with a policy group, accepts the terms, uploads its certificate and requests the policy', async () => {
    const page = await as('authpartner1');
    await go(page, '/');
    await expect.poll(() => page.url()).toContain('/pmp/onboarding');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('This field is required.').count()).toBeGreaterThanOrEqual(4);
    await page.getByLabel('Partner ID').fill('has a space');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('Spaces are not allowed.').count()).toBe(1);
    await shot(page, '07-onboarding-errors');
    await page.getByLabel('Partner ID').fill(PARTNER_ID);
    await page.getByLabel('Organisation').fill(ORG);
    await page.getByLabel('Phone number').fill('+15550100');
    await page.getByLabel('Address').fill('1 Portal Street, Test City');
    await page.getByRole('combobox', { name: 'Policy group' }).selectOption(GROUP);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Welcome, authpartner1');
    await expect.poll(() => page.getByText(`Partner ${PARTNER_ID} needs its certificate first.`).isVisible()).toBe(true);
    const [partner] = await server.store.query<{ partner_type_code: string; user_id: string; name: string }>(
      sql`select partner_type_code, user_id, name from partner where id = ${PARTNER_ID}`,
    );
    expect(partner).toEqual({ partner_type_code: 'Auth_Partner', user_id: 'authpartner1', name: ORG });

    await nav(page).getByRole('link', { name: 'Certificates' }).click();
    await page.getByRole('button', { name: 'Upload' }).click();
    const leaf = await certs.leaf(root, { org: ORG, cn: 'portal-auth-1.example.org', key: { type: 'rsa' } });
    await dialog(page).getByLabel('Certificate (PEM)').fill(leaf.pem);
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Uploaded');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Download the signed certificate of ${PARTNER_ID}` }).click();
    expect((await download).suggestedFilename()).toBe(`${PARTNER_ID}-signed.pem`);
    await shot(page, '08-partner-certificates');

    await nav(page).getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('button', { name: 'Request a policy' }).first().click();
    // The only partner that may ask is chosen already.
    await expect.poll(() => dialog(page).getByLabel('Partner ID').inputValue()).toBe(PARTNER_ID);
    await dialog(page).getByRole('button', { name: 'Submit request' }).click();
    await expect.poll(() => dialog(page).getByText('This field is required.').count()).toBe(2);
    await dialog(page).getByLabel('Partner ID').selectOption(PARTNER_ID);
    await dialog(page).getByLabel('Policy').selectOption(POLICY);
    const comment = dialog(page).getByLabel('Comment');
    expect(await comment.getAttribute('maxlength')).toBe('500');
    await comment.fill('We verify customers at account opening with OTP.');
    await dialog(page).getByRole('button', { name: 'Submit request' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Pending');
    await shot(page, '09-policy-requests-partner');
  });

  it('the partner admin sees the pending request on the dashboard and approves it with a comment the partner reads', async () => {
    const admin = await as('partneradmin');
    await go(admin, '/');
    const card = admin.getByRole('link', { name: /Policy requests to review/ });
    await expect.poll(() => card.textContent()).toContain('1');
    await card.click();
    await admin.getByRole('button', { name: `Open the request for ${POLICY} by ${PARTNER_ID}` }).click();
    await dialog(admin).getByLabel("Administrator's comment").fill('Approved for the OTP pilot.');
    await shot(admin, '10-review-request');
    await dialog(admin).getByRole('button', { name: 'Approve' }).click();
    // The list was filtered to pending requests: the decided one leaves it.
    await expect.poll(() => admin.getByText('Nothing matches these filters.').isVisible()).toBe(true);
    await go(admin, '/admin/policy-requests');
    await expect.poll(() => admin.locator('tbody tr').first().textContent()).toContain('Approved');
    const [decided] = await server.store.query<{ status_code: string; admin_comment: string }>(
      sql`select status_code, admin_comment from partner_policy_request where part_id = ${PARTNER_ID}`,
    );
    expect(decided).toEqual({ status_code: 'approved', admin_comment: 'Approved for the OTP pilot.' });

    const partner = await as('authpartner1');
    await go(partner, '/policy-requests');
    await partner.getByRole('button', { name: `Open the request for ${POLICY} by ${PARTNER_ID}` }).click();
    await expect.poll(() => dialog(partner).getByTestId('admin-comment').textContent()).toBe('Approved for the OTP pilot.');
    await dialog(partner).getByRole('button', { name: 'Close' }).click();
  });

  it('the partner creates an OIDC client with a real JWK after the form refuses a bad key, logo and redirect URI; edits a redirect URI and deactivates it', async () => {
    const page = await as('authpartner1');
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const privateJwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    await go(page, '/oidc-clients');
    await expect.poll(() => page.getByText('No OIDC clients yet.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Create OIDC client' }).first().click();
    // The only eligible partner and its only approved policy are chosen already (the combobox,
    // not the list's filter of the same name, which shows until the page changes).
    await expect.poll(() => page.getByRole('combobox', { name: 'Partner ID' }).inputValue()).toBe(PARTNER_ID);
    await expect.poll(async () => (await page.getByLabel('Approved policy').locator('option:checked').textContent())?.trim()).toBe(POLICY);
    await page.getByLabel('Client name').fill('Portal Bank');
    await page.getByLabel('Logo URI').fill('ftp://example.org/logo.png');
    await page.getByLabel('Redirect URI 1', { exact: true }).fill('http://bank.example.org/callback');
    await page.getByLabel('Public key (JWK)').fill(JSON.stringify(privateJwk));
    await page.getByRole('button', { name: 'Create OIDC client' }).click();
    await expect.poll(() => page.getByText('This is a private key. Paste only the public part.').count()).toBe(1);
    expect(await page.getByText('The logo URI is not valid: must be a valid URL.').count()).toBe(1);
    expect(await page.getByText('This redirect URI is not valid: http is allowed only for loopback hosts; use https.').count()).toBe(1);
    await shot(page, '11-oidc-client-errors');

    // A key the browser cannot judge (not an RSA modulus) is refused by the server, next to the field.
    await page.getByLabel('Logo URI').fill('https://bank.example.org/logo.png');
    await page.getByLabel('Redirect URI 1', { exact: true }).fill('https://bank.example.org/callback');
    await page.getByRole('button', { name: 'Add redirect URI' }).click();
    await page.getByLabel('Redirect URI 2', { exact: true }).fill('https://bank.example.org/second');
    await page.getByLabel('Public key (JWK)').fill(JSON.stringify({ kty: 'RSA', e: 'AQAB', n: 'AQAB' }));
    await page.getByRole('button', { name: 'Create OIDC client' }).click();
    const keyField = page.locator('.field', { has: page.getByLabel('Public key (JWK)') });
    await expect.poll(() => keyField.getByRole('alert').count()).toBe(1);
    expect(await server.store.query(sql`select id from oidc_client`)).toEqual([]);

    await page.getByLabel('Public key (JWK)').fill(JSON.stringify(jwk, null, 2));
    await page.getByRole('button', { name: 'Create OIDC client' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Portal Bank');
    const clientId = (await page.getByTestId('client-id').textContent()) ?? '';
    expect(clientId).toMatch(/^[\w-]{20,}$/);
    const [row] = await server.store.query<{ id: string; status: string }>(sql`select id, status from oidc_client`);
    expect(row).toEqual({ id: clientId, status: 'ACTIVE' });
    await shot(page, '12-oidc-client-view');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Redirect URI 2', { exact: true }).fill('https://bank.example.org/changed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByTestId('redirect-uris').textContent()).toContain('https://bank.example.org/changed');
    expect(await page.getByTestId('redirect-uris').textContent()).not.toContain('/second');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    expect(await dialog(page).textContent()).toContain('cannot be activated again');
    await dialog(page).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => page.locator('.card-header .badge').first().textContent()).toBe('Inactive');
    expect((await server.store.query<{ status: string }>(sql`select status from oidc_client`))[0]?.status).toBe('INACTIVE');
  });

  it('the partner generates an API key, sees it once with a warning, and deactivates it', async () => {
    const page = await as('authpartner1');
    await nav(page).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Generate API key' }).first().click();
    await dialog(page).getByLabel('Partner ID').selectOption(PARTNER_ID);
    await dialog(page).getByLabel('Policy').selectOption(POLICY);
    await dialog(page).getByLabel('Label').fill('portal-key');
    await dialog(page).getByRole('button', { name: 'Generate API key' }).click();
    const value = dialog(page).getByTestId('api-key-value');
    await expect.poll(() => value.inputValue()).toMatch(/^\S{20,}$/);
    const key = await value.inputValue();
    expect(await dialog(page).textContent()).toContain('it is shown only once');
    await shot(page, '13-api-key-once');
    await dialog(page).getByRole('button', { name: 'I have saved the key' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('portal-key');
    await page.reload();
    await page.waitForSelector('tbody tr');
    expect(await page.content()).not.toContain(key);

    await page.getByRole('button', { name: 'Deactivate API key portal-key' }).click();
    expect(await dialog(page).textContent()).toContain('will be refused from now on');
    await dialog(page).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Deactivated');
  });

  it('a device provider registers, adds an SBI the admin approves, then a device the admin approves', async () => {
    const admin = await as('partneradmin');
    const deviceRoot = await certs.root({ cn: 'Portal Device Root CA', org: 'Portal Device CA' });
    await go(admin, '/admin/trust-store');
    await admin.getByRole('button', { name: 'Upload CA certificate' }).click();
    await dialog(admin).getByLabel('Domain').selectOption('DEVICE');
    await dialog(admin).getByLabel('Certificate (PEM)').fill(deviceRoot.pem);
    await dialog(admin).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => admin.locator('tbody').textContent()).toContain('Portal Device Root CA');

    const page = await as('deviceprovider1');
    await go(page, '/onboarding');
    await page.getByLabel('Partner ID').fill('portal-device-1');
    await page.getByLabel('Organisation').fill('Portal Devices Ltd');
    await page.getByLabel('Phone number').fill('+15550101');
    await page.getByLabel('Address').fill('2 Sensor Road');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await nav(page).getByRole('link', { name: 'Certificates' }).click();
    await page.getByRole('button', { name: 'Upload' }).click();
    expect(await dialog(page).getByTestId('cert-domain').textContent()).toBe('DEVICE');
    const leaf = await certs.leaf(deviceRoot, { org: 'Portal Devices Ltd', cn: 'portal-device-1' });
    await dialog(page).getByLabel('Certificate (PEM)').fill(leaf.pem);
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Uploaded');

    await nav(page).getByRole('link', { name: 'SBIs' }).click();
    await page.getByRole('button', { name: 'Add SBI' }).first().click();
    await dialog(page).getByRole('button', { name: 'Add SBI' }).click();
    await expect.poll(() => dialog(page).getByText('This field is required.').count()).toBe(4);
    await dialog(page).getByLabel('Partner ID').selectOption('portal-device-1');
    await dialog(page).getByLabel('SBI version').fill('1.0.9');
    await dialog(page).getByLabel('Binary hash').fill('k6Q1zTW2cuBT7sX3S3hq0hWqZnYtLcFr');
    const year = new Date().getUTCFullYear();
    await dialog(page)
      .getByLabel('Created on')
      .fill(`${year - 1}-01-01T10:00`);
    await dialog(page)
      .getByLabel('Expires on')
      .fill(`${year + 2}-01-01T10:00`);
    await dialog(page).getByRole('button', { name: 'Add SBI' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Pending approval');

    await go(admin, '/admin/sbis');
    await admin.getByRole('button', { name: 'Approve SBI 1.0.9' }).click();
    await expect.poll(() => admin.locator('tbody tr').first().textContent()).toContain('Approved');

    await page.reload();
    await page.getByRole('link', { name: 'Devices of SBI 1.0.9' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('SBI 1.0.9');
    expect(await page.title()).toContain('SBI 1.0.9');
    await page.getByRole('button', { name: 'Add device' }).click();
    await dialog(page).getByLabel('Device type').selectOption('Finger');
    await dialog(page).getByLabel('Sub-type').selectOption('Slap');
    await dialog(page).getByLabel('Make').fill('Acme');
    await dialog(page).getByLabel('Model').fill('SlapScan 4');
    await dialog(page).getByRole('button', { name: 'Add device' }).click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    await expect.poll(() => row(page, 'SlapScan 4').textContent()).toContain('Pending approval');
    await shot(page, '16a-sbi-devices');

    await go(admin, '/admin/devices');
    await admin.getByRole('button', { name: 'Approve device Acme SlapScan 4' }).click();
    await expect.poll(() => admin.locator('tbody tr').first().textContent()).toContain('Approved');
    await shot(admin, '16b-admin-devices');
    const deviceState = () =>
      server.store.query<{ model: string; approval_status: string; is_active: boolean }>(
        sql`select model, approval_status, is_active from device_detail where model like 'SlapScan%' order by model`,
      );
    expect(await deviceState()).toEqual([{ model: 'SlapScan 4', approval_status: 'approved', is_active: true }]);

    // Deactivate paths, from the SBI's page: one device, then the SBI with a device still pending.
    await page.reload();
    await page.getByRole('button', { name: 'Deactivate device Acme SlapScan 4' }).click();
    await expect.poll(() => dialog(page).textContent()).toContain('cannot be activated again');
    await dialog(page).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row(page, 'SlapScan 4').textContent()).toContain('Inactive');
    expect(await deviceState()).toEqual([{ model: 'SlapScan 4', approval_status: 'approved', is_active: false }]);
    await page.getByRole('button', { name: 'Add device' }).click();
    await dialog(page).getByLabel('Make').fill('Acme');
    await dialog(page).getByLabel('Model').fill('SlapScan 5');
    await dialog(page).getByRole('button', { name: 'Add device' }).click();
    await expect.poll(() => row(page, 'SlapScan 5').textContent()).toContain('Pending approval');
    await page.locator('.page-header').getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => dialog(page).textContent()).toContain('pending devices are rejected');
    await dialog(page).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row(page, 'SlapScan 5').textContent()).toContain('Rejected');
    expect(await page.getByRole('button', { name: 'Add device' }).count()).toBe(0);
    expect(await page.getByText('This SBI is deactivated').isVisible()).toBe(true);
    expect(await deviceState()).toEqual([
      { model: 'SlapScan 4', approval_status: 'approved', is_active: false },
      { model: 'SlapScan 5', approval_status: 'rejected', is_active: false },
    ]);
    const [sbi] = await server.store.query<{ approval_status: string; is_active: boolean }>(
      sql`select approval_status, is_active from secure_biometric_interface where sw_version = '1.0.9'`,
    );
    expect(sbi).toEqual({ approval_status: 'approved', is_active: false });
    await shot(page, '16c-sbi-deactivated');
  });

  it('Arabic renders right to left with translated text and dates; French too', async () => {
    const page = await as('policymanager');
    await go(page, '/policy-groups');
    await page.getByTestId('language').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await heading(page).textContent()).toBe('مجموعات السياسات');
    // The side navigation moves to the right-hand side.
    const box = await page.locator('nav.sidenav').boundingBox();
    expect(box!.x).toBeGreaterThan(700);
    // Dates come out in Arabic (the created column of the first row).
    expect(await page.locator('tbody tr').first().locator('td').nth(2).textContent()).toMatch(/[\u0600-\u06FF]/);
    await shot(page, '14-arabic-rtl-groups');
    await go(page, '/');
    await page.waitForLoadState('networkidle');
    await shot(page, '15-arabic-rtl-dashboard');
    await page.getByTestId('language').selectOption('fr');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await nav(page).getByRole('link').first().textContent()).toBe('Tableau de bord');
    await page.getByTestId('language').selectOption('en');
  });

  // The admin registered its own organisation at first sign-in (`as`), as MOSIP's portal asks:
  // a partner's details are shown only to an admin who owns a partner.
  it('the partner admin reviews partners and deactivates one after a confirmation that states the consequence', async () => {
    const page = await as('partneradmin');
    const own = await server.store.query<{ partner_type_code: string; name: string }>(
      sql`select partner_type_code, name from partner where user_id = 'partneradmin'`,
    );
    expect(own).toEqual([{ partner_type_code: 'Partner_Admin', name: 'National ID Authority' }]);
    await go(page, '/admin/partners');
    await page.getByLabel('Partner ID').fill(PARTNER_ID);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(page.url()).toContain(`partnerId=${PARTNER_ID}`);
    await shot(page, '16-admin-partners');
    await page.getByRole('link', { name: PARTNER_ID }).click();
    await expect.poll(() => heading(page).textContent()).toBe(PARTNER_ID);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    expect(await dialog(page).textContent()).toContain('deactivation cannot be undone');
    await dialog(page).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => page.locator('.card-header .badge').first().textContent()).toBe('Deactivated');
    expect(
      (await server.store.query<{ is_active: boolean }>(sql`select is_active from partner where id = ${PARTNER_ID}`))[0]?.is_active,
    ).toBe(false);
  });

  it('warns after the idle time from /system-config and signs out when the countdown ends', async () => {
    const { context, page } = await newSession(browser);
    // A controllable clock: 25 idle minutes pass in an instant.
    await context.clock.install();
    await login(page, server.url, 'partneradmin');
    await page.clock.fastForward('25:30');
    await expect.poll(() => dialog(page).getByRole('heading').textContent()).toBe('Are you still there?');
    expect(await dialog(page).textContent()).toMatch(/signed out in 4:\d\d because of inactivity/);
    await shot(page, '18-idle-warning');
    await dialog(page).getByRole('button', { name: 'Stay signed in' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    await page.clock.fastForward('31:00');
    // Signed out through the server and the identity provider, which does not ask again.
    await expect.poll(() => page.url()).toContain('/pmp/session-expired');
    await context.close();
  });

  it('shows the no-access and not-found pages, and signs out through the identity provider', async () => {
    const page = await as('policymanager');
    await go(page, '/admin/partners');
    await page.getByTestId('language').selectOption('en');
    expect(await heading(page).textContent()).toBe('No access');
    await go(page, '/no-such-page');
    expect(await heading(page).textContent()).toBe('Page not found');
    // One click: the ID token goes along as a hint, so the provider does not ask again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toContain('/pmp/signed-out');
    expect(await heading(page).textContent()).toBe('You are signed out');
    await shot(page, '17-signed-out');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForSelector('#username');
  });
});
