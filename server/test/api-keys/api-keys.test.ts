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
  generateKey,
  insertGroup,
  insertPolicy,
  insertRequest,
  trustRoot,
} from '../policy-requests/fixtures.js';
import { issue5Modules } from '../policy-requests/modules.js';

let s: TestServer;
let admin: string;
let group: string;
let root: TestCert;

beforeAll(async () => {
  s = await startTestServer({ modules: issue5Modules() });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  group = await insertGroup(s.store);
  root = await trustRoot(s, admin);
});
afterAll(() => s.close());

/** A certified Auth partner with an approved request for a fresh policy of `group`. */
async function approvedPartner() {
  const p = await certifiedPartner(s, admin, root, { group });
  const pol = await insertPolicy(s.store, { group });
  await insertRequest(s.store, p.id, pol.id, 'approved');
  return { ...p, policy: pol };
}

const keyRows = (partnerId: string) =>
  s.store.query<Record<string, unknown>>(sql`select * from partner_policy where part_id = ${partnerId} order by cr_dtimes`);
const setStatus = (token: string, partnerId: string, policyId: string, label: string, status: string) =>
  s.call('PATCH', `${BASE}/partners/${partnerId}/policy/${policyId}/apiKey/status`, { token, body: envelope({ label, status }) });

describe('PATCH /partners/{partnerId}/generate/apikey', () => {
  it('returns an unguessable key once, stores it only sealed, publishes APIKEY_APPROVED with the signed certificate', async () => {
    const p = await approvedPartner();
    const r = await generateKey(s, p.token, p.id, p.policy.name, 'main key');
    expect(r.body.errors).toEqual([]);
    const { apiKey } = r.body.response;
    expect(r.body.response).toEqual({
      apiKey: expect.stringMatching(/^[0-9A-Za-z]{32}$/),
      label: 'main key',
      partnerId: p.id,
      policyId: p.policy.id,
    });
    const rows = await keyRows(p.id);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(apiKey);
    expect(rows[0]).toMatchObject({
      is_active: true,
      label: 'main key',
      key_hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      key_cipher: expect.stringMatching(/^v1\./),
    });
    const days = (Date.parse(String(rows[0]!.valid_to_datetime).replace(' ', 'T').replace(/\+00$/, 'Z')) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
    const ev = (
      await events<{
        partnerData: { partnerId: string; certificateData: string; partnerStatus: string };
        policyData: { policyId: string };
        apiKeyData: { apiKeyId: string; apiKeyStatus: string };
      }>(s, 'APIKEY_APPROVED')
    ).at(-1)!;
    expect(ev.payload.publisher).toBe('PartnerManagementServiceImpl');
    expect(ev.payload.event.data.apiKeyData).toMatchObject({ apiKeyId: apiKey, apiKeyStatus: 'ACTIVE' });
    expect(ev.payload.event.data.partnerData).toMatchObject({
      partnerId: p.id,
      partnerStatus: 'ACTIVE',
      certificateData: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(ev.payload.event.data.policyData.policyId).toBe(p.policy.id);
    expect(await auditActions(s, String(rows[0]!.id))).toEqual(['api-key.generate']);
    // Keys drawn for the same request differ: nothing about them is predictable.
    const second = await generateKey(s, p.token, p.id, p.policy.name, 'second');
    expect(second.body.response.apiKey).not.toBe(apiKey);
  });

  it('refuses in MOSIP order: not yours, unknown, inactive, policy not in group, not approved, duplicate label', async () => {
    const p = await approvedPartner();
    const stranger = await s.token('stranger', ['AUTH_PARTNER']);
    expect(errorOf(await generateKey(s, stranger, p.id, p.policy.name, 'x'))).toEqual({
      errorCode: 'PMS_PRT_055',
      message: 'User not authorized.',
    });
    const ghost = await s.token('ghost', ['AUTH_PARTNER']);
    expect(errorOf(await generateKey(s, ghost, 'ghost', p.policy.name, 'x'))).toEqual({
      errorCode: 'PMS_PMP_005',
      message: 'Partner ID does not exist',
    });
    await s.store.exec(sql`update partner set is_active = false where id = ${p.id}`);
    expect(errorOf(await generateKey(s, p.token, p.id, p.policy.name, 'x'))).toEqual({
      errorCode: 'PMS_PMP_016',
      message: 'Partner is not active.',
    });
    await s.store.exec(sql`update partner set is_active = true where id = ${p.id}`);
    expect(errorOf(await generateKey(s, p.token, p.id, 'unknown policy', 'x'))).toEqual({
      errorCode: 'PMS_PMP_014',
      message: 'Policy does not exist',
    });
    const pending = await insertPolicy(s.store, { group });
    await insertRequest(s.store, p.id, pending.id);
    expect(errorOf(await generateKey(s, p.token, p.id, pending.name, 'x'))).toEqual({
      errorCode: 'PMS_PRT_109',
      message: 'Given policy is not mapped to partner',
    });
    expect((await generateKey(s, p.token, p.id, p.policy.name, 'my label')).body.errors).toEqual([]);
    expect(errorOf(await generateKey(s, p.token, p.id, p.policy.name, '  my    label '))).toEqual({
      errorCode: 'PMS_PRT_110',
      message: 'Given label already exists.Provide unique label.',
    });
    expect(errorOf(await generateKey(s, p.token, p.id, p.policy.name, '    '))?.errorCode).toBe('PMS_COR_001');
    expect(errorOf(await generateKey(s, p.token, p.id, p.policy.name, 'x'.repeat(37)))?.errorCode).toBe('PMS_COR_001');
    expect(await keyRows(p.id)).toHaveLength(1);
    expect((await generateKey(s, admin, p.id, p.policy.name, 'admin')).status).toBe(403);
  });
});

describe('key status, policy swap and reads', () => {
  it('deactivates and activates with APIKEY_UPDATED; owner or admin only; MOSIP errors otherwise', async () => {
    const p = await approvedPartner();
    const { apiKey } = (await generateKey(s, p.token, p.id, p.policy.name, 'k1')).body.response;
    expect((await setStatus(p.token, p.id, p.policy.id, 'k1', 'De-Active')).body.response).toBe(
      'Partner apikey de-activated successfully.',
    );
    expect((await keyRows(p.id))[0]!.is_active).toBe(false);
    const ev = (await events<{ apiKeyData: { apiKeyId: string; apiKeyStatus: string } }>(s, 'APIKEY_UPDATED')).at(-1)!;
    expect(ev.payload.event.data.apiKeyData).toMatchObject({ apiKeyId: apiKey, apiKeyStatus: 'DEACTIVE' });
    expect(errorOf(await setStatus(p.token, p.id, p.policy.id, 'k1', 'de-active'))).toEqual({
      errorCode: 'PMS_PMS_022',
      message: 'Given Partner api key is not active.',
    });
    expect((await setStatus(admin, p.id, p.policy.id, 'k1', 'active')).body.response).toBe('Partner apikey activated successfully.');
    expect(errorOf(await setStatus(p.token, p.id, p.policy.id, 'k1', 'paused'))).toEqual({
      errorCode: 'PMS_PM_058',
      message: 'Status should be either Active or De-Active',
    });
    expect(errorOf(await setStatus(p.token, p.id, p.policy.id, 'nope', 'active'))).toEqual({
      errorCode: 'PMS_PRT_111',
      message: 'API key not exists for the given combination',
    });
    // MOSIP lets any caller with the role change any partner's key; here it is refused.
    const other = await approvedPartner();
    expect(errorOf(await setStatus(other.token, p.id, p.policy.id, 'k1', 'de-active'))).toEqual({
      errorCode: 'PMS_PRT_055',
      message: 'User not authorized.',
    });
    expect((await keyRows(p.id))[0]!.is_active).toBe(true);
    await s.store.exec(sql`update partner set is_active = false where id = ${p.id}`);
    expect(errorOf(await setStatus(p.token, p.id, p.policy.id, 'k1', 'de-active'))?.errorCode).toBe('PMS_PMP_016');
    expect((await setStatus(admin, p.id, p.policy.id, 'k1', 'de-active')).body.errors).toEqual([]);
  });

  it('admins move a key to another policy of the group (the key value names it); errors per MOSIP', async () => {
    const p = await approvedPartner();
    const { apiKey } = (await generateKey(s, p.token, p.id, p.policy.name, 'swap')).body.response;
    const next = await insertPolicy(s.store, { group });
    const swap = (key: string, oldPolicyID: string, newPolicyID: string, token = admin) =>
      s.call('PUT', `${BASE}/partners/${p.id}/apikey/${key}/policies`, { token, body: envelope({ oldPolicyID, newPolicyID }) });
    expect(errorOf(await swap('wrong-key', p.policy.id, next.id))).toEqual({
      errorCode: 'PMS_PMP_50',
      message: 'Given apikey,partner and policy mapping not exists.',
    });
    expect(errorOf(await swap(apiKey, p.policy.id, 'missing'))).toEqual({
      errorCode: 'PMS_PMP_014',
      message: 'Policy does not existmissing',
    });
    const off = await insertPolicy(s.store, { group, active: false });
    expect(errorOf(await swap(apiKey, p.policy.id, off.id))).toEqual({
      errorCode: 'PMS_PMP_019',
      message: `Partner policy is not active.${off.id}`,
    });
    const r = await swap(apiKey, p.policy.id, next.id);
    expect(r.body.response).toEqual({ message: 'Given apikey updated with policy successfully. ' });
    expect((await keyRows(p.id))[0]!.policy_id).toBe(next.id);
    expect((await swap(apiKey, next.id, p.policy.id, p.token)).status).toBe(403);
    const lookup = await s.call('GET', `${BASE}/partners/${p.id}/apikey/${apiKey}`, { token: admin });
    expect(lookup.body).toMatchObject({
      id: 'mosip.partnermanagement.partners.retrieve',
      response: { partnerID: p.id, policyId: next.id },
    });
    expect(errorOf(await s.call('GET', `${BASE}/partners/${p.id}/apikey/not-a-key`, { token: admin }))).toEqual({
      errorCode: 'PMS_PMP_009',
      message: 'For given partner and apikey mapping not exists.',
    });
    await setStatus(admin, p.id, next.id, 'swap', 'de-active');
    expect(errorOf(await swap(apiKey, next.id, p.policy.id))?.errorCode).toBe('PMS_PMS_022');
  });

  it('GET /policies/{policyId}/partner/{partnerId} needs an active key', async () => {
    const p = await approvedPartner();
    const url = `/v1/policymanager/policies/${p.policy.id}/partner/${p.id}`;
    expect(errorOf(await s.call('GET', url, { token: admin }))?.errorCode).toBe('PMS_POL_017');
    await generateKey(s, p.token, p.id, p.policy.name, 'pol');
    expect((await s.call('GET', url, { token: admin })).body.response).toMatchObject({ policyId: p.policy.id });
  });

  it('GET /partner-api-keys lists Auth partners’ keys without values; expired keys say so; partners see their own', async () => {
    const p = await approvedPartner();
    const a = (await generateKey(s, p.token, p.id, p.policy.name, 'alpha')).body.response.apiKey;
    await generateKey(s, p.token, p.id, p.policy.name, 'beta');
    await s.store.exec(
      sql`update partner_policy set valid_to_datetime = now() - interval '1 day' where part_id = ${p.id} and label = 'beta'`,
    );
    const other = await approvedPartner();
    await generateKey(s, other.token, other.id, other.policy.name, 'gamma');
    const list = (q: string, token = p.token) => s.call('GET', `${BASE}/partner-api-keys${q}`, { token });
    const mine = await list('?sortFieldName=apiKeyLabel&sortType=asc&pageNo=0&pageSize=10');
    expect(mine.body.id).toBe('mosip.pms.all.api.key.requests.get');
    expect(mine.body.response.data.map((d: { apiKeyLabel: string; status: string }) => [d.apiKeyLabel, d.status])).toEqual([
      ['alpha', 'activated'],
      ['beta', 'expired'],
    ]);
    expect(mine.text).not.toContain(a);
    expect(mine.body.response.data[0]).toMatchObject({
      partnerId: p.id,
      policyName: p.policy.name,
      policyGroupId: group,
      orgName: `Org ${p.id}`,
    });
    expect((await list('?status=expired')).body.response.data.map((d: { apiKeyLabel: string }) => d.apiKeyLabel)).toEqual(['beta']);
    expect((await list(`?partnerId=${other.id}`, admin)).body.response.data.map((d: { apiKeyLabel: string }) => d.apiKeyLabel)).toEqual([
      'gamma',
    ]);
    expect(errorOf(await list('?pageSize=3'))?.errorCode).toBe('PMS_PS_ERROR_006');
    expect(errorOf(await list('', await s.token('nobody', ['AUTH_PARTNER'])))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    const search = await s.call('POST', `${BASE}/partners/apikey/search`, {
      token: p.token,
      body: envelope({
        filters: [{ columnName: 'label', type: 'contains', value: 'a' }],
        sort: [],
        pagination: { pageStart: 0, pageFetch: 10 },
      }),
    });
    expect(search.body.response.data.map((d: { label: string; partnerId: string }) => d.partnerId)).toEqual([p.id, p.id]);
    expect(search.text).not.toContain(a);
  });

  it('keys seeded for MOSIP’s own services are opt-in and found by their well-known value', async () => {
    const t = await startTestServer({ modules: issue5Modules({ PMS_SEED_MOSIP_DEFAULTS: 'true' }) });
    try {
      const adm = await t.token('admin', ['PARTNER_ADMIN']);
      const r = await t.call('GET', `${BASE}/partners/mpartner-default-auth/apikey/mpolicy_part_auth_api`, { token: adm });
      expect(r.body.response).toEqual({ partnerID: 'mpartner-default-auth', policyId: 'mpolicy-default-auth' });
      expect(await t.store.one(sql`select count(*)::int as n from partner_policy_bioextract`)).toEqual({ n: 21 });
      // MOSIP's seed rows as its pms-partner.csv has them, addresses included.
      expect(
        await t.store.query(
          sql`select id, name, address, contact_no, email_id, partner_type_code, approval_status, upd_by from partner where id in ('MOSIP.PROXY.SBI', 'mpartner-default-auth') order by id`,
        ),
      ).toEqual([
        {
          id: 'MOSIP.PROXY.SBI',
          name: 'MOSIP',
          address: 'headoffice9',
          contact_no: '9988776655',
          email_id: 'abc@mock.co.in',
          partner_type_code: 'Device_Provider',
          approval_status: 'approved',
          upd_by: 'superadmin',
        },
        {
          id: 'mpartner-default-auth',
          name: 'IITB',
          address: 'mpartner-default-auth',
          contact_no: '9232121212',
          email_id: 'info@mosip.io',
          partner_type_code: 'Online_Verification_Partner',
          approval_status: 'approved',
          upd_by: 'superadmin',
        },
      ]);
      expect(await t.store.one(sql`select count(*)::int as n from partner_policy_credential_type`)).toEqual({ n: 8 });
      // MOSIP's seed labels equal the keys; the key columns hold only the HMAC and the ciphertext.
      expect(JSON.stringify(await t.store.query(sql`select id, key_hmac, key_cipher from partner_policy`))).not.toContain(
        'mpolicy_part_auth_api',
      );
    } finally {
      await t.close();
    }
  });
});
