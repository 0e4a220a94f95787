import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { engine } from '../support/engine.js';
import {
  activePartner,
  auditActions,
  BASE,
  decide,
  errorOf,
  insertGroup,
  insertPartner,
  insertPolicy,
  insertRequest,
  mapPolicy,
  unique,
} from './fixtures.js';
import { issue5Modules } from './modules.js';

let s: TestServer;
let admin: string;
let admin2: string;
let group: string;
let otherGroup: string;

beforeAll(async () => {
  s = await startTestServer({ modules: issue5Modules() });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  admin2 = await s.token('admin2', ['PARTNERMANAGER']);
  group = await insertGroup(s.store);
  otherGroup = await insertGroup(s.store);
});
afterAll(() => s.close());

const requestRow = (id: string) =>
  s.store.one<{ status_code: string; admin_comment: string | null; part_id: string; policy_id: string; request_detail: string }>(
    sql`select * from partner_policy_request where id = ${id}`,
  );
const countRequests = async (partnerId: string) =>
  (await s.store.one<{ n: number }>(sql`select count(*)::int as n from partner_policy_request where part_id = ${partnerId}`))!.n;

/** An active Auth partner in `group`, owned by its own user, with that user's token. */
async function owner(type = 'Auth_Partner', g: string | null = group) {
  const id = await activePartner(s.store, { type, group: g });
  return { id, token: await s.token(`u-${id}`, [type.toUpperCase()]) };
}

describe('POST /partners/{partnerId}/policy/map', () => {
  it('records a pending request with the use case, answers the mapping key, audits it', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const r = await mapPolicy(s, p.token, p.id, pol.name, 'KYC for onboarding');
    expect(r.status).toBe(200);
    expect(r.body.response).toEqual({ mappingkey: expect.any(String), message: 'Policy mapping request submitted successfully.' });
    expect(r.body.id).toBe('mosip.test');
    const row = await requestRow(r.body.response.mappingkey);
    expect(row).toMatchObject({ status_code: 'InProgress', part_id: p.id, policy_id: pol.id, request_detail: 'KYC for onboarding' });
    expect(await auditActions(s, r.body.response.mappingkey)).toEqual(['policy-request.submit']);
  });

  it('refuses in MOSIP order: unknown partner, not yours, inactive, unknown policy, other group, inactive, expired, inactive group', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    expect(errorOf(await mapPolicy(s, admin, 'no-such-partner', pol.name))).toEqual({
      errorCode: 'PMS_PRT_005',
      message: 'Partner does not exist',
    });
    const stranger = await s.token('stranger', ['AUTH_PARTNER']);
    expect(errorOf(await mapPolicy(s, stranger, p.id, pol.name))?.errorCode).toBe('PMS_PRT_055');
    const inactive = unique('ina');
    await insertPartner(s.store, { id: inactive, userId: 'u-ina', type: 'Auth_Partner', group });
    expect(errorOf(await mapPolicy(s, admin, inactive, pol.name))).toEqual({ errorCode: 'PMS_PMP_016', message: 'Partner is not active.' });
    expect(errorOf(await mapPolicy(s, p.token, p.id, 'no such policy'))).toEqual({
      errorCode: 'PMS_PRT_073',
      message: 'Policy not exists.',
    });
    const elsewhere = await insertPolicy(s.store, { group: otherGroup });
    expect(errorOf(await mapPolicy(s, p.token, p.id, elsewhere.name))).toEqual({
      errorCode: 'PMS_PRT_098',
      message: "Given policy doesn't exists under partner's policy group.",
    });
    // Same name active in another group, inactive in the partner's: passes step 2, fails step 3.
    const shared = unique('shared');
    await insertPolicy(s.store, { group: otherGroup, name: shared });
    await insertPolicy(s.store, { group, name: shared, active: false });
    expect(errorOf(await mapPolicy(s, p.token, p.id, shared))).toEqual({ errorCode: 'PMS_PMP_019', message: 'Policy is not active.' });
    const old = await insertPolicy(s.store, { group, expired: true });
    expect(errorOf(await mapPolicy(s, p.token, p.id, old.name))).toEqual({ errorCode: 'PMS_PMP_018', message: 'Policy expired.' });
    const sleepy = await insertGroup(s.store, false);
    const q = await owner('Auth_Partner', sleepy);
    const inSleepy = await insertPolicy(s.store, { group: sleepy });
    expect(errorOf(await mapPolicy(s, q.token, q.id, inSleepy.name))).toEqual({
      errorCode: 'PMS_PMP_023',
      message: 'Policy group is not active.',
    });
    expect(await countRequests(p.id)).toBe(0);
    expect(await countRequests(q.id)).toBe(0);
  });

  it('refuses a second pending or approved request, allows one after a rejection', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const first = (await mapPolicy(s, p.token, p.id, pol.name)).body.response.mappingkey;
    expect(errorOf(await mapPolicy(s, p.token, p.id, pol.name))).toEqual({
      errorCode: 'PMS_PRT_053',
      message: 'This policy is already pending for approval against your partner ID.',
    });
    expect((await decide(s, admin, first, 'Rejected')).body.response).toBe('Policy mapping rejected successfully');
    const second = (await mapPolicy(s, p.token, p.id, pol.name)).body.response.mappingkey;
    expect((await decide(s, admin, second, 'approved')).body.response).toBe('Policy mapping approved successfully');
    expect(errorOf(await mapPolicy(s, p.token, p.id, pol.name))).toEqual({
      errorCode: 'PMS_PRT_060',
      message: 'This policy has already been approved against your partner ID.',
    });
    expect(await countRequests(p.id)).toBe(2);
  });

  it('two submissions racing each other leave one pending request', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const answers = await Promise.all([mapPolicy(s, p.token, p.id, pol.name), mapPolicy(s, p.token, p.id, pol.name)]);
    expect(answers.filter((a) => a.body.errors.length === 0)).toHaveLength(1);
    expect(answers.map((a) => errorOf(a)?.errorCode).filter(Boolean)).toEqual(['PMS_PRT_053']);
    expect(await countRequests(p.id)).toBe(1);
  });

  it('bad input: missing fields are PMS_COR_001; a role outside the list is KER-ATH-403', async () => {
    const p = await owner();
    const r = await s.call('POST', `${BASE}/partners/${p.id}/policy/map`, { token: p.token, body: envelope({ useCaseDescription: 'x' }) });
    expect(errorOf(r)).toEqual({ errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must not be null :request.policyName' });
    const device = await s.token('dev', ['DEVICE_PROVIDER']);
    expect((await mapPolicy(s, device, p.id, 'x')).status).toBe(403);
  });
});

describe('PUT /partners/policy/{mappingkey}', () => {
  it('approves with a comment the partner can read; deciding twice is refused and changes nothing', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const key = await insertRequest(s.store, p.id, pol.id);
    const r = await decide(s, admin, key, 'APPROVED', 'fine by us');
    expect(r.body).toMatchObject({ id: 'mosip.test', response: 'Policy mapping approved successfully', errors: [] });
    expect(await requestRow(key)).toMatchObject({ status_code: 'approved', admin_comment: 'fine by us' });
    expect(errorOf(await decide(s, admin, key, 'rejected'))).toEqual({
      errorCode: 'PMS_PM_034',
      message: 'Policy request already approved.',
    });
    expect((await requestRow(key))?.status_code).toBe('approved');
    const other = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group })).id);
    await decide(s, admin, other, 'rejected', 'no');
    expect(errorOf(await decide(s, admin, other, 'approved'))).toEqual({
      errorCode: 'PMS_PM_035',
      message: 'Policy request already rejected.',
    });
    expect(await auditActions(s, key)).toEqual(['policy-request.approve']);
    const list = await s.call('GET', `${BASE}/partner-policy-requests?partnerId=${p.id}&status=rejected`, { token: p.token });
    expect(list.body.response.data).toEqual([expect.objectContaining({ id: other, status: 'rejected', adminComment: 'no' })]);
  });

  it('refuses unknown keys, other statuses, and each policy problem in MOSIP order', async () => {
    expect(errorOf(await decide(s, admin, 'nope', 'approved'))).toEqual({
      errorCode: 'PMS_PMP_007',
      message: 'Partner api key does not exist',
    });
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const key = await insertRequest(s.store, p.id, pol.id);
    expect(errorOf(await decide(s, admin, key, 'maybe'))).toEqual({
      errorCode: 'PMS_PM_045',
      message: 'Status should be either Approved or Rejected',
    });
    const gone = await insertRequest(s.store, p.id, 'no-such-policy');
    expect(errorOf(await decide(s, admin, gone, 'approved'))).toEqual({
      errorCode: 'PMS_PMP_017',
      message: 'Partner is not mapped to any policy.',
    });
    const off = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group, active: false })).id);
    expect(errorOf(await decide(s, admin, off, 'approved'))).toEqual({
      errorCode: 'PMS_PMP_019',
      message: 'Partner policy is not active.',
    });
    const orphan = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group: null })).id);
    expect(errorOf(await decide(s, admin, orphan, 'approved'))).toEqual({ errorCode: 'PMS_PMP_022', message: 'Policy group not exists.' });
    const sleepy = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group: await insertGroup(s.store, false) })).id);
    expect(errorOf(await decide(s, admin, sleepy, 'approved'))).toEqual({
      errorCode: 'PMS_PMP_023',
      message: 'Policy group is not active.',
    });
    const old = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group, expired: true })).id);
    expect(errorOf(await decide(s, admin, old, 'approved'))).toEqual({ errorCode: 'PMS_PMP_018', message: 'Partner policy got expired.' });
    for (const k of [key, gone, off, orphan, sleepy, old]) expect((await requestRow(k))?.status_code).toBe('InProgress');
    expect((await decide(s, p.token, key, 'approved')).status).toBe(403);
  });

  it('needs extractors first for credential partners (rejection too), as MOSIP does', async () => {
    const p = await owner('Credential_Partner');
    const pol = await insertPolicy(s.store, { group });
    const key = await insertRequest(s.store, p.id, pol.id);
    expect(errorOf(await decide(s, admin, key, 'rejected'))).toEqual({
      errorCode: 'PMS_PM_051',
      message: 'Extractors are not present. Please add extractors.',
    });
    const add = await s.call('POST', `${BASE}/partners/${p.id}/bioextractors/${pol.id}`, {
      token: p.token,
      body: envelope({ extractors: [{ attributeName: 'photo', biometric: 'face', extractor: { provider: 'mock', version: '1.1' } }] }),
    });
    expect(add.body.response).toBe('Extractors added successfully.');
    expect((await decide(s, admin, key, 'approved')).body.response).toBe('Policy mapping approved successfully');
  });

  it(`two admins approving at once: exactly one wins, the other is told it is already approved (${engine})`, async () => {
    for (let round = 0; round < 5; round++) {
      const p = await owner();
      const key = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group })).id);
      const answers = await Promise.all([decide(s, admin, key, 'approved', 'a'), decide(s, admin2, key, 'approved', 'b')]);
      const won = answers.filter((a) => a.body.errors.length === 0);
      expect(won).toHaveLength(1);
      expect(answers.map((a) => errorOf(a)?.errorCode).filter(Boolean)).toEqual(['PMS_PM_034']);
      expect(await auditActions(s, key)).toEqual(['policy-request.approve']);
      expect((await requestRow(key))?.status_code).toBe('approved');
    }
  });
});

describe('request reads', () => {
  it('GET /partners/{id}/apikey/request works once a request is approved (MOSIP fails) and never shows a key', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const pending = await insertRequest(s.store, p.id, (await insertPolicy(s.store, { group })).id);
    const key = await insertRequest(s.store, p.id, pol.id);
    await decide(s, admin, key, 'approved');
    const gen = await s.call('PATCH', `${BASE}/partners/${p.id}/generate/apikey`, {
      token: p.token,
      body: envelope({ policyName: pol.name, label: 'main' }),
    });
    expect(gen.body.errors).toEqual([]);
    const r = await s.call('GET', `${BASE}/partners/${p.id}/apikey/request`, { token: p.token });
    expect(r.body.id).toBe('mosip.partnermanagement.partners.retrieve');
    expect(r.body.response).toEqual([
      { apiKeyReqID: pending, apiKeyRequestStatus: 'InProgress', partnerApiKey: null, apikeyStatus: null, validityTill: null },
      {
        apiKeyReqID: key,
        apiKeyRequestStatus: 'approved',
        partnerApiKey: null,
        apikeyStatus: 'activated',
        validityTill: expect.any(String),
      },
    ]);
    expect(r.text).not.toContain(gen.body.response.apiKey);
    const stranger = await s.token('stranger2', ['AUTH_PARTNER']);
    expect(errorOf(await s.call('GET', `${BASE}/partners/${p.id}/apikey/request`, { token: stranger }))?.errorCode).toBe('PMS_PRT_055');
    const none = await owner();
    expect(errorOf(await s.call('GET', `${BASE}/partners/${none.id}/apikey/request`, { token: none.token }))).toEqual({
      errorCode: 'PMS_PRT_006',
      message: 'No api key req exist',
    });
  });

  it('GET /partners/apikey and /partners/apikey/{requestId} for admins', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group });
    const key = await insertRequest(s.store, p.id, pol.id);
    const all = await s.call('GET', `${BASE}/partners/apikey`, { token: admin });
    expect(all.body.response.apikeyRequests).toContainEqual({
      partnerID: p.id,
      status: 'InProgress',
      organizationName: `Org ${p.id}`,
      policyId: pol.id,
      policyDesc: 'use case',
      apiKeyReqNo: key,
    });
    const one = await s.call('GET', `${BASE}/partners/apikey/${key}`, { token: admin });
    expect(one.body.response).toMatchObject({ apiKeyReqNo: key, partnerID: p.id });
    expect(errorOf(await s.call('GET', `${BASE}/partners/apikey/nope`, { token: admin }))).toEqual({
      errorCode: 'PMS_PMP_015',
      message: 'No Partner api key requests for the Policy Group',
    });
    expect((await s.call('GET', `${BASE}/partners/apikey`, { token: p.token })).status).toBe(403);
  });

  it('GET /partner-policy-requests: partners see their own, admins all; filters, sort and paging in the database', async () => {
    const userId = unique('multi');
    const a = await activePartner(s.store, { userId, group, type: 'Auth_Partner', name: 'Zeta Org' });
    const b = await activePartner(s.store, { userId, group, type: 'Auth_Partner', name: 'Alpha Org' });
    await activePartner(s.store, { userId, type: 'Device_Provider' }); // skipped: device providers need no group
    const token = await s.token(userId, ['AUTH_PARTNER']);
    const pol = await insertPolicy(s.store, { group, name: unique('Listed Policy') });
    const ra = await insertRequest(s.store, a, pol.id);
    const rb = await insertRequest(s.store, b, pol.id, 'approved');
    const other = await owner();
    await insertRequest(s.store, other.id, pol.id);
    const list = (q: string, t = token) => s.call('GET', `${BASE}/partner-policy-requests${q}`, { token: t });
    const mine = await list('');
    expect(mine.body.id).toBe('mosip.pms.all.partner.policy.mapping.requests.get');
    expect(mine.body.response.totalResults).toBe(2);
    expect(mine.body.response.data.map((d: { id: string }) => d.id).sort()).toEqual([ra, rb].sort());
    expect(mine.body.response.data[0]).toMatchObject({
      partnerStatus: 'activated',
      policyName: pol.name,
      partnerComment: 'use case',
      policyGroupId: group,
      partnerType: 'Auth_Partner',
    });
    const sorted = await list('?sortFieldName=orgName&sortType=asc&pageNo=0&pageSize=1');
    expect(sorted.body.response).toMatchObject({
      pageNo: 0,
      pageSize: 1,
      totalResults: 2,
      data: [expect.objectContaining({ orgName: 'Alpha Org' })],
    });
    expect((await list('?status=approved')).body.response.data.map((d: { id: string }) => d.id)).toEqual([rb]);
    expect(
      (await list(`?policyName=${encodeURIComponent(pol.name.toUpperCase())}&orgName=zeta`)).body.response.data.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual([ra]);
    const everyone = await list(`?policyId=${pol.id}`, admin);
    expect(everyone.body.response.totalResults).toBe(3);
    expect(errorOf(await list('?sortType=asc'))?.errorCode).toBe('PMS_PS_ERROR_007');
    expect(errorOf(await list('?pageNo=0'))?.errorCode).toBe('PMS_PS_ERROR_006');
    expect(errorOf(await list('?sortFieldName=bogus&sortType=asc&pageNo=0&pageSize=2'))?.errorCode).toBe('PMS_PRT_357');
    expect(errorOf(await list('', await s.token('nobody', ['AUTH_PARTNER'])))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    const lonely = unique('lonely');
    await activePartner(s.store, { userId: lonely, group: null });
    expect(errorOf(await list('', await s.token(lonely, ['AUTH_PARTNER'])))?.errorCode).toBe('PMS_POLICY_ERROR_005');
  });

  it('legacy search and filter values over requests, own rows only for partners', async () => {
    const p = await owner();
    const pol = await insertPolicy(s.store, { group, name: unique('Searchable') });
    const key = await insertRequest(s.store, p.id, pol.id);
    const other = await owner();
    await insertRequest(s.store, other.id, pol.id);
    const search = (token: string, filters: unknown[]) =>
      s.call('POST', `${BASE}/partners/apikey/request/search`, {
        token,
        body: envelope({ filters, sort: [{ sortField: 'crDtimes', sortType: 'desc' }], pagination: { pageStart: 0, pageFetch: 10 } }),
      });
    const byPolicy = [{ columnName: 'policyName', type: 'equals', value: pol.name.slice(2, 10) }];
    const adminView = await search(admin, byPolicy);
    expect(adminView.body.response.totalRecord).toBe(2);
    const mine = await search(p.token, byPolicy);
    expect(mine.body.response.data).toEqual([
      expect.objectContaining({
        apikeyRequestId: key,
        partnerId: p.id,
        policyName: pol.name,
        statusCode: 'InProgress',
        partnerName: `Org ${p.id}`,
      }),
    ]);
    expect(errorOf(await search(admin, [{ columnName: 'nope', type: 'equals', value: 'x' }]))?.errorCode).toBe('PMS-MSD-310');
    const values = await s.call('POST', `${BASE}/partners/apikey/request/filtervalues`, {
      token: p.token,
      body: envelope({ filters: [{ columnName: 'statusCode', type: 'unique', text: '' }] }),
    });
    expect(values.body.response.filters).toEqual([{ fieldID: 'statusCode', fieldValue: 'InProgress', fieldCode: key }]);
  });
});

describe('nothing half-written', () => {
  it('a refused decision leaves no audit row and no event', async () => {
    const before = (await s.store.one<{ n: number }>(sql`select count(*)::int as n from audit_log`))!.n;
    await decide(s, admin, 'nope', 'approved');
    expect((await s.store.one<{ n: number }>(sql`select count(*)::int as n from audit_log`))!.n).toBe(before);
  });
});
