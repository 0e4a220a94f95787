import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';
import { certs, parseCertificates, type TestCert } from '../support/certs.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { errorOf, insertGroup, insertPartner, uploadCas, uploadPartnerCert } from './fixtures.js';

let s: TestServer;
let admin: string;
let root: TestCert;
let ca: TestCert;
let owner: string;
let stranger: string;
const BASE = '/v1/partnermanager';

beforeAll(async () => {
  s = await startTestServer({ modules: [trustModule(trustSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  root = await certs.root();
  ca = await certs.intermediate(root);
  await uploadCas(s, admin, 'AUTH', root, ca);
  await uploadCas(s, admin, 'DEVICE', root);
  const group = await insertGroup(s.store);
  // "owner" holds two partners (one with a certificate); "stranger" holds one of their own.
  await insertPartner(s.store, { id: 'rd-cert', userId: 'owner', name: 'Owner Org', type: 'Auth_Partner', group });
  await insertPartner(s.store, { id: 'rd-nocert', userId: 'owner', type: 'Device_Provider' });
  await insertPartner(s.store, { id: 'rd-other', userId: 'stranger', type: 'Device_Provider' });
  owner = await s.token('owner', ['AUTH_PARTNER']);
  stranger = await s.token('stranger', ['DEVICE_PROVIDER']);
  const up = await uploadPartnerCert(s, owner, 'rd-cert', (await certs.leaf(ca, { org: 'Owner Org', cn: 'owner.example' })).pem);
  expect(up.body.errors).toEqual([]);
});
afterAll(() => s.close());

describe('GET /partners/{partnerId}/certificate', () => {
  it('gives the owner, an admin and a platform service the re-signed certificate', async () => {
    for (const token of [owner, admin, await s.token('ida', ['ID_AUTHENTICATION'])]) {
      const r = await s.call('GET', `${BASE}/partners/rd-cert/certificate`, { token });
      expect(r.body.errors).toEqual([]);
      expect(parseCertificates(r.body.response.certificateData)[0]!.issuer).toMatch(/CN=PMS AUTH/);
    }
  });

  it("refuses another partner's certificate, an unknown partner and a partner without one", async () => {
    expect(errorOf(await s.call('GET', `${BASE}/partners/rd-cert/certificate`, { token: stranger }))).toEqual({
      errorCode: 'PMS_PRT_055',
      message: 'User not authorized.',
    });
    expect(errorOf(await s.call('GET', `${BASE}/partners/nope/certificate`, { token: admin }))?.errorCode).toBe('PMS_PRT_005');
    expect(errorOf(await s.call('GET', `${BASE}/partners/rd-nocert/certificate`, { token: owner }))).toEqual({
      errorCode: 'PMS_PRT_108',
      message: 'Certficate is not uploaded for the selected partner.',
    });
  });
});

describe('GET /partners/{partnerId}/certificate-data', () => {
  const path = (id: string) => `${BASE}/partners/${id}/certificate-data`;

  it('gives the owner both certificates in the v2 envelope', async () => {
    const r = await s.call('GET', path('rd-cert'), { token: owner });
    expect(r.body).toMatchObject({ id: 'mosip.pms.original.partner.certificate.get', version: '1.0', errors: [] });
    expect(r.body.responseTime).toBeTruthy();
    const d = r.body.response;
    expect(d.isCaSignedCertificateExpired).toBe(false);
    expect(d.isMosipSignedCertificateExpired).toBe(false);
    expect(parseCertificates(d.caSignedCertificateData)[0]!.issuer).toBe(ca.subject);
    expect(parseCertificates(d.mosipSignedCertificateData)[0]!.issuer).toMatch(/PMS AUTH/);
    expect((await s.call('GET', path('rd-cert'), { token: admin })).body.errors).toEqual([]);
  });

  it("refuses other users' partners (007), callers without partners (002), unknown ids, deactivated partners (009)", async () => {
    const r = await s.call('GET', path('rd-cert'), { token: stranger });
    expect(r.body).toMatchObject({ id: 'mosip.pms.original.partner.certificate.get', response: null });
    expect(errorOf(r)?.errorCode).toBe('PMS_CERTIFICATE_ERROR_007');
    const nobody = await s.token('nobody', ['AUTH_PARTNER']);
    expect(errorOf(await s.call('GET', path('rd-cert'), { token: nobody }))).toEqual({
      errorCode: 'PMS_CERTIFICATE_ERROR_002',
      message: 'User Id does not exists.',
    });
    expect(errorOf(await s.call('GET', path('unknown'), { token: admin }))?.errorCode).toBe('PMS_PRT_005');
    expect(errorOf(await s.call('GET', path('rd-nocert'), { token: owner }))?.errorCode).toBe('PMS_PRT_108');
    await s.store.exec(sql`update partner set is_active = false where id = 'rd-cert'`);
    try {
      expect(errorOf(await s.call('GET', path('rd-cert'), { token: owner }))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_009');
    } finally {
      await s.store.exec(sql`update partner set is_active = true where id = 'rd-cert'`);
    }
  });

  it('blanks an expired certificate and flags it', async () => {
    await s.store.exec(sql`update partner_cert_store set cert_not_after = now() - interval '1 day' where partner_id = 'rd-cert'`);
    const d = (await s.call('GET', path('rd-cert'), { token: owner })).body.response;
    expect(d).toMatchObject({ caSignedCertificateData: '', isCaSignedCertificateExpired: true, isMosipSignedCertificateExpired: false });
    await s.store.exec(sql`update partner_cert_store set cert_not_after = now() + interval '700 days' where partner_id = 'rd-cert'`);
  });
});

describe('GET /partners/partner-certificates-details', () => {
  it("lists only the caller's partners with their certificate state", async () => {
    const r = await s.call('GET', `${BASE}/partners/partner-certificates-details`, { token: owner });
    expect(r.body.id).toBe('mosip.pms.partner.certificates.get');
    const items = r.body.response as Record<string, unknown>[];
    expect(items.map((i) => i.partnerId).sort()).toEqual(['rd-cert', 'rd-nocert']);
    const withCert = items.find((i) => i.partnerId === 'rd-cert')!;
    expect(withCert).toMatchObject({
      partnerType: 'Auth_Partner',
      isCertificateAvailable: true,
      certificateIssuedTo: 'owner.example',
      isPartnerActive: true,
    });
    expect(Date.parse(withCert.certificateExpiryDateTime as string)).toBeGreaterThan(Date.now());
    expect(items.find((i) => i.partnerId === 'rd-nocert')).toEqual({
      partnerId: 'rd-nocert',
      partnerType: 'Device_Provider',
      isCertificateAvailable: false,
      isPartnerActive: true,
    });
    const mine = await s.call('GET', `${BASE}/partners/partner-certificates-details`, { token: stranger });
    expect(mine.body.response.map((i: { partnerId: string }) => i.partnerId)).toEqual(['rd-other']);
    const nobody = await s.token('nobody', ['AUTH_PARTNER']);
    expect(errorOf(await s.call('GET', `${BASE}/partners/partner-certificates-details`, { token: nobody }))?.errorCode).toBe(
      'PMS_CERTIFICATE_ERROR_002',
    );
  });
});

describe('trust store browsing', () => {
  const list = (query: string, token = admin) => s.call('GET', `${BASE}/trust-chain-certificates${query}`, { token });

  it('lists CA certificates with paging defaults, filters and sorting', async () => {
    const all = await list('');
    expect(all.body.id).toBe('mosip.pms.trust.certificates.get');
    expect(all.body.response).toMatchObject({ pageNo: 0, pageSize: 8, totalResults: 3 });
    // No sort given: oldest upload first, as keymanager lists them.
    const uploaded = await s.store.query<{ cert_id: string }>(sql`select cert_id from ca_cert_store order by cr_dtimes asc, cert_id asc`);
    expect(all.body.response.data.map((d: { certId: string }) => d.certId)).toEqual(uploaded.map((r) => r.cert_id));
    const auth = await list('?partnerDomain=auth&sortFieldName=caCertificateType&sortType=desc&pageNo=0&pageSize=1');
    expect(auth.body.response).toMatchObject({ pageNo: 0, pageSize: 1, totalResults: 2 });
    expect(auth.body.response.data).toHaveLength(1);
    expect(auth.body.response.data[0]).toMatchObject({
      caCertificateType: 'ROOT',
      partnerDomain: 'AUTH',
      issuedTo: root.subject,
      status: true,
    });
    expect(auth.body.response.data[0].certThumbprint).toMatch(/^[0-9a-f]{40}$/);
    const inter = await list(`?caCertificateType=INTERMEDIATE&issuedBy=${encodeURIComponent(root.subject.slice(3, 15))}`);
    expect(inter.body.response.data.map((d: { issuedTo: string }) => d.issuedTo)).toEqual([ca.subject]);
    expect((await list('?issuedTo=no-such-name')).body.response).toEqual({ pageNo: 0, pageSize: 0, totalResults: 0, data: [] });
  });

  it("answers MOSIP's list errors and is for admins only", async () => {
    expect(errorOf(await list('?sortFieldName=nope&sortType=asc'))).toEqual({
      errorCode: 'PMS_PRT_357',
      message: 'Invalid sort field nope',
    });
    expect(errorOf(await list('?sortFieldName=issuedTo&sortType=up'))?.errorCode).toBe('PMS_PRT_358');
    expect(errorOf(await list('?sortType=asc'))?.errorCode).toBe('PMS_PS_ERROR_007');
    expect(errorOf(await list('?pageNo=-1&pageSize=5'))?.errorCode).toBe('PMS_PRT_360');
    expect(errorOf(await list('?pageNo=0&pageSize=0'))?.errorCode).toBe('PMS_PRT_361');
    expect((await list('', owner)).status).toBe(403);
  });

  it('downloads a CA certificate with its path to the root as PKCS#7', async () => {
    const [row] = await s.store.query<{ cert_id: string }>(sql`select cert_id from ca_cert_store where ca_cert_type = 'INTERMEDIATE'`);
    const r = await s.call('GET', `${BASE}/trust-chain-certificates/${row!.cert_id}/certificateFile`, { token: admin });
    expect(r.body.id).toBe('mosip.pms.download.trust.certificates.get');
    expect(parseCertificates(r.body.response.p7bFile).map((c) => c.subject)).toEqual([ca.subject, root.subject]);
    expect(errorOf(await s.call('GET', `${BASE}/trust-chain-certificates/unknown/certificateFile`, { token: admin }))).toEqual({
      errorCode: 'KER-PMS-019',
      message: 'CA Certificate not found for the given ID.',
    });
    expect(errorOf(await s.call('GET', `${BASE}/trust-chain-certificates/%20/certificateFile`, { token: admin }))?.errorCode).toBe(
      'PMS_CERTIFICATE_ERROR_012',
    );
    expect((await s.call('GET', `${BASE}/trust-chain-certificates/${row!.cert_id}/certificateFile`, { token: owner })).status).toBe(403);
  });

  it('serves the chain link of CA_CERTIFICATE_UPLOADED and 404 for unknown ids', async () => {
    expect((await s.call('GET', `${BASE}/partners/certificate-chains/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});
