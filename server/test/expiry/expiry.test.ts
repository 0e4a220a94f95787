import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExpiryCheck, startExpiryCheck } from '../../src/expiry/index.js';
import { expirySettings } from '../../src/expiry/settings.js';
import { sql } from '../../src/platform/db/sql.js';
import { seedApprovedRequests, seedPendingPolicyRequests } from '../../src/policy-requests/seed.js';
import type { TestCert } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import {
  BASE,
  certifiedPartner,
  errorOf,
  events,
  generateKey,
  insertGroup,
  insertPolicy,
  insertRequest,
  trustRoot,
} from '../policy-requests/fixtures.js';
import { issue5Modules } from '../policy-requests/modules.js';

let s: TestServer;
let admin: string;
let root: TestCert;
let group: string;

beforeAll(async () => {
  s = await startTestServer({ modules: issue5Modules() });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  root = await trustRoot(s, admin, ['AUTH', 'MISP']);
  group = await insertGroup(s.store);
});
afterAll(() => s.close());

const notices = (token: string, q = '') => s.call('GET', `${BASE}/expiry-notices${q}`, { token });

describe('expiry notices', () => {
  it('records one notice and one event per expiring key, license and certificate, however often it runs', async () => {
    const p = await certifiedPartner(s, admin, root, { group });
    const pol = await insertPolicy(s.store, { group });
    await insertRequest(s.store, p.id, pol.id, 'approved');
    const apiKey: string = (await generateKey(s, p.token, p.id, pol.name, 'soon')).body.response.apiKey;
    await generateKey(s, p.token, p.id, pol.name, 'later');
    await s.store.exec(
      sql`update partner_policy set valid_to_datetime = now() + interval '2 days' where part_id = ${p.id} and label = 'soon'`,
    );
    const m = await certifiedPartner(s, admin, root, { type: 'MISP_Partner', domain: 'MISP' });
    const misp = await s.token(m.userId, ['MISP_PARTNER']);
    const license: string = (await s.call('POST', `${BASE}/misps`, { token: misp, body: envelope({ providerId: m.id }) })).body.response
      .licenseKey;
    await s.store.exec(sql`update misp_license set valid_to_date = now() + interval '1 day' where misp_id = ${m.id}`);
    await s.store.exec(
      sql`update partner_cert_store set cert_not_after = now() + interval '3 days' - interval '1 minute' where partner_id = ${p.id}`,
    );

    const first = await runExpiryCheck(s.store, { noticeDays: 3 });
    expect(first.map((n) => [n.item_type, n.partner_id]).sort()).toEqual([
      ['API_KEY', p.id],
      ['MISP_LICENSE', m.id],
      ['PARTNER_CERTIFICATE', p.id],
    ]);
    expect(await runExpiryCheck(s.store, { noticeDays: 3 })).toEqual([]);
    const evs = await events<{ itemType: string; partnerId: string }>(s, 'PMS_EXPIRY_NOTICE');
    expect(evs).toHaveLength(3);
    expect(JSON.stringify(evs)).not.toContain(apiKey);
    expect(JSON.stringify(evs)).not.toContain(license);

    // A renewed item (new expiry) is noticed again.
    await s.store.exec(
      sql`update partner_policy set valid_to_datetime = now() + interval '1 day' where part_id = ${p.id} and label = 'soon'`,
    );
    expect((await runExpiryCheck(s.store, { noticeDays: 3 })).map((n) => n.item_type)).toEqual(['API_KEY']);

    const mine = await notices(p.token);
    expect(mine.body.id).toBe('mosip.pms.expiry.notices.get');
    expect(mine.body.response.data.map((n: { partnerId: string }) => n.partnerId)).toEqual([p.id, p.id, p.id]);
    expect(mine.body.response.data[0]).toMatchObject({ itemType: expect.any(String), expiryDateTime: expect.any(String), expired: false });
    expect((await notices(misp)).body.response.data).toEqual([
      expect.objectContaining({ itemType: 'MISP_LICENSE', partnerId: m.id, itemLabel: `****${license.slice(-4)}` }),
    ]);
    expect((await notices(admin, '?itemType=PARTNER_CERTIFICATE')).body.response.totalResults).toBe(1);
    expect((await notices(admin)).body.response.totalResults).toBe(4);
    expect(errorOf(await notices(admin, '?sortFieldName=nope&sortType=asc'))?.errorCode).toBe('PMS_PRT_357');
    expect((await notices(await s.token('policy', ['POLICYMANAGER']))).status).toBe(403);
  });

  it('start/stop: disabled means no timer; runOnce works either way', async () => {
    const log = { info: () => undefined, error: () => undefined };
    const checker = startExpiryCheck({ store: s.store, settings: expirySettings({ PMS_EXPIRY_CHECK_ENABLED: 'false' }), log });
    expect(await checker.runOnce()).toBe(0);
    await checker.stop();
    const running = startExpiryCheck({ store: s.store, settings: expirySettings({ PMS_EXPIRY_CHECK_INTERVAL_MINUTES: '60' }), log });
    await running.stop();
    expect(() => expirySettings({ PMS_EXPIRY_NOTICE_DAYS: 'soon' })).toThrow(/PMS_EXPIRY_NOTICE_DAYS/);
  });

  it('benchmark seeds: pending requests an admin can approve, approved ones a partner can generate keys from', async () => {
    await seedPendingPolicyRequests(s.store, 50);
    await seedApprovedRequests(s.store, 20);
    const approve = await s.call('PUT', `${BASE}/partners/policy/bench-req-7`, { token: admin, body: envelope({ status: 'approved' }) });
    expect(approve.body.response).toBe('Policy mapping approved successfully');
    const owner = await s.token('bench-key-user', ['AUTH_PARTNER']);
    const gen = await generateKey(s, owner, 'bench-key-partner-3', 'bench-key-policy', 'bench label');
    expect(gen.body.response).toMatchObject({ partnerId: 'bench-key-partner-3', policyId: 'bench-key-policy' });
    expect(
      await s.store.one(
        sql`select count(*)::int as n from partner_policy_request where id like 'bench-req-%' and status_code = 'InProgress'`,
      ),
    ).toEqual({ n: 49 });
  });
});
