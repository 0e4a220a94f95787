import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { EsignetDouble } from '../support/esignet-double.js';
import { envelope } from '../support/test-server.js';
import {
  SAMPLE_ACRS,
  SAMPLE_CLAIMS,
  V1,
  V2,
  authPartner,
  clientRow,
  createBody,
  createV1,
  createV2,
  err,
  events,
  startOidc,
  updateBody,
  updateV2,
  type OidcTestEnv,
  type TestPartner,
} from './helpers.js';

let esignet: EsignetDouble;
let e: OidcTestEnv;
let p: TestPartner;
let other: TestPartner;

beforeAll(async () => {
  esignet = await EsignetDouble.start();
  e = await startOidc({ esignet });
  p = await authPartner(e);
  other = await authPartner(e);
});
afterAll(async () => {
  await e.close();
  await esignet.close();
});

async function client(owner = p, v = 'v2'): Promise<string> {
  const r = v === 'v2' ? await createV2(e, owner.token, createBody(e, owner)) : await createV1(e, owner.token, createBody(e, owner));
  expect(err(r)).toBeUndefined();
  return r.body.response.clientId;
}

describe('update', () => {
  it('changes details when the status stays; eSignet gets the stored claims and ACRs; OIDC_CLIENT_UPDATED queued', async () => {
    const id = await client();
    const r = await updateV2(e, p.token, id, updateBody({ status: 'active' }));
    expect(r.body).toMatchObject({ id: null, version: null, errors: [], response: { clientId: id, status: 'ACTIVE' } });
    expect(await clientRow(e, id)).toMatchObject({
      name: '{"@none":"Health Portal 2","eng":"Health Portal 2"}',
      logo_uri: 'https://health-services.example/logo2.png',
      redirect_uris: ['https://healthservices.example/cb2'],
      claims: SAMPLE_CLAIMS,
      acr_values: SAMPLE_ACRS,
      upd_by: p.user,
    });
    const call = esignet.mgmtCalls().at(-1)!;
    expect(call.method).toBe('PUT');
    expect(call.path).toBe(`/v1/esignet/client-mgmt/oauth-client/${id}`);
    expect(call.body.request).toEqual({
      logoUri: 'https://health-services.example/logo2.png',
      redirectUris: ['https://healthservices.example/cb2'],
      status: 'ACTIVE',
      grantTypes: ['authorization_code'],
      clientName: 'Health Portal 2',
      userClaims: SAMPLE_CLAIMS,
      authContextRefs: SAMPLE_ACRS,
      clientAuthMethods: ['private_key_jwt'],
      clientNameLangMap: { eng: 'Health Portal 2' },
    });
    const ev = (await events(e, 'OIDC_CLIENT_UPDATED')).filter((x) => x.event.data.clientData.clientId === id);
    expect(ev.map((x) => x.event.data)).toEqual([
      {
        clientData: {
          clientId: id,
          clientName: '{"@none":"Health Portal 2","eng":"Health Portal 2"}',
          clientStatus: 'ACTIVE',
          userClaims: SAMPLE_CLAIMS,
          authContextRefs: SAMPLE_ACRS,
          clientAuthMethods: ['private_key_jwt'],
        },
      },
    ]);
  });

  it('a status change takes only the status (and the v2 name); INACTIVE is final: PMS_ESI_008', async () => {
    const id = await client();
    const r = await updateV2(e, p.token, id, updateBody({ status: 'Inactive', logoUri: 'https://ignored.example/x.png' }));
    expect(r.body.response).toMatchObject({ clientId: id, status: 'INACTIVE' });
    expect(await clientRow(e, id)).toMatchObject({
      status: 'INACTIVE',
      logo_uri: 'https://health-services.example/logo.png',
      name: '{"@none":"Health Portal 2","eng":"Health Portal 2"}',
    });
    expect(esignet.clients.get(id)).toMatchObject({ status: 'INACTIVE', logoUri: 'https://health-services.example/logo.png' });
    const calls = esignet.mgmtCalls().length;
    for (const status of ['INACTIVE', 'ACTIVE']) {
      const again = await updateV2(e, p.token, id, updateBody({ status }));
      expect(err(again)).toEqual({ errorCode: 'PMS_ESI_008', message: 'Client already deactivated.' });
    }
    expect(esignet.mgmtCalls().length).toBe(calls);
  });

  it('a status change is checked only on what it sends: values it ignores cannot refuse it, a v2 name still can', async () => {
    const ignored = { grantTypes: ['implicit'], clientAuthMethods: ['none'], redirectUris: ['https://a.example/#x'] };
    const v2 = await client();
    expect(
      err(await updateV2(e, p.token, v2, updateBody({ status: 'INACTIVE', clientNameLangMap: { fre: 'x' }, ...ignored })))?.errorCode,
    ).toBe('invalid_language_code');
    expect(await clientRow(e, v2)).toMatchObject({ status: 'ACTIVE' });
    const r2 = await updateV2(e, p.token, v2, updateBody({ status: 'INACTIVE', ...ignored }));
    expect(r2.body.response).toMatchObject({ clientId: v2, status: 'INACTIVE' });
    expect(esignet.clients.get(v2)).toMatchObject({
      status: 'INACTIVE',
      grantTypes: ['authorization_code'],
      authMethods: ['private_key_jwt'],
    });

    const v1 = await client(p, 'v1');
    const { clientNameLangMap: _m, ...v1body } = updateBody({ status: 'INACTIVE', clientName: 'x'.repeat(300), ...ignored });
    const r1 = await e.s.call('PUT', `${V1}/${v1}`, { token: p.token, body: envelope(v1body) });
    expect(r1.body.response).toMatchObject({ clientId: v1, status: 'INACTIVE' });
    expect(await clientRow(e, v1)).toMatchObject({ status: 'INACTIVE', grant_types: ['authorization_code'], name: 'Health Portal' });
  });

  it('v1 PUT keeps the plain name and uses eSignet v1', async () => {
    const id = await client(p, 'v1');
    const { clientNameLangMap: _m, ...v1body } = updateBody();
    const r = await e.s.call('PUT', `${V1}/${id}`, { token: p.token, body: envelope(v1body) });
    expect(err(r)).toBeUndefined();
    expect((await clientRow(e, id))!.name).toBe('Health Portal 2');
    expect(esignet.mgmtCalls().at(-1)!.path).toBe(`/v1/esignet/client-mgmt/oidc-client/${id}`);
  });

  it('a v1 deactivation of a v2 client keeps its stored name, and eSignet keeps the language names', async () => {
    const id = await client();
    const { clientNameLangMap: _m, ...v1body } = updateBody({ status: 'INACTIVE' });
    const r = await e.s.call('PUT', `${V1}/${id}`, { token: p.token, body: envelope(v1body) });
    expect(r.body.response).toMatchObject({ status: 'INACTIVE' });
    expect((await clientRow(e, id))!.name).toBe('{"@none":"Health Portal","fra":"Portail Santé","eng":"Health Portal"}');
    expect(esignet.clients.get(id)).toMatchObject({
      status: 'INACTIVE',
      name: 'Health Portal',
      langMap: { eng: 'Health Portal', fra: 'Portail Santé' },
    });
  });

  it('bad input: PMS_COR_001, blank/overlong/odd ids PMS_ESI_004, eSignet rules, nothing changed', async () => {
    const id = await client();
    const before = await clientRow(e, id);
    const cor: [Record<string, unknown>, string][] = [
      [updateBody({ clientName: undefined }), 'Invalid request parameter - must not be null :request.clientName'],
      [updateBody({ clientName: '' }), 'Invalid request parameter - must not be blank :request.clientName'],
      [updateBody({ status: 'DELETED' }), 'Invalid request parameter - must match "(ACTIVE)|(INACTIVE)" :request.status'],
      [updateBody({ redirectUris: [''] }), 'Invalid request parameter - must not be blank :request.redirectUris[0]'],
      [updateBody({ logoUri: 'https//' }), 'Invalid request parameter - must be a valid URL :request.logoUri'],
      [updateBody({ clientNameLangMap: {} }), 'Invalid request parameter - must not be empty :request.clientNameLangMap'],
      [updateBody({ grantTypes: [] }), 'Invalid request parameter - size must be between 1 and 3 :request.grantTypes'],
    ];
    for (const [body, message] of cor) expect(err(await updateV2(e, p.token, id, body))).toEqual({ errorCode: 'PMS_COR_001', message });
    const esignetRules: [Record<string, unknown>, string][] = [
      [updateBody({ clientName: 'x'.repeat(257) }), 'invalid_client_name'],
      [updateBody({ redirectUris: ['https://a.example/#x'] }), 'invalid_redirect_uri'],
      [updateBody({ grantTypes: ['implicit'] }), 'invalid_grant_type'],
      [updateBody({ clientAuthMethods: ['none'] }), 'invalid_client_auth'],
      [updateBody({ clientNameLangMap: { fre: 'x' } }), 'invalid_language_code'],
    ];
    for (const [body, code] of esignetRules) expect(err(await updateV2(e, p.token, id, body))?.errorCode).toBe(code);
    for (const bad of [' ', 'x'.repeat(100), 'x'.repeat(1000), 'a/b', 'a.b', 'no-such-client']) {
      expect(err(await updateV2(e, p.token, bad, updateBody())), bad).toEqual({
        errorCode: 'PMS_ESI_004',
        message: 'Client not exists with given id.',
      });
    }
    const slash = await e.s.call('PUT', `${V2}/a/b`, { token: p.token, body: envelope(updateBody()) });
    expect(slash.status).toBe(404);
    expect(await clientRow(e, id)).toEqual(before);
  });

  it("ownership: another partner's client is PMS_POLICY_ERROR_010; no partner at all PMS_CERTIFICATE_ERROR_002; admins may", async () => {
    const id = await client();
    expect(err(await updateV2(e, other.token, id, updateBody()))).toEqual({
      errorCode: 'PMS_POLICY_ERROR_010',
      message: 'The given partner ID does not belong to the user.So unable to update OIDC client details',
    });
    const nobody = await e.s.token('no-partner-user', ['AUTH_PARTNER']);
    expect(err(await updateV2(e, nobody, id, updateBody()))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    expect(err(await updateV2(e, e.admin, id, updateBody({ clientName: 'By admin' })))).toBeUndefined();
    expect((await clientRow(e, id))!.upd_by).toBe('oidc-admin');
  });

  it('inactive partner: its owner can do nothing; an admin may only deactivate', async () => {
    const q = await authPartner(e);
    const id = await client(q);
    await e.s.store.exec(sql`update partner set is_active = false where id = ${q.id}`);
    expect(err(await updateV2(e, q.token, id, updateBody({ status: 'INACTIVE' })))?.errorCode).toBe('PMS_PMP_016');
    expect(err(await updateV2(e, e.admin, id, updateBody()))?.errorCode).toBe('PMS_PMP_016');
    expect(err(await updateV2(e, e.admin, id, updateBody({ status: 'INACTIVE' })))).toBeUndefined();
  });

  it("the client's partner is gone: PMS_PRT_058", async () => {
    const id = await client();
    await e.s.store.exec(sql`update oidc_client set rp_id = 'vanished' where id = ${id}`);
    expect(err(await updateV2(e, e.admin, id, updateBody()))).toEqual({
      errorCode: 'PMS_PRT_058',
      message: "AuthPartner doesn't exists with this Id - vanished.",
    });
  });
});

describe('get', () => {
  it("returns MOSIP's ClientDetail (publicKey as JSON text) on v1 and v2 paths, for INACTIVE too", async () => {
    const id = await client();
    for (const path of [V1, V2]) {
      const r = await e.s.call('GET', `${path}/${id}`, { token: p.token });
      expect(r.body).toMatchObject({ id: null, version: null, errors: [] });
      expect(Object.keys(r.body.response)).toEqual([
        'id',
        'name',
        'policyId',
        'policyName',
        'relyingPartyId',
        'logoUri',
        'redirectUris',
        'publicKey',
        'claims',
        'acrValues',
        'status',
        'grantTypes',
        'clientAuthMethods',
        'esignetStatus',
        // Ours, after MOSIP's members: what an update takes back, and eSignet's per-client settings.
        'clientName',
        'clientNameLangMap',
        'additionalConfig',
        'encPublicKey',
      ]);
      expect(r.body.response).toMatchObject({
        id,
        name: '{"@none":"Health Portal","fra":"Portail Santé","eng":"Health Portal"}',
        policyId: e.policyId,
        policyName: e.policyName,
        relyingPartyId: p.id,
        claims: SAMPLE_CLAIMS,
        acrValues: SAMPLE_ACRS,
        status: 'ACTIVE',
      });
      expect(typeof r.body.response.publicKey).toBe('string');
      expect(JSON.parse(r.body.response.publicKey)).toMatchObject({ kty: 'EC', crv: 'P-256' });
    }
    await updateV2(e, p.token, id, updateBody({ status: 'INACTIVE' }));
    expect((await e.s.call('GET', `${V2}/${id}`, { token: p.token })).body.response.status).toBe('INACTIVE');
  });

  it("unknown id PMS_ESI_004 (before ownership); another partner's client PMS_POLICY_ERROR_011; admins read all", async () => {
    const id = await client();
    expect(err(await e.s.call('GET', `${V2}/nope`, { token: other.token }))?.errorCode).toBe('PMS_ESI_004');
    expect(err(await e.s.call('GET', `${V2}/%20`, { token: other.token }))?.errorCode).toBe('PMS_ESI_004');
    for (const odd of ['x'.repeat(101), 'x'.repeat(2000), 'a%2Fb', 'a.b']) {
      expect(err(await e.s.call('GET', `${V2}/${odd}`, { token: p.token })), odd).toEqual({
        errorCode: 'PMS_ESI_004',
        message: 'Client not exists with given id.',
      });
    }
    expect((await e.s.call('GET', `${V2}/a/b`, { token: p.token })).status).toBe(404);
    expect(err(await e.s.call('GET', `${V2}/${id}`, { token: other.token }))).toEqual({
      errorCode: 'PMS_POLICY_ERROR_011',
      message: 'The given partner ID does not belong to the user.So unable to get OIDC client details',
    });
    expect(err(await e.s.call('GET', `${V1}/${id}`, { token: other.token }))?.errorCode).toBe('PMS_POLICY_ERROR_011');
    const nobody = await e.s.token('no-partner-2', ['AUTH_PARTNER']);
    expect(err(await e.s.call('GET', `${V2}/${id}`, { token: nobody }))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    expect((await e.s.call('GET', `${V2}/${id}`, { token: e.admin })).body.response.id).toBe(id);
  });
});

describe('list GET /oauth/client', () => {
  it("a partner sees only its own partners' clients, in the v2 envelope", async () => {
    const mine = await client();
    const theirs = await client(other);
    const r = await e.s.call('GET', `${V2}?pageNo=0&pageSize=1000`, { token: p.token });
    expect(r.body).toMatchObject({ id: 'mosip.pms.oauth.partners.clients.get', version: '1.0', errors: [] });
    expect(r.body.responseTime).toBeDefined();
    const ids = r.body.response.data.map((d: any) => d.clientId);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(r.body.response.totalResults).toBe(ids.length);
    const item = r.body.response.data.find((d: any) => d.clientId === mine);
    expect(Object.keys(item)).toEqual([
      'partnerId',
      'orgName',
      'policyGroupId',
      'policyGroupName',
      'policyGroupDescription',
      'policyName',
      'policyDescription',
      'clientId',
      'clientName',
      'status',
      'updatedDateTime',
      'createdDateTime',
      'esignetStatus',
      // Ours, after MOSIP's members: what the admin filters look at.
      'policyId',
      'grantTypes',
      'clientAuthMethods',
      'redirectUris',
      'additionalConfig',
    ]);
    expect(item).toMatchObject({
      partnerId: p.id,
      orgName: p.org,
      policyGroupName: e.groupName,
      policyName: e.policyName,
      status: 'ACTIVE',
      updatedDateTime: null,
    });
    const all = await e.s.call('GET', `${V2}?pageNo=0&pageSize=1000`, { token: e.admin });
    expect(all.body.response.data.map((d: any) => d.clientId)).toEqual(expect.arrayContaining([mine, theirs]));
  });

  it('pages, sorts and filters (status exact and case-sensitive; others contains, case-insensitive)', async () => {
    const q = await authPartner(e);
    const ids = [await client(q), await client(q), await client(q)];
    await updateV2(e, q.token, ids[0]!, updateBody({ status: 'INACTIVE' }));
    const get = (qs: string) => e.s.call('GET', `${V2}?${qs}`, { token: q.token }).then((r) => r.body);
    const page = await get('pageNo=0&pageSize=2&sortFieldName=createdDateTime&sortType=ASC');
    expect(page.response).toMatchObject({ pageNo: 0, pageSize: 2, totalResults: 3 });
    expect(page.response.data.map((d: any) => d.clientId)).toEqual(ids.slice(0, 2));
    const second = await get('pageNo=1&pageSize=2&sortFieldName=createdDateTime&sortType=asc');
    expect(second.response.data.map((d: any) => d.clientId)).toEqual([ids[2]]);
    expect((await get('status=INACTIVE')).response.data.map((d: any) => d.clientId)).toEqual([ids[0]]);
    expect((await get('status=inactive')).response).toMatchObject({ totalResults: 0, data: [] });
    expect((await get(`partnerId=${q.id.toUpperCase()}`)).response.totalResults).toBe(3);
    expect((await get(`orgName=${encodeURIComponent(q.org.toLowerCase())}`)).response.totalResults).toBe(3);
    expect((await get(`policyName=${encodeURIComponent(e.policyName)}&clientName=health%20portal`)).response.totalResults).toBe(3);
    expect((await get('clientName=portal%202')).response.data.map((d: any) => d.clientId)).toEqual([ids[0]]);
    expect((await get('clientName=nothing-like-it')).response).toEqual({ pageNo: 0, pageSize: 0, totalResults: 0, data: [] });
    const desc = await get('pageNo=0&pageSize=10&sortFieldName=clientId&sortType=desc');
    expect(desc.response.data.map((d: any) => d.clientId)).toEqual([...ids].sort().reverse());
  });

  it('parameter errors in the partner envelope, in MOSIP order', async () => {
    const cases: [string, string][] = [
      ['sortFieldName=clientId', 'PMS_PS_ERROR_007'],
      ['pageNo=0', 'PMS_PS_ERROR_006'],
      ['sortFieldName=clientId&sortType=asc', 'PMS_PS_ERROR_008'],
      ['sortFieldName=nope&sortType=asc&pageNo=0&pageSize=1', 'PMS_PRT_357'],
      ['sortFieldName=clientId&sortType=up&pageNo=0&pageSize=1', 'PMS_PRT_358'],
      ['pageNo=-1&pageSize=1', 'PMS_PRT_360'],
      ['pageNo=0&pageSize=0', 'PMS_PRT_361'],
    ];
    for (const [qs, code] of cases) {
      const r = await e.s.call('GET', `${V2}?${qs}`, { token: p.token });
      expect(err(r)?.errorCode, qs).toBe(code);
      expect(r.body.id).toBe('mosip.partnermanagement');
    }
  });

  it('service errors in the v2 envelope: no partner, a partner without policy group; roles: KER-ATH-403', async () => {
    const nobody = await e.s.token('list-nobody', ['AUTH_PARTNER']);
    const r = await e.s.call('GET', V2, { token: nobody });
    expect(r.body).toMatchObject({
      id: 'mosip.pms.oauth.partners.clients.get',
      response: null,
      errors: [{ errorCode: 'PMS_CERTIFICATE_ERROR_002', message: 'User Id does not exists.' }],
    });
    await e.s.store.exec(sql`insert into partner (id, name, user_id, partner_type_code, approval_status, is_active, cr_by)
      values ('oidc-ftm-partner', 'FTM', ${p.user}, 'FTM_Provider', 'approved', true, 'test') on conflict do nothing`);
    try {
      const g = await e.s.call('GET', V2, { token: p.token });
      expect(g.body.errors).toEqual([{ errorCode: 'PMS_POLICY_ERROR_005', message: 'Policy Group Id is empty.' }]);
      expect(g.body.id).toBe('mosip.pms.oauth.partners.clients.get');
    } finally {
      await e.s.store.exec(sql`delete from partner where id = 'oidc-ftm-partner'`);
    }
    const regproc = await e.s.token('regproc', ['REGISTRATION_PROCESSOR']);
    expect((await e.s.call('GET', V2, { token: regproc })).status).toBe(403);
    expect((await e.s.call('GET', V2)).status).toBe(401);
  });
});
