import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { partnersModule } from '../../src/partners/index.js';
import { seedPartners } from '../../src/partners/seed.js';
import { partnerSettings } from '../../src/partners/settings.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';
import { usersModule } from '../../src/users/index.js';
import { certs } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { errorOf, insertGroup, insertPartner, uploadCas, uploadPartnerCert } from '../trust/fixtures.js';

let s: TestServer;
let admin: string;
let owner: string;
let group: string;
const BASE = '/v1/partnermanager';

beforeAll(async () => {
  s = await startTestServer({ modules: [trustModule(trustSettings({})), partnersModule(partnerSettings({})), usersModule({})] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  owner = await s.token('owner', ['AUTH_PARTNER']);
  group = await insertGroup(s.store);
  const root = await certs.root();
  await uploadCas(s, admin, 'AUTH', root);
  await insertPartner(s.store, { id: 'adm-a', userId: 'owner', name: 'Alpha Org', type: 'Auth_Partner', group });
  await insertPartner(s.store, { id: 'adm-b', userId: 'other', name: 'Beta Org', type: 'Device_Provider' });
  await uploadPartnerCert(s, owner, 'adm-a', (await certs.leaf(root, { org: 'Alpha Org' })).pem);
});
afterAll(() => s.close());

const patch = (id: string, status: string, token = admin) =>
  s.call('PATCH', `${BASE}/partners/${id}`, { token, body: envelope({ status }) });
const events = (id: string) =>
  s.store.query<{
    payload: { publisher: string; event: { data: { partnerData: { partnerStatus: string; certificateData: string | null } } } };
  }>(
    sql`select payload from outbox_event where topic = 'PARTNER_UPDATED' and payload->'event'->'data'->'partnerData'->>'partnerId' = ${id} order by seq`,
  );

describe('PATCH /partners/{partnerId}', () => {
  it('refuses to activate without a certificate, unknown ids, other statuses and non-admins', async () => {
    expect(errorOf(await patch('adm-b', 'Active'))).toEqual({
      errorCode: 'PMS_PRT_108',
      message: 'Certficate is not uploaded for the given partner.Cannot activate the same.',
    });
    expect(errorOf(await patch('nope', 'Active'))?.errorCode).toBe('PMS_PMP_005');
    expect(errorOf(await patch('adm-a', 'sleeping'))).toEqual({
      errorCode: 'PMS_PM_058',
      message: 'Status should be either Active or De-Active',
    });
    expect((await patch('adm-a', 'De-Active', owner)).status).toBe(403);
  });

  it('says activated for an active partner, deactivates for good with an event, then refuses both', async () => {
    expect((await patch('adm-a', 'active')).body.response).toEqual({ message: 'Partner activated successfully' });
    expect(await events('adm-a')).toHaveLength(1); // only the upload's event: no change, no event
    const r = await patch('adm-a', 'De-Active');
    expect(r.body.response).toEqual({ message: 'Partner de-activated successfully' });
    expect(await s.store.one(sql`select is_active, approval_status from partner where id = 'adm-a'`)).toEqual({
      is_active: false,
      approval_status: 'approved',
    });
    const last = (await events('adm-a')).at(-1)!;
    expect(last.payload.publisher).toBe('PartnerManagementServiceImpl');
    expect(last.payload.event.data.partnerData.partnerStatus).toBe('DEACTIVE');
    expect(last.payload.event.data.partnerData.certificateData).toContain('BEGIN CERTIFICATE');
    for (const st of ['Active', 'De-Active']) {
      expect(errorOf(await patch('adm-a', st))).toEqual({
        errorCode: 'PMS_PM_063',
        message: 'The selected partner has already been deactivated.',
      });
    }
    expect(await s.store.one(sql`select action from audit_log where entity_id = 'adm-a' and action = 'partner.deactivate'`)).toBeTruthy();
  });
});

describe('admin partner views', () => {
  it('GET /admin-partners/{id} first requires the caller, admin or not, to own a partner (MOSIP)', async () => {
    const r = await s.call('GET', `${BASE}/admin-partners/adm-a`, { token: admin });
    expect(r.body).toMatchObject({
      id: 'mosip.pms.partner.details.get',
      response: null,
      errors: [{ errorCode: 'PMS_CERTIFICATE_ERROR_002', message: 'User Id does not exists.' }],
    });
    expect(errorOf(await s.call('GET', `${BASE}/admin-partners/zzz`, { token: admin }))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    await insertPartner(s.store, { id: 'adm-own', userId: 'admin1', name: 'Admin Org', type: 'Auth_Partner', group });
  });

  it('GET /admin-partners/{id} with certificate dates; unknown ids and missing groups', async () => {
    const r = await s.call('GET', `${BASE}/admin-partners/adm-a`, { token: admin });
    expect(r.body.id).toBe('mosip.pms.partner.details.get');
    expect(r.body.response).toMatchObject({
      partnerId: 'adm-a',
      organizationName: 'Alpha Org',
      policyGroupName: group,
      isCertificateAvailable: true,
      approvalStatus: 'approved',
    });
    expect(Date.parse(r.body.response.certificateExpiryDateTime)).toBeGreaterThan(Date.now());
    expect((await s.call('GET', `${BASE}/admin-partners/adm-b`, { token: admin })).body.response).toMatchObject({
      isCertificateAvailable: false,
      policyGroupName: null,
    });
    expect(errorOf(await s.call('GET', `${BASE}/admin-partners/zzz`, { token: admin }))?.errorCode).toBe('PMS_PRT_005');
    await insertPartner(s.store, { id: 'adm-nogroup', type: 'Auth_Partner' });
    expect(errorOf(await s.call('GET', `${BASE}/admin-partners/adm-nogroup`, { token: admin }))?.errorCode).toBe('PMS_POLICY_ERROR_005');
    expect((await s.call('GET', `${BASE}/admin-partners/adm-a`, { token: owner })).status).toBe(403);
  });

  it('GET /admin-partners pages, sorts and filters in the database over many partners', async () => {
    await seedPartners(s.store, 2000);
    const list = (q: string) => s.call('GET', `${BASE}/admin-partners${q}`, { token: admin });
    const first = await list('');
    expect(first.body.id).toBe('mosip.pms.admin.partners.get');
    expect(first.body.response.pageSize).toBe(8);
    expect(first.body.response.data).toHaveLength(8);
    expect(first.body.response.totalResults).toBe(2004);
    const org = await list('?orgName=organisation%20199&sortFieldName=partnerId&sortType=asc&pageNo=0&pageSize=20');
    expect(org.body.response.data.map((d: { partnerId: string }) => d.partnerId)).toEqual(
      ['bench-partner-199', ...Array.from({ length: 10 }, (_, i) => `bench-partner-199${i}`)].sort(),
    );
    const uploaded = await list('?certificateUploadStatus=uploaded&isActive=true&pageNo=0&pageSize=100');
    expect(uploaded.body.response.totalResults).toBe(200);
    expect(
      uploaded.body.response.data.every(
        (d: { certificateUploadStatus: string; isActive: boolean }) => d.certificateUploadStatus === 'uploaded' && d.isActive,
      ),
    ).toBe(true);
    const page3 = await list('?sortFieldName=createdDateTime&sortType=desc&pageNo=3&pageSize=5');
    expect(page3.body.response).toMatchObject({ pageNo: 3, pageSize: 5 });
    // isActive sorts inverted, as in MOSIP: "asc" puts active partners first
    const inv = await list('?sortFieldName=isActive&sortType=asc&pageNo=0&pageSize=1');
    expect(inv.body.response.data[0].isActive).toBe(true);
    expect(errorOf(await list('?sortFieldName=bogus&sortType=asc'))?.errorCode).toBe('PMS_PRT_357');
    expect(errorOf(await list('?sortFieldName=orgName'))?.errorCode).toBe('PMS_PS_ERROR_007');
    // An empty query value is a value to Spring: `sortType=` alone is unpaired, `sortFieldName=` is unknown.
    expect(errorOf(await list('?sortType='))?.errorCode).toBe('PMS_PS_ERROR_007');
    expect(errorOf(await list('?sortFieldName=&sortType=asc&pageNo=0&pageSize=8'))).toEqual({
      errorCode: 'PMS_PRT_357',
      message: 'Invalid sort field ',
    });
    expect(errorOf(await list('?pageNo=-2'))?.errorCode).toBe('PMS_PRT_360');
    expect((await s.call('GET', `${BASE}/admin-partners`, { token: owner })).status).toBe(403);
  });

  it('GET /partners and /partners/v2 for admins and platform services', async () => {
    const v1 = await s.call('GET', `${BASE}/partners?partnerType=Device_Provider`, { token: admin });
    expect(v1.body.response.partners.every((p: { partnerType: string }) => p.partnerType === 'Device_Provider')).toBe(true);
    const ida = await s.token('ida', ['ID_AUTHENTICATION']);
    const v2 = await s.call('GET', `${BASE}/partners/v2?partnerType=Auth_Partner`, { token: ida });
    expect(v2.body.response.partners[0]).toHaveProperty('additionalInfo');
    expect(errorOf(await s.call('GET', `${BASE}/partners?partnerType=zsfvgefb`, { token: admin }))?.errorCode).toBe('PMS_PMP_013');
    expect((await s.call('GET', `${BASE}/partners`, { token: owner })).status).toBe(403);
  });

  it('legacy search and filter values: admins see all, partners only their own', async () => {
    const search = (token: string, filters: unknown[] = []) =>
      s.call('POST', `${BASE}/partners/search`, {
        token,
        body: envelope({
          filters,
          sort: [{ sortField: 'id', sortType: 'asc' }],
          pagination: { pageStart: 0, pageFetch: 5 },
          partnerType: 'all',
        }),
      });
    const all = await search(admin);
    expect(all.body.response.totalRecord).toBeGreaterThan(2000);
    const mine = await search(owner);
    expect(mine.body.response.data.map((d: { id: string }) => d.id)).toEqual(['adm-a']);
    expect(errorOf(await search(admin, [{ columnName: 'nope', type: 'equals', value: 'x' }]))?.errorCode).toBe('PMS-MSD-310');
    const types = await s.call('POST', `${BASE}/partners/partnertype/search`, {
      token: admin,
      body: envelope({
        filters: [{ columnName: 'isPolicyRequired', type: 'equals', value: 'false' }],
        sort: [],
        pagination: { pageStart: 0, pageFetch: 50 },
      }),
    });
    expect(types.body.response.data.map((t: { code: string }) => t.code)).toContain('Device_Provider');
    const values = await s.call('POST', `${BASE}/partners/filtervalues`, {
      token: owner,
      body: envelope({ filters: [{ columnName: 'name', type: 'unique', text: 'org' }] }),
    });
    expect(values.body.response.filters).toEqual([{ fieldID: 'name', fieldValue: 'Alpha Org', fieldCode: 'adm-a' }]);
  });
});

describe('users', () => {
  it('records and reads consent for a caller who owns partners', async () => {
    const before = await s.call('GET', `${BASE}/users/user-consent`, { token: owner });
    expect(before.body).toMatchObject({
      id: 'mosip.pms.user.consent.get',
      response: { userId: 'owner', consentGiven: false, consentGivenDateTime: null },
    });
    const given = await s.call('POST', `${BASE}/users/user-consent`, { token: owner });
    expect(given.body.response).toMatchObject({ userId: 'owner', consentGiven: true });
    expect((await s.call('GET', `${BASE}/users/user-consent`, { token: owner })).body.response.consentGiven).toBe(true);
    expect(await s.store.one(sql`select consent_given from user_details where user_id = 'owner'`)).toEqual({ consent_given: 'YES' });
    const nobody = await s.token('nobody', ['AUTH_PARTNER']);
    expect(errorOf(await s.call('POST', `${BASE}/users/user-consent`, { token: nobody }))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    // Reading consent also needs a partner of one's own (MOSIP), before any consent row is read.
    const noPartner = await s.call('GET', `${BASE}/users/user-consent`, { token: nobody });
    expect(noPartner.body).toMatchObject({
      id: 'mosip.pms.user.consent.get',
      response: null,
      errors: [{ errorCode: 'PMS_CERTIFICATE_ERROR_002' }],
    });
    expect((await s.call('GET', `${BASE}/users/user-consent`, { token: await s.token('x', ['RESIDENT']) })).status).toBe(403);
  });

  it("serves system config to anyone (MOSIP's portal reads it before login) and roles to signed-in callers", async () => {
    for (const token of [owner, undefined]) {
      const cfg = await s.call('GET', `${BASE}/system-config`, { token });
      expect(cfg.status).toBe(200);
      expect(cfg.body).toMatchObject({
        id: 'mosip.pms.configs.get',
        errors: [],
        response: { itemsPerPage: '8', isRootIntermediateCertAvailable: 'true' },
      });
      expect(Object.values(cfg.body.response).every((v) => typeof v === 'string')).toBe(true);
    }
    expect((await s.call('GET', `${BASE}/roles`, { token: owner })).body.response.roles).toContain('PARTNER_ADMIN');
    expect((await s.call('GET', `${BASE}/roles`)).status).toBe(401);
  });
});
