import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';
import { px, certs, daysFromNow, p7b, pemChain, type TestCert } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { CA_UPLOAD, errorOf, uploadCa } from './fixtures.js';

let s: TestServer;
let admin: string;

beforeAll(async () => {
  s = await startTestServer({ modules: [trustModule(trustSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
});
afterAll(() => s.close());

const caRows = (domain?: string) =>
  s.store.query<{ cert_id: string; ca_cert_type: string; partner_domain: string; issuer_id: string | null; cert_subject: string }>(
    domain
      ? sql`select * from ca_cert_store where partner_domain = ${domain} order by cr_dtimes`
      : sql`select * from ca_cert_store order by cr_dtimes`,
  );
const countOf = async (subject: string) => (await caRows()).filter((r) => r.cert_subject === subject).length;

describe('CA upload: roots and intermediates', () => {
  let root: TestCert;

  it('stores a self-signed root for the domain, audited', async () => {
    root = await certs.root({ key: { type: 'rsa' } });
    const r = await uploadCa(s, admin, root.pem, 'auth');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: null, version: null, errors: [], response: { status: 'Upload Success.' } });
    expect(r.body.response.timestamp).toMatch(/Z$/);
    const rows = (await caRows('AUTH')).filter((x) => x.cert_subject === root.subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ca_cert_type: 'ROOT', issuer_id: null, partner_domain: 'AUTH' });
    const audit = await s.store.query<{ action: string; actor: string }>(
      sql`select action, actor from audit_log where entity_type = 'ca_certificate'`,
    );
    expect(audit).toContainEqual({ action: 'ca-certificate.upload', actor: 'admin1' });
  });

  it('stores an intermediate that chains to a stored root of the same domain, linked to it', async () => {
    const inter = await certs.intermediate(root);
    const r = await uploadCa(s, admin, inter.pem, 'AUTH');
    expect(r.body.response.status).toBe('Upload Success.');
    const [rootRow] = (await caRows('AUTH')).filter((x) => x.cert_subject === root.subject);
    const [row] = (await caRows('AUTH')).filter((x) => x.cert_subject === inter.subject);
    expect(row).toMatchObject({ ca_cert_type: 'INTERMEDIATE', issuer_id: rootRow!.cert_id });
    // a second-level intermediate (EC under RSA) chains through the first
    const inter2 = await certs.intermediate(inter, { key: { type: 'ec', curve: 'P-384' } });
    expect((await uploadCa(s, admin, inter2.pem, 'AUTH')).body.response.status).toBe('Upload Success.');
  });

  it('refuses the same certificate twice in a domain (KER-PCM-003) but accepts it in another domain', async () => {
    const dup = await uploadCa(s, admin, root.pem, 'AUTH');
    expect(errorOf(dup)).toEqual({ errorCode: 'KER-PCM-003', message: 'Certificate already exists in store.' });
    expect(await countOf(root.subject)).toBe(1);
    expect((await uploadCa(s, admin, root.pem, 'DEVICE')).body.response.status).toBe('Upload Success.');
    expect(await countOf(root.subject)).toBe(2);
  });

  it('refuses an intermediate whose root is missing or only in another domain (KER-PCM-005)', async () => {
    const otherRoot = await certs.root();
    const orphan = await certs.intermediate(otherRoot);
    const r = await uploadCa(s, admin, orphan.pem, 'FTM');
    expect(errorOf(r)).toEqual({ errorCode: 'KER-PCM-005', message: 'Root CA Certificate not found.' });
    await uploadCa(s, admin, otherRoot.pem, 'DEVICE');
    expect(errorOf(await uploadCa(s, admin, orphan.pem, 'FTM'))?.errorCode).toBe('KER-PCM-005');
    expect(await countOf(orphan.subject)).toBe(0);
  });

  it('refuses expired, not yet valid and short-lived CA certificates', async () => {
    const expired = await certs.root({ notBefore: daysFromNow(-800), notAfter: daysFromNow(-1) });
    expect(errorOf(await uploadCa(s, admin, expired.pem))?.errorCode).toBe('KER-PCM-004');
    const future = await certs.root({ notBefore: daysFromNow(2), notAfter: daysFromNow(900) });
    expect(errorOf(await uploadCa(s, admin, future.pem))).toEqual({
      errorCode: 'KER-PMS-020',
      message: 'Future Dated Certificate not allowed to upload.',
    });
    const short = await certs.root({ notAfter: daysFromNow(100) });
    expect(errorOf(await uploadCa(s, admin, short.pem))?.errorCode).toBe('KER-PCM-017');
    for (const c of [expired, future, short]) expect(await countOf(c.subject)).toBe(0);
  });

  it('refuses certificates that may not sign others (basic constraints, key usage) with KER-PCM-018', async () => {
    const leafLike = await certs.selfSignedLeaf();
    expect(errorOf(await uploadCa(s, admin, leafLike.pem))?.errorCode).toBe('KER-PCM-018');
    const noBc = await certs.root({ ca: null });
    expect(errorOf(await uploadCa(s, admin, noBc.pem))?.errorCode).toBe('KER-PCM-018');
    const noCertSign = await certs.root({ keyUsage: px.KeyUsageFlags.digitalSignature });
    expect(errorOf(await uploadCa(s, admin, noCertSign.pem))?.errorCode).toBe('KER-PCM-018');
    for (const c of [leafLike, noBc, noCertSign]) expect(await countOf(c.subject)).toBe(0);
  });

  it('refuses a domain outside the allowed list (KER-PCM-011)', async () => {
    const r = await certs.root();
    expect(errorOf(await uploadCa(s, admin, r.pem, 'BANKING'))).toEqual({ errorCode: 'KER-PCM-011', message: 'Invalid Partner Domain.' });
    expect(await countOf(r.subject)).toBe(0);
  });
});

describe('CA upload: bundles', () => {
  it('stores a PKCS#7 bundle in any order, roots first', async () => {
    const root = await certs.root();
    const inter = await certs.intermediate(root);
    const r = await uploadCa(s, admin, p7b(inter, root), 'DEVICE');
    expect(r.body.response.status).toBe('Upload Success.');
    expect(await countOf(root.subject)).toBe(1);
    expect(await countOf(inter.subject)).toBe(1);
  });

  it('stores concatenated PEM certificates, reports partial success when some are refused, and failure when none are stored', async () => {
    const root = await certs.root();
    const inter = await certs.intermediate(root);
    const chain = await uploadCa(s, admin, pemChain(inter, root), 'FTM');
    expect(chain.body.response.status).toBe('Upload Success.');
    const inter2 = await certs.intermediate(root);
    const partial = await uploadCa(s, admin, p7b(root, inter2), 'FTM');
    expect(partial.body.response.status).toBe('Partial Upload Success.');
    expect(await countOf(inter2.subject)).toBe(1);
    const failed = await uploadCa(s, admin, p7b(root, inter), 'FTM');
    expect(failed.body).toMatchObject({ errors: [], response: { status: 'Upload Failed.' } });
  });
});

describe('CA upload: bad input', () => {
  const none = async () => (await s.store.one<{ n: number }>(sql`select count(*)::int as n from ca_cert_store`))!.n;

  it('refuses garbage, non-certificate base64, a non-certificate PEM and a bare DER certificate, storing nothing', async () => {
    const before = await none();
    expect(errorOf(await uploadCa(s, admin, 'this is %% not base64 !!'))).toEqual({
      errorCode: 'KER-CRY-003',
      message: 'input data is not base64 encoded',
    });
    expect(errorOf(await uploadCa(s, admin, Buffer.from('hello world, not a cert').toString('base64')))?.errorCode).toBe('KER-PCM-001');
    const root = await certs.root();
    const spki = px.PemConverter.encode(root.cert.publicKey.rawData, 'PUBLIC KEY');
    expect(errorOf(await uploadCa(s, admin, spki))?.errorCode).toBe('KER-KMS-013');
    const der = await uploadCa(s, admin, root.der.toString('base64'));
    expect(errorOf(der)?.errorCode).toBe('KER-PCM-001');
    expect(errorOf(der)?.message).toMatch(/PEM/);
    expect(errorOf(await uploadCa(s, admin, '-----BEGIN CERTIFICATE-----\nMIIB'))?.errorCode).toBe('KER-PCM-001');
    expect(await none()).toBe(before);
  });

  it('refuses a pasted private key by name, storing and echoing nothing of it', async () => {
    const root = await certs.root({ key: { type: 'rsa' } });
    const key = await root.privateKeyPem();
    for (const data of [key, `${root.pem}\n${key}`, key.replace(/-----[^-]+-----/g, '').trim()]) {
      const r = await uploadCa(s, admin, data);
      expect(errorOf(r)?.errorCode).toBe('PMS_CRT_001');
      expect(errorOf(r)?.message).toMatch(/private key/);
      expect(r.text).not.toContain(key.split('\n')[1]!);
    }
    expect(await countOf(root.subject)).toBe(0);
    const audit = await s.store.query<{ detail: unknown }>(sql`select detail from audit_log`);
    expect(JSON.stringify(audit)).not.toContain(key.split('\n')[1]!);
  });

  it('refuses blank fields and oversized uploads before parsing', async () => {
    const blank = await s.call('POST', CA_UPLOAD, { token: admin, body: envelope({ certificateData: ' ', partnerDomain: 'AUTH' }) });
    expect(errorOf(blank)?.errorCode).toBe('PMS_COR_001');
    expect(errorOf(blank)?.message).toContain('request.certificateData');
    const missing = await s.call('POST', CA_UPLOAD, { token: admin, body: envelope({ certificateData: 'x' }) });
    expect(errorOf(missing)?.message).toBe('Invalid request parameter - must not be null :request.partnerDomain');
    const huge = await s.call('POST', CA_UPLOAD, {
      token: admin,
      body: envelope({ certificateData: 'A'.repeat(300 * 1024), partnerDomain: 'AUTH' }),
    });
    expect(huge.status).toBe(413);
    expect(errorOf(huge)?.errorCode).toBe('PMS_REQ_413');
  });

  it('is for partner admins and partner managers only', async () => {
    const root = await certs.root();
    const partner = await s.token('p1', ['AUTH_PARTNER']);
    const r = await uploadCa(s, partner, root.pem);
    expect(r.status).toBe(403);
    expect(errorOf(r)?.errorCode).toBe('KER-ATH-403');
    const manager = await s.token('m1', ['PARTNERMANAGER']);
    expect((await uploadCa(s, manager, root.pem)).body.response.status).toBe('Upload Success.');
    expect((await s.call('POST', CA_UPLOAD, { body: envelope({ certificateData: root.pem, partnerDomain: 'AUTH' }) })).status).toBe(401);
  });
});

describe('CA upload: races', () => {
  it('stores a certificate uploaded twice at once exactly once', async () => {
    const root = await certs.root();
    const results = await Promise.all([uploadCa(s, admin, root.pem, 'MISP'), uploadCa(s, admin, root.pem, 'MISP')]);
    const codes = results.map((r) => r.body.response?.status ?? errorOf(r)?.errorCode).sort();
    expect(codes).toEqual(['KER-PCM-003', 'Upload Success.']);
    expect(await countOf(root.subject)).toBe(1);
  });
});
