import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { TestCert } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import {
  auditActions,
  BASE,
  certifiedPartner,
  errorOf,
  events,
  insertGroup,
  insertPartner,
  insertPolicy,
  insertRequest,
  trustRoot,
  unique,
} from '../policy-requests/fixtures.js';
import { issue5Modules } from '../policy-requests/modules.js';

let s: TestServer;
let admin: string;
let root: TestCert;

beforeAll(async () => {
  s = await startTestServer({ modules: issue5Modules() });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  root = await trustRoot(s, admin, ['MISP']);
  await insertGroup(s.store);
});
afterAll(() => s.close());

const M = `${BASE}/misps`;
const generate = (token: string, providerId: string) => s.call('POST', M, { token, body: envelope({ providerId }) });
const update = (token: string, providerId: string, licenseKey: string, licenseKeyStatus: string) =>
  s.call('PUT', M, { token, body: envelope({ providerId, licenseKey, licenseKeyStatus }) });
const licenseRow = (mispId: string) => s.store.one<Record<string, unknown>>(sql`select * from misp_license where misp_id = ${mispId}`);

async function misp() {
  const p = await certifiedPartner(s, admin, root, { type: 'MISP_Partner', domain: 'MISP' });
  return { ...p, token: await s.token(p.userId, ['MISP_PARTNER']) };
}

type LicenseEvent = { mispLicenseData: { mispId: string; licenseKey: string; mispStatus: string }; policyData?: { policyId: string } };

describe('MISP licenses', () => {
  it('generates a 50-character key once, stores it sealed, publishes MISP_LICENSE_GENERATED', async () => {
    const m = await misp();
    const r = await generate(m.token, m.id);
    expect(r.body.response).toEqual({
      providerId: m.id,
      licenseKey: expect.stringMatching(/^[0-9A-Za-z]{50}$/),
      licenseKeyStatus: 'Active',
      licenseKeyExpiry: expect.any(String),
    });
    const key: string = r.body.response.licenseKey;
    const row = await licenseRow(m.id);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row).toMatchObject({ is_active: true, key_hint: key.slice(-4), policy_id: null });
    const ev = (await events<LicenseEvent>(s, 'MISP_LICENSE_GENERATED')).at(-1)!;
    expect(ev.payload.publisher).toBe('InfraProviderServiceImpl');
    expect(ev.payload.event.data.mispLicenseData).toMatchObject({ mispId: m.id, licenseKey: key, mispStatus: 'ACTIVE' });
    expect(errorOf(await generate(m.token, m.id))).toEqual({
      errorCode: 'PMS_MSP_416',
      message: 'License key exists for the given provider.',
    });
    expect(await auditActions(s, String(row!.id))).toEqual(['misp-license.generate']);
  });

  it('refuses unknown, non-MISP, inactive and other users’ partners; requests must all be approved', async () => {
    expect(errorOf(await generate(admin, 'nobody'))).toEqual({ errorCode: 'PMS_MSP_005', message: 'MISP Partner does not exist' });
    const auth = unique('auth');
    await insertPartner(s.store, { id: auth, type: 'Auth_Partner', status: 'approved', active: true });
    expect(errorOf(await generate(admin, auth))).toEqual({ errorCode: 'PMS_MSP_009', message: 'Given provider is not valid' });
    const sleepy = unique('sleepy');
    await insertPartner(s.store, { id: sleepy, type: 'MISP_Partner' });
    expect(errorOf(await generate(admin, sleepy))).toEqual({ errorCode: 'PMS_MSP_405', message: 'MISP partner is not active.' });
    const m = await misp();
    const other = await misp();
    expect(errorOf(await generate(other.token, m.id))).toEqual({ errorCode: 'PMS_PRT_055', message: 'User not authorized.' });
    const pol = await insertPolicy(s.store, { group: null, type: 'MISP' });
    await insertRequest(s.store, m.id, pol.id);
    expect(errorOf(await generate(m.token, m.id))).toEqual({ errorCode: 'PMS_MSP_418', message: 'Policy not approved.' });
    await s.store.exec(sql`update partner_policy_request set status_code = 'approved' where part_id = ${m.id}`);
    const r = await generate(m.token, m.id);
    expect(r.body.errors).toEqual([]);
    expect((await licenseRow(m.id))?.policy_id).toBe(pol.id);
    expect((await events<LicenseEvent>(s, 'MISP_LICENSE_GENERATED')).at(-1)!.payload.event.data.policyData?.policyId).toBe(pol.id);
    const lost = await misp();
    await insertRequest(s.store, lost.id, 'no-such-policy', 'approved');
    expect(errorOf(await generate(lost.token, lost.id))).toEqual({ errorCode: 'PMS_MSP_419', message: 'Policy not exists.' });
    for (const id of [auth, sleepy, lost.id]) expect(await licenseRow(id)).toBeUndefined();
  });

  it('PUT /misps changes the status with MISP_LICENSE_UPDATED; bad status, wrong key, other MISP refused', async () => {
    const m = await misp();
    const key: string = (await generate(m.token, m.id)).body.response.licenseKey;
    expect(errorOf(await update(m.token, m.id, key, 'paused'))).toEqual({
      errorCode: 'PMS_MSP_407',
      message: 'mispStatus either Active or De-active.',
    });
    expect(errorOf(await update(m.token, m.id, 'x'.repeat(50), 'de-active'))).toEqual({
      errorCode: 'PMS_MSP_408',
      message: 'MISP Partner and License key combintaion not exists.',
    });
    const other = await misp();
    expect(errorOf(await update(other.token, m.id, key, 'de-active'))?.errorCode).toBe('PMS_PRT_055');
    expect((await licenseRow(m.id))?.is_active).toBe(true);
    const r = await update(m.token, m.id, key, 'De-Active');
    expect(r.body.response).toMatchObject({ providerId: m.id, licenseKey: key, licenseKeyStatus: 'de-active' });
    expect((await licenseRow(m.id))?.is_active).toBe(false);
    expect((await events<LicenseEvent>(s, 'MISP_LICENSE_UPDATED')).at(-1)!.payload.event.data.mispLicenseData).toMatchObject({
      licenseKey: key,
      mispStatus: 'NOT_ACTIVE',
    });
    expect((await update(m.token, m.id, key, 'active')).body.response.licenseKeyStatus).toBe('active');
    expect(errorOf(await s.call('PUT', M, { token: m.token, body: envelope({ providerId: m.id, licenseKey: key }) }))?.errorCode).toBe(
      'PMS_COR_001',
    );
  });

  it('GET /misps/{id}/licenseKey returns the valid key even when the MISP has requests (MOSIP fails), regenerates an expired one in place', async () => {
    const m = await misp();
    const pol = await insertPolicy(s.store, { group: null, type: 'MISP' });
    await insertRequest(s.store, m.id, pol.id, 'approved');
    expect(errorOf(await s.call('GET', `${M}/${m.id}/licenseKey`, { token: admin }))).toEqual({
      errorCode: 'PMS_MSP_408',
      message: 'MISP Partner and License key combintaion not exists.',
    });
    const key: string = (await generate(m.token, m.id)).body.response.licenseKey;
    const same = await s.call('GET', `${M}/${m.id}/licenseKey`, { token: admin });
    expect(same.body.response).toMatchObject({ providerId: m.id, licenseKey: key, licenseKeyStatus: 'Active' });
    await s.store.exec(sql`update misp_license set valid_to_date = now() - interval '1 minute' where misp_id = ${m.id}`);
    const fresh = await s.call('GET', `${M}/${m.id}/licenseKey`, { token: admin });
    expect(fresh.body.response.licenseKey).toMatch(/^[0-9A-Za-z]{50}$/);
    expect(fresh.body.response.licenseKey).not.toBe(key);
    expect(await s.store.one(sql`select count(*)::int as n from misp_license where misp_id = ${m.id}`)).toEqual({ n: 1 });
    const ev = (await events<LicenseEvent>(s, 'MISP_LICENSE_UPDATED')).at(-1)!;
    expect(ev.payload.event.data).toMatchObject({
      mispLicenseData: { licenseKey: fresh.body.response.licenseKey },
      policyData: { policyId: pol.id },
    });
    expect(errorOf(await s.call('GET', `${M}/nobody/licenseKey`, { token: admin }))?.errorCode).toBe('PMS_MSP_005');
    expect((await s.call('GET', `${M}/${m.id}/licenseKey`, { token: m.token })).status).toBe(403);
  });

  it('lists: admins all, a MISP its own, keys masked; legacy search and filter values', async () => {
    const a = await misp();
    const b = await misp();
    const keyA: string = (await generate(a.token, a.id)).body.response.licenseKey;
    await generate(b.token, b.id);
    const mine = await s.call('GET', M, { token: a.token });
    expect(mine.body.response).toEqual([expect.objectContaining({ mispId: a.id, licenseKey: `****${keyA.slice(-4)}`, isActive: true })]);
    expect(mine.text).not.toContain(keyA);
    const all = await s.call('GET', M, { token: admin });
    expect(all.body.response.map((l: { mispId: string }) => l.mispId)).toEqual(expect.arrayContaining([a.id, b.id]));
    const search = (token: string) =>
      s.call('POST', `${M}/search`, {
        token,
        body: envelope({
          filters: [{ columnName: 'isActive', type: 'equals', value: 'true' }],
          sort: [{ sortField: 'mispId', sortType: 'asc' }],
          pagination: { pageStart: 0, pageFetch: 50 },
        }),
      });
    expect((await search(a.token)).body.response.data.map((l: { mispId: string }) => l.mispId)).toEqual([a.id]);
    expect((await search(admin)).body.response.totalRecord).toBeGreaterThanOrEqual(2);
    const values = await s.call('POST', `${M}/filtervalues`, {
      token: a.token,
      body: envelope({ filters: [{ columnName: 'mispId', type: 'unique', text: '' }] }),
    });
    expect(values.body.response.filters).toEqual([{ fieldID: 'mispId', fieldValue: a.id, fieldCode: a.id }]);
    expect(
      errorOf(
        await s.call('POST', `${M}/filtervalues`, {
          token: admin,
          body: envelope({ filters: [{ columnName: 'licenseKey', type: 'unique', text: '' }] }),
        }),
      )?.errorCode,
    ).toBe('PMS-MSD-317');
  });

  it('deactivating a MISP partner deactivates its licenses in the same transaction, one event per license', async () => {
    const m = await misp();
    const key: string = (await generate(m.token, m.id)).body.response.licenseKey;
    const before = (await events(s, 'MISP_LICENSE_UPDATED')).length;
    const r = await s.call('PATCH', `${BASE}/partners/${m.id}`, { token: admin, body: envelope({ status: 'De-Active' }) });
    expect(r.body.response).toEqual({ message: 'Partner de-activated successfully' });
    expect((await licenseRow(m.id))?.is_active).toBe(false);
    const after = await events<LicenseEvent>(s, 'MISP_LICENSE_UPDATED');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.payload).toMatchObject({
      publisher: 'PartnerManagementServiceImpl',
      event: { data: { mispLicenseData: { mispId: m.id, licenseKey: key, mispStatus: 'NOT_ACTIVE' } } },
    });
    expect(await auditActions(s, String((await licenseRow(m.id))!.id))).toEqual(['misp-license.generate', 'misp-license.deactivate']);
  });
});
