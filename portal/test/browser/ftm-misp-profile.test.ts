import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certs, type TestCert } from '../../../server/test/support/certs.js';
import { sql } from '../../../server/src/platform/db/sql.js';
import { runExpiryCheck } from '../../../server/src/expiry/index.js';
import { api, dialog, heading, launchBrowser, nav, row, shot, Users } from '../support/browser.js';
import { startPortalServer, type EmbeddedTestServer } from '../support/server.js';

/**
 * FTM chips, MISP licenses and profile editing in Debian's Chromium against the real server.
 * An FTM provider registers, adds a chip and uploads its certificate; the admin approves it;
 * the provider views and deactivates it. A MISP partner generates its license and sees the
 * key once; the admin deactivates and reactivates it. A partner edits its profile.
 */

let server: EmbeddedTestServer;
let browser: Browser;

const FTM_PARTNER = 'portal-ftm-1';
const FTM_ORG = 'Portal Chips Ltd';
const MISP_PARTNER = 'portal-misp-1';
let ftmRoot: TestCert;

const users = new Users(
  () => browser,
  () => server.url,
);
const as = (user: string) => users.as(user);
const go = (page: Page, path: string) => users.go(page, path);

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  ftmRoot = await certs.root({ cn: 'Portal FTM Root CA', org: 'Portal FTM CA' });
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await users.shootAll(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('FTM chips, MISP licenses and profiles in a real browser', () => {
  it('an FTM provider registers, adds a chip and uploads its certificate; the admin approves it', async () => {
    const admin = await as('partneradmin');
    expect((await nav(admin).getByRole('link').allTextContents()).map((l) => l.trim())).toEqual(
      expect.arrayContaining(['FTM chips', 'MISP licenses']),
    );
    await go(admin, '/admin/trust-store');
    await admin.getByRole('button', { name: 'Upload CA certificate' }).click();
    await dialog(admin).getByLabel('Domain').selectOption('FTM');
    await dialog(admin).getByLabel('Certificate (PEM)').fill(ftmRoot.pem);
    await dialog(admin).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => admin.locator('tbody').textContent()).toContain('Portal FTM Root CA');

    const page = await as('ftmprovider1');
    await go(page, '/onboarding');
    await page.getByLabel('Partner ID').fill(FTM_PARTNER);
    await page.getByLabel('Organisation').fill(FTM_ORG);
    await page.getByLabel('Phone number').fill('+15550102');
    await page.getByLabel('Address').fill('3 Silicon Way');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await nav(page).getByRole('link', { name: 'Certificates' }).click();
    await page.getByRole('button', { name: 'Upload' }).click();
    expect(await dialog(page).getByTestId('cert-domain').textContent()).toBe('FTM');
    const partnerLeaf = await certs.leaf(ftmRoot, { org: FTM_ORG, cn: FTM_PARTNER });
    await dialog(page).getByLabel('Certificate (PEM)').fill(partnerLeaf.pem);
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Uploaded');

    await nav(page).getByRole('link', { name: 'FTM chips' }).click();
    await expect.poll(() => page.getByText('You have no FTM chips yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Add FTM chip' }).first().click();
    await dialog(page).getByRole('button', { name: 'Add FTM chip' }).click();
    await expect.poll(() => dialog(page).getByText('This field is required.').count()).toBe(2);
    await dialog(page).getByLabel('Partner ID').selectOption(FTM_PARTNER);
    await dialog(page).getByLabel('Make').fill('Acme');
    await dialog(page).getByLabel('Model').fill('TrustChip 7');
    await dialog(page).getByRole('button', { name: 'Add FTM chip' }).click();
    await expect.poll(() => row(page, 'TrustChip 7').textContent()).toContain('Certificate needed');
    const [created] = await server.store.query<{ id: string; approval_status: string; partner_org_name: string }>(
      sql`select id, approval_status, partner_org_name from ftp_chip_detail where model = 'TrustChip 7'`,
    );
    expect(created).toMatchObject({ approval_status: 'pending_cert_upload', partner_org_name: FTM_ORG });

    // The same make and model twice: the server's refusal appears next to the model.
    await page.getByRole('button', { name: 'Add FTM chip' }).first().click();
    await dialog(page).getByLabel('Partner ID').selectOption(FTM_PARTNER);
    await dialog(page).getByLabel('Make').fill('Acme');
    await dialog(page).getByLabel('Model').fill('TrustChip 7');
    await dialog(page).getByRole('button', { name: 'Add FTM chip' }).click();
    const modelField = dialog(page).locator('.field', { has: page.getByLabel('Model') });
    await expect.poll(() => modelField.getByRole('alert').count()).toBe(1);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await server.store.query(sql`select id from ftp_chip_detail`)).toHaveLength(1);

    // A certificate of another organisation is refused, next to the certificate field.
    await page.getByRole('button', { name: 'Upload the certificate of Acme TrustChip 7' }).click();
    await expect.poll(() => dialog(page).textContent()).toContain(FTM_ORG);
    const foreign = await certs.leaf(ftmRoot, { org: 'Someone Else Ltd', cn: 'chip-x' });
    await dialog(page).getByLabel('Certificate (PEM)').fill(foreign.pem);
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    const certField = dialog(page).locator('.field', { has: page.getByLabel('Certificate (PEM)') });
    await expect.poll(() => certField.getByRole('alert').count()).toBe(1);
    const chipLeaf = await certs.leaf(ftmRoot, { org: FTM_ORG, cn: 'trustchip-7.portal-ftm-1' });
    await dialog(page).getByLabel('Certificate (PEM)').fill(chipLeaf.pem);
    await shot(page, '20-ftm-chip-upload');
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => row(page, 'TrustChip 7').textContent()).toContain('Pending approval');
    const [uploaded] = await server.store.query<{ approval_status: string; has_cert: boolean }>(
      sql`select approval_status, certificate_alias is not null as has_cert from ftp_chip_detail where id = ${created!.id}`,
    );
    expect(uploaded).toEqual({ approval_status: 'pending_approval', has_cert: true });

    // The admin's dashboard counts the chip; the list approves it.
    await go(admin, '/');
    const card = admin.getByRole('link', { name: /FTM chips to review/ });
    await expect.poll(() => card.textContent()).toContain('1');
    await card.click();
    await expect.poll(() => admin.url()).toContain('status=pending_approval');
    await expect.poll(() => row(admin, 'TrustChip 7').textContent()).toContain(FTM_ORG);
    await shot(admin, '21-admin-ftm-chips');
    await admin.getByRole('button', { name: 'Approve chip Acme TrustChip 7' }).click();
    await expect.poll(() => admin.getByText('Nothing matches these filters.').isVisible()).toBe(true);
    const [approved] = await server.store.query<{ approval_status: string; is_active: boolean }>(
      sql`select approval_status, is_active from ftp_chip_detail where id = ${created!.id}`,
    );
    expect(approved).toEqual({ approval_status: 'approved', is_active: true });
  });

  it('the provider views the chip certificate with its expiry and deactivates the chip after a confirmation', async () => {
    const page = await as('ftmprovider1');
    await go(page, '/ftm-chips');
    await expect.poll(() => row(page, 'TrustChip 7').textContent()).toContain('Approved');
    await page.getByRole('button', { name: 'Certificate of chip Acme TrustChip 7' }).click();
    await expect.poll(() => dialog(page).textContent()).toContain('Certificate signed by this service');
    expect(await dialog(page).textContent()).toContain('Expires');
    expect(
      await dialog(page)
        .getByRole('button', { name: /^Download: / })
        .count(),
    ).toBe(2);
    const download = page.waitForEvent('download');
    await dialog(page).getByRole('button', { name: 'Download: Certificate signed by this service' }).click();
    expect((await download).suggestedFilename()).toMatch(/-signed\.pem$/);
    await shot(page, '22-ftm-chip-certificate');
    await dialog(page).getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Deactivate chip Acme TrustChip 7' }).click();
    expect(await dialog(page).textContent()).toContain('cannot be activated again');
    await dialog(page).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row(page, 'TrustChip 7').textContent()).toContain('Deactivated');
    const [chip] = await server.store.query<{ approval_status: string; is_active: boolean }>(
      sql`select approval_status, is_active from ftp_chip_detail where model = 'TrustChip 7'`,
    );
    expect(chip).toEqual({ approval_status: 'approved', is_active: false });
    await shot(page, '23-ftm-chips-provider');
  });

  it('the admin rejects a chip; its provider sees it rejected and can no longer use it', async () => {
    const page = await as('ftmprovider1');
    await go(page, '/ftm-chips');
    await page.getByRole('button', { name: 'Add FTM chip' }).first().click();
    await dialog(page).getByLabel('Partner ID').selectOption(FTM_PARTNER);
    await dialog(page).getByLabel('Make').fill('Acme');
    await dialog(page).getByLabel('Model').fill('TrustChip 8');
    await dialog(page).getByRole('button', { name: 'Add FTM chip' }).click();
    await page.getByRole('button', { name: 'Upload the certificate of Acme TrustChip 8' }).click();
    const leaf = await certs.leaf(ftmRoot, { org: FTM_ORG, cn: 'trustchip-8.portal-ftm-1' });
    await dialog(page).getByLabel('Certificate (PEM)').fill(leaf.pem);
    await dialog(page).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => row(page, 'TrustChip 8').textContent()).toContain('Pending approval');

    const admin = await as('partneradmin');
    await go(admin, '/admin/ftm-chips?status=pending_approval');
    await expect.poll(() => row(admin, 'TrustChip 8').textContent()).toContain(FTM_ORG);
    await admin.getByRole('button', { name: 'Reject chip Acme TrustChip 8' }).click();
    await expect.poll(() => admin.getByText('Nothing matches these filters.').isVisible()).toBe(true);
    const [rejected] = await server.store.query<{ approval_status: string; is_active: boolean }>(
      sql`select approval_status, is_active from ftp_chip_detail where model = 'TrustChip 8'`,
    );
    expect(rejected).toEqual({ approval_status: 'rejected', is_active: false });

    await go(page, '/ftm-chips');
    await expect.poll(() => row(page, 'TrustChip 8').textContent()).toContain('Rejected');
    // A rejected chip offers nothing to act on: no deactivation, no certificate view.
    expect(await page.getByRole('button', { name: 'Deactivate chip Acme TrustChip 8' }).count()).toBe(0);
    await shot(page, '23b-ftm-chip-rejected');
  });

  it('a MISP partner generates its license and sees the key once; the admin deactivates and reactivates it', async () => {
    // The CA of the MISP domain; then the MISP partner onboards in the portal like any partner.
    const admin = await as('partneradmin');
    const mispRoot = await certs.root({ cn: 'Portal MISP Root CA', org: 'Portal MISP CA' });
    expect(
      (
        await api(admin, 'POST', '/v1/partnermanager/partners/certificate/ca/upload', {
          certificateData: mispRoot.pem,
          partnerDomain: 'MISP',
        })
      ).errors ?? [],
    ).toEqual([]);
    const misp = await as('mispartner1');
    await go(misp, '/onboarding');
    await misp.getByLabel('Partner ID').fill(MISP_PARTNER);
    await misp.getByLabel('Organisation').fill('Portal MISP Ltd');
    await misp.getByLabel('Phone number').fill('+15550103');
    await misp.getByLabel('Address').fill('4 License Lane');
    await misp.getByRole('button', { name: 'Register' }).click();
    await misp.getByRole('checkbox').check();
    await misp.getByRole('button', { name: 'Accept and continue' }).click();
    await expect.poll(() => heading(misp).textContent()).toBe('Welcome, mispartner1');

    // Before its certificate the license cannot be had, and the dialog says why.
    await nav(misp).getByRole('link', { name: 'MISP license' }).click();
    await expect.poll(() => misp.getByText('You have no license yet.').isVisible()).toBe(true);
    await misp.getByRole('button', { name: 'Generate license' }).first().click();
    await expect
      .poll(() => dialog(misp).getByTestId('prerequisites').textContent())
      .toContain(`Partner ${MISP_PARTNER} needs its certificate first.`);
    expect(await dialog(misp).getByRole('button', { name: 'Generate license' }).isDisabled()).toBe(true);
    await dialog(misp).getByRole('link', { name: 'Upload the certificate' }).click();
    await misp.getByRole('button', { name: 'Upload' }).click();
    expect(await dialog(misp).getByTestId('cert-domain').textContent()).toBe('MISP');
    const mispLeaf = await certs.leaf(mispRoot, { org: 'Portal MISP Ltd', cn: MISP_PARTNER });
    await dialog(misp).getByLabel('Certificate (PEM)').fill(mispLeaf.pem);
    await dialog(misp).getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => misp.locator('tbody tr').first().textContent()).toContain('Uploaded');

    await nav(misp).getByRole('link', { name: 'MISP license' }).click();
    await misp.getByRole('button', { name: 'Generate license' }).first().click();
    // Its one partner is chosen already.
    await expect.poll(() => dialog(misp).getByLabel('Partner ID').inputValue()).toBe(MISP_PARTNER);
    await dialog(misp).getByRole('button', { name: 'Generate license' }).click();
    const value = dialog(misp).getByTestId('license-key-value');
    await expect.poll(() => value.inputValue()).toMatch(/^\S{20,}$/);
    const key = await value.inputValue();
    expect(await dialog(misp).textContent()).toContain('it is shown only once');
    await shot(misp, '24-misp-license-once');
    await dialog(misp).getByRole('button', { name: 'I have saved the key' }).click();
    await expect.poll(() => row(misp, MISP_PARTNER).textContent()).toContain('Active');
    await misp.reload();
    await misp.waitForSelector('tbody tr');
    expect(await misp.content()).not.toContain(key);
    const [license] = await server.store.query<{ misp_id: string; is_active: boolean }>(sql`select misp_id, is_active from misp_license`);
    expect(license).toEqual({ misp_id: MISP_PARTNER, is_active: true });

    await go(admin, '/admin/misp-licenses');
    await admin.getByRole('button', { name: `Deactivate the license of ${MISP_PARTNER}` }).click();
    expect(await dialog(admin).textContent()).toContain('refused from now on');
    await dialog(admin).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row(admin, MISP_PARTNER).textContent()).toContain('Inactive');
    expect((await server.store.query<{ is_active: boolean }>(sql`select is_active from misp_license`))[0]?.is_active).toBe(false);

    await admin.getByRole('button', { name: `Activate the license of ${MISP_PARTNER}` }).click();
    await dialog(admin).getByLabel('License key').fill('not-the-key');
    await dialog(admin).getByRole('button', { name: 'Activate' }).click();
    const keyField = dialog(admin).locator('.field', { has: admin.getByLabel('License key') });
    await expect.poll(() => keyField.getByRole('alert').count()).toBe(1);
    await dialog(admin).getByLabel('License key').fill(key);
    await dialog(admin).getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => row(admin, MISP_PARTNER).textContent()).toContain('Active');
    expect((await server.store.query<{ is_active: boolean }>(sql`select is_active from misp_license`))[0]?.is_active).toBe(true);
    await shot(admin, '25-admin-misp-licenses');
  });

  it("the admin's expiring cards open the notices page filtered; each notice leads to where it is acted on", async () => {
    // The MISP license ends in 5 days, the FTM partner's certificate in 10; the daily check records both.
    await server.store.exec(sql`update misp_license set valid_to_date = now() + interval '5 days' where misp_id = ${MISP_PARTNER}`);
    await server.store.exec(
      sql`update partner_cert_store set cert_not_after = now() + interval '10 days' where partner_id = ${FTM_PARTNER}`,
    );
    expect((await runExpiryCheck(server.store, { noticeDays: 30 })).map((n) => n.item_type).sort()).toEqual([
      'MISP_LICENSE',
      'PARTNER_CERTIFICATE',
    ]);
    // Then time passes for the certificate: it ended yesterday.
    await server.store.exec(sql`update expiry_notice set expires_at = now() - interval '1 day' where item_type = 'PARTNER_CERTIFICATE'`);

    const admin = await as('partneradmin');
    await go(admin, '/');
    const card = admin
      .getByRole('link', { name: /MISP licenses/ })
      .filter({ hasText: '1' })
      .first();
    await card.click();
    await expect.poll(() => admin.url()).toContain('/admin/expiring?itemType=MISP_LICENSE&status=upcoming');
    await expect.poll(() => row(admin, MISP_PARTNER).textContent()).toContain('Expires soon');
    expect(await admin.locator('tbody tr').count()).toBe(1);
    await shot(admin, '25-admin-expiring');
    const result = await new AxeBuilder({ page: admin }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Expired ones are a filter away; each leads to its object.
    await go(admin, '/admin/expiring?status=expired');
    await expect.poll(() => row(admin, FTM_PARTNER).textContent()).toContain('Expired');
    expect(await row(admin, FTM_PARTNER).textContent()).toContain('Partner certificate');
    await row(admin, FTM_PARTNER).getByRole('link').click();
    await expect.poll(() => admin.url()).toContain(`/admin/partners/${FTM_PARTNER}`);
    await go(admin, '/admin/expiring?itemType=MISP_LICENSE');
    await row(admin, MISP_PARTNER).getByRole('link').click();
    await expect.poll(() => admin.url()).toContain(`/admin/misp-licenses?mispId=${MISP_PARTNER}`);
    await expect.poll(() => row(admin, MISP_PARTNER).textContent()).toContain(MISP_PARTNER);
  });

  it('a partner edits its profile: required fields, unsaved-changes warning, saved address, phone and logo', async () => {
    const page = await as('ftmprovider1');
    await go(page, '/profile');
    await page.getByRole('link', { name: `Edit the profile of ${FTM_PARTNER}` }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Profile of ${FTM_PARTNER}`);
    await expect.poll(() => page.getByLabel('Address').inputValue()).toBe('3 Silicon Way');
    expect(await page.getByLabel('Phone number').getAttribute('maxlength')).toBe('16');
    await page.getByLabel('Address').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByText('This field is required.').count()).toBe(1);

    await nav(page).getByRole('link', { name: 'FTM chips' }).click();
    await expect.poll(() => dialog(page).getByRole('heading').textContent()).toBe('Leave without saving?');
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    // The page behind a modal is inert: type only once the question is gone.
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    expect(await page.getByLabel('Address').inputValue()).toBe('');

    await page.getByLabel('Address').fill('5 Enclave Street, Chip City');
    // Editing the field drops its old message.
    expect(await page.getByText('This field is required.').count()).toBe(0);
    await page.getByLabel('Phone number').fill('+15550199');
    await page.getByLabel('Logo URL').fill('https://chips.example.org/logo.png');
    await shot(page, '26-partner-profile-edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Profile');
    const [stored] = await server.store.query<{ address: string; contact_no: string; logo_url: string }>(
      sql`select address, contact_no, logo_url from partner where id = ${FTM_PARTNER}`,
    );
    expect(stored).toEqual({
      address: '5 Enclave Street, Chip City',
      contact_no: '+15550199',
      logo_url: 'https://chips.example.org/logo.png',
    });
  });

  it('the FTM and MISP screens render right to left in Arabic', async () => {
    const page = await as('ftmprovider1');
    await go(page, '/ftm-chips');
    await page.getByTestId('language').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await heading(page).textContent()).toBe('شرائح FTM');
    await expect.poll(() => row(page, 'TrustChip 7').textContent()).toContain('ملغاة التفعيل');
    await shot(page, '27-arabic-ftm-chips');
    const admin = await as('partneradmin');
    await go(admin, '/admin/misp-licenses');
    await admin.getByTestId('language').selectOption('ar');
    await expect.poll(() => heading(admin).textContent()).toBe('تراخيص MISP');
    await shot(admin, '28-arabic-admin-misp-licenses');
    await admin.getByTestId('language').selectOption('en');
    await page.getByTestId('language').selectOption('en');
  });
});
