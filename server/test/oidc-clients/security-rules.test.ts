import { describe, expect, it } from 'vitest';
import { additionalConfigProblem, crossFieldProblem, effectiveSettings } from '@pms/rules/oidc';
import { sameJson } from '../../src/oidc-clients/client-settings.js';
import { ConfigError, readEsignetApi } from '../../src/platform/config.js';
import { toCsv } from '../../src/platform/http/csv.js';

/** The shared rule set (also bundled by the portal) and the small pieces around it, without a server. */

const flow = { grantTypes: ['authorization_code'], redirectUris: ['https://rp.example/cb'] };

describe('additionalConfig schema', () => {
  it('takes every documented setting, and null', () => {
    expect(additionalConfigProblem(null)).toBeUndefined();
    expect(
      additionalConfigProblem({
        userinfo_response_type: 'JWE',
        purpose: { type: 'verify', title: { '@none': 'a', fra: 'b' }, subTitle: null },
        signup_banner_required: false,
        forgot_pwd_link_required: true,
        consent_expire_in_mins: 10,
        require_pushed_authorization_requests: true,
        dpop_bound_access_tokens: true,
        require_pkce: true,
      }),
    ).toBeUndefined();
  });

  it.each([
    [[], 'request.additionalConfig'],
    [{ consent_expire_in_mins: 9.5 }, 'request.additionalConfig.consent_expire_in_mins'],
    [{ purpose: { type: 'login', extra: 1 } }, 'request.additionalConfig.purpose.extra'],
    [{ purpose: { type: 'login', subTitle: { '@none': 1 } } }, 'request.additionalConfig.purpose.subTitle'],
    [{ userinfo_response_type: 'jwe' }, 'request.additionalConfig.userinfo_response_type'],
    [{ purpose: { type: 'login', title: { '@none': 'x'.repeat(2100) } } }, 'request.additionalConfig'],
  ])('refuses %j at %s', (value, field) => {
    expect(additionalConfigProblem(value)).toMatchObject({ code: 'invalid_additional_config', field });
  });
});

describe('cross-field rules', () => {
  it('PAR and PKCE need the authorization_code grant', () => {
    expect(crossFieldProblem({ ...flow, grantTypes: ['client_credentials'], additionalConfig: { require_pkce: true } })?.field).toBe(
      'request.additionalConfig.require_pkce',
    );
    expect(
      crossFieldProblem({ ...flow, additionalConfig: { require_pkce: true, require_pushed_authorization_requests: true } }),
    ).toBeUndefined();
  });

  it('the encryption key must not be the signing key; the forgot-password link needs a password ACR when ACRs are known', () => {
    const key = { kty: 'EC', crv: 'P-256', x: 'x1', y: 'y1' };
    expect(
      crossFieldProblem({
        ...flow,
        additionalConfig: { userinfo_response_type: 'JWE' },
        encPublicKey: key,
        publicKey: { ...key, use: 'sig' },
      })?.reason,
    ).toMatch(/differ/);
    expect(
      crossFieldProblem({ ...flow, additionalConfig: { forgot_pwd_link_required: true }, acrValues: ['mosip:idp:acr:password'] }),
    ).toBeUndefined();
    expect(crossFieldProblem({ ...flow, additionalConfig: { forgot_pwd_link_required: true } })).toBeUndefined();
  });

  it('effective settings fill eSignet defaults', () => {
    expect(effectiveSettings(null)).toMatchObject({
      userinfo_response_type: 'JWS',
      require_pkce: false,
      consent_expire_in_mins: null,
      purpose: null,
    });
  });
});

describe('around the rules', () => {
  it('PMS_ESIGNET_CLIENT_API accepts v2, v3, patch (default patch) and stops the start otherwise', () => {
    expect(readEsignetApi({})).toBe('patch');
    expect(readEsignetApi({ PMS_ESIGNET_CLIENT_API: 'v3' })).toBe('v3');
    expect(() => readEsignetApi({ PMS_ESIGNET_CLIENT_API: 'v4' })).toThrow(ConfigError);
  });

  it('settings compare equal whatever the key order jsonb hands back', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, null)).toBe(false);
    expect(sameJson(undefined, null)).toBe(true);
  });

  it('CSV quotes separators and neutralises formulas', () => {
    expect(toCsv([{ header: 'a', value: (r: string) => r }], ['=1+1', 'x,"y"', '-2', 'ok'])).toBe(
      'a\r\n\'=1+1\r\n"x,""y"""\r\n\'-2\r\nok\r\n',
    );
  });
});
