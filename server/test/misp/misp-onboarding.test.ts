import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { usersModule } from '../../src/users/index.js';
import { certs, type TestCert } from '../support/certs.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { BASE, errorOf, trustRoot } from '../policy-requests/fixtures.js';
import { issue5Modules } from '../policy-requests/modules.js';

let s: TestServer;
let root: TestCert;

beforeAll(async () => {
  s = await startTestServer({ modules: [...issue5Modules(), usersModule({})] });
  root = await trustRoot(s, await s.token('admin1', ['PARTNER_ADMIN']), ['MISP']);
});
afterAll(() => s.close());

describe('MISP partner onboarding (ours: MISP_PARTNER on the onboarding role lists)', () => {
  it('with only the MISP_PARTNER role: registers, consents, lists its partner, uploads and reads its certificate, generates its license', async () => {
    const token = await s.token('misp-user', ['MISP_PARTNER'], { email: 'misp-user@example.org' });
    const org = 'Onboarding MISP Org';
    const reg = await s.call('POST', `${BASE}/partners/v2`, {
      token,
      body: envelope({
        partnerId: 'misp-onb-1',
        organizationName: org,
        address: 'Street 1',
        contactNumber: '+15550199',
        emailId: 'misp-user@example.org',
        partnerType: 'MISP_Partner',
        policyGroup: null,
      }),
    });
    expect(reg.body.errors).toEqual([]);
    expect((await s.call('POST', `${BASE}/users/user-consent`, { token })).body.response).toMatchObject({
      userId: 'misp-user',
      consentGiven: true,
    });
    expect((await s.call('GET', `${BASE}/users/user-consent`, { token })).body.response).toMatchObject({ consentGiven: true });
    const mine = await s.call('GET', `${BASE}/partners/partner-certificates-details`, { token });
    expect(mine.body.response).toEqual([
      { partnerId: 'misp-onb-1', partnerType: 'MISP_Partner', isCertificateAvailable: false, isPartnerActive: true },
    ]);

    // Before the certificate the partner is not active: no license.
    const early = await s.call('POST', `${BASE}/misps`, { token, body: envelope({ providerId: 'misp-onb-1' }) });
    expect(errorOf(early)?.errorCode).toBe('PMS_MSP_405');

    const leaf = await certs.leaf(root, { org });
    const up = await s.call('POST', `${BASE}/partners/certificate/upload`, {
      token,
      body: envelope({ partnerId: 'misp-onb-1', certificateData: leaf.pem, partnerDomain: 'MISP' }),
    });
    expect(up.body.errors).toEqual([]);
    expect((await s.call('GET', `${BASE}/partners/misp-onb-1/certificate-data`, { token })).body.errors).toEqual([]);
    expect((await s.call('GET', `${BASE}/partners/v3?status=approved`, { token })).body.response).toEqual([
      expect.objectContaining({ partnerId: 'misp-onb-1', partnerType: 'MISP_Partner' }),
    ]);

    const license = await s.call('POST', `${BASE}/misps`, { token, body: envelope({ providerId: 'misp-onb-1' }) });
    expect(license.body.response).toMatchObject({ providerId: 'misp-onb-1', licenseKeyStatus: 'Active' });
    expect(await s.store.query(sql`select is_active from misp_license where misp_id = 'misp-onb-1'`)).toEqual([{ is_active: true }]);
  });

  it("still refuses another user's partner: the lists widen who may call, not what they may touch", async () => {
    const stranger = await s.token('misp-stranger', ['MISP_PARTNER'], { email: 'stranger@example.org' });
    const r = await s.call('GET', `${BASE}/partners/misp-onb-1/certificate-data`, { token: stranger });
    expect(r.body.errors?.[0]?.errorCode).toMatch(/^PMS_/);
    expect((await s.call('GET', `${BASE}/partners/partner-certificates-details`, { token: stranger })).body.errors?.[0]?.errorCode).toBe(
      'PMS_CERTIFICATE_ERROR_002',
    );
  });
});
