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
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
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

/**
 * One signed-in page per user, kept across a file's steps like a user's open tab: `as(user)`
 * signs in on first use; `go(page, path)` opens a portal path and waits for its main area.
 */
export function userSessions(browser: () => Browser, baseUrl: () => string) {
  const pages = new Map<string, Page>();
  return {
    pages,
    async as(user: string): Promise<Page> {
      let page = pages.get(user);
      if (!page) {
        page = (await newSession(browser())).page;
        pages.set(user, page);
        await login(page, baseUrl(), user);
      }
      return page;
    },
    async go(page: Page, path: string): Promise<void> {
      await page.goto(`${baseUrl()}/pmp${path}`);
      await page.waitForSelector('main');
    },
  };
}
