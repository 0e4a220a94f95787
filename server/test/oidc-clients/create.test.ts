import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { clientIdOf, parseJwk } from '../../src/oidc-clients/keys.js';
import { EsignetDouble } from '../support/esignet-double.js';
import { envelope } from '../support/test-server.js';
import {
  SAMPLE_ACRS,
  SAMPLE_CLAIMS,
  V1,
  V2,
  authPartner,
  clientRow,
  countClients,
  createBody,
  createV1,
  createV2,
  ecKey,
  err,
  events,
  rsaKey,
  startOidc,
  type OidcTestEnv,
  type TestPartner,
} from './helpers.js';

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

describe('create (v2 /oauth/client)', () => {
  it('registers the client in eSignet with derived claims and ACRs, stores it, queues OIDC_CLIENT_CREATED, audits', async () => {
    const body = createBody(e, p, { publicKey: rsaKey() });
    const id = clientIdOf(parseJwk(body.publicKey as Record<string, unknown>));
    const r = await createV2(e, p.token, body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: null,
      version: null,
      errors: [],
      response: { clientId: id, status: 'ACTIVE', esignetStatus: 'REGISTERED' },
    });
    expect(r.body.responsetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const call = esignet.mgmtCalls().at(-1)!;
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/v1/esignet/client-mgmt/oauth-client');
    expect(call.authorization).toMatch(/^Bearer ey/);
    expect(call.cookie).toBe(`Authorization=${call.authorization!.slice(7)}`);
    expect(call.body.request).toEqual({
      clientId: id,
      clientName: 'Health Portal',
      publicKey: { kty: 'RSA', e: 'AQAB', n: (body.publicKey as any).n, use: 'sig', alg: 'RS256', kid: (body.publicKey as any).kid },
      relyingPartyId: p.id,
      userClaims: SAMPLE_CLAIMS,
      authContextRefs: SAMPLE_ACRS,
      logoUri: body.logoUri,
      redirectUris: body.redirectUris,
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['private_key_jwt'],
      clientNameLangMap: { eng: 'Health Portal', fra: 'Portail Santé' },
    });
    expect(esignet.clients.get(id)).toMatchObject({ status: 'ACTIVE', rpId: p.id });

    const row = await clientRow(e, id);
    expect(row).toMatchObject({
      name: '{"@none":"Health Portal","fra":"Portail Santé","eng":"Health Portal"}',
      rp_id: p.id,
      policy_id: e.policyId,
      redirect_uris: body.redirectUris,
      claims: SAMPLE_CLAIMS,
      acr_values: SAMPLE_ACRS,
      status: 'ACTIVE',
      esignet_status: 'REGISTERED',
      cr_by: p.user,
    });
    expect(JSON.parse(row!.public_key)).toEqual(call.body.request.publicKey);
    expect(await e.s.store.one(sql`select count(*)::int as n from oidc_client_op`)).toEqual({ n: 0 });

    const created = (await events(e, 'OIDC_CLIENT_CREATED')).find((ev) => ev.event.data.clientData.clientId === id);
    expect(created.publisher).toBe('PartnerManagementServiceImpl');
    expect(created.event.type).toEqual({
      namespace: 'io.mosip.pmp.partner.manager.service.impl.PartnerManagementServiceImpl',
      name: 'PartnerManagementServiceImpl',
    });
    const cert = await e.s.store.one<{ signed_cert_data: string }>(
      sql`select c.signed_cert_data from partner_cert_store c join partner p on p.certificate_alias = c.cert_id where p.id = ${p.id}`,
    );
    expect(created.event.data.partnerData).toEqual({
      partnerId: p.id,
      partnerName: p.org,
      certificateData: cert!.signed_cert_data,
      partnerStatus: 'ACTIVE',
    });
    expect(created.event.data.policyData).toMatchObject({
      policyId: e.policyId,
      policyName: e.policyName,
      policyStatus: 'ACTIVE',
      policy: { allowedKycAttributes: expect.any(Array) },
    });
    expect(created.event.data.clientData).toEqual({
      clientId: id,
      clientName: row!.name,
      clientStatus: 'ACTIVE',
      userClaims: SAMPLE_CLAIMS,
      authContextRefs: SAMPLE_ACRS,
      clientAuthMethods: ['private_key_jwt'],
    });
    expect(await e.s.store.one(sql`select actor, action from audit_log where entity_id = ${id}`)).toEqual({
      actor: p.user,
      action: 'oidc-client.create',
    });
  });

  it('v1 /oidc/client stores the plain name and calls eSignet v1 without a language map', async () => {
    const body = createBody(e, p);
    const r = await createV1(e, p.token, body);
    expect(err(r)).toBeUndefined();
    const call = esignet.mgmtCalls().at(-1)!;
    expect(call.path).toBe('/v1/esignet/client-mgmt/oidc-client');
    expect(call.body.request).not.toHaveProperty('clientNameLangMap');
    expect((await clientRow(e, r.body.response.clientId))!.name).toBe('Health Portal');
  });

  it('reuses the service token until it expires', async () => {
    const before = esignet.tokensIssued;
    for (let i = 0; i < 3; i++) expect(err(await createV2(e, p.token, createBody(e, p)))).toBeUndefined();
    expect(esignet.tokensIssued - before).toBe(0);
  });

  it('two creates of the same key at once: exactly one wins, the other is PMS_ESI_001', async () => {
    const body = createBody(e, p);
    const results = await Promise.all([createV2(e, p.token, body), createV2(e, p.token, body)]);
    expect(results.map((r) => err(r)?.errorCode ?? 'ok').sort()).toEqual(['PMS_ESI_001', 'ok']);
    const id = results.find((r) => !err(r))!.body.response.clientId;
    expect(await e.s.store.one(sql`select count(*)::int as n from oidc_client where id = ${id}`)).toEqual({ n: 1 });
    expect((await events(e, 'OIDC_CLIENT_CREATED')).filter((ev) => ev.event.data.clientData.clientId === id)).toHaveLength(1);
  });

  it('concurrent creates (written in shared statements) each get their own client, event and answer', async () => {
    const q = await authPartner(e);
    const bodies = Array.from({ length: 24 }, () => createBody(e, q));
    // One key twice: exactly one of the two wins, the other is told it is a duplicate.
    bodies.push({ ...bodies[0]!, publicKey: { ...(bodies[0]!.publicKey as Record<string, unknown>) } });
    const answers = await Promise.all(bodies.map((b) => createV2(e, q.token, b)));
    const ids = bodies.map((b) => clientIdOf(parseJwk(b.publicKey as Record<string, unknown>)));
    const codes = answers.map((r) => err(r)?.errorCode ?? 'ok');
    expect(codes.filter((c) => c === 'ok')).toHaveLength(24);
    expect(codes.filter((c) => c !== 'ok')).toEqual(['PMS_ESI_001']);
    for (const id of new Set(ids)) {
      expect(await clientRow(e, id)).toMatchObject({ rp_id: q.id, status: 'ACTIVE', esignet_status: 'REGISTERED' });
      expect((await events(e, 'OIDC_CLIENT_CREATED')).filter((ev) => ev.event.data.clientData.clientId === id)).toHaveLength(1);
      expect(esignet.clients.get(id)?.rpId).toBe(q.id);
    }
    const left = await e.s.store.one<{ n: number }>(
      sql`select count(*)::int as n from oidc_client_op where commit_data->'row'->>'rp_id' = ${q.id}`,
    );
    expect(left?.n).toBe(0);
  });

  it('gets a new service token once the cached one expires', async () => {
    // Cached for half its life (the renewal margin exceeds it): long enough for two creates on a
    // loaded machine, short enough to wait out.
    const short = await EsignetDouble.start({ tokenTtlSeconds: 6 });
    const se = await startOidc({ esignet: short });
    try {
      const sp = await authPartner(se);
      expect(err(await createV2(se, sp.token, createBody(se, sp)))).toBeUndefined();
      expect(err(await createV2(se, sp.token, createBody(se, sp)))).toBeUndefined();
      expect(short.tokensIssued).toBe(1);
      await new Promise((r) => setTimeout(r, 3100));
      expect(err(await createV2(se, sp.token, createBody(se, sp)))).toBeUndefined();
      expect(short.tokensIssued).toBe(2);
    } finally {
      await se.close();
      await short.close();
    }
    // Starts a server of its own: on a loaded machine that alone can take most of the default 30 s.
  }, 120_000);

  it('a key with another kid is the same client: PMS_ESI_001 before any ownership check', async () => {
    const key = rsaKey();
    expect(err(await createV2(e, p.token, createBody(e, p, { publicKey: key })))).toBeUndefined();
    const stranger = await e.s.token('nobody-at-all', ['AUTH_PARTNER']);
    const again = await createV2(e, stranger, createBody(e, p, { publicKey: { ...key, kid: 'other-kid' } }));
    expect(err(again)).toEqual({ errorCode: 'PMS_ESI_001', message: 'Client public key already exists.' });
  });
});

describe('create: MOSIP checks in order, each storing nothing', () => {
  const refused = async (token: string, body: Record<string, unknown>, code: string | null, message?: string, path = V2) => {
    const before = await countClients(e);
    const calls = esignet.mgmtCalls().length;
    const r = await e.s.call('POST', path, { token, body: envelope(body) });
    expect(r.status, r.text).toBe(200);
    expect(err(r)?.errorCode, r.text).toBe(code);
    if (message !== undefined) expect(err(r)?.message).toBe(message);
    expect(await countClients(e)).toBe(before);
    return { r, eSignetCalled: esignet.mgmtCalls().length > calls };
  };

  it('bean validation: PMS_COR_001 with MOSIP texts and field paths', async () => {
    const b = createBody(e, p);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...b, name: undefined }, 'Invalid request parameter - must not be blank :request.name'],
      [{ ...b, policyId: undefined }, 'Invalid request parameter - must not be blank :request.policyId'],
      [{ ...b, logoUri: undefined }, 'Invalid request parameter - must not be blank :request.logoUri'],
      [{ ...b, name: 'x'.repeat(257) }, 'Invalid request parameter - size must be between 1 and 256 :request.name'],
      [{ ...b, policyId: '' }, 'Invalid request parameter - size must be between 1 and 36 :request.policyId'],
      [{ ...b, publicKey: undefined }, 'Invalid request parameter - must not be empty :request.publicKey'],
      [{ ...b, publicKey: {} }, 'Invalid request parameter - must not be empty :request.publicKey'],
      [{ ...b, publicKey: 'not-an-object' }, 'Invalid request parameter - must be object :request.publicKey'],
      [{ ...b, publicKey: [1, 2] }, 'Invalid request parameter - must be object :request.publicKey'],
      [{ ...b, publicKey: { kty: 'EC', x: null } }, 'Invalid request parameter - must not be null :request.publicKey.x'],
      [{ ...b, authPartnerId: 'x'.repeat(101) }, 'Invalid request parameter - size must be between 1 and 100 :request.authPartnerId'],
      [{ ...b, logoUri: 'https//' }, 'Invalid request parameter - must be a valid URL :request.logoUri'],
      [{ ...b, logoUri: 'javascript:alert(1)' }, 'Invalid request parameter - must be a valid URL :request.logoUri'],
      [{ ...b, logoUri: 'https://x.example/a b.png' }, 'Invalid request parameter - must be a valid URL :request.logoUri'],
      [{ ...b, logoUri: 'https://x.example/logo.png#frag' }, 'Invalid request parameter - must be a valid URL :request.logoUri'],
      [
        { ...b, logoUri: `https://x.example/${'a'.repeat(2040)}` },
        'Invalid request parameter - size must be between 1 and 2048 :request.logoUri',
      ],
      [{ ...b, redirectUris: [] }, 'Invalid request parameter - size must be between 1 and 5 :request.redirectUris'],
      [
        {
          ...b,
          redirectUris: [
            'https://a.example/1',
            'https://a.example/2',
            'https://a.example/3',
            'https://a.example/4',
            'https://a.example/5',
            'https://a.example/6',
          ],
        },
        'Invalid request parameter - size must be between 1 and 5 :request.redirectUris',
      ],
      [{ ...b, grantTypes: undefined }, 'Invalid request parameter - must not be null :request.grantTypes'],
      [{ ...b, grantTypes: ['a', 'b', 'c', 'd'] }, 'Invalid request parameter - size must be between 1 and 3 :request.grantTypes'],
      [{ ...b, clientAuthMethods: [] }, 'Invalid request parameter - size must be between 1 and 3 :request.clientAuthMethods'],
      [{ ...b, clientNameLangMap: {} }, 'Invalid request parameter - must not be empty :request.clientNameLangMap'],
      [
        { ...b, clientNameLangMap: { en: 'x' } },
        'Invalid request parameter - size must be between 3 and 3 :request.clientNameLangMap<K>[en]',
      ],
      [{ ...b, clientNameLangMap: { eng: ' ' } }, 'Invalid request parameter - must not be blank :request.clientNameLangMap[eng]'],
      [{ ...b, clientNameLangMap: undefined }, 'Invalid request parameter - must not be empty :request.clientNameLangMap'],
    ];
    for (const [body, message] of cases) await refused(p.token, body, 'PMS_COR_001', message);
    // `request` itself, and a requesttime in another format.
    const r = await e.s.call('POST', V2, { token: p.token, body: { id: 'x', requesttime: new Date().toISOString() } });
    expect(err(r)).toEqual({ errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must not be null :request' });
    const t = await e.s.call('POST', V2, { token: p.token, body: { ...envelope(b), requesttime: '2025-07-04 10:15' } });
    expect(err(t)?.errorCode).toBe('PMS_COR_001');
    const ok = await e.s.call('POST', V2, { token: p.token, body: { ...envelope(createBody(e, p)), requesttime: '' } });
    expect(err(ok)).toBeUndefined();
  });

  it('keys: not a key, private members, unusable types, curves and sizes', async () => {
    const b = createBody(e, p);
    const ec = ecKey();
    const rsa = rsaKey();
    const esi007 = ['PMS_ESI_007', 'Failed to process the Public Key'] as const;
    const cases: [unknown, string, string?][] = [
      [{ kty: 'XYZ', n: 'abc' }, ...esi007],
      [{ e: 'AQAB', n: rsa.n }, ...esi007],
      [{ kty: 'RSA', e: 'AQAB' }, ...esi007],
      [{ kty: 'RSA', e: 'AQAB', n: 'not base64url!' }, ...esi007],
      [{ ...ec, y: ec.x }, ...esi007], // off the curve
      [{ kty: 'EC', crv: 'P-256', x: ec.x }, ...esi007],
      [{ kty: 'oct' }, ...esi007],
      [{ kty: 'OKP', crv: 'Ed25519', x: 'short' }, ...esi007],
      [{ kty: 'oct', k: 'c2VjcmV0' }, 'PMS_OIDC_001'],
      [{ ...rsa, d: 'AQAB', p: 'AQAB', q: 'AQAB' }, 'PMS_OIDC_001'],
      [{ ...ec, d: 'AQAB' }, 'PMS_OIDC_001'],
      [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }, 'invalid_public_key'],
      [{ kty: 'EC', crv: 'P-384', ...p384() }, 'invalid_public_key'],
      [{ ...ec, alg: ' ' }, 'invalid_public_key'],
      [rsaKey(1024), 'PMS_OIDC_002', 'RSA public key of 1024 bits cannot be used; use 2048 to 4096 bits.'],
      [{ ...rsa, n: Buffer.alloc(1024, 0xff).toString('base64url') }, 'PMS_OIDC_002'],
      [{ ...rsa, x5c: ['A'.repeat(2000)] }, 'PMS_OIDC_003'],
    ];
    for (const [publicKey, code, message] of cases) {
      const { eSignetCalled } = await refused(p.token, { ...b, publicKey }, code, message);
      expect(eSignetCalled).toBe(false);
    }
    const { r } = await refused(p.token, { ...b, publicKey: { ...rsa, d: 'AQAB' } }, 'PMS_OIDC_001');
    expect(err(r)?.message).toContain('(d)');
  });

  it('ownership, partner, policy and mapping checks in MOSIP order', async () => {
    const b = createBody(e, p);
    const nobody = await e.s.token(`no-partner-${Date.now()}`, ['AUTH_PARTNER']);
    await refused(nobody, b, 'PMS_CERTIFICATE_ERROR_002', 'User Id does not exists.');
    const other = await authPartner(e);
    await refused(
      other.token,
      b,
      'PMS_POLICY_ERROR_009',
      'The given partner ID does not belong to the user.So unable to create OIDC client',
    );
    await refused(
      e.admin,
      { ...b, authPartnerId: 'no-such-partner' },
      'PMS_PRT_058',
      "AuthPartner doesn't exists with this Id - no-such-partner.",
    );
    await e.s.store.exec(sql`insert into partner (id, name, user_id, partner_type_code, approval_status, is_active, cr_by)
      values ('oidc-dev-partner', 'Dev', 'dev-user', 'Device_Provider', 'approved', true, 'test') on conflict do nothing`);
    await refused(
      e.admin,
      { ...b, authPartnerId: 'oidc-dev-partner' },
      'PMS_PRT_059',
      'Only Auth_partner can Create OIDC Client. Device_Provider is not allowed to create OIDC Client.',
    );
    const inactive = await authPartner(e);
    await e.s.store.exec(sql`update partner set is_active = false where id = ${inactive.id}`);
    await refused(inactive.token, createBody(e, inactive), 'PMS_PMP_016', 'Partner is not active.');
    await refused(p.token, { ...b, policyId: 'fgdggh' }, 'PMS_PRT_073', 'Policy not exists.');
    const ds = await e.s.store.one<{ id: string }>(sql`select id from auth_policy where policy_type = 'DataShare' limit 1`);
    await refused(
      p.token,
      { ...b, policyId: ds!.id },
      'PMS_PRT_057',
      'Policy Type Mismatch. Only Auth policy can be used to create OIDC Client.',
    );
    const unmapped = await authPartner(e, { policyId: ds!.id });
    await refused(unmapped.token, createBody(e, unmapped), 'PMS_PRT_061', 'Partner policy mapping not exists.');
    const pending = await authPartner(e, { approved: false });
    await refused(
      pending.token,
      createBody(e, pending),
      'PMS_ESI_002',
      'Partner policy mapping is not approved. Please check mapping status.',
    );
    // An admin owns no partner and may create for any.
    const byAdmin = await createV2(e, e.admin, createBody(e, other));
    expect(err(byAdmin)).toBeUndefined();
    expect(await clientRow(e, byAdmin.body.response.clientId)).toMatchObject({ rp_id: other.id, status: 'ACTIVE' });
  });

  it('sees every change to what an earlier create read: certificate, policy, request, partner', async () => {
    const id = `oidc-pol-memo-${process.pid}`;
    await e.s.store
      .exec(sql`insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, valid_from_date, valid_to_date, is_active, cr_by)
      select ${id}, policy_group_id, ${id}, 'x', policy_file_id, 'Auth', '1', now(), now() + interval '1 year', true, 't' from auth_policy where id = ${e.policyId}`);
    const q = await authPartner(e, { policyId: id });
    const created = async () => {
      const r = await createV2(e, q.token, createBody(e, q, { policyId: id }));
      expect(err(r), r.text).toBeUndefined();
      const clientId = r.body.response.clientId as string;
      const event = (await events(e, 'OIDC_CLIENT_CREATED')).find((ev) => ev.event.data.clientData.clientId === clientId);
      return { row: await clientRow(e, clientId), data: event.event.data };
    };
    const first = await created();
    expect(first.row?.claims).toEqual(SAMPLE_CLAIMS);

    await e.s.store.exec(
      sql`update partner_cert_store set signed_cert_data = 'RE-SIGNED' where cert_id = (select certificate_alias from partner where id = ${q.id})`,
    );
    expect((await created()).data.partnerData.certificateData).toBe('RE-SIGNED');

    const narrower = JSON.stringify({
      allowedKycAttributes: [{ attributeName: 'fullName' }],
      allowedAuthTypes: [{ authType: 'otp', mandatory: false }],
    });
    await e.s.store.exec(sql`update auth_policy set policy_file_id = ${narrower} where id = ${id}`);
    const third = await created();
    expect(third.row).toMatchObject({ claims: ['name'], acr_values: ['mosip:idp:acr:generated-code'] });
    expect(third.data.policyData.policy.allowedKycAttributes).toEqual([{ attributeName: 'fullName' }]);

    await e.s.store.exec(sql`update partner_policy_request set status_code = 'rejected' where part_id = ${q.id}`);
    expect((await refused(q.token, createBody(e, q, { policyId: id }), 'PMS_ESI_002')).eSignetCalled).toBe(false);
    await e.s.store.exec(sql`update partner_policy_request set status_code = 'approved' where part_id = ${q.id}`);
    await created();

    await e.s.store.exec(sql`update partner set is_active = false where id = ${q.id}`);
    expect((await refused(q.token, createBody(e, q, { policyId: id }), 'PMS_PMP_016')).eSignetCalled).toBe(false);
    const ops = await e.s.store.one<{ n: number }>(
      sql`select count(*)::int as n from oidc_client_op where commit_data->'row'->>'rp_id' = ${q.id}`,
    );
    expect(ops?.n).toBe(0);
  });

  it('derivation refusals: no claims, mandatory auth, no ACRs, broken policies', async () => {
    const policy = async (doc: unknown) => {
      const id = `oidc-pol-${Math.random().toString(36).slice(2, 10)}`;
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
      await e.s.store
        .exec(sql`insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, valid_from_date, valid_to_date, is_active, cr_by)
        select ${id}, policy_group_id, ${id}, 'x', ${text}, 'Auth', '1', now(), now() + interval '1 year', true, 't' from auth_policy where id = ${e.policyId}`);
      const partner = await authPartner(e, { policyId: id });
      return { token: partner.token, body: createBody(e, partner, { policyId: id }) };
    };
    const otp = [{ authType: 'otp', mandatory: false }];
    const cases: [unknown, string, string?][] = [
      [{ allowedKycAttributes: [{ attributeName: 'unknownAttr' }], allowedAuthTypes: otp }, 'PMS_ESI_005', 'Partner has no user claims'],
      [
        { allowedKycAttributes: [{ attributeName: 'fullName' }], allowedAuthTypes: [{ authType: 'otp', mandatory: true }] },
        'PMS_ESI_003',
        "Policy having mandatory auths. So client can't be created for the same.",
      ],
      [
        { allowedKycAttributes: [{ attributeName: 'fullName' }], allowedAuthTypes: [{ authType: 'demo', mandatory: false }] },
        'PMS_ESI_006',
        'Partner has no Authentication Context Refrences',
      ],
      [{ allowedAuthTypes: otp }, 'PMS_OIDC_004'],
      [{ allowedKycAttributes: [{ attributeName: 'fullName' }] }, 'PMS_OIDC_004'],
      [
        { allowedKycAttributes: [{ attributeName: 'fullName' }], allowedAuthTypes: [{ authType: 'otp', mandatory: 'yes' }] },
        'PMS_OIDC_004',
      ],
      ['{not json', 'PMS_OIDC_004'],
    ];
    for (const [doc, code, message] of cases) {
      const { token, body } = await policy(doc);
      await refused(token, body, code, message);
    }
    // A missing `mandatory` counts as false (spec 10.1).
    const { token, body } = await policy({
      allowedKycAttributes: [{ attributeName: 'fullName' }],
      allowedAuthTypes: [{ authType: 'otp' }],
    });
    const ok = await createV2(e, token, body);
    expect(err(ok)).toBeUndefined();
    expect(await clientRow(e, ok.body.response.clientId)).toMatchObject({ claims: ['name'], acr_values: ['mosip:idp:acr:generated-code'] });
  });

  it("eSignet's rules, checked by PMS with eSignet's codes before calling it", async () => {
    const b = createBody(e, p);
    const cases: [Record<string, unknown>, string][] = [
      [{ redirectUris: ['$abcdefg'] }, 'invalid_redirect_uri'],
      [{ redirectUris: ['https://rp.example/cb#frag'] }, 'invalid_redirect_uri'],
      [{ redirectUris: ['https://rp.example/c b'] }, 'invalid_redirect_uri'],
      [{ redirectUris: ['javascript://alert(1)'] }, 'invalid_redirect_uri'],
      [{ redirectUris: ['http://rp.example/cb'] }, 'invalid_redirect_uri'],
      [{ redirectUris: [''] }, 'invalid_redirect_uri'],
      [{ redirectUris: [`https://rp.example/${'a'.repeat(2048)}`] }, 'invalid_redirect_uri'],
      [{ redirectUris: Array.from({ length: 5 }, (_, i) => `https://rp.example/${i}/${'a'.repeat(450)}`) }, 'invalid_redirect_uri'],
      [{ grantTypes: ['hghghgg'] }, 'invalid_grant_type'],
      [{ clientAuthMethods: ['client_secret_basic'] }, 'invalid_client_auth'],
      [{ clientNameLangMap: { fre: 'Portail' } }, 'invalid_language_code'],
      [{ clientNameLangMap: { eng: 'x'.repeat(51) } }, 'invalid_client_name_length'],
      [
        {
          name: 'n'.repeat(256),
          clientNameLangMap: Object.fromEntries(['eng', 'fra', 'ara', 'hin', 'tam', 'kan', 'spa'].map((l) => [l, l.repeat(16)])),
        },
        'invalid_client_name',
      ],
    ];
    for (const [over, code] of cases) {
      const { r, eSignetCalled } = await refused(p.token, { ...b, publicKey: ecKey(), ...over }, code);
      expect(err(r)?.message).toMatch(new RegExp(`^request\\.\\S+: ${code} \\(`));
      expect(eSignetCalled).toBe(false);
    }
    // Loopback http and native-app schemes are what eSignet accepts; wildcards too.
    const fine = await createV2(e, p.token, {
      ...b,
      publicKey: ecKey(),
      redirectUris: ['http://localhost:3000/cb', 'io.mosip.residentapp://oauth', 'https://rp.example/cb/*'],
    });
    expect(err(fine)).toBeUndefined();
  });

  it("a partner without a certificate: eSignet's rules first (MOSIP calls eSignet before it reads the certificate), then PMS_PRT_108 before eSignet is called", async () => {
    // An active partner whose certificate alias names no uploaded certificate.
    const bare = await authPartner(e);
    await e.s.store.exec(sql`update partner set certificate_alias = null where id = ${bare.id}`);
    const b = createBody(e, bare);
    const first = await refused(bare.token, { ...b, redirectUris: ['$abcdefg'] }, 'invalid_redirect_uri');
    expect(first.eSignetCalled).toBe(false);
    const { eSignetCalled } = await refused(bare.token, b, 'PMS_PRT_108', 'Certficate is not uploaded for the selected partner.');
    expect(eSignetCalled).toBe(false);
    const id = clientIdOf(parseJwk(b.publicKey as Record<string, unknown>));
    expect(esignet.clients.has(id)).toBe(false);
    expect(await e.s.store.one(sql`select count(*)::int as n from oidc_client_op where client_id = ${id}`)).toEqual({ n: 0 });
  });

  it("relays eSignet's refusal (first error) and stores nothing", async () => {
    esignet.fail({ kind: 'refuse', code: 'invalid_redirect_uri', message: 'request.redirectUris[0]: invalid_redirect_uri' });
    const { r } = await refused(p.token, createBody(e, p), 'invalid_redirect_uri', 'request.redirectUris[0]: invalid_redirect_uri');
    expect(r.body.id).toBe('mosip.partnermanagement');
    expect(await e.s.store.one(sql`select count(*)::int as n from oidc_client_op`)).toEqual({ n: 0 });
  });

  it('feature flag off: PMS_FEATURE_002 after bean validation', async () => {
    const off = await startOidc({ env: { PMS_OIDC_CLIENT_AVAILABLE: 'false' } });
    try {
      const r = await off.s.call('POST', V1, { token: off.admin, body: envelope(createBody(off, p)) });
      expect(err(r)).toEqual({
        errorCode: 'PMS_FEATURE_002',
        message: 'OIDC client related features are not available in the current deployment.',
      });
      const bad = await off.s.call('POST', V1, { token: off.admin, body: envelope({ ...createBody(off, p), name: '' }) });
      expect(err(bad)?.errorCode).toBe('PMS_COR_001');
    } finally {
      await off.close();
    }
  });

  it('authentication: KER-ATH-401 without a token', async () => {
    const r = await e.s.call('POST', V2, { body: envelope(createBody(e, p)) });
    expect(r.status).toBe(401);
    expect(err(r)?.errorCode).toBe('KER-ATH-401');
  });
});

describe('without eSignet', () => {
  it('stores the client as NOT_REGISTERED, says so, and still tells IDA', async () => {
    const local = await startOidc();
    try {
      const lp = await authPartner(local);
      const r = await createV2(local, lp.token, createBody(local, lp));
      expect(r.body.response).toMatchObject({ status: 'ACTIVE', esignetStatus: 'NOT_REGISTERED' });
      const id = r.body.response.clientId;
      expect(await clientRow(local, id)).toMatchObject({ esignet_status: 'NOT_REGISTERED', claims: SAMPLE_CLAIMS });
      const get = await local.s.call('GET', `${V2}/${id}`, { token: lp.token });
      expect(get.body.response.esignetStatus).toBe('NOT_REGISTERED');
      expect((await events(local, 'OIDC_CLIENT_CREATED')).length).toBe(1);
      const upd = await local.s.call('PUT', `${V2}/${id}`, {
        token: lp.token,
        body: envelope({
          logoUri: 'https://x.example/l.png',
          redirectUris: ['https://x.example/cb'],
          status: 'INACTIVE',
          grantTypes: ['authorization_code'],
          clientName: 'N',
          clientAuthMethods: ['private_key_jwt'],
          clientNameLangMap: { eng: 'N' },
        }),
      });
      expect(upd.body.response).toEqual({ clientId: id, status: 'INACTIVE', esignetStatus: 'NOT_REGISTERED' });
    } finally {
      await local.close();
    }
  });
});

function p384() {
  // A valid P-384 point (generated), refused because eSignet signs client assertions with P-256 only.
  const { x, y } = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
  return { x, y };
}
