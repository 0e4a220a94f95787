import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';
import { px, certs, daysFromNow, parseCertificates, pemChain, type TestCert } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { CERT_UPLOAD, errorOf, insertGroup, insertPartner, uploadCas, uploadPartnerCert } from './fixtures.js';

let s: TestServer;
let admin: string;
let root: TestCert;
let ca: TestCert;
let group: string;

beforeAll(async () => {
  s = await startTestServer({ modules: [trustModule(trustSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  root = await certs.root({ key: { type: 'rsa' } });
  ca = await certs.intermediate(root);
  await uploadCas(s, admin, 'AUTH', root, ca);
  await uploadCas(s, admin, 'FTM', root, ca);
  group = await insertGroup(s.store);
});
afterAll(() => s.close());

let n = 0;
/** A fresh Auth_Partner owned by user `u-<id>`, with its token. */
async function partner(over: Partial<Parameters<typeof insertPartner>[1]> = {}) {
  const id = `p-cert-${++n}`;
  await insertPartner(s.store, { id, userId: `u-${id}`, name: `Org ${id}`, type: 'Auth_Partner', group, ...over });
  const token = await s.token(`u-${id}`, ['AUTH_PARTNER']);
  return { id, token, org: over.name ?? `Org ${id}` };
}

const partnerRow = (id: string) =>
  s.store.one<{ approval_status: string; is_active: boolean; certificate_alias: string | null }>(
    sql`select approval_status, is_active, certificate_alias from partner where id = ${id}`,
  );
const certRows = (id: string) => s.store.query<{ cert_id: string }>(sql`select cert_id from partner_cert_store where partner_id = ${id}`);

describe('partner certificate upload: success', () => {
  it('re-signs the certificate with the domain key, stores both, approves and activates the partner, queues both events', async () => {
    const p = await partner();
    const leaf = await certs.leaf(ca, { org: p.org, key: { type: 'rsa' } });
    const r = await uploadPartnerCert(s, p.token, p.id, leaf.pem);
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    const { signedCertificateData, certificateId } = r.body.response;
    expect(certificateId).toMatch(/^[0-9a-f-]{36}$/);
    const [signed] = parseCertificates(signedCertificateData);
    expect(signedCertificateData).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+/);
    expect(signed!.subject).toBe(leaf.subject);
    expect(Buffer.from(signed!.publicKey.rawData)).toEqual(Buffer.from(leaf.cert.publicKey.rawData));
    expect(signed!.issuer).toMatch(/CN=PMS AUTH/);
    const lifetimeDays = (signed!.notAfter.getTime() - signed!.notBefore.getTime()) / 86_400_000;
    expect(Math.round(lifetimeDays)).toBe(365);
    const ku = signed!.getExtension(px.KeyUsagesExtension)!;
    expect(ku.usages & px.KeyUsageFlags.keyEncipherment).toBeTruthy(); // AUTH may encipher

    expect(await partnerRow(p.id)).toEqual({ approval_status: 'approved', is_active: true, certificate_alias: certificateId });
    const stored = await s.store.one<{ cert_data: string; signed_cert_data: string; partner_domain: string }>(
      sql`select cert_data, signed_cert_data, partner_domain from partner_cert_store where cert_id = ${certificateId}`,
    );
    expect(stored).toMatchObject({ partner_domain: 'AUTH', signed_cert_data: signedCertificateData });
    expect(parseCertificates(stored!.cert_data)[0]!.subject).toBe(leaf.subject);

    const events = await s.store.query<{ topic: string; payload: { event: { data: Record<string, any> }; publisher: string } }>(
      sql`select topic, payload from outbox_event order by seq`,
    );
    const updated = events.find((e) => e.topic === 'PARTNER_UPDATED' && e.payload.event.data.partnerData.partnerId === p.id);
    expect(updated?.payload.publisher).toBe('PartnerServiceImpl');
    expect(updated?.payload.event.data.partnerData).toEqual({
      partnerId: p.id,
      partnerName: p.org,
      certificateData: signedCertificateData,
      partnerStatus: 'ACTIVE',
    });
    const chainEvent = events.find(
      (e) => e.topic === 'CA_CERTIFICATE_UPLOADED' && e.payload.event.data.certChainDatashareUrl.endsWith(certificateId),
    );
    expect(chainEvent?.payload.event.data.partnerDomain).toBe('AUTH');

    // The chain consumers fetch: re-signed certificate, domain key, service root — each signed by the next.
    const url = new URL(chainEvent!.payload.event.data.certChainDatashareUrl);
    const chainRes = await s.call('GET', url.pathname);
    const chain = parseCertificates(chainRes.text);
    expect(chain.map((c) => c.subject)).toEqual([leaf.subject, chain[1]!.subject, chain[2]!.subject]);
    expect(await chain[0]!.verify({ publicKey: chain[1]!.publicKey, signatureOnly: true })).toBe(true);
    expect(await chain[1]!.verify({ publicKey: chain[2]!.publicKey, signatureOnly: true })).toBe(true);
    expect(await chain[2]!.isSelfSigned()).toBe(true);

    const audit = await s.store.one(sql`select actor, action from audit_log where entity_id = ${p.id}`);
    expect(audit).toEqual({ actor: `u-${p.id}`, action: 'partner-certificate.upload' });
  });

  it('accepts an EC key, and a re-upload (renewal) replaces the current certificate', async () => {
    const p = await partner();
    const first = await uploadPartnerCert(s, p.token, p.id, (await certs.leaf(ca, { org: p.org, key: { type: 'ec' } })).pem);
    expect(first.body.errors).toEqual([]);
    const again = await uploadPartnerCert(
      s,
      p.token,
      p.id,
      (await certs.leaf(ca, { org: p.org, key: { type: 'ec', curve: 'P-384' } })).pem,
    );
    expect(again.body.errors).toEqual([]);
    expect((await partnerRow(p.id))!.certificate_alias).toBe(again.body.response.certificateId);
    expect(await certRows(p.id)).toHaveLength(2);
  });

  it('returns the original certificate for the FTM domain, and its own chain to consumers', async () => {
    const p = await partner({ type: 'FTM_Provider', group: null });
    const leaf = await certs.leaf(ca, { org: p.org });
    const r = await uploadPartnerCert(s, p.token, p.id, leaf.pem, 'FTM');
    expect(r.body.errors).toEqual([]);
    expect(parseCertificates(r.body.response.signedCertificateData)[0]!.issuer).toBe(ca.subject);
    const chain = await s.call('GET', `/v1/partnermanager/partners/certificate-chains/${r.body.response.certificateId}`);
    expect(parseCertificates(chain.text).map((c) => c.subject)).toEqual([leaf.subject, ca.subject, root.subject]);
  });

  it('lets an admin upload for any partner', async () => {
    const p = await partner();
    const r = await uploadPartnerCert(s, admin, p.id, (await certs.leaf(ca, { org: p.org })).pem);
    expect(r.body.errors).toEqual([]);
  });
});

describe('partner certificate upload: refusals (nothing stored, partner unchanged)', () => {
  async function expectRefused(p: { id: string }, r: Awaited<ReturnType<typeof uploadPartnerCert>>, code: string, message?: string) {
    expect(r.status).toBe(200);
    expect(r.body.response).toBeNull();
    expect(errorOf(r)?.errorCode).toBe(code);
    if (message) expect(errorOf(r)?.message).toBe(message);
    expect(await certRows(p.id)).toHaveLength(0);
    expect((await partnerRow(p.id))?.approval_status ?? 'none').not.toBe('approved');
  }

  it('unknown partner, another user’s partner, deactivated partner, missing policy group', async () => {
    const p = await partner();
    const leaf = await certs.leaf(ca, { org: p.org });
    await expectRefused({ id: 'nobody' }, await uploadPartnerCert(s, p.token, 'nobody', leaf.pem), 'PMS_PRT_005', 'Partner does not exist');
    const other = await partner();
    await expectRefused(p, await uploadPartnerCert(s, other.token, p.id, leaf.pem), 'PMS_PRT_055', 'User not authorized.');
    const gone = await partner({ status: 'approved', active: false });
    const r = await uploadPartnerCert(s, gone.token, gone.id, (await certs.leaf(ca, { org: gone.org })).pem);
    expect(errorOf(r)).toEqual({ errorCode: 'PMS_PMP_016', message: 'Partner is not active.' });
    const noGroup = await partner({ group: null });
    await expectRefused(
      noGroup,
      await uploadPartnerCert(s, noGroup.token, noGroup.id, (await certs.leaf(ca, { org: noGroup.org })).pem),
      'PMS_PRT_054',
    );
  });

  it('dates: expired, not yet valid, too little validity left', async () => {
    const p = await partner();
    const expired = await certs.leaf(ca, { org: p.org, notBefore: daysFromNow(-400), notAfter: daysFromNow(-1) });
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, expired.pem), 'KER-PCM-004');
    const future = await certs.leaf(ca, { org: p.org, notBefore: daysFromNow(3) });
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, future.pem), 'KER-PMS-020');
    const short = await certs.leaf(ca, { org: p.org, notAfter: daysFromNow(200) });
    const r = await uploadPartnerCert(s, p.token, p.id, short.pem);
    await expectRefused(p, r, 'KER-PCM-004');
    expect(errorOf(r)?.message).toMatch(/^Certificate Dates are not valid\. \(at least 335 days/);
  });

  it('trust: self-signed, unknown chain, chain of another domain', async () => {
    const p = await partner();
    await expectRefused(
      p,
      await uploadPartnerCert(s, p.token, p.id, (await certs.selfSignedLeaf({ org: p.org })).pem),
      'KER-PCM-015',
      'Self Signed Certificate not allowed as partner.',
    );
    const strangerRoot = await certs.root();
    const stranger = await certs.leaf(await certs.intermediate(strangerRoot), { org: p.org });
    await expectRefused(
      p,
      await uploadPartnerCert(s, p.token, p.id, stranger.pem),
      'KER-PCM-006',
      'Root CA/Intermediate CA Certificates not found.',
    );
    const deviceRoot = await certs.root();
    await uploadCas(s, admin, 'DEVICE', deviceRoot);
    const deviceLeaf = await certs.leaf(deviceRoot, { org: p.org });
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, deviceLeaf.pem, 'AUTH'), 'KER-PCM-006');
    // …and the same certificate is fine for the domain it chains in
    expect((await uploadPartnerCert(s, p.token, p.id, deviceLeaf.pem, 'DEVICE')).body.errors).toEqual([]);
  });

  it('content: organisation mismatch, short RSA key, SHA-1 signature, unknown domain', async () => {
    const p = await partner();
    await expectRefused(
      p,
      await uploadPartnerCert(s, p.token, p.id, (await certs.leaf(ca, { org: 'Someone Else' })).pem),
      'KER-PCM-008',
      'Partner Organization Name not Matched.',
    );
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, (await certs.leaf(ca, { cn: 'no org' })).pem), 'KER-PCM-008');
    const weak = await certs.leaf(ca, { org: p.org, key: { type: 'rsa', bits: 1024 } });
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, weak.pem), 'KER-PCM-013');
    const rsaRoot = await certs.root({ key: { type: 'rsa' } });
    await uploadCas(s, admin, 'AUTH', rsaRoot);
    const sha1 = await certs.leaf(rsaRoot, { org: p.org, hash: 'SHA-1' });
    const r = await uploadPartnerCert(s, p.token, p.id, sha1.pem);
    await expectRefused(p, r, 'KER-PCM-014');
    expect(errorOf(r)?.message).toContain('SHA1withRSA');
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, (await certs.leaf(ca, { org: p.org })).pem, 'NOPE'), 'KER-PCM-011');
  });

  it('input: a chain, a private key, DER, garbage, a public key PEM, blank and oversized data, a bad partner id', async () => {
    const p = await partner();
    const leaf = await certs.leaf(ca, { org: p.org, key: { type: 'rsa' } });
    const chain = await uploadPartnerCert(s, p.token, p.id, pemChain(leaf, ca));
    await expectRefused(p, chain, 'KER-PCM-001');
    expect(errorOf(chain)?.message).toBe('Invalid Certificate uploaded. (expected one certificate, found 2)');
    const key = await leaf.privateKeyPem();
    const pasted = await uploadPartnerCert(s, p.token, p.id, key);
    await expectRefused(p, pasted, 'PMS_CRT_001');
    expect(pasted.text).not.toContain(key.split('\n')[2]!);
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, `${leaf.pem}${key}`), 'PMS_CRT_001');
    // Keymanager reads a partner certificate as PEM only: anything else is its parsing error.
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, leaf.der.toString('base64')), 'KER-KMS-013');
    await expectRefused(
      p,
      await uploadPartnerCert(s, p.token, p.id, 'definitely not a certificate'),
      'KER-KMS-013',
      'Certificate Parsing Error. (the data does not decode to an X.509 certificate)',
    );
    await expectRefused(p, await uploadPartnerCert(s, p.token, p.id, '-----BEGIN CERTIFICATE-----\nMIIB'), 'KER-KMS-013');
    const spki = px.PemConverter.encode(leaf.cert.publicKey.rawData, 'PUBLIC KEY');
    await expectRefused(
      p,
      await uploadPartnerCert(s, p.token, p.id, spki),
      'KER-KMS-013',
      'Certificate Parsing Error. (a PEM "PUBLIC KEY" block is not a certificate)',
    );
    const blank = await s.call('POST', CERT_UPLOAD, { token: p.token, body: envelope({ partnerId: p.id, certificateData: 'x' }) });
    expect(errorOf(blank)?.message).toBe('Invalid request parameter - must not be null :request.partnerDomain');
    const big = await s.call('POST', CERT_UPLOAD, {
      token: p.token,
      body: envelope({ partnerId: p.id, certificateData: 'A'.repeat(70 * 1024), partnerDomain: 'AUTH' }),
    });
    expect([200, 413]).toContain(big.status);
    expect(['PMS_COR_001', 'PMS_REQ_413']).toContain(errorOf(big)?.errorCode);
    const longId = await uploadPartnerCert(s, p.token, 'x'.repeat(37), leaf.pem);
    expect(errorOf(longId)?.errorCode).toBe('PMS_COR_001');
    expect(await certRows(p.id)).toHaveLength(0);
  });
});

describe("this service's signing keys", () => {
  it('keeps one active key per purpose, sealed with the data key, and never returns a private key', async () => {
    const rows = await s.store.query<{ application_id: string; reference_id: string; private_key_cipher: string; certificate: string }>(
      sql`select application_id, reference_id, private_key_cipher, certificate from signing_key where is_active order by application_id, reference_id`,
    );
    expect(rows.map((r) => `${r.application_id}/${r.reference_id}`)).toEqual(['PMS/AUTH', 'PMS/DEVICE', 'PMS/FTM', 'ROOT/']);
    for (const r of rows) {
      expect(r.private_key_cipher).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      // No part of it is the key in clear (a random "MII" inside the ciphertext is no sign of one).
      for (const part of r.private_key_cipher.split('.').slice(1)) {
        expect(() => createPrivateKey({ key: Buffer.from(part, 'base64url'), format: 'der', type: 'pkcs8' })).toThrow();
      }
      expect(r.certificate).toContain('BEGIN CERTIFICATE');
    }
    const events = await s.store.query<{ payload: unknown }>(sql`select payload from outbox_event`);
    expect(JSON.stringify(events)).not.toContain('PRIVATE KEY');
  });
});
