import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { EsignetDouble } from '../support/esignet-double.js';
import { envelope } from '../support/test-server.js';
import {
  V1,
  V2,
  authPartner,
  clientRow,
  createBody,
  createV2,
  ecKey,
  err,
  events,
  rsaKey,
  startOidc,
  updateBody,
  updateV2,
  type OidcTestEnv,
  type TestPartner,
} from './helpers.js';

/** eSignet's per-client settings (additionalConfig, v3 and PATCH), end to end through the double. */

let esignet: EsignetDouble;
let e: OidcTestEnv;
let p: TestPartner;

beforeAll(async () => {
  esignet = await EsignetDouble.start();
  e = await startOidc({ esignet });
  p = await authPartner(e);
});
afterAll(async () => {
  await e.close();
  await esignet.close();
});

const encKey = (): Record<string, any> => ({ ...rsaKey(), use: 'enc', alg: 'RSA-OAEP-256' });
const patchV2 = (token: string, id: string, body: Record<string, unknown>) =>
  e.s.call('PATCH', `${V2}/${encodeURIComponent(id)}`, { token, body: envelope(body) });
const getV2 = (id: string) => e.s.call('GET', `${V2}/${encodeURIComponent(id)}`, { token: p.token });

async function created(over: Record<string, unknown> = {}): Promise<string> {
  const r = await createV2(e, p.token, createBody(e, p, over));
  expect(err(r)).toBeUndefined();
  return r.body.response.clientId as string;
}

/** Each setting: sent to eSignet (v3), stored, returned by GET, carried by the events. */
const SETTINGS: [string, Record<string, unknown>][] = [
  ['require_pushed_authorization_requests', { require_pushed_authorization_requests: true }],
  ['dpop_bound_access_tokens', { dpop_bound_access_tokens: true }],
  ['require_pkce', { require_pkce: true }],
  ['consent_expire_in_mins', { consent_expire_in_mins: 30 }],
  ['signup_banner_required', { signup_banner_required: true }],
  ['forgot_pwd_link_required (false)', { forgot_pwd_link_required: false }],
  ['purpose', { purpose: { type: 'login', title: { '@none': 'Sign in', fra: 'Connexion' }, subTitle: { '@none': 'to Health Portal' } } }],
  ['userinfo_response_type JWS', { userinfo_response_type: 'JWS' }],
];

describe('each setting end to end', () => {
  for (const [name, config] of SETTINGS) {
    it(`${name}: sent through v3, stored, returned, in the created and updated events`, async () => {
      const id = await created({ additionalConfig: config });
      const call = esignet.mgmtCalls().at(-1)!;
      expect(call.method).toBe('POST');
      expect(call.path).toBe('/v1/esignet/client-mgmt/client');
      expect(call.body.request.additionalConfig).toEqual(config);
      expect(esignet.clients.get(id)!.additionalConfig).toEqual(config);
      expect((await clientRow(e, id))!.additional_config).toEqual(config);
      const got = await getV2(id);
      expect(got.body.response.additionalConfig).toEqual(config);
      const createdEv = (await events(e, 'OIDC_CLIENT_CREATED')).find((x) => x.event.data.clientData.clientId === id);
      expect(createdEv.event.data.clientData.additionalConfig).toEqual(config);
      // An update that changes only the name keeps the settings (absent = kept) and says so in the event.
      const u = await updateV2(e, p.token, id, updateBody());
      expect(err(u)).toBeUndefined();
      const updatedEv = (await events(e, 'OIDC_CLIENT_UPDATED')).filter((x) => x.event.data.clientData.clientId === id).at(-1);
      expect(updatedEv.event.data.clientData.additionalConfig).toEqual(config);
      expect(esignet.mgmtCalls().at(-1)!.path).toBe(`/v1/esignet/client-mgmt/oauth-client/${id}`);
      expect(esignet.clients.get(id)!.additionalConfig).toEqual(config);
    });
  }

  it('JWE with encPublicKey: v3 create then PATCH with the key; eSignet and PMS hold it', async () => {
    const key = encKey();
    const id = await created({ additionalConfig: { userinfo_response_type: 'JWE' }, encPublicKey: key });
    const [post, patch] = esignet.mgmtCalls().slice(-2);
    expect(post!.method).toBe('POST');
    expect(post!.body.request.encPublicKey).toBeUndefined();
    expect(patch!.method).toBe('PATCH');
    expect(patch!.path).toBe(`/v1/esignet/client-mgmt/client/${id}`);
    expect(patch!.body.request).toEqual({
      encPublicKey: { kty: 'RSA', n: key.n, e: key.e, use: 'enc', alg: 'RSA-OAEP-256', kid: key.kid },
    });
    expect(esignet.clients.get(id)!.encPublicKey).toMatchObject({ n: key.n });
    expect(JSON.parse((await clientRow(e, id))!.enc_public_key)).toMatchObject({ n: key.n, use: 'enc' });
    expect((await getV2(id)).body.response.encPublicKey).toMatchObject({ kty: 'RSA', n: key.n });
  });

  it('a v3 update with additionalConfig null clears the settings in eSignet and PMS', async () => {
    const id = await created({ additionalConfig: { require_pkce: true } });
    const r = await updateV2(e, p.token, id, updateBody({ additionalConfig: null }));
    expect(err(r)).toBeUndefined();
    const call = esignet.mgmtCalls().at(-1)!;
    expect(call.method).toBe('PUT');
    expect(call.path).toBe(`/v1/esignet/client-mgmt/client/${id}`);
    expect(call.body.request.additionalConfig).toBeNull();
    expect(esignet.clients.get(id)!.additionalConfig).toBeNull();
    expect((await clientRow(e, id))!.additional_config).toBeNull();
  });

  it('a legacy v1 update of a client with settings keeps them, in eSignet and PMS', async () => {
    const id = await created({ additionalConfig: { require_pkce: true } });
    const { clientNameLangMap: _m, ...v1body } = updateBody();
    const r = await e.s.call('PUT', `${V1}/${id}`, { token: p.token, body: envelope(v1body) });
    expect(err(r)).toBeUndefined();
    expect(esignet.mgmtCalls().at(-1)!.body.request).not.toHaveProperty('additionalConfig');
    expect(esignet.clients.get(id)!.additionalConfig).toEqual({ require_pkce: true });
    expect((await clientRow(e, id))!.additional_config).toEqual({ require_pkce: true });
    expect((await getV2(id)).body.response.additionalConfig).toEqual({ require_pkce: true });
  });

  it("MOSIP's shape without settings keeps using v2 and stores null", async () => {
    const id = await created();
    expect(esignet.mgmtCalls().at(-1)!.path).toBe('/v1/esignet/client-mgmt/oauth-client');
    expect(esignet.mgmtCalls().at(-1)!.body.request).not.toHaveProperty('additionalConfig');
    expect((await clientRow(e, id))!.additional_config).toBeNull();
    const ev = (await events(e, 'OIDC_CLIENT_CREATED')).find((x) => x.event.data.clientData.clientId === id);
    expect(ev.event.data.clientData).not.toHaveProperty('additionalConfig');
  });
});

describe('refusals, each with its code, nothing written and nothing sent', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['unknown setting', { additionalConfig: { require_mtls: true } }, 'invalid_additional_config', /additionalConfig\.require_mtls/],
    [
      'consent below 10 minutes',
      { additionalConfig: { consent_expire_in_mins: 5 } },
      'invalid_additional_config',
      /consent_expire_in_mins/,
    ],
    ['boolean as text', { additionalConfig: { require_pkce: 'yes' } }, 'invalid_additional_config', /require_pkce/],
    [
      'purpose title without @none',
      { additionalConfig: { purpose: { type: 'login', title: { eng: 'x' } } } },
      'invalid_additional_config',
      /purpose\.title/,
    ],
    ['purpose of unknown type', { additionalConfig: { purpose: { type: 'pay' } } }, 'invalid_additional_config', /purpose\.type/],
    ['JWE without a key', { additionalConfig: { userinfo_response_type: 'JWE' } }, 'PMS_OIDC_008', /encPublicKey/],
    ['a key without JWE', { additionalConfig: { userinfo_response_type: 'JWS' }, encPublicKey: encKey() }, 'PMS_OIDC_008', /encPublicKey/],
    [
      'encryption key marked for signing',
      { additionalConfig: { userinfo_response_type: 'JWE' }, encPublicKey: { ...encKey(), use: 'sig' } },
      'PMS_OIDC_008',
      /encPublicKey\.use/,
    ],
    [
      'encryption key with a private member',
      { additionalConfig: { userinfo_response_type: 'JWE' }, encPublicKey: { ...encKey(), d: 'AQAB' } },
      'invalid_public_key',
      /encPublicKey/,
    ],
    [
      'encryption key RSA 1024',
      { additionalConfig: { userinfo_response_type: 'JWE' }, encPublicKey: { ...rsaKey(1024), use: 'enc' } },
      'invalid_public_key',
      /encPublicKey.*1024/,
    ],
    [
      'encryption key not a key',
      { additionalConfig: { userinfo_response_type: 'JWE' }, encPublicKey: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } },
      'invalid_public_key',
      /encPublicKey/,
    ],
    [
      'forgot-password link without password login',
      { additionalConfig: { forgot_pwd_link_required: true } },
      'PMS_OIDC_008',
      /forgot_pwd_link_required/,
    ],
    ['purpose none with a title', { additionalConfig: { purpose: { type: 'none', title: { '@none': 'x' } } } }, 'PMS_OIDC_008', /purpose/],
  ];
  for (const [name, over, code, message] of cases) {
    it(`${name}: ${code}`, async () => {
      const before = esignet.mgmtCalls().length;
      const body = createBody(e, p, over);
      const r = await createV2(e, p.token, body);
      expect(err(r)?.errorCode).toBe(code);
      expect(err(r)?.message).toMatch(message);
      expect(esignet.mgmtCalls().length).toBe(before);
      const n = await e.s.store.one<{ n: number }>(
        sql`select count(*)::int as n from oidc_client where rp_id = ${p.id} and public_key like ${`%${String((body.publicKey as { x: string }).x)}%`}`,
      );
      expect(n!.n).toBe(0);
    });
  }

  it('the same rules refuse an update that would make the client unusable', async () => {
    const id = await created();
    const r = await updateV2(e, p.token, id, updateBody({ additionalConfig: { userinfo_response_type: 'JWE' } }));
    expect(err(r)?.errorCode).toBe('PMS_OIDC_008');
    expect((await clientRow(e, id))!.additional_config).toBeNull();
  });

  it("eSignet's own refusal of the settings is relayed and changes nothing", async () => {
    esignet.fail({ kind: 'refuse', code: 'invalid_additional_config', message: 'request.additionalConfig: invalid_additional_config' });
    const body = createBody(e, p, { additionalConfig: { require_pkce: true } });
    const r = await createV2(e, p.token, body);
    expect(err(r)?.errorCode).toBe('invalid_additional_config');
  });
});

describe('an older eSignet (PMS_ESIGNET_CLIENT_API)', () => {
  for (const level of ['v2', 'v3'] as const) {
    it(`${level}: clients without settings keep working; settings it cannot take are refused (PMS_OIDC_007)`, async () => {
      const old = await EsignetDouble.start({ apiLevel: level });
      const env = await startOidc({ esignet: old, env: { PMS_ESIGNET_CLIENT_API: level } });
      try {
        const q = await authPartner(env);
        const ok = await createV2(env, q.token, createBody(env, q));
        expect(err(ok)).toBeUndefined();
        const id = ok.body.response.clientId as string;
        expect(old.clients.get(id)!.status).toBe('ACTIVE');
        const up = await updateV2(env, q.token, id, updateBody());
        expect(err(up)).toBeUndefined();
        expect(old.clients.get(id)!.name).toBe('Health Portal 2');
        const patched = await env.s.call('PATCH', `${V2}/${id}`, {
          token: q.token,
          body: envelope({ logoUri: 'https://health-services.example/logo3.png' }),
        });
        expect(err(patched)).toBeUndefined();
        expect(old.clients.get(id)!.logoUri).toBe('https://health-services.example/logo3.png');
        const jwe = await createV2(
          env,
          q.token,
          createBody(env, q, { additionalConfig: { userinfo_response_type: 'JWE' }, encPublicKey: encKey() }),
        );
        expect(err(jwe)?.errorCode).toBe('PMS_OIDC_007');
        expect(err(jwe)?.message).toMatch(level === 'v2' ? /additionalConfig/ : /encPublicKey/);
        // PKCE came with eSignet 1.8 (and PATCH): a v3 eSignet (1.6–1.7) does not know it.
        const pkce = await createV2(env, q.token, createBody(env, q, { additionalConfig: { require_pkce: true } }));
        expect(err(pkce)?.errorCode).toBe('PMS_OIDC_007');
        expect(err(pkce)?.message).toMatch(level === 'v2' ? /additionalConfig/ : /require_pkce; it needs eSignet 1\.8/);
        const par = await createV2(env, q.token, createBody(env, q, { additionalConfig: { require_pushed_authorization_requests: true } }));
        if (level === 'v2') expect(err(par)?.errorCode).toBe('PMS_OIDC_007');
        else {
          expect(err(par)).toBeUndefined();
          expect(old.clients.get(par.body.response.clientId)!.additionalConfig).toEqual({ require_pushed_authorization_requests: true });
        }
      } finally {
        await env.close();
        await old.close();
      }
    }, 180_000);
  }
});

describe('PATCH and names per language', () => {
  it('changes only what is sent; one language edited, the others kept', async () => {
    const id = await created({ clientNameLangMap: { eng: 'Health Portal', fra: 'Portail Santé', ara: 'بوابة الصحة' } });
    const r = await patchV2(p.token, id, { clientNameLangMap: { fra: 'Portail de santé' } });
    expect(err(r)).toBeUndefined();
    const got = (await getV2(id)).body.response;
    expect(got.clientNameLangMap).toEqual({ eng: 'Health Portal', fra: 'Portail de santé', ara: 'بوابة الصحة' });
    expect(got.clientName).toBe('Health Portal');
    expect(got.redirectUris).toEqual(['https://healthservices.example/userprofile']);
    expect(esignet.clients.get(id)!.langMap).toEqual({ eng: 'Health Portal', fra: 'Portail de santé', ara: 'بوابة الصحة' });
  });

  it('a language set to null is removed; settings patched alone', async () => {
    const id = await created({ clientNameLangMap: { eng: 'Health Portal', fra: 'Portail Santé' } });
    expect(err(await patchV2(p.token, id, { clientNameLangMap: { fra: null } }))).toBeUndefined();
    expect((await getV2(id)).body.response.clientNameLangMap).toEqual({ eng: 'Health Portal' });
    expect(err(await patchV2(p.token, id, { additionalConfig: { dpop_bound_access_tokens: true } }))).toBeUndefined();
    expect((await clientRow(e, id))!.additional_config).toEqual({ dpop_bound_access_tokens: true });
    expect(esignet.clients.get(id)!.additionalConfig).toEqual({ dpop_bound_access_tokens: true });
    expect((await getV2(id)).body.response.clientNameLangMap).toEqual({ eng: 'Health Portal' });
  });

  it("goes to eSignet as eSignet's PATCH carrying only what changed (and the status)", async () => {
    const id = await created({ clientNameLangMap: { eng: 'Health Portal', fra: 'Portail Santé' } });
    expect(err(await patchV2(p.token, id, { logoUri: 'https://health-services.example/logo9.png' }))).toBeUndefined();
    const call = esignet.mgmtCalls().at(-1)!;
    expect(call.method).toBe('PATCH');
    expect(call.path).toBe(`/v1/esignet/client-mgmt/client/${id}`);
    expect(call.body.request).toEqual({ logoUri: 'https://health-services.example/logo9.png', status: 'ACTIVE' });
    expect(
      err(await patchV2(p.token, id, { clientNameLangMap: { fra: 'Portail de santé' }, additionalConfig: { require_pkce: true } })),
    ).toBeUndefined();
    expect(esignet.mgmtCalls().at(-1)!.body.request).toEqual({
      clientName: 'Health Portal',
      clientNameLangMap: { eng: 'Health Portal', fra: 'Portail de santé' },
      additionalConfig: { require_pkce: true },
      status: 'ACTIVE',
    });
    const held = esignet.clients.get(id)!;
    expect(held.logoUri).toBe('https://health-services.example/logo9.png');
    expect(held.langMap).toEqual({ eng: 'Health Portal', fra: 'Portail de santé' });
    expect(held.additionalConfig).toEqual({ require_pkce: true });
  });

  it('clearing the settings, which eSignet PATCH cannot say, goes as a v3 PUT', async () => {
    const id = await created({ additionalConfig: { require_pkce: true } });
    expect(err(await patchV2(p.token, id, { additionalConfig: null }))).toBeUndefined();
    const call = esignet.mgmtCalls().at(-1)!;
    expect([call.method, call.path]).toEqual(['PUT', `/v1/esignet/client-mgmt/client/${id}`]);
    expect(esignet.clients.get(id)!.additionalConfig).toBeNull();
    expect((await clientRow(e, id))!.additional_config).toBeNull();
  });

  it('esignet #2364 (update takes fewer ACRs than create): a full PUT is refused, our PATCH never sends ACRs', async () => {
    const strict = await EsignetDouble.start({ updateAcrValues: [] });
    const env = await startOidc({ esignet: strict });
    try {
      const q = await authPartner(env);
      const ok = await createV2(env, q.token, createBody(env, q));
      expect(err(ok)).toBeUndefined();
      const id = ok.body.response.clientId as string;
      const put = await updateV2(env, q.token, id, updateBody());
      expect(err(put)).toBeDefined();
      expect(strict.clients.get(id)!.name).not.toBe('Health Portal 2');
      const patched = await env.s.call('PATCH', `${V2}/${id}`, { token: q.token, body: envelope({ clientName: 'Health Portal 3' }) });
      expect(err(patched)).toBeUndefined();
      expect(strict.mgmtCalls().at(-1)!.body.request.authContextRefs).toBeUndefined();
      expect(strict.clients.get(id)!.name).toBe('Health Portal 3');
      expect((await clientRow(env, id))!.name).toContain('Health Portal 3');
    } finally {
      await env.close();
      await strict.close();
    }
  }, 120_000);

  it('an empty PATCH is refused (PMS_OIDC_009); another partner cannot patch', async () => {
    const id = await created();
    expect(err(await patchV2(p.token, id, {}))?.errorCode).toBe('PMS_OIDC_009');
    const other = await authPartner(e);
    expect(err(await patchV2(other.token, id, { logoUri: 'https://x.example/l.png' }))?.errorCode).toBe('PMS_POLICY_ERROR_010');
  });
});

// ---- GET, then PUT the same values back, over generated clients ------------------------------

/** A small deterministic generator (no dependency): clients over the space the rules accept. */
function generator(seed: number) {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const maybe = () => next() < 0.5;
  return function client(): Record<string, unknown> {
    const langs = ['eng', 'fra', 'ara', 'hin', 'tam'].filter(() => maybe());
    const name = pick(['Health Portal', 'Portail "santé" / test', 'بوابة', 'x'.repeat(50), 'a\\b']);
    const config: Record<string, unknown> = {};
    if (maybe()) config.require_pkce = maybe();
    if (maybe()) config.require_pushed_authorization_requests = maybe();
    if (maybe()) config.dpop_bound_access_tokens = maybe();
    if (maybe()) config.consent_expire_in_mins = 10 + Math.floor(next() * 1000);
    if (maybe()) config.signup_banner_required = maybe();
    if (maybe())
      config.purpose = { type: pick(['verify', 'link', 'login']), title: { '@none': name, ...(maybe() ? { fra: 'Titre' } : {}) } };
    const jwe = maybe();
    if (jwe) config.userinfo_response_type = 'JWE';
    const withConfig = maybe() || jwe;
    return {
      name,
      publicKey: maybe() ? ecKey() : rsaKey(),
      logoUri: pick(['https://a.example/logo.png', 'http://localhost:8080/l.png']),
      redirectUris: ['https://rp.example/cb', 'io.mosip.app://oauth', 'http://127.0.0.1:3000/cb', 'https://rp.example/cb/*'].filter(
        (_, i) => i === 0 || maybe(),
      ),
      clientNameLangMap: Object.fromEntries((langs.length ? langs : ['eng']).map((l) => [l, `${name.slice(0, 40)} ${l}`])),
      ...(withConfig ? { additionalConfig: config } : {}),
      ...(jwe ? { encPublicKey: { ...(maybe() ? rsaKey() : ecKey()), use: 'enc' } } : {}),
    };
  };
}

/** The update fields of a GET answer: exactly what an update takes (one allow-list). */
function putBackOf(got: Record<string, any>): Record<string, unknown> {
  return {
    logoUri: got.logoUri,
    redirectUris: got.redirectUris,
    status: got.status,
    grantTypes: got.grantTypes,
    clientName: got.clientName,
    clientAuthMethods: got.clientAuthMethods,
    clientNameLangMap: got.clientNameLangMap ?? undefined,
    additionalConfig: got.additionalConfig,
    encPublicKey: got.encPublicKey,
  };
}

describe('GET then PUT the same values back', () => {
  it('always succeeds and changes nothing, over 40 generated clients', async () => {
    const gen = generator(20261203);
    for (let i = 0; i < 40; i++) {
      const over = gen();
      const r = await createV2(e, p.token, createBody(e, p, over));
      expect(err(r), JSON.stringify(over)).toBeUndefined();
      const id = r.body.response.clientId as string;
      const before = await clientRow(e, id);
      const got = (await getV2(id)).body.response;
      const put = await updateV2(e, p.token, id, putBackOf(got));
      expect(err(put), JSON.stringify(putBackOf(got))).toBeUndefined();
      const after = await clientRow(e, id);
      const { upd_by: _b, upd_dtimes: _t, ...same } = before!;
      expect(after).toMatchObject(same);
      expect((await getV2(id)).body.response).toEqual(got);
    }
  }, 300_000);
});
