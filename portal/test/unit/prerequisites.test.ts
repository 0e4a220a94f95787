import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/http.js';
import type { CertificateSummary, MyPartner, PolicyRequest } from '../../src/api/types.js';
import { blockerOf, eligibility, factsOf } from '../../src/app/prerequisite-rules.js';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import { describeError, describeFieldError } from '../../src/i18n/errors.js';

const cert = (partnerId: string, partnerType: string, isCertificateAvailable: boolean, isPartnerActive = true): CertificateSummary => ({
  partnerId,
  partnerType,
  isCertificateAvailable,
  isPartnerActive,
});
const group = (partnerId: string, name: string): MyPartner => ({
  partnerId,
  partnerType: 'Auth_Partner',
  policyGroupId: 'g',
  policyGroupName: name,
  policyGroupDescription: null,
});
const request = (partnerId: string, status: string, policyName: string) =>
  ({ partnerId, status, policyName, policyId: policyName }) as PolicyRequest;

describe('prerequisites: the server rules, in its order', () => {
  const facts = factsOf(
    [
      cert('fresh', 'FTM_Provider', false),
      cert('ftm', 'FTM_Provider', true),
      cert('gone', 'FTM_Provider', true, false),
      cert('auth', 'Auth_Partner', true),
      cert('nogroup', 'Auth_Partner', true),
      cert('nocert-auth', 'Auth_Partner', false),
    ],
    [group('auth', 'g1')],
    [request('auth', 'InProgress', 'p1')],
  );
  const byId = (id: string) => facts.find((f) => f.partnerId === id)!;

  it('a partner without its certificate is not active on the server, although the certificate list says "active"', () => {
    expect(blockerOf('ftmChip', byId('fresh'))).toBe('noCertificate');
    expect(blockerOf('ftmChip', byId('ftm'))).toBeUndefined();
    expect(blockerOf('ftmChip', byId('gone'))).toBe('deactivated');
    expect(blockerOf('sbi', byId('ftm'))).toBe('wrongType');
  });

  it('policy requests need a group; keys and clients an approved request', () => {
    expect(blockerOf('requestPolicy', byId('auth'))).toBeUndefined();
    expect(blockerOf('requestPolicy', byId('nogroup'))).toBe('noPolicyGroup');
    expect(blockerOf('requestPolicy', byId('nocert-auth'))).toBe('noCertificate');
    expect(blockerOf('oidcClient', byId('auth'))).toBe('noApprovedPolicy');
    const approved = factsOf([cert('auth', 'Auth_Partner', true)], [group('auth', 'g1')], [request('auth', 'approved', 'p1')]);
    expect(blockerOf('apiKey', approved[0]!)).toBeUndefined();
  });

  it('eligibility lists who may act and why the others may not, ignoring other types', () => {
    const e = eligibility('ftmChip', facts);
    expect(e.eligible.map((p) => p.partnerId)).toEqual(['ftm']);
    expect(e.waiting.map((w) => [w.partner.partnerId, w.blocker])).toEqual([
      ['fresh', 'noCertificate'],
      ['gone', 'deactivated'],
    ]);
  });
});

describe('server errors as text a user can act on', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ resources: { en: { translation: en }, ar: { translation: ar } }, lng: 'en', interpolation: { escapeValue: false } });
  const t = i18n.t.bind(i18n);
  const err = (errorCode: string, message: string) => new ApiError(200, [{ errorCode, message }]);

  it('translates known codes with what the form knows, keeping the code', () => {
    expect(describeError(err('KER-PCM-008', 'Partner Organization Name not Matched.'), t, { org: 'Acme' })).toBe(
      "The certificate's organisation (Subject O) must be exactly “Acme”, the organisation you registered. Ask your certificate authority for a certificate with that organisation. (KER-PCM-008)",
    );
    expect(describeError(err('PMS_AUT_515', 'Expiry date should not be greater than 10 years from today'), t)).toBe(
      'The expiry date can be at most 10 years from today. (PMS_AUT_515)',
    );
  });

  it("falls back to the server's message for a code it does not know, and translates validator details", () => {
    expect(describeError(err('PMS_XYZ_001', 'Something specific.'), t)).toBe('Something specific. (PMS_XYZ_001)');
    const blank = err('PMS_COR_001', 'Invalid request parameter - must not be blank :request.address');
    expect(describeFieldError(blank, t)).toBe('this field is required (PMS_COR_001)');
    expect(describeFieldError(blank, i18n.getFixedT('ar'))).toBe(`${ar.detail.required} (PMS_COR_001)`);
  });
});
