import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../server/test/support/embedded-server.js';
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
 * purpose, the portal's error screen or a blank page fails the step.
 */

let server: EmbeddedTestServer;
let portal: ServedPortal;
let browser: Browser;
const sessions = new Map<string, { page: Page; watch: Watch }>();

const ROUTE = '/#/partnermanagement';

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

/** Fails on the portal's error screen, an empty page, and any problem the watch saw. */
async function check(user: string, what: string): Promise<void> {
  const { page, watch } = sessions.get(user)!;
  await settle(page);
  const problems = await watch.take();
  if (page.url().includes('runtimeError')) problems.push(`${user}: the portal's error screen at ${page.url()}`);
  const text = (await page.locator('#root').innerText().catch(() => '')).trim();
  if (text.length === 0) problems.push(`${user}: blank screen at ${page.url()}`);
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
  await page.goto(`${portal.url}/${route.startsWith('#') ? route : `${ROUTE}/${route}`}`);
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
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [user, s] of sessions) await shot(s.page, `mosip-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}-${user}`).catch(() => undefined);
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
    await page.locator('#consent_proceed_btn').click();
    await check('policyadmin', 'first login');
    await expect.poll(() => page.locator('#welcome_msg').textContent()).toContain('Policy');
    await shot(page, 'mosip-02-dashboard-policyadmin');
  });
});
