import AxeBuilder from '@axe-core/playwright';
import { generateKeyPairSync } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../../server/src/platform/db/sql.js';
import { certs, type TestCert } from '../../../server/test/support/certs.js';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import { TEMPLATES } from '../../src/pages/policy/kinds.js';
import { dialog, heading, launchBrowser, login, nav, newSession, row, seedTrustAndPolicies, shot, Users } from '../support/browser.js';
import { startPortalServer, type EmbeddedTestServer } from '../support/server.js';

/**
 * Every role's whole journey in Arabic (issue 17): each user signs in on the Arabic sign-in page,
 * registers, does the work its role exists for through the Arabic labels (with edit, reject and
 * deactivate paths: a policy group, an API key, a device, an SBI), and then opens every
 * page its navigation offers. On every page: right to left, Arabic title, no English text of the
 * portal's own catalogue left on screen or in accessible names, no serious or critical axe-core
 * violation, pictures at 390 and 1366 px.
 */

let server: EmbeddedTestServer;
let browser: Browser;
const GROUP = 'arabic-group';
const AUTH_POLICY = 'arabic-otp';
const DATASHARE = 'arabic-datashare';
let roots: Record<'AUTH' | 'DEVICE' | 'FTM' | 'MISP', TestCert>;
const sessions = new Map<string, Page>();
const setup = new Users(
  () => browser,
  () => server.url,
);

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const AR = flatten(ar as Tree);
/** An Arabic text of the catalogue, `{{name}}` filled in. */
function t(key: string, vars: Record<string, string> = {}): string {
  const text = AR.get(key);
  if (text === undefined) throw new Error(`no Arabic text for ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? '');
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Every English text of the catalogue whose Arabic differs, as a whole-string pattern
 * (placeholders match anything). Texts without three Latin letters outside placeholders are left
 * out: they read the same in both languages.
 */
const ENGLISH: { key: string; pattern: RegExp }[] = [...flatten(en as Tree)]
  .filter(([key, text]) => AR.get(key) !== text && /[A-Za-z]{3}/.test(text.replace(/\{\{\w+\}\}/g, '')))
  .map(([key, text]) => ({
    key,
    pattern: new RegExp(
      `^${text
        .split(/\{\{\w+\}\}/)
        .map(escape)
        .join('.+')}$`,
    ),
  }));

/** Visible text nodes, accessible names given by attributes, and the document's title. */
const PAGE_TEXTS = `(() => {
  const out = [document.title];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const text = walk.currentNode.textContent.trim();
    const el = walk.currentNode.parentElement;
    if (text && el && el.getClientRects().length > 0) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]'))
    for (const name of ['aria-label', 'placeholder', 'title']) {
      const v = el.getAttribute(name);
      if (v) out.push(v.trim());
    }
  return out;
})()`;

async function englishLeft(page: Page, name: string): Promise<string[]> {
  const texts = (await page.evaluate(PAGE_TEXTS)) as string[];
  const found = new Set<string>();
  // A text holding Arabic letters is translated, whatever Latin names or codes it quotes.
  for (const text of texts.filter((x) => !/[\u0600-\u06FF]/.test(x))) {
    for (const { key, pattern } of ENGLISH) if (pattern.test(text)) found.add(`${name}: "${text}" (${key})`);
    // Not in the catalogue but a sentence all the same: a server's message shown as it came.
    // (Distinguished names are data: "CN=…, O=…".)
    if (!text.includes('=') && /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(text)) found.add(`${name}: "${text}" (English sentence)`);
  }
  return [...found];
}

async function axeProblems(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.nodes[0]?.target.join(' ') ?? ''})`);
}

/** One screen checked as an Arabic reader meets it, at a phone's width and a laptop's. */
async function arabicScreen(page: Page, name: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.waitForSelector('main');
  const problems: string[] = [];
  if ((await page.locator('html').getAttribute('dir')) !== 'rtl') problems.push(`${name}: not right to left`);
  if ((await page.locator('html').getAttribute('lang')) !== 'ar') problems.push(`${name}: lang is not ar`);
  if (!(await page.title()).includes(t('app.name'))) problems.push(`${name}: the title "${await page.title()}" is not Arabic`);
  problems.push(...(await englishLeft(page, name)));
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
    problems.push(...(await axeProblems(page, `${name}@${width}`)));
    await shot(page, `arabic-${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  return problems;
}

/** Every page the user's navigation offers, each checked; the problems of all of them. */
async function everyPage(page: Page, user: string): Promise<string[]> {
  await page.goto(`${server.url}/pmp/`);
  await page.waitForSelector('[data-testid=user-name]');
  const links: string[] = [];
  for (const link of await nav(page).getByRole('link').all()) links.push((await link.getAttribute('href')) ?? '');
  expect(links.length).toBeGreaterThan(1);
  const problems: string[] = [];
  for (const href of links) {
    await page.goto(`${server.url}${href}`);
    problems.push(...(await arabicScreen(page, `${user}${href.replace(/^\/pmp/, '').replace(/\W+/g, '-') || '-home'}`)));
  }
  return problems;
}

/** An Arabic browser signs in on the Arabic sign-in page. */
async function signIn(user: string): Promise<Page> {
  const page = (await newSession(browser, 'ar')).page;
  sessions.set(user, page);
  await page.goto(`${server.url}/pmp/`);
  await page.waitForSelector('#username');
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  await login(page, server.url, user);
  return page;
}

/** First sign-in: registration and terms, through the Arabic labels. */
async function register(page: Page, partnerId: string, org: string, phone: string, group?: string) {
  await expect.poll(() => page.url()).toContain('/pmp/onboarding');
  await page.getByLabel(t('partner.id')).fill(partnerId);
  await page.getByLabel(t('partner.organization')).fill(org);
  await page.getByLabel(t('partner.phone')).fill(phone);
  await page.getByLabel(t('partner.address')).fill('1 شارع الشركاء');
  if (group) await page.getByRole('combobox', { name: t('partner.policyGroup') }).selectOption(group);
  await page.getByRole('button', { name: t('onboarding.register'), exact: true }).click();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: t('onboarding.accept') }).click();
  await page.waitForSelector('[data-testid=user-name]');
}

/** The partner's certificate, issued by the domain's root to its organisation, through the Arabic dialog. */
async function uploadCertificate(page: Page, root: TestCert, partnerId: string, org: string) {
  await nav(page)
    .getByRole('link', { name: t('nav.certificates') })
    .click();
  await page
    .getByRole('button', { name: t('certificate.upload') })
    .first()
    .click();
  const leaf = await certs.leaf(root, { org, cn: partnerId });
  await dialog(page).getByLabel(t('certificate.data')).fill(leaf.pem);
  await dialog(page)
    .getByRole('button', { name: t('certificate.upload') })
    .click();
  await expect.poll(() => dialog(page).count()).toBe(0);
  await expect.poll(() => row(page, partnerId).isVisible()).toBe(true);
}

async function requestPolicy(page: Page, partnerId: string, policyLabel: string, comment: string) {
  await nav(page)
    .getByRole('link', { name: t('nav.myPolicies') })
    .click();
  await page
    .getByRole('button', { name: t('request.new') })
    .first()
    .click();
  await expect.poll(() => dialog(page).getByLabel(t('partner.id')).inputValue()).toBe(partnerId);
  await dialog(page).getByLabel(t('request.policy')).selectOption({ label: policyLabel });
  await dialog(page).getByLabel(t('request.comment')).fill(comment);
  await dialog(page)
    .getByRole('button', { name: t('request.submit') })
    .click();
  await expect.poll(() => dialog(page).count()).toBe(0);
}

/** The partner admin (signed in in Arabic) approves one pending request. */
async function groupIdOf(name: string): Promise<string> {
  const [group] = await server.store.query<{ id: string }>(sql`select id from policy_group where name = ${name}`);
  return group!.id;
}

async function adminApproves(policy: string, partnerId: string) {
  const admin = sessions.get('partneradmin')!;
  await admin.goto(`${server.url}/pmp/admin/policy-requests?status=InProgress`);
  await admin.getByRole('button', { name: t('request.viewOf', { policy, partner: partnerId }) }).click();
  await dialog(admin)
    .getByRole('button', { name: t('request.approve') })
    .click();
  // A refusal shows in the dialog: fail with its text rather than a time-out.
  await expect
    .poll(async () => ((await dialog(admin).count()) === 0 ? 'closed' : await dialog(admin).getByRole('alert').allTextContents()))
    .toBe('closed');
  const [stored] = await server.store.query<{ status_code: string }>(
    sql`select m.status_code from partner_policy_request m join auth_policy p on p.id = m.policy_id
        where m.part_id = ${partnerId} and p.name = ${policy}`,
  );
  expect(stored?.status_code).toBe('approved');
}

beforeAll(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  const [auth, device, ftm, misp] = await Promise.all(
    ['AUTH', 'DEVICE', 'FTM', 'MISP'].map((d) => certs.root({ cn: `Arabic ${d} Root CA`, org: 'Arabic CA' })),
  );
  roots = { AUTH: auth!, DEVICE: device!, FTM: ftm!, MISP: misp! };
  // Set-up that is not any journey under test, through the API as an English-speaking admin.
  await seedTrustAndPolicies(
    await setup.as('policyadmin'),
    Object.entries(roots).map(([domain, root]) => [domain, root.pem]),
    { name: GROUP, desc: 'مجموعة الاختبار', id: () => groupIdOf(GROUP) },
    [
      [AUTH_POLICY, 'Auth', TEMPLATES.auth],
      [DATASHARE, 'DataShare', TEMPLATES.datashare],
    ],
  );
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [user, page] of sessions) await shot(page, `failed-arabic-${user}`).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe(
  'every role in Arabic',
  () => {
    it('the policy manager creates a policy group in Arabic; every page of the role reads in Arabic', async () => {
      const page = await signIn('policymanager');
      await nav(page)
        .getByRole('link', { name: t('nav.policyGroups') })
        .click();
      await page
        .getByRole('link', { name: t('group.create') })
        .first()
        .click();
      // The list stays on screen while the form's chunk loads, and its name filter has the same
      // label: typing before the form's heading shows fills the filter, not the form.
      await expect.poll(() => heading(page).textContent()).toBe(t('group.createTitle'));
      await page.getByLabel(t('group.name')).fill('مجموعة-عربية');
      await page.getByLabel(t('group.description')).fill('سياسات الشركاء الناطقين بالعربية');
      await page.getByRole('button', { name: t('group.create') }).click();
      await expect.poll(() => heading(page).textContent()).toBe('مجموعة-عربية');
      const [stored] = await server.store.query<{ descr: string; is_active: boolean }>(
        sql`select descr, is_active from policy_group where name = 'مجموعة-عربية'`,
      );
      expect(stored).toEqual({ descr: 'سياسات الشركاء الناطقين بالعربية', is_active: true });
      expect(await arabicScreen(page, 'policymanager-group-created')).toEqual([]);
      // Edit, then deactivate (a group without policies may be).
      await page.getByRole('link', { name: t('common.edit') }).click();
      await page.getByLabel(t('group.description')).fill('وصف معدّل');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect.poll(() => page.locator('.details').textContent()).toContain('وصف معدّل');
      await page
        .locator('.page-header')
        .getByRole('button', { name: t('common.deactivate') })
        .click();
      await dialog(page)
        .getByRole('button', { name: t('common.deactivate') })
        .click();
      await expect
        .poll(
          async () =>
            (
              await server.store.query<{ descr: string; is_active: boolean }>(
                sql`select descr, is_active from policy_group where name = 'مجموعة-عربية'`,
              )
            )[0],
        )
        .toEqual({ descr: 'وصف معدّل', is_active: false });
      expect(await everyPage(page, 'policymanager')).toEqual([]);
    });

    it('the partner admin registers in Arabic; every admin page reads in Arabic', async () => {
      const admin = await signIn('partneradmin');
      await register(admin, 'partneradmin', 'هيئة الهوية الوطنية', '+15550190');
      expect(await everyPage(admin, 'partneradmin')).toEqual([]);
    });

    it('an auth partner goes from registration to an OIDC client and an API key in Arabic; the admin approves in Arabic', async () => {
      const page = await signIn('authpartner1');
      await register(page, 'arabic-auth-1', 'Arabic Bank', '+15550200', GROUP);
      await uploadCertificate(page, roots.AUTH, 'arabic-auth-1', 'Arabic Bank');
      await requestPolicy(page, 'arabic-auth-1', `${AUTH_POLICY} (Auth)`, 'تسجيل الدخول برمز لمرة واحدة');
      await adminApproves(AUTH_POLICY, 'arabic-auth-1');

      await nav(page)
        .getByRole('link', { name: t('nav.oidcClients') })
        .click();
      await page
        .getByRole('link', { name: t('oidc.create') })
        .first()
        .click();
      await expect.poll(() => page.getByRole('combobox', { name: t('partner.id') }).inputValue()).toBe('arabic-auth-1');
      await expect.poll(() => page.getByLabel(t('oidc.policy')).locator('option:checked').textContent()).toBe(AUTH_POLICY);
      await page.getByLabel(t('oidc.name')).fill('تطبيق البنك العربي');
      await page.getByLabel(t('oidc.logoUri')).fill('https://bank.example.org/logo.png');
      await page.getByLabel(t('oidc.redirectUriN', { n: '1' }), { exact: true }).fill('https://bank.example.org/callback');
      const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
      await page.getByLabel(t('oidc.publicKey')).fill(JSON.stringify(jwk));
      expect(await arabicScreen(page, 'authpartner-oidc-form')).toEqual([]);
      await page.getByRole('button', { name: t('oidc.create') }).click();
      await expect.poll(() => heading(page).textContent()).toBe('تطبيق البنك العربي');
      const [client] = await server.store.query<{ status: string; rp_id: string }>(sql`select status, rp_id from oidc_client`);
      expect(client).toEqual({ status: 'ACTIVE', rp_id: 'arabic-auth-1' });
      expect(await arabicScreen(page, 'authpartner-oidc-client')).toEqual([]);

      await nav(page)
        .getByRole('link', { name: t('nav.apiKeys') })
        .click();
      await page
        .getByRole('button', { name: t('apiKey.generate') })
        .first()
        .click();
      await dialog(page).getByLabel(t('apiKey.label')).fill('مفتاح-الفرع');
      await dialog(page)
        .getByRole('button', { name: t('apiKey.generate') })
        .click();
      await expect
        .poll(() =>
          dialog(page)
            .getByRole('heading', { name: t('apiKey.generatedTitle') })
            .isVisible(),
        )
        .toBe(true);
      await dialog(page)
        .getByRole('button', { name: t('apiKey.done') })
        .click();
      await expect.poll(() => row(page, 'مفتاح-الفرع').isVisible()).toBe(true);
      const [key] = await server.store.query<{ label: string; is_active: boolean }>(
        sql`select label, is_active from partner_policy where part_id = 'arabic-auth-1'`,
      );
      expect(key).toEqual({ label: 'مفتاح-الفرع', is_active: true });
      await page.getByRole('button', { name: t('apiKey.deactivateOf', { label: 'مفتاح-الفرع' }) }).click();
      await dialog(page)
        .getByRole('button', { name: t('common.deactivate') })
        .click();
      await expect.poll(() => row(page, 'مفتاح-الفرع').textContent()).toContain(t('apiKey.status.deactivated'));
      const [after] = await server.store.query<{ is_active: boolean }>(
        sql`select is_active from partner_policy where part_id = 'arabic-auth-1'`,
      );
      expect(after?.is_active).toBe(false);
      expect(await everyPage(page, 'authpartner')).toEqual([]);
    });

    it('a device provider adds an SBI the admin approves in Arabic, then a device on the SBI page', async () => {
      const page = await signIn('deviceprovider1');
      await register(page, 'arabic-device-1', 'Arabic Devices', '+15550201');
      await uploadCertificate(page, roots.DEVICE, 'arabic-device-1', 'Arabic Devices');
      await nav(page)
        .getByRole('link', { name: t('nav.sbis') })
        .click();
      await page
        .getByRole('button', { name: t('device.addSbi') })
        .first()
        .click();
      await expect.poll(() => dialog(page).getByLabel(t('partner.id')).inputValue()).toBe('arabic-device-1');
      await dialog(page).getByLabel(t('device.sbiVersion')).fill('3.0.0');
      await dialog(page).getByLabel(t('device.binaryHash')).fill('k6Q1zTW2cuBT7sX3S3hq0hWqZnYtLcFr');
      const year = new Date().getUTCFullYear();
      await dialog(page)
        .getByLabel(t('device.createdOn'))
        .fill(`${year - 1}-01-01T10:00`);
      await dialog(page)
        .getByLabel(t('device.expiresOn'))
        .fill(`${year + 2}-01-01T10:00`);
      await dialog(page)
        .getByRole('button', { name: t('device.addSbi') })
        .click();
      await expect.poll(() => row(page, '3.0.0').textContent()).toContain(t('device.status.pending_approval'));

      const admin = sessions.get('partneradmin')!;
      await admin.goto(`${server.url}/pmp/admin/sbis`);
      await admin.getByRole('button', { name: t('device.approveSbi', { version: '3.0.0' }) }).click();
      await expect.poll(() => row(admin, '3.0.0').textContent()).toContain(t('device.status.approved'));

      await page.reload();
      await page.getByRole('link', { name: t('device.devicesOf', { version: '3.0.0' }) }).click();
      await expect.poll(() => heading(page).textContent()).toBe(t('device.sbiTitle', { version: '3.0.0' }));
      await page.getByRole('button', { name: t('device.addDevice') }).click();
      await dialog(page).getByLabel(t('device.make')).fill('صانع');
      await dialog(page).getByLabel(t('device.model')).fill('ماسح 1');
      await dialog(page)
        .getByRole('button', { name: t('device.addDevice') })
        .click();
      await expect.poll(() => row(page, 'ماسح 1').textContent()).toContain(t('device.status.pending_approval'));
      expect(await arabicScreen(page, 'deviceprovider-sbi-page')).toEqual([]);
      const [device] = await server.store.query<{ approval_status: string }>(
        sql`select approval_status from device_detail where model = 'ماسح 1'`,
      );
      expect(device?.approval_status).toBe('pending_approval');
      // The admin rejects the device from the SBI's page; the provider then deactivates the SBI.
      await admin.goto(page.url().replace('/pmp/sbis/', '/pmp/admin/sbis/'));
      await admin.getByRole('button', { name: t('device.rejectDevice', { name: 'صانع ماسح 1' }) }).click();
      await expect.poll(() => row(admin, 'ماسح 1').textContent()).toContain(t('device.status.rejected'));
      expect(await arabicScreen(admin, 'partneradmin-sbi-page')).toEqual([]);
      await page.reload();
      await page
        .locator('.page-header')
        .getByRole('button', { name: t('common.deactivate') })
        .click();
      await expect.poll(() => dialog(page).textContent()).toContain(t('device.deactivateSbiMessage'));
      await dialog(page)
        .getByRole('button', { name: t('common.deactivate') })
        .click();
      await expect.poll(() => page.getByText(t('device.cannotAdd.inactive')).isVisible()).toBe(true);
      const [sbi] = await server.store.query<{ approval_status: string; is_active: boolean }>(
        sql`select approval_status, is_active from secure_biometric_interface where sw_version = '3.0.0'`,
      );
      expect(sbi).toEqual({ approval_status: 'approved', is_active: false });
      expect(
        (await server.store.query<{ approval_status: string }>(sql`select approval_status from device_detail where model = 'ماسح 1'`))[0]
          ?.approval_status,
      ).toBe('rejected');
      expect(await everyPage(page, 'deviceprovider')).toEqual([]);
    });

    it('an FTM provider adds a chip in Arabic', async () => {
      const page = await signIn('ftmprovider1');
      await register(page, 'arabic-ftm-1', 'Arabic Chips', '+15550202');
      await uploadCertificate(page, roots.FTM, 'arabic-ftm-1', 'Arabic Chips');
      await nav(page)
        .getByRole('link', { name: t('nav.ftmChips') })
        .click();
      await page
        .getByRole('button', { name: t('ftm.add') })
        .first()
        .click();
      await expect.poll(() => dialog(page).getByLabel(t('partner.id')).inputValue()).toBe('arabic-ftm-1');
      await dialog(page).getByLabel(t('device.make')).fill('صانع');
      await dialog(page).getByLabel(t('device.model')).fill('شريحة 7');
      await dialog(page)
        .getByRole('button', { name: t('ftm.add') })
        .click();
      await expect.poll(() => row(page, 'شريحة 7').textContent()).toContain(t('ftm.status.pending_cert_upload'));
      expect(await everyPage(page, 'ftmprovider')).toEqual([]);
    });

    it('a credential partner chooses extractors, is approved and maps a credential type, in Arabic', async () => {
      const page = await signIn('credentialpartner1');
      await register(page, 'arabic-cred-1', 'Arabic Cards', '+15550203', GROUP);
      await uploadCertificate(page, roots.AUTH, 'arabic-cred-1', 'Arabic Cards');
      await requestPolicy(page, 'arabic-cred-1', `${DATASHARE} (DataShare)`, 'بطاقات للمقيمين');
      await nav(page)
        .getByRole('link', { name: t('nav.credentials') })
        .click();
      await page.getByRole('button', { name: t('credential.extractorsOf', { policy: DATASHARE }) }).click();
      await dialog(page).getByLabel(t('credential.attributeName')).fill('photo');
      await dialog(page).getByLabel(t('credential.biometric')).fill('face');
      await dialog(page).getByLabel(t('credential.provider')).fill('arabic-face');
      await dialog(page).getByLabel(t('credential.version')).fill('1.2');
      await dialog(page)
        .getByRole('button', { name: t('credential.addExtractor') })
        .click();
      await expect.poll(() => dialog(page).getByTestId('extractors').textContent()).toContain('arabic-face');
      expect(await arabicScreen(page, 'credentialpartner-extractors')).toEqual([]);
      await dialog(page)
        .getByRole('button', { name: t('common.close') })
        .click();
      await adminApproves(DATASHARE, 'arabic-cred-1');

      await page.reload();
      await page.getByRole('button', { name: t('credential.mapTitle', { policy: DATASHARE }) }).click();
      await dialog(page).getByLabel(t('credential.type')).fill('euin');
      await dialog(page)
        .getByRole('button', { name: t('credential.map') })
        .click();
      await expect.poll(() => dialog(page).getByTestId('credential-mapping').textContent()).toContain('euin');
      const [mapped] = await server.store.query<{ credential_type: string }>(
        sql`select credential_type from partner_policy_credential_type where part_id = 'arabic-cred-1'`,
      );
      expect(mapped?.credential_type).toBe('euin');
      await dialog(page)
        .getByRole('button', { name: t('common.close') })
        .click();
      expect(await everyPage(page, 'credentialpartner')).toEqual([]);
    });

    it('a MISP partner generates its license in Arabic', async () => {
      const page = await signIn('mispartner1');
      await register(page, 'arabic-misp-1', 'Arabic Network', '+15550204');
      await uploadCertificate(page, roots.MISP, 'arabic-misp-1', 'Arabic Network');
      await nav(page)
        .getByRole('link', { name: t('nav.mispLicense') })
        .click();
      await page
        .getByRole('button', { name: t('misp.generate') })
        .first()
        .click();
      await dialog(page)
        .getByRole('button', { name: t('misp.generate') })
        .click();
      await expect.poll(() => dialog(page).getByTestId('license-key-value').inputValue()).toMatch(/^\S{20,}$/);
      expect(await dialog(page).textContent()).toContain(t('misp.shownOnce'));
      await dialog(page)
        .getByRole('button', { name: t('apiKey.done') })
        .click();
      await expect.poll(() => row(page, 'arabic-misp-1').textContent()).toContain(t('misp.status.active'));
      expect(await everyPage(page, 'misppartner')).toEqual([]);
    });
  },
  15 * 60_000,
);
