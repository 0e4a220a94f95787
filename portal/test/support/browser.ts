import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots land here (gitignored); CI keeps them as artefacts. */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'portal');
export const PASSWORD = 'Welcome@123';

/**
 * Debian's Chromium, headless, nothing phoning home. playwright-core's launch gives every
 * browser a fresh temporary profile (user-data dir) and removes it on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** One user's browser session: its own cookies, an English browser unless told otherwise. */
export async function newSession(browser: Browser, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the server's /login flow and the embedded identity provider's form. */
export async function login(page: Page, baseUrl: string, user: string, path = '/pmp/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('#username');
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/pmp/')), page.click('button[type=submit]')]);
  // Either the shell (user menu) or the first-login onboarding.
  await page.waitForSelector('[data-testid=user-name], .steps');
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  // A scrolled page would show its sticky header in the middle of a full-page picture.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const heading = (page: Page) => page.getByRole('heading', { level: 1 });
export const nav = (page: Page) => page.locator('nav.sidenav');
export const dialog = (page: Page) => page.getByRole('dialog');
export const row = (page: Page, text: string) => page.locator('tbody tr', { hasText: text });

/**
 * The organisation each seeded admin registers at first sign-in (MOSIP's portal registers admins
 * as Partner_Admin partners too); the partner id is the user name, as for seeded partners.
 */
const ADMIN_ORGANISATIONS: Record<string, { organisation: string; phone: string; address: string }> = {
  partneradmin: { organisation: 'National ID Authority', phone: '+15550190', address: '12 Registry Road, Capital City' },
  policyadmin: { organisation: 'National ID Authority', phone: '+15550191', address: '12 Registry Road, Capital City' },
};

/** Completes the first-login registration and consent of a seeded admin through the portal's form. */
export async function onboardAdmin(page: Page, user: string): Promise<void> {
  const org = ADMIN_ORGANISATIONS[user];
  if (!org || !page.url().includes('/pmp/onboarding')) return;
  await page.getByLabel('Partner ID').fill(user);
  await page.getByLabel('Organisation').fill(org.organisation);
  await page.getByLabel('Phone number').fill(org.phone);
  await page.getByLabel('Address').fill(org.address);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Accept and continue' }).click();
  await page.waitForSelector('[data-testid=user-name]');
}

/** One signed-in page per user, kept across steps like a user's open tab. */
export class Users {
  readonly pages = new Map<string, Page>();
  constructor(
    private readonly browser: () => Browser,
    private readonly baseUrl: () => string,
  ) {}

  async as(user: string, locale?: string): Promise<Page> {
    let page = this.pages.get(user);
    if (!page) {
      page = (await newSession(this.browser(), locale)).page;
      this.pages.set(user, page);
      await login(page, this.baseUrl(), user);
      await onboardAdmin(page, user);
    }
    return page;
  }

  async go(page: Page, path: string): Promise<void> {
    await page.goto(`${this.baseUrl()}/pmp${path}`);
    await page.waitForSelector('main');
  }

  /** A failed step leaves a picture of every open session for the artefacts. */
  async shootAll(prefix: string): Promise<void> {
    for (const [user, page] of this.pages) await shot(page, `${prefix}-${user}`).catch(() => undefined);
  }
}

/** A call to the API from a signed-in page, in MOSIP's v1 envelope (set-up that is not the journey under test). */
export async function api(page: Page, method: string, path: string, request?: unknown): Promise<{ errors?: unknown[]; response: unknown }> {
  return page.evaluate(
    async ({ method, path, request }) => {
      const res = await fetch(path, {
        method,
        headers:
          request === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body:
          request === undefined
            ? undefined
            : JSON.stringify({ id: 'mosip.pms.test', version: '1.0', requesttime: new Date().toISOString(), metadata: {}, request }),
      });
      return (await res.json()) as { errors?: unknown[]; response: unknown };
    },
    { method, path, request },
  );
}

/** The same sessions as `new Users(...)`, for tests written against this shape. */
export function userSessions(browser: () => Browser, baseUrl: () => string) {
  const users = new Users(browser, baseUrl);
  // Bound, so that callers may take the methods apart (`const { as, go } = userSessions(…)`).
  return { pages: users.pages, as: users.as.bind(users), go: users.go.bind(users) };
}

/**
 * Set-up that is not the journey under test: CA roots in their trust stores, then a policy group
 * with published policies, through the API of a signed-in admin who is also a policy manager.
 * The publish call needs the group's id, which only the caller's store query can give.
 */
export async function seedTrustAndPolicies(
  admin: Page,
  roots: Array<[domain: string, pem: string]>,
  group: { name: string; desc: string; id: () => Promise<string> },
  policies: ReadonlyArray<readonly [name: string, policyType: 'Auth' | 'DataShare', document: unknown]>,
): Promise<void> {
  const ok = <T extends { errors?: unknown[] }>(r: T): T => {
    if ((r.errors ?? []).length > 0) throw new Error(`set-up refused: ${JSON.stringify(r.errors)}`);
    return r;
  };
  for (const [domain, pem] of roots) {
    ok(await api(admin, 'POST', '/v1/partnermanager/partners/certificate/ca/upload', { certificateData: pem, partnerDomain: domain }));
  }
  ok(await api(admin, 'POST', '/v1/policymanager/policies/group/new', { name: group.name, desc: group.desc }));
  const groupId = await group.id();
  for (const [name, policyType, document] of policies) {
    const created = ok(
      await api(admin, 'POST', '/v1/policymanager/policies', {
        policyGroupName: group.name,
        name,
        desc: name,
        version: '1.0',
        policyType,
        policies: document,
      }),
    );
    const id = (created.response as { id: string }).id;
    ok(await api(admin, 'POST', `/v1/policymanager/policies/${id}/group/${groupId}/publish`));
  }
}
