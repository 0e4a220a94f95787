import AxeBuilder from '@axe-core/playwright';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../../server/src/platform/db/sql.js';
import { certs, type TestCert } from '../../../server/test/support/certs.js';
import ar from '../../src/i18n/ar.json';
import { TEMPLATES } from '../../src/pages/policy/kinds.js';
import {
  api,
  ARTIFACTS,
  dialog,
  heading,
  launchBrowser,
  nav,
  newSession,
  row,
  seedTrustAndPolicies,
  shot,
  Users,
} from '../support/browser.js';
import { startPortalServer, type EmbeddedTestServer } from '../support/server.js';

/**
 * Whole journeys as new users meet them (issue 17): the main path from a fresh partner login to
 * a working OIDC client, with its clicks counted; prerequisites explained before they bite; the
 * server's errors in the user's language with their code; reject paths; the sign-in page and
 * the portal in Arabic. Every screen visited is checked with axe-core (WCAG 2.1 A and AA: no
 * serious or critical violation) and photographed at 390 and 1366 px.
 */

let server: EmbeddedTestServer;
let browser: Browser;
const GROUP = 'journey-group';
const POLICY = 'journey-otp';
const POLICY_2 = 'journey-kyc';
const DATASHARE = 'journey-datashare';
let authRoot: TestCert;
let deviceRoot: TestCert;
let ftmRoot: TestCert;

const users = new Users(
  () => browser,
  () => server.url,
);
const as = (user: string, locale?: string) => users.as(user, locale);
const go = (page: Page, path: string) => users.go(page, path);
const sessions = users.pages;
// Functions below run in the page; these are the only browser names they use.
declare const getComputedStyle: (e: unknown) => { direction: string; outlineColor: string };
declare const document: { activeElement: unknown };
/** The writing direction the browser gives an element (evaluated in the page). */
const DIRECTION = (e: unknown) => getComputedStyle(e).direction;

/** WCAG 2.1 A/AA violations axe rates serious or critical, as "page: rule (first element)". */
async function audit(page: Page, name: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${name}: ${v.id} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

/** A key screen at a phone's width and a laptop's: pictured, and audited at both. */
async function screen(page: Page, name: string) {
  const problems: string[] = [];
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
    problems.push(...(await audit(page, `${name}@${width}`)));
    await shot(page, `journey-${name}-${width}`);
    if (width === 390) {
      // Nothing but the page's own scrolling regions may be wider than the phone.
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      if (overflow > 1) problems.push(`${name}@390: the page scrolls sideways by ${overflow}px`);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(problems).toEqual([]);
}

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  [authRoot, deviceRoot, ftmRoot] = await Promise.all([
    certs.root({ cn: 'Journey Auth Root CA', org: 'Journey CA' }),
    certs.root({ cn: 'Journey Device Root CA', org: 'Journey CA' }),
    certs.root({ cn: 'Journey FTM Root CA', org: 'Journey CA' }),
  ]);
  await seedTrustAndPolicies(
    await as('policyadmin'),
    [
      ['AUTH', authRoot.pem],
      ['DEVICE', deviceRoot.pem],
      ['FTM', ftmRoot.pem],
    ],
    {
      name: GROUP,
      desc: 'Journeys',
      id: async () => (await server.store.query<{ id: string }>(sql`select id from policy_group where name = ${GROUP}`))[0]!.id,
    },
    [
      [POLICY, 'Auth', TEMPLATES.auth],
      [POLICY_2, 'Auth', TEMPLATES.auth],
      [DATASHARE, 'DataShare', TEMPLATES.datashare],
    ],
  );
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await users.shootAll(`failed-journey-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe(
  'journeys of every role, in English and Arabic',
  () => {
    it('main path: a fresh auth partner reaches a working OIDC client; clicks and typed fields are counted', async () => {
      const page = await as('authpartner1');
      let clicks = 0;
      let fields = 0;
      const click = async (l: Locator) => {
        clicks++;
        await l.click();
      };
      const type = async (l: Locator, text: string) => {
        fields++;
        await l.fill(text);
      };
      const choose = async (l: Locator, label: string) => {
        fields++;
        await l.selectOption({ label });
      };

      // First login: registration and terms.
      await expect.poll(() => page.url()).toContain('/pmp/onboarding');
      await screen(page, '01-onboarding');
      await type(page.getByLabel('Partner ID'), 'journey-auth-1');
      await type(page.getByLabel('Organisation'), 'Journey Bank');
      await type(page.getByLabel('Address'), '1 Journey Road');
      await choose(page.getByRole('combobox', { name: 'Policy group' }), GROUP);
      // A detour, not counted: the phone rule is the server's, checked before anything is sent.
      await page.getByLabel('Phone number').fill('abc');
      await page.getByRole('button', { name: 'Register' }).click();
      await expect.poll(() => page.getByText('must be a phone number', { exact: false }).count()).toBe(1);
      await type(page.getByLabel('Phone number'), '+1 555 0100');
      await click(page.getByRole('button', { name: 'Register' }));
      await click(page.getByRole('checkbox'));
      await click(page.getByRole('button', { name: 'Accept and continue' }));

      // The dashboard says what comes next.
      await expect.poll(() => heading(page).textContent()).toBe('Welcome, authpartner1');
      await expect.poll(() => page.getByRole('heading', { name: 'Getting started' }).isVisible()).toBe(true);
      expect(await page.locator('.checklist li[aria-current=step]').textContent()).toContain('Upload your partner certificate');
      await screen(page, '02-partner-dashboard-start');

      // The certificate: a wrong organisation first, answered with what to do and the code.
      await click(page.getByRole('link', { name: 'Upload the certificate' }).first());
      await click(page.getByRole('button', { name: 'Upload' }));
      await expect.poll(() => dialog(page).getByTestId('cert-org').textContent()).toBe('Journey Bank');
      // A detour, not counted: a certificate of another organisation.
      const wrong = await certs.leaf(authRoot, { org: 'Somebody Else', cn: 'journey-auth-1', key: { type: 'rsa' } });
      await dialog(page).getByLabel('Certificate (PEM)').fill(wrong.pem);
      await dialog(page).getByRole('button', { name: 'Upload' }).click();
      await expect
        .poll(() => dialog(page).getByRole('alert').textContent())
        .toBe(
          "The certificate's organisation (Subject O) must be exactly “Journey Bank”, the organisation you registered. Ask your certificate authority for a certificate with that organisation. (KER-PCM-008)",
        );
      await screen(page, '03-certificate-error');
      const leaf = await certs.leaf(authRoot, { org: 'Journey Bank', cn: 'journey-auth-1', key: { type: 'rsa' } });
      await type(dialog(page).getByLabel('Certificate (PEM)'), leaf.pem);
      await click(dialog(page).getByRole('button', { name: 'Upload' }));
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Uploaded');

      // A policy request, from the checklist: its link opens the request form.
      await click(nav(page).getByRole('link', { name: 'Dashboard' }));
      await click(page.locator('.checklist').getByRole('link', { name: 'Request a policy' }));
      await expect.poll(() => dialog(page).getByLabel('Partner ID').inputValue()).toBe('journey-auth-1');
      await choose(dialog(page).getByLabel('Policy'), `${POLICY} (Auth)`);
      await type(dialog(page).getByLabel('Comment'), 'OTP login for our customers.');
      await click(dialog(page).getByRole('button', { name: 'Submit request' }));
      await expect.poll(() => row(page, POLICY).textContent()).toContain('Pending');

      // Until the approval, the OIDC form explains instead of failing.
      await go(page, '/');
      await expect.poll(() => page.locator('.checklist li.step-waiting').textContent()).toContain('Wait for the approval');
      await screen(page, '04-partner-dashboard-waiting');

      // The admin sees the request in its queue and approves it (not the partner's clicks).
      const admin = await as('partneradmin');
      await go(admin, '/');
      await expect.poll(() => admin.getByRole('link', { name: /Policy requests to review/ }).textContent()).toContain('1');
      await screen(admin, '05-admin-dashboard');
      await admin.getByRole('link', { name: /Policy requests to review/ }).click();
      await admin.getByRole('button', { name: `Open the request for ${POLICY} by journey-auth-1` }).click();
      await dialog(admin).getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => row(admin, POLICY).count()).toBe(0);

      // Back to the partner: the checklist leads to the OIDC client.
      await click(nav(page).getByRole('link', { name: 'Dashboard' }));
      await page.reload();
      await click(page.locator('.checklist').getByRole('link', { name: 'Create OIDC client' }));
      await choose(page.getByRole('combobox', { name: 'Partner ID' }), 'journey-auth-1');
      await choose(page.getByLabel('Approved policy'), POLICY);
      await type(page.getByLabel('Client name'), 'Journey Bank app');
      await type(page.getByLabel('Logo URI'), 'https://bank.example.org/logo.png');
      await type(page.getByLabel('Redirect URI 1', { exact: true }), 'https://bank.example.org/callback');
      const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
      await type(page.getByLabel('Public key (JWK)'), JSON.stringify(jwk));
      await screen(page, '06-oidc-form');
      await click(page.getByRole('button', { name: 'Create OIDC client' }));
      await expect.poll(() => heading(page).textContent()).toBe('Journey Bank app');
      const [client] = await server.store.query<{ status: string; rp_id: string }>(sql`select status, rp_id from oidc_client`);
      expect(client).toEqual({ status: 'ACTIVE', rp_id: 'journey-auth-1' });
      await screen(page, '07-oidc-client');

      // The measured figures, for the README and the report.
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'main-path.json'), `${JSON.stringify({ clicks, fields }, null, 2)}\n`);
      console.log(`main path: ${clicks} clicks, ${fields} typed or chosen fields`);
      // Before issue 17 the same path took 19 clicks and 11 typed fields.
      expect(clicks).toBeLessThanOrEqual(12);

      // The OIDC list names each client's id; the dashboard is complete.
      await go(page, '/oidc-clients');
      expect(await page.locator('thead').textContent()).toContain('Client ID');
      await go(page, '/');
      await expect.poll(() => page.getByText(/\d of \d done/).textContent()).toMatch(/^(\d) of \1 done$/);
    });

    it('reject path: the admin rejects a second request with a comment the partner reads; the rejected policy cannot make keys', async () => {
      const page = await as('authpartner1');
      await go(page, '/policy-requests');
      await page.getByRole('button', { name: 'Request a policy' }).first().click();
      await dialog(page)
        .getByLabel('Policy')
        .selectOption({ label: `${POLICY_2} (Auth)` });
      await dialog(page).getByLabel('Comment').fill('KYC for onboarding.');
      await dialog(page).getByRole('button', { name: 'Submit request' }).click();
      await expect.poll(() => row(page, POLICY_2).textContent()).toContain('Pending');

      const admin = await as('partneradmin');
      await go(admin, '/admin/policy-requests?status=InProgress');
      await admin.getByRole('button', { name: `Open the request for ${POLICY_2} by journey-auth-1` }).click();
      await dialog(admin).getByLabel("Administrator's comment").fill('KYC is not part of the pilot.');
      await dialog(admin).getByRole('button', { name: 'Reject' }).click();
      await expect.poll(() => row(admin, POLICY_2).count()).toBe(0);
      const [decided] = await server.store.query<{ status_code: string }>(
        sql`select r.status_code from partner_policy_request r join auth_policy p on p.id = r.policy_id where p.name = ${POLICY_2}`,
      );
      expect(decided?.status_code).toBe('rejected');

      await page.reload();
      await expect.poll(() => row(page, POLICY_2).textContent()).toContain('Rejected');
      await page.getByRole('button', { name: `Open the request for ${POLICY_2} by journey-auth-1` }).click();
      await expect.poll(() => dialog(page).getByTestId('admin-comment').textContent()).toBe('KYC is not part of the pilot.');
      await dialog(page).getByRole('button', { name: 'Close' }).click();
      // Only the approved policy is offered for an API key.
      await go(page, '/api-keys');
      await page.getByRole('button', { name: 'Generate API key' }).first().click();
      // The policies arrive after the dialog opens: wait for them rather than read a half-filled list.
      const options = () => dialog(page).getByLabel('Policy').locator('option').allTextContents();
      await expect.poll(options).toContain(POLICY);
      expect(await options()).not.toContain(POLICY_2);
      await screen(page, '08-api-key-dialog');
      await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    });

    it('Arabic: a device provider signs in on an Arabic sign-in page, is told to upload its certificate before an SBI, and reads server errors in Arabic with their code', async () => {
      const page = (await newSession(browser, 'ar')).page;
      sessions.set('deviceprovider1', page);
      await page.goto(`${server.url}/pmp/`);
      await page.waitForSelector('#username');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('label[for=username]').textContent()).toBe('اسم المستخدم');
      expect(await page.title()).toContain('بوابة إدارة الشركاء');
      await screen(page, '09-sign-in-arabic');
      await page.fill('#username', 'deviceprovider1');
      await page.fill('#password', 'Welcome@123');
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/pmp/')), page.click('button[type=submit]')]);
      await page.waitForSelector('.steps');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

      await page.getByLabel(ar.partner.id).fill('journey-device-1');
      await page.getByLabel(ar.partner.organization).fill('Journey Devices');
      await page.getByLabel(ar.partner.phone).fill('+15550101');
      await page.getByLabel(ar.partner.address).fill('2 Sensor Road');
      // Phone numbers read left to right in Arabic too.
      expect(await page.getByLabel(ar.partner.phone).evaluate(DIRECTION)).toBe('ltr');
      await page.getByRole('button', { name: ar.onboarding.register, exact: true }).click();
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: ar.onboarding.accept }).click();
      await expect.poll(() => page.locator('.checklist').isVisible()).toBe(true);
      await screen(page, '10-dashboard-arabic');

      // Before the certificate: the SBI dialog explains, and offers the way there.
      await go(page, '/sbis');
      await page.getByRole('button', { name: ar.device.addSbi }).first().click();
      await expect
        .poll(() => dialog(page).getByTestId('prerequisites').textContent())
        .toContain(ar.prereq.noCertificate.replace('{{id}}', 'journey-device-1'));
      expect(await dialog(page).getByRole('button', { name: ar.device.addSbi }).isDisabled()).toBe(true);
      await screen(page, '11-sbi-prerequisite-arabic');
      await dialog(page).getByRole('link', { name: ar.prereq.fix.noCertificate }).click();

      // A self-signed certificate: the Arabic explanation, the code kept for support.
      await page.getByRole('button', { name: ar.certificate.upload }).click();
      const self = await certs.root({ cn: 'journey-device-1', org: 'Journey Devices' });
      await dialog(page).getByLabel(ar.certificate.data).fill(self.pem);
      await dialog(page).getByRole('button', { name: ar.certificate.upload }).click();
      await expect.poll(() => dialog(page).getByRole('alert').textContent()).toBe(`${ar.serverErrors['KER-PCM-015']} (KER-PCM-015)`);
      expect(await dialog(page).getByLabel(ar.certificate.data).evaluate(DIRECTION)).toBe('ltr');
      await screen(page, '12-certificate-error-arabic');
      const leaf = await certs.leaf(deviceRoot, { org: 'Journey Devices', cn: 'journey-device-1' });
      await dialog(page).getByLabel(ar.certificate.data).fill(leaf.pem);
      await dialog(page).getByRole('button', { name: ar.certificate.upload }).click();
      await expect.poll(() => dialog(page).count()).toBe(0);

      // Now the SBI: the partner is chosen already.
      await nav(page).getByRole('link', { name: ar.nav.sbis }).click();
      await page.getByRole('button', { name: ar.device.addSbi }).first().click();
      await expect.poll(() => dialog(page).getByLabel(ar.partner.id).inputValue()).toBe('journey-device-1');
      await dialog(page).getByLabel(ar.device.sbiVersion).fill('2.0.1');
      await dialog(page).getByLabel(ar.device.binaryHash).fill('k6Q1zTW2cuBT7sX3S3hq0hWqZnYtLcFr');
      const year = new Date().getUTCFullYear();
      await dialog(page)
        .getByLabel(ar.device.createdOn)
        .fill(`${year - 1}-01-01T10:00`);
      await dialog(page)
        .getByLabel(ar.device.expiresOn)
        .fill(`${year + 2}-01-01T10:00`);
      await dialog(page).getByRole('button', { name: ar.device.addSbi }).click();
      await expect.poll(() => row(page, '2.0.1').isVisible()).toBe(true);
      await screen(page, '13-sbis-arabic');
    });

    it('the admin reviews SBIs from the dashboard queue: rejects one, approves another; a device is rejected', async () => {
      const provider = sessions.get('deviceprovider1')!;
      // A second SBI to approve (set-up through the API: the first went through the form).
      const year = new Date().getUTCFullYear();
      const second = await api(provider, 'POST', '/v1/partnermanager/securebiometricinterface', {
        providerId: 'journey-device-1',
        swVersion: '2.0.2',
        swBinaryHash: 'k6Q1zTW2cuBT7sX3S3hq0hWqZnYtLcFs',
        swCreateDateTime: `${year - 1}-02-01T10:00:00.000Z`,
        swExpiryDateTime: `${year + 2}-02-01T10:00:00.000Z`,
      });
      expect(second.errors ?? []).toEqual([]);

      const admin = await as('partneradmin');
      await go(admin, '/');
      const queue = admin.getByRole('link', { name: /SBIs to review/ });
      await expect.poll(() => queue.textContent()).toContain('2');
      await queue.click();
      await expect.poll(() => admin.url()).toContain('status=pending_approval');
      await admin.getByRole('button', { name: 'Reject SBI 2.0.1' }).click();
      await admin.getByRole('button', { name: 'Approve SBI 2.0.2' }).click();
      await expect.poll(() => admin.getByText('Nothing matches these filters.').isVisible()).toBe(true);
      const stored = await server.store.query<{ sw_version: string; approval_status: string }>(
        sql`select sw_version, approval_status from secure_biometric_interface order by sw_version`,
      );
      expect(stored).toEqual([
        { sw_version: '2.0.1', approval_status: 'rejected' },
        { sw_version: '2.0.2', approval_status: 'approved' },
      ]);

      // The provider adds a device to the approved SBI; the admin rejects it.
      await go(provider, '/sbis');
      await provider.getByTestId('language').selectOption('en');
      await provider.getByRole('link', { name: 'Devices of SBI 2.0.2' }).click();
      await provider.getByRole('button', { name: 'Add device' }).click();
      await dialog(provider).getByLabel('Make').fill('Journey');
      await dialog(provider).getByLabel('Model').fill('Scan 1');
      await dialog(provider).getByRole('button', { name: 'Add device' }).click();
      await expect.poll(() => row(provider, 'Scan 1').textContent()).toContain('Pending approval');
      await screen(provider, '14-sbi-devices');
      await go(admin, '/');
      await admin.getByRole('link', { name: /Devices to review/ }).click();
      await admin.getByRole('button', { name: 'Reject device Journey Scan 1' }).click();
      await expect.poll(() => admin.getByText('Nothing matches these filters.').isVisible()).toBe(true);
      const [device] = await server.store.query<{ approval_status: string }>(
        sql`select approval_status from device_detail where model = 'Scan 1'`,
      );
      expect(device?.approval_status).toBe('rejected');
      await screen(admin, '15-admin-devices');
    });

    it('an FTM provider is told why it cannot add a chip before its certificate (the rule the server applies)', async () => {
      const page = await as('ftmprovider1');
      await go(page, '/onboarding');
      await page.getByLabel('Partner ID').fill('journey-ftm-1');
      await page.getByLabel('Organisation').fill('Journey Chips');
      await page.getByLabel('Phone number').fill('+15550102');
      await page.getByLabel('Address').fill('3 Silicon Way');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Accept and continue' }).click();
      await nav(page).getByRole('link', { name: 'FTM chips' }).click();
      await page.getByRole('button', { name: 'Add FTM chip' }).first().click();
      await expect
        .poll(() => dialog(page).getByTestId('prerequisites').textContent())
        .toContain('Partner journey-ftm-1 needs its certificate first.');
      expect(await dialog(page).getByLabel('Partner ID').locator('option').count()).toBe(1); // "Choose…" only
      expect(await dialog(page).getByRole('button', { name: 'Add FTM chip' }).isDisabled()).toBe(true);
      await screen(page, '16-ftm-prerequisite');
      await dialog(page).getByRole('button', { name: 'Cancel' }).click();
      // The server agrees: the same partner is refused with the code the portal explains.
      const refused = await api(page, 'POST', '/v1/partnermanager/ftpchipdetail', {
        ftpProviderId: 'journey-ftm-1',
        make: 'A',
        model: 'B',
      });
      expect((refused.errors as Array<{ errorCode: string }>)[0]?.errorCode).toBe('PMP_AUT_030');
    });

    it('a credential partner chooses biometric extractors before the approval and maps a credential type after it', async () => {
      const page = await as('credentialpartner1');
      await go(page, '/onboarding');
      await page.getByLabel('Partner ID').fill('journey-cred-1');
      await page.getByLabel('Organisation').fill('Journey Cards');
      await page.getByLabel('Phone number').fill('+15550104');
      await page.getByLabel('Address').fill('4 Print Street');
      await page.getByRole('combobox', { name: 'Policy group' }).selectOption(GROUP);
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Accept and continue' }).click();
      await nav(page).getByRole('link', { name: 'Certificates' }).click();
      await page.getByRole('button', { name: 'Upload' }).click();
      const leaf = await certs.leaf(authRoot, { org: 'Journey Cards', cn: 'journey-cred-1' });
      await dialog(page).getByLabel('Certificate (PEM)').fill(leaf.pem);
      await dialog(page).getByRole('button', { name: 'Upload' }).click();
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Uploaded');
      await go(page, '/policy-requests?new=1');
      await dialog(page)
        .getByLabel('Policy')
        .selectOption({ label: `${DATASHARE} (DataShare)` });
      await dialog(page).getByLabel('Comment').fill('Cards for residents.');
      await dialog(page).getByRole('button', { name: 'Submit request' }).click();
      await expect.poll(() => row(page, DATASHARE).textContent()).toContain('Pending');

      await nav(page).getByRole('link', { name: 'Credential types' }).click();
      await page.getByRole('button', { name: `Biometric extractors for ${DATASHARE}` }).click();
      await expect.poll(() => dialog(page).getByText('No extractors chosen yet.').isVisible()).toBe(true);
      await dialog(page).getByLabel('Attribute').fill('photo');
      await dialog(page).getByLabel('Biometric').fill('face');
      await dialog(page).getByLabel('Extractor provider').fill('journey-face');
      await dialog(page).getByLabel('Version').fill('1.2');
      await dialog(page).getByRole('button', { name: 'Add extractor' }).click();
      await expect.poll(() => dialog(page).getByTestId('extractors').textContent()).toContain('photo');
      await screen(page, '17a-credential-extractors');
      await dialog(page).getByRole('button', { name: 'Close' }).click();
      const [stored] = await server.store.query<{ attribute_name: string; extractor_provider: string }>(
        sql`select attribute_name, extractor_provider from partner_policy_bioextract where part_id = 'journey-cred-1'`,
      );
      expect(stored).toEqual({ attribute_name: 'photo', extractor_provider: 'journey-face' });

      const admin = await as('partneradmin');
      await go(admin, '/admin/policy-requests?status=InProgress');
      await admin.getByRole('button', { name: `Open the request for ${DATASHARE} by journey-cred-1` }).click();
      await dialog(admin).getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => row(admin, DATASHARE).count()).toBe(0);

      await page.reload();
      await page.getByRole('button', { name: `Credential type for ${DATASHARE}` }).click();
      await dialog(page).getByLabel('Credential type').fill('euin');
      await dialog(page).getByRole('button', { name: 'Map credential type' }).click();
      await expect
        .poll(() => dialog(page).getByTestId('credential-mapping').textContent())
        .toBe(`Credentials of type euin are issued under ${DATASHARE}.`);
      await screen(page, '17b-credential-type');
      const [mapping] = await server.store.query<{ credential_type: string }>(
        sql`select credential_type from partner_policy_credential_type where part_id = 'journey-cred-1'`,
      );
      expect(mapping).toEqual({ credential_type: 'euin' });
    });

    it('signs out with one click, and the policy manager and admin screens pass the accessibility audit', async () => {
      const pm = await as('policymanager');
      await go(pm, '/');
      await screen(pm, '17-policy-manager-dashboard');
      await go(pm, '/policies/auth');
      await screen(pm, '18-auth-policies');
      const admin = await as('partneradmin');
      for (const [path, name] of [
        ['/admin/partners', '19-admin-partners'],
        ['/admin/trust-store', '20-admin-trust-store'],
        ['/admin/oidc-clients', '21-admin-oidc-clients'],
      ] as const) {
        await go(admin, path);
        await screen(admin, name);
      }
      // Keyboard focus is visible on the dark navigation: a light ring, not the page's blue.
      await go(admin, '/');
      await admin.locator('nav.sidenav a').first().focus();
      await admin.keyboard.press('Tab');
      const ring = await admin.evaluate(() => getComputedStyle(document.activeElement).outlineColor);
      expect(ring).toBe('rgb(147, 197, 253)');

      await pm.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => pm.url()).toContain('/pmp/signed-out');
      await screen(pm, '22-signed-out');
    });
  },
  { timeout: 240_000 },
);
