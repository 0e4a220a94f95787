import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftmModule } from '../../src/ftm/index.js';
import { sql } from '../../src/platform/db/sql.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';
import { certs, parseCertificates, type TestCert } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { uploadCas } from '../trust/fixtures.js';
import { BASE, audits, count, errorOf, partner, uniq, v2env } from '../devices/helpers.js';

let s: TestServer;
let admin: string;
let ftmCa: TestCert;
let authCa: TestCert;
let a: { id: string; user: string; name: string };
let aToken: string;
let b: { id: string; user: string; name: string };
let bToken: string;

const F = `${BASE}/ftpchipdetail`;

beforeAll(async () => {
  s = await startTestServer({ modules: [trustModule(trustSettings({})), ftmModule(trustSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  const ftmRoot = await certs.root({ key: { type: 'rsa' } });
  ftmCa = await certs.intermediate(ftmRoot);
  await uploadCas(s, admin, 'FTM', ftmRoot, ftmCa);
  const authRoot = await certs.root({ key: { type: 'rsa' } });
  authCa = await certs.intermediate(authRoot);
  await uploadCas(s, admin, 'AUTH', authRoot, authCa);
  a = await partner(s.store, { type: 'FTM_Provider' });
  aToken = await s.token(a.user, ['FTM_PROVIDER']);
  b = await partner(s.store, { type: 'FTM_Provider' });
  bToken = await s.token(b.user, ['FTM_PROVIDER']);
});
afterAll(() => s.close());

const createChip = (token: string, ftpProviderId: string, over: Record<string, unknown> = {}) =>
  s.call('POST', F, { token, body: envelope({ ftpProviderId, make: uniq('make'), model: uniq('model'), ...over }) });
const upload = (token: string, chipId: string, certificateData: string, over: Record<string, unknown> = {}) =>
  s.call('POST', `${F}/uploadcertificate`, {
    token,
    body: envelope({
      ftpProviderId: a.id,
      ftpChipDeatilId: chipId,
      certificateData,
      organizationName: a.name,
      partnerDomain: 'FTM',
      ...over,
    }),
  });
const chipRow = (id: string) =>
  s.store.one<{ approval_status: string; is_active: boolean; certificate_alias: string | null }>(
    sql`select approval_status, is_active, certificate_alias from ftp_chip_detail where id = ${id}`,
  );
const setStatus = (id: string, approvalStatus: boolean, token = admin) =>
  s.call('PATCH', F, { token, body: envelope({ ftpChipDetailId: id, approvalStatus }) });
const deactivate = (token: string, id: string, status = 'De-Activate') =>
  s.call('PATCH', `${F}/${id}`, { token, body: v2env('mosip.pms.deactivate.ftm.patch', { status }) });

/** A chip of partner A with an uploaded certificate, approved when asked. */
async function chipWithCert(approve = false) {
  const id = (await createChip(aToken, a.id)).body.response.id;
  const leaf = await certs.leaf(ftmCa, { org: a.name, key: { type: 'rsa' } });
  const r = await upload(aToken, id, leaf.pem);
  if (r.body.errors.length) throw new Error(r.text);
  if (approve) await setStatus(id, true);
  return { id, leaf };
}

describe('FTM chip create and update', () => {
  it('creates a chip pending certificate upload, inactive, audited', async () => {
    const r = await createChip(aToken, a.id);
    expect(r.body.errors).toEqual([]);
    const id = r.body.response.id;
    expect(await chipRow(id)).toEqual({ approval_status: 'pending_cert_upload', is_active: false, certificate_alias: null });
    expect((await audits(s.store, id)).map((x) => x.action)).toEqual(['ftm-chip.create']);
  });

  it('refuses unknown/inactive providers, other providers and duplicates; concurrent duplicates: one wins', async () => {
    expect(errorOf(await createChip(admin, 'nobody'))?.errorCode).toBe('PMP_AUT_030');
    expect(errorOf(await createChip(bToken, a.id))?.errorCode).toBe('PMS_PRT_055');
    const make = uniq('make');
    expect((await createChip(aToken, a.id, { make, model: 'M1' })).body.errors).toEqual([]);
    expect(errorOf(await createChip(aToken, a.id, { make, model: 'M1' }))?.errorCode).toBe('PMP_AUT_032');
    const race = uniq('make');
    const before = await count(s.store, 'ftp_chip_detail');
    const results = await Promise.all([1, 2, 3].map(() => createChip(aToken, a.id, { make: race, model: 'M' })));
    expect(results.filter((r) => r.body.errors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => errorOf(r)?.errorCode === 'PMP_AUT_032')).toHaveLength(2);
    expect(await count(s.store, 'ftp_chip_detail')).toBe(before + 1);
  });

  it('updates make and model; refuses unknown chips, another provider and duplicates', async () => {
    const id = (await createChip(aToken, a.id)).body.response.id;
    const other = await createChip(aToken, a.id, { make: 'Taken', model: uniq('m') });
    const taken = (await s.store.one<{ model: string }>(sql`select model from ftp_chip_detail where id = ${other.body.response.id}`))!
      .model;
    const put = (token: string, body: Record<string, unknown>) => s.call('PUT', F, { token, body: envelope(body) });
    expect((await put(aToken, { ftpChipDetailId: id, make: 'New', model: 'Name' })).body.response).toEqual({ id });
    expect(await s.store.one(sql`select make, model from ftp_chip_detail where id = ${id}`)).toEqual({ make: 'New', model: 'Name' });
    expect(errorOf(await put(aToken, { ftpChipDetailId: 'nope', make: 'x', model: 'y' }))?.errorCode).toBe('PMP_AUT_031');
    expect(errorOf(await put(bToken, { ftpChipDetailId: id, make: 'x', model: 'y' }))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await put(aToken, { ftpChipDetailId: id, make: 'Taken', model: taken }))?.errorCode).toBe('PMP_AUT_032');
  });
});

describe('FTM chip certificate upload', () => {
  it('stores the certificate, sends the chip to pending approval and announces the chain in the same transaction', async () => {
    const id = (await createChip(aToken, a.id)).body.response.id;
    const leaf = await certs.leaf(ftmCa, { org: a.name, key: { type: 'rsa' } });
    const r = await upload(aToken, id, leaf.pem);
    expect(r.body.errors).toEqual([]);
    // MOSIP's quirk: the chain under signedCertificateData, the leaf PEM under certificateId.
    const chain = parseCertificates(r.body.response.signedCertificateData);
    expect(chain.map((c) => c.subject)).toEqual([leaf.subject, ftmCa.subject, expect.any(String)]);
    expect(parseCertificates(r.body.response.certificateId)[0]!.subject).toBe(leaf.subject);
    const row = await chipRow(id);
    expect(row).toMatchObject({ approval_status: 'pending_approval', is_active: false });
    const events = await s.store.query<{
      payload: {
        publisher: string;
        event: { type: { namespace: string }; data: { certChainDatashareUrl: string; partnerDomain: string } };
      };
    }>(sql`select payload from outbox_event where topic = 'CA_CERTIFICATE_UPLOADED' order by seq`);
    const mine = events.find((e) => e.payload.event.data.certChainDatashareUrl.endsWith(row!.certificate_alias!));
    expect(mine?.payload.publisher).toBe('PartnerServiceImpl');
    expect(mine?.payload.event.type.namespace).toBe('io.mosip.pms.device.authdevice.service.impl.FTPChipDetailServiceImpl');
    expect(mine?.payload.event.data.partnerDomain).toBe('FTM');
    const fetched = await s.call('GET', new URL(mine!.payload.event.data.certChainDatashareUrl).pathname);
    expect(fetched.text).toBe(r.body.response.signedCertificateData);
    const signed = await s.call('GET', `${F}/getPartnerCertificate/${id}`, { token: aToken });
    const [resigned] = parseCertificates(signed.body.response.certificateData);
    expect(resigned!.subject).toBe(leaf.subject);
    expect(resigned!.issuer).toMatch(/CN=PMS FTM/);
    expect(errorOf(await s.call('GET', `${F}/getPartnerCertificate/${id}`, { token: bToken }))?.errorCode).toBe('PMS_PRT_055');
  });

  it.each([
    [
      'an organisation that is not the certificate’s',
      async (id: string) =>
        upload(aToken, id, (await certs.leaf(ftmCa, { org: 'Someone Else', key: { type: 'rsa' } })).pem, {
          organizationName: 'Someone Else Inc',
        }),
      'KER-PCM-008',
    ],
    [
      'a certificate of the AUTH trust chain',
      async (id: string) => upload(aToken, id, (await certs.leaf(authCa, { org: a.name, key: { type: 'rsa' } })).pem),
      'KER-PCM-006',
    ],
    [
      'another domain',
      async (id: string) =>
        upload(aToken, id, (await certs.leaf(authCa, { org: a.name, key: { type: 'rsa' } })).pem, { partnerDomain: 'AUTH' }),
      'KER-PCM-011',
    ],
    [
      'an unknown domain',
      async (id: string) =>
        upload(aToken, id, (await certs.leaf(ftmCa, { org: a.name, key: { type: 'rsa' } })).pem, { partnerDomain: 'NOPE' }),
      'KER-PCM-011',
    ],
    [
      'a self-signed certificate',
      async (id: string) => upload(aToken, id, (await certs.selfSignedLeaf({ org: a.name, key: { type: 'rsa' } })).pem),
      'KER-PCM-015',
    ],
    ['garbage', async (id: string) => upload(aToken, id, 'not a certificate'), 'KER-KMS-013'],
  ])('refuses %s and stores nothing', async (_n, send, code) => {
    const id = (await createChip(aToken, a.id)).body.response.id;
    const r = await send(id);
    expect(errorOf(r)?.errorCode).toBe(code);
    expect(await chipRow(id)).toEqual({ approval_status: 'pending_cert_upload', is_active: false, certificate_alias: null });
    expect(await s.store.query(sql`select 1 from ftm_chip_cert_store where chip_id = ${id}`)).toEqual([]);
  });

  it('checks provider, chip, ownership and chip state in MOSIP’s order', async () => {
    const leaf = (await certs.leaf(ftmCa, { org: a.name, key: { type: 'rsa' } })).pem;
    const id = (await createChip(aToken, a.id)).body.response.id;
    expect(errorOf(await upload(aToken, id, leaf, { ftpProviderId: 'nobody' }))?.errorCode).toBe('PMP_AUT_030');
    expect(errorOf(await upload(bToken, id, leaf))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await upload(aToken, 'nope', leaf))?.errorCode).toBe('PMP_AUT_031');
    const bChip = (await createChip(bToken, b.id)).body.response.id;
    expect(errorOf(await upload(aToken, bChip, leaf))?.errorCode).toBe('PMP_AUT_034');
    await setStatus(id, false);
    expect(errorOf(await upload(aToken, id, leaf))?.errorCode).toBe('PMP_AUT_038');
    const approved = await chipWithCert(true);
    await deactivate(aToken, approved.id);
    expect(errorOf(await upload(aToken, approved.id, leaf))?.errorCode).toBe('PMP_AUT_039');
  });

  it('a re-upload on an approved chip sends it back for approval', async () => {
    const { id } = await chipWithCert(true);
    expect(await chipRow(id)).toMatchObject({ approval_status: 'approved', is_active: true });
    const again = await upload(aToken, id, (await certs.leaf(ftmCa, { org: a.name, key: { type: 'rsa' } })).pem);
    expect(again.body.errors).toEqual([]);
    expect(await chipRow(id)).toMatchObject({ approval_status: 'pending_approval', is_active: false });
    expect(await s.store.query(sql`select 1 from ftm_chip_cert_store where chip_id = ${id}`)).toHaveLength(2);
  });
});

describe('FTM chip approval, deactivation and certificate data', () => {
  it('approval needs a certificate; rejection does not', async () => {
    const id = (await createChip(aToken, a.id)).body.response.id;
    expect(errorOf(await setStatus(id, true))?.errorCode).toBe('PMP_AUT_033');
    expect(errorOf(await setStatus('nope', true))?.errorCode).toBe('PMP_AUT_031');
    expect((await setStatus(id, true, aToken)).status).toBe(403);
    expect(errorOf(await s.call('GET', `${F}/getPartnerCertificate/${id}`, { token: aToken }))?.errorCode).toBe('PMP_AUT_033');
    const { id: withCert } = await chipWithCert();
    expect((await setStatus(withCert, true)).body.response).toBe('Status updated successfully.');
    expect(await chipRow(withCert)).toMatchObject({ approval_status: 'approved', is_active: true });
    expect((await setStatus(id, false)).body.response).toBe('Status updated successfully.');
    expect(await chipRow(id)).toMatchObject({ approval_status: 'rejected', is_active: false });
  });

  it('deactivates an approved chip once; refuses pending chips and other providers', async () => {
    const { id } = await chipWithCert();
    expect(errorOf(await deactivate(aToken, id))?.errorCode).toBe('PMS_FTM_ERROR_010');
    await setStatus(id, true);
    expect(errorOf(await deactivate(aToken, id, 'Deactivate'))?.errorCode).toBe('PMS_DEVICE_ERROR_026');
    expect(errorOf(await deactivate(bToken, id))?.errorCode).toBe('PMS_FTM_ERROR_006');
    expect(errorOf(await deactivate(aToken, 'nope'))?.errorCode).toBe('PMS_FTM_ERROR_005');
    // MOSIP refuses only null or exactly "": a blank id is looked up and not found.
    expect(errorOf(await deactivate(aToken, '%20'))?.errorCode).toBe('PMS_FTM_ERROR_005');
    expect(errorOf(await s.call('GET', `${F}/%20/certificate-data`, { token: aToken }))?.errorCode).toBe('PMS_FTM_ERROR_005');
    const r = await deactivate(aToken, id);
    expect(r.body).toMatchObject({
      id: 'mosip.pms.deactivate.ftm.patch',
      response: { ftmId: id, status: 'approved', isActive: false },
      errors: [],
    });
    expect(await chipRow(id)).toMatchObject({ approval_status: 'approved', is_active: false });
    expect(errorOf(await deactivate(aToken, id))?.errorCode).toBe('PMS_FTM_ERROR_007');
    // A deactivated make/model may be registered again (partial unique rule).
    const row = await s.store.one<{ make: string; model: string }>(sql`select make, model from ftp_chip_detail where id = ${id}`);
    expect((await createChip(aToken, a.id, row!)).body.errors).toEqual([]);
  });

  it('answers both certificates with dates and expiry flags; refuses rejected and deactivated chips', async () => {
    const { id, leaf } = await chipWithCert();
    const r = await s.call('GET', `${F}/${id}/certificate-data`, { token: aToken });
    expect(r.body.id).toBe('mosip.pms.original.ftm.certificate.get');
    expect(r.body.response).toMatchObject({ isCaSignedCertificateExpired: false, isMosipSignedCertificateExpired: false });
    expect(parseCertificates(r.body.response.caSignedCertificateData)[0]!.subject).toBe(leaf.subject);
    expect(r.body.response.caSignedCertExpiryDateTime).toBe(leaf.cert.notAfter.toISOString());
    await s.store.exec(sql`update ftm_chip_cert_store set cert_not_after = now() - interval '1 day' where chip_id = ${id}`);
    const expired = await s.call('GET', `${F}/${id}/certificate-data`, { token: aToken });
    expect(expired.body.response).toMatchObject({ caSignedCertificateData: '', isCaSignedCertificateExpired: true });
    expect(errorOf(await s.call('GET', `${F}/${id}/certificate-data`, { token: bToken }))?.errorCode).toBe('PMS_FTM_ERROR_006');
    await setStatus(id, false);
    expect(errorOf(await s.call('GET', `${F}/${id}/certificate-data`, { token: aToken }))?.errorCode).toBe('PMS_FTM_ERROR_008');
    const approved = await chipWithCert(true);
    await deactivate(aToken, approved.id);
    expect(errorOf(await s.call('GET', `${F}/${approved.id}/certificate-data`, { token: aToken }))?.errorCode).toBe('PMS_FTM_ERROR_009');
    expect(
      errorOf(await s.call('GET', `${F}/${id}/certificate-data`, { token: await s.token('lonely', ['FTM_PROVIDER']) }))?.errorCode,
    ).toBe('PMS_CERTIFICATE_ERROR_002');
  });
});

describe('FTM chip lists', () => {
  it('a provider lists their own chips; the admin list pages and filters all chips; legacy search is scoped', async () => {
    const p = await partner(s.store, { type: 'FTM_Provider' });
    const token = await s.token(p.user, ['FTM_PROVIDER']);
    const id = (await createChip(token, p.id, { make: 'ListMake' })).body.response.id;
    const mine = await s.call('GET', F, { token });
    expect(mine.body.response).toEqual([
      expect.objectContaining({
        ftmId: id,
        partnerId: p.id,
        status: 'pending_cert_upload',
        isCertificateAvailable: false,
        partnerStatus: 'approved',
      }),
    ]);
    const adminList = await s.call('GET', `${F}/v2?partnerId=${p.id}&status=pending_cert_upload`, { token: admin });
    expect(adminList.body.response).toMatchObject({
      pageNo: 0,
      totalResults: 1,
      data: [expect.objectContaining({ ftmId: id, orgName: p.name, isCertificateAvailable: false })],
    });
    expect((await s.call('GET', `${F}/v2`, { token })).status).toBe(403);
    expect(errorOf(await s.call('GET', `${F}/v2?sortType=asc`, { token: admin }))?.errorCode).toBe('PMS_PS_ERROR_007');
    const search = await s.call('POST', `${F}/search`, {
      token,
      body: envelope({ filters: [], sort: [], pagination: { pageStart: 0, pageFetch: 10 } }),
    });
    expect(search.body.response.data.map((x: { ftpChipDetailId: string }) => x.ftpChipDetailId)).toEqual([id]);
  });
});
