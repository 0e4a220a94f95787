import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { javaHashOrder, jsonSimpleString, multiLanguageName, redirectUriProblem, splitStoredName } from '@pms/rules/oidc';
import { ConfigError } from '../../src/platform/config.js';
import { PmsError } from '../../src/platform/errors/pms-error.js';
import { deriveAcrs, deriveClaims, parseAmrAcrMapping, parseClaimMapping, policyRules } from '../../src/oidc-clients/derivation.js';
import { classify } from '../../src/oidc-clients/esignet-client.js';
import { clientIdOf, keyBytes, onCurve, parseJwk } from '../../src/oidc-clients/keys.js';
import { oidcSettings } from '../../src/oidc-clients/settings.js';
import { createSources, DEFAULT_CLAIMS_SUPPORTED } from '../../src/oidc-clients/sources.js';
import { prepareDistinctKeys } from '../../src/oidc-clients/seed.js';
import bundledIdentity from '../../src/oidc-clients/data/identity-mapping.json' with { type: 'json' };
import bundledAmrAcr from '../../src/oidc-clients/data/amr-acr-mapping.json' with { type: 'json' };
import { samplePolicy, SAMPLE_ACRS, SAMPLE_CLAIMS } from './helpers.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof PmsError ? err.code : `not a PmsError: ${(err as Error).message}`;
  }
  return undefined;
};

describe('client id: the three worked vectors of spec 4.2.3', () => {
  it('RSA (the PMS unit-test key): SPKI DER, kid and metadata do not matter', () => {
    const jwk = {
      kty: 'RSA',
      e: 'AQAB',
      use: 'sig',
      alg: 'RS256',
      kid: '1bbdc9de-c24f-4801-b6b3-691ac07641af',
      n: 'wXGQA574CU-WTWPILd4S3_1sJf0Yof0kwMeNctXc1thQo70Ljfn9f4igpRe7f8qNs_W6dLuLWemFhGJBQBQ7vvickECKNJfo_EzSD_yyPCg7k_AGbTWTkuoObHrpilwJGyKVSkOIujH_FqHIVkwkVXjWc25Lsb8Gq4nAHNQEqqgaYPLEi5evCR6S0FzcXTPuRh9zH-cM0Onjv4orrfYpEr61HcRp5MXL55b7yBoIYlXD8NfalcgdrWzp4VZHvQ8yT9G5eaf27XUn6ZBeBf7VnELcKFTyw1pK2wqoOxRBc8Y1wO6rEy8PlCU6wD-mbIzcjG1wUfnbgvJOM4A5G41quQ',
    };
    const key = parseJwk(jwk);
    expect(keyBytes(key)).toHaveLength(294);
    expect(keyBytes(key).toString('base64')).toBe(
      'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwXGQA574CU+WTWPILd4S3/1sJf0Yof0kwMeNctXc1thQo70Ljfn9f4igpRe7f8qNs/W6dLuLWemFhGJBQBQ7vvickECKNJfo/EzSD/yyPCg7k/AGbTWTkuoObHrpilwJGyKVSkOIujH/FqHIVkwkVXjWc25Lsb8Gq4nAHNQEqqgaYPLEi5evCR6S0FzcXTPuRh9zH+cM0Onjv4orrfYpEr61HcRp5MXL55b7yBoIYlXD8NfalcgdrWzp4VZHvQ8yT9G5eaf27XUn6ZBeBf7VnELcKFTyw1pK2wqoOxRBc8Y1wO6rEy8PlCU6wD+mbIzcjG1wUfnbgvJOM4A5G41quQIDAQAB',
    );
    expect(clientIdOf(key)).toBe('PcdI1nGbDbhvVj_h86tQGtoF52brbA8RqqYJ7o1oRVI');
    expect(clientIdOf(parseJwk({ kty: 'RSA', e: 'AQAB', n: jwk.n, kid: 'another' }))).toBe('PcdI1nGbDbhvVj_h86tQGtoF52brbA8RqqYJ7o1oRVI');
    // Leading zero octets in n do not change the key.
    const padded = Buffer.concat([Buffer.from([0]), Buffer.from(jwk.n, 'base64url')]).toString('base64url');
    expect(clientIdOf(parseJwk({ kty: 'RSA', e: 'AQAB', n: padded }))).toBe('PcdI1nGbDbhvVj_h86tQGtoF52brbA8RqqYJ7o1oRVI');
  });

  it('EC P-256 (RFC 7515 A.3)', () => {
    const key = parseJwk({
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    });
    expect(keyBytes(key).toString('base64')).toBe(
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==',
    );
    expect(clientIdOf(key)).toBe('Kz9UYDdgbg-CwQfGA4lAlep1two-V-cLr0NdLY5HGj0');
  });

  it('P-256 key bytes written out equal what a KeyObject exports, and a point off the curve is no key', () => {
    for (let i = 0; i < 40; i++) {
      const pub = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
      const { x, y } = pub.export({ format: 'jwk' });
      expect(keyBytes(parseJwk({ kty: 'EC', crv: 'P-256', x, y }))).toEqual(pub.export({ type: 'spki', format: 'der' }));
    }
    const { x, y } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' });
    const bent = Buffer.from(y as string, 'base64url');
    bent[0] = bent[0]! ^ 1;
    expect(codeOf(() => keyBytes({ kty: 'EC', crv: 'P-256', x, y: bent.toString('base64url') }))).toBe('PMS_ESI_007');
    expect(codeOf(() => keyBytes({ kty: 'EC', crv: 'P-256', x, y: `${y as string}AA` }))).toBe('PMS_ESI_007');
  });

  it('OKP Ed25519 (RFC 8037 A.2): the raw x, not SPKI', () => {
    const key = parseJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
    expect(keyBytes(key).toString('base64')).toBe('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
    expect(clientIdOf(key)).toBe('yfwvFfIkAWVfmyYiqKN2UcniC3TcMFzI35W6AF4dZPk');
  });

  it('curve constants: generated points are on their curve, a changed coordinate is not', () => {
    for (const [crv, name] of [
      ['P-256', 'prime256v1'],
      ['P-384', 'secp384r1'],
      ['P-521', 'secp521r1'],
    ] as const) {
      const { x, y } = generateKeyPairSync('ec', { namedCurve: name }).publicKey.export({ format: 'jwk' });
      const X = Buffer.from(x as string, 'base64url');
      const Y = Buffer.from(y as string, 'base64url');
      expect(onCurve(crv, X, Y), crv).toBe(true);
      const bent = Buffer.from(Y);
      bent[bent.length - 1] = bent[bent.length - 1]! ^ 1;
      expect(onCurve(crv, X, bent), crv).toBe(false);
      expect(codeOf(() => parseJwk({ kty: 'EC', crv, x, y: bent.toString('base64url') }))).toBe('PMS_ESI_007');
    }
  });

  it('prepared bench keys are distinct valid P-256 keys', () => {
    const keys = prepareDistinctKeys(200);
    expect(new Set(keys.map((k) => clientIdOf(parseJwk(k)))).size).toBe(200);
    // Made from raw ECDH points: each must still be a point Node accepts as a P-256 public key.
    for (const k of keys) expect(createPublicKey({ key: k, format: 'jwk' }).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });
});

describe('derivation: the worked example of MOSIP derivation (docs/oidc-clients.md)', () => {
  const claimMapping = parseClaimMapping(bundledIdentity);
  const amrAcr = parseAmrAcrMapping(bundledAmrAcr);
  const rules = policyRules('sample', JSON.stringify(samplePolicy()));
  const mosipClaims = ['name', 'address', 'gender', 'birthdate', 'picture', 'email', 'phone_number', 'individual_id'];

  it('7 claims with the MOSIP deployment claims and with the eSignet default (11), in mapping-file order', () => {
    expect(deriveClaims(rules.kycAttributes, mosipClaims, claimMapping)).toEqual(SAMPLE_CLAIMS);
    expect(deriveClaims(rules.kycAttributes, DEFAULT_CLAIMS_SUPPORTED, claimMapping)).toEqual(SAMPLE_CLAIMS);
    expect([...SAMPLE_CLAIMS].sort()).toEqual(['address', 'birthdate', 'email', 'gender', 'name', 'phone_number', 'picture']);
  });

  it('3 ACRs: OTP, Wallet and L1-bio-device are met; PWD and PIN are not', () => {
    expect(deriveAcrs(rules.authTypes, amrAcr)).toEqual(SAMPLE_ACRS);
  });

  it("develop's mapping (name = firstName,lastName) loses the name claim", () => {
    const develop = parseClaimMapping({ identity: { ...bundledIdentity.identity, name: { value: 'firstName,lastName' } } });
    expect(deriveClaims(rules.kycAttributes, mosipClaims, develop)).toEqual([
      'gender',
      'email',
      'birthdate',
      'picture',
      'phone_number',
      'address',
    ]);
  });

  it("supported claims with the same attribute list collapse: the later one wins (MOSIP's table)", () => {
    expect(deriveClaims(['phone'], ['phone', 'phone_number'], claimMapping)).toEqual(['phone_number']);
    expect(deriveClaims(['phone'], ['phone_number', 'phone'], claimMapping)).toEqual(['phone']);
  });

  it('case-insensitive, unknown attributes ignored, empty → PMS_ESI_005; mandatory → PMS_ESI_003; none met → PMS_ESI_006', () => {
    expect(deriveClaims(['FULLNAME', 'nope'], mosipClaims, claimMapping)).toEqual(['name']);
    expect(codeOf(() => deriveClaims(['nope'], mosipClaims, claimMapping))).toBe('PMS_ESI_005');
    expect(codeOf(() => deriveAcrs([{ authType: 'otp', mandatory: true }], amrAcr))).toBe('PMS_ESI_003');
    expect(codeOf(() => deriveAcrs([{ authType: 'demo', mandatory: false }], amrAcr))).toBe('PMS_ESI_006');
    expect(
      deriveAcrs(
        [
          { authType: 'PWD', mandatory: false },
          { authType: 'pin', mandatory: false },
        ],
        amrAcr,
      ),
    ).toEqual(['mosip:idp:acr:password', 'mosip:idp:acr:static-code']);
  });

  it('the spec 4.4 example: knowledge AMR in the mapping, four ACRs', () => {
    const m = parseAmrAcrMapping({
      amr: { ...bundledAmrAcr.amr, Knowledge: [{ type: 'KBA' }] },
      acr_amr: { ...bundledAmrAcr.acr_amr, 'mosip:idp:acr:knowledge': ['Knowledge'] },
    });
    const auth = [
      'bio',
      'otp',
      'otp-request',
      'kyc',
      'demo',
      'kycauth',
      'kycexchange',
      'keybinding',
      'kbt',
      'wla',
      'vciexchange',
      'pwd',
    ].map((authType) => ({ authType, mandatory: false }));
    expect(deriveAcrs(auth, m)).toEqual([
      'mosip:idp:acr:password',
      'mosip:idp:acr:generated-code',
      'mosip:idp:acr:linked-wallet',
      'mosip:idp:acr:biometrics',
    ]);
  });

  it('unusable mapping files: PMS-MSD-393, -394, -395', () => {
    expect(codeOf(() => parseClaimMapping({ notIdentity: {} }))).toBe('PMS-MSD-393');
    expect(codeOf(() => parseClaimMapping({ identity: { name: { value: 3 } } }))).toBe('PMS-MSD-393');
    expect(codeOf(() => parseAmrAcrMapping({ amr: {}, acr_amr: { x: 'PWD' } }))).toBe('PMS-MSD-394');
    expect(codeOf(() => parseAmrAcrMapping({ amr: { PWD: 'PWD' }, acr_amr: {} }))).toBe('PMS-MSD-395');
  });

  it('mapping files from a path or URL (configured), cached after the first success', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oidc-map-'));
    const file = join(dir, 'identity.json');
    writeFileSync(file, JSON.stringify({ identity: { name: { value: 'fullName' } } }));
    const sources = createSources({
      claimsMapping: file,
      amrAcrMapping: join(dir, 'missing.json'),
      esignetConfig: join(dir, 'missing.json'),
      timeoutMs: 1000,
    });
    expect((await sources.claimMapping()).identity).toEqual([['name', ['fullName']]]);
    writeFileSync(file, '{broken');
    expect((await sources.claimMapping()).identity).toEqual([['name', ['fullName']]]);
    await expect(sources.amrAcrMapping()).rejects.toMatchObject({ code: 'PMS-MSD-394' });
    await expect(sources.claimsSupported()).rejects.toMatchObject({ code: 'PMS_KKS_001' });
    writeFileSync(join(dir, 'discovery.json'), JSON.stringify({ issuer: 'x' }));
    await expect(createSources({ esignetConfig: join(dir, 'discovery.json'), timeoutMs: 1000 }).claimsSupported()).rejects.toMatchObject({
      code: 'PMS_OIDC_006',
    });
    const broken = createSources({ claimsMapping: `file://${file}`, timeoutMs: 1000 });
    await expect(broken.claimMapping()).rejects.toMatchObject({ code: 'PMS-MSD-393' });
  });
});

describe("MOSIP's multi-language name text (json-simple over a Java HashMap)", () => {
  it('reproduces the spec examples', () => {
    expect(multiLanguageName('X', { eng: 'Y' })).toBe('{"@none":"X","eng":"Y"}');
    expect(multiLanguageName('X', { eng: 'Z', fra: 'Y' })).toBe('{"@none":"X","fra":"Y","eng":"Z"}');
    expect(javaHashOrder(['eng', 'fra', '@none'])).toEqual(['@none', 'fra', 'eng']);
  });

  it('escapes as json-simple does, and reads back', () => {
    expect(jsonSimpleString('a/b"c\\d\n\u0001\u2028é')).toBe('"a\\/b\\"c\\\\d\\n\\u0001\\u2028é"');
    const text = multiLanguageName('Health/Portal', { eng: 'Health "Portal"' });
    expect(JSON.parse(text)).toEqual({ '@none': 'Health/Portal', eng: 'Health "Portal"' });
    expect(splitStoredName(text)).toEqual({ name: 'Health/Portal', langMap: { eng: 'Health "Portal"' } });
    expect(splitStoredName('Plain {name}')).toEqual({ name: 'Plain {name}' });
  });
});

describe("redirect URIs: one rule set, eSignet's accepted shapes", () => {
  it.each([
    ['https://rp.example/cb', undefined],
    ['https://rp.example/cb/**', undefined],
    ['http://localhost:8080/cb', undefined],
    ['http://127.0.0.1/cb', undefined],
    ['http://[::1]:3000/cb', undefined],
    ['io.mosip.residentapp://oauth', undefined],
    ['http://rp.example/cb', 'http is allowed only for loopback hosts; use https'],
    ['https://rp.example/cb#x', 'must not contain a fragment'],
    ['https://rp.example/a b', 'contains spaces or control characters'],
    ['javascript://x/alert(1)', 'the javascript: scheme is not allowed'],
    ['data://text/html', 'the data: scheme is not allowed'],
    ['/relative/path', 'must be an absolute URI with a scheme and a host'],
    ['$abcdefg', 'must be an absolute URI with a scheme and a host'],
    ['https://user:pw@rp.example/cb', 'must not carry user information'],
    ['', 'must not be blank'],
  ])('%s', (uri, problem) => {
    expect(redirectUriProblem(uri)).toBe(problem);
  });
});

describe("eSignet's answers, classified by what they say about its state", () => {
  it.each([
    [200, '{"response":{"clientId":"a","status":"ACTIVE"},"errors":[]}', 'ok', undefined],
    [
      200,
      '{"response":null,"errors":[{"errorCode":"invalid_claim","errorMessage":"request.userClaims[0]: invalid_claim"}]}',
      'refused',
      'invalid_claim',
    ],
    [200, '{"response":null,"errors":[]}', 'unknown', 'PMS_PRT_500'],
    [200, '{"response":null}', 'unknown', 'PMS_PRT_107'],
    [200, 'not json', 'unknown', 'PMS_PRT_500'],
    [500, '', 'unknown', 'PMS_KKS_001'],
    [401, '', 'refused', 'PMS_KKS_001'],
    [403, '', 'refused', 'PMS_KKS_001'],
  ])('HTTP %i %s', (status, text, kind, code) => {
    const o = classify(status, text);
    expect(o.kind).toBe(kind);
    if (code) expect((o as { code: string }).code).toBe(code);
  });
});

describe('settings', () => {
  it('defaults, and wrong values named', () => {
    const s = oidcSettings({}, {});
    expect(s).toMatchObject({
      available: true,
      esignet: undefined,
      timeoutMs: 10_000,
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['private_key_jwt'],
    });
    expect(oidcSettings({ PMS_OIDC_GRANT_TYPES: 'authorization_code, refresh_token' }, { baseUrl: 'http://e' }).grantTypes).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
    expect(() => oidcSettings({ PMS_CLAIMS_MAPPING: 'ftp://x/y.json' })).toThrow(ConfigError);
    expect(() => oidcSettings({ PMS_ESIGNET_TIMEOUT_MS: 'soon' })).toThrow(/PMS_ESIGNET_TIMEOUT_MS/);
    expect(() => oidcSettings({ PMS_OIDC_CLIENT_AVAILABLE: 'yes' })).toThrow(/PMS_OIDC_CLIENT_AVAILABLE/);
  });
});
