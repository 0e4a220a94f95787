import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import {
  authPolicy,
  countRows,
  createGroup,
  createPolicy,
  dataSharePolicy,
  err,
  P,
  policyRow,
  publish,
  unique,
  v2Body,
} from './helpers.js';

let s: TestServer;
let pm: string;

beforeAll(async () => {
  s = await startTestServer();
  pm = await s.token('pm1', ['POLICYMANAGER']);
});
afterAll(() => s.close());

const DEACT = 'mosip.pms.deactivate.policy.patch';

async function partnerWith(policyId: string, opts: { request?: string; activeKey?: boolean } = {}) {
  const id = unique('partner');
  await s.store.exec(sql`insert into partner (id, name, user_id, partner_type_code, approval_status, is_active, cr_by)
    values (${id}, ${id}, ${id}, 'Auth_Partner', 'approved', true, 'test')`);
  if (opts.request) {
    await s.store
      .exec(sql`insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by)
      values (${unique('req')}, ${id}, ${policyId}, now(), 'x', ${opts.request}, 'test')`);
  }
  if (opts.activeKey !== undefined) {
    await s.store
      .exec(sql`insert into partner_policy (id, key_hmac, key_cipher, part_id, policy_id, valid_from_datetime, is_active, label, cr_by)
      values (${unique('key')}, ${unique('hmac')}, 'c', ${id}, ${policyId}, now(), ${opts.activeKey}, 'l', 'test')`);
  }
  return id;
}

async function events(policyId: string) {
  return s.store.query<{
    topic: string;
    payload: { publisher: string; event: { type: { namespace: string }; data: { policyData: Record<string, unknown> } } };
  }>(sql`select topic, payload from outbox_event where payload->'event'->'data'->'policyData'->>'policyId' = ${policyId} order by seq`);
}

describe('POST /policies (create a draft)', () => {
  it('creates an Auth draft with its history row and no event', async () => {
    const g = await createGroup(s, pm);
    const name = unique('pol');
    const r = await s.call('POST', P, {
      token: pm,
      body: envelope(
        { policyGroupName: g.name, policyType: 'auth', name, desc: 'd', version: '1.0', policies: authPolicy() },
        'mosip.policy.create',
      ),
    });
    expect(r.body.errors).toEqual([]);
    expect(r.body).toMatchObject({ id: 'mosip.policy.create', version: '1.0' });
    expect(r.body.response).toMatchObject({
      policyGroupName: g.name,
      name,
      desc: 'd',
      is_Active: false,
      cr_by: 'pm1',
      up_by: null,
      upd_dtimes: null,
    });
    const row = await policyRow(s, r.body.response.id);
    expect(row).toMatchObject({ policy_group_id: g.id, policy_type: 'auth', policy_schema: null, is_active: false, version: '1.0' });
    expect(JSON.parse(row?.policy_file_id as string)).toEqual(authPolicy());
    const years = await s.store.one<{ y: number }>(
      sql`select extract(year from age(valid_to_date, valid_from_date))::int as y from auth_policy where id = ${r.body.response.id}`,
    );
    expect(years?.y).toBe(200);
    expect(await s.store.one(sql`select count(*)::int as n from auth_policy_h where name = ${name}`)).toEqual({ n: 1 });
    expect(await events(r.body.response.id)).toEqual([]);
  });

  it('keeps a caller-supplied MOSIP-style id and refuses it twice', async () => {
    const g = await createGroup(s, pm);
    const policyId = `mpolicy-${process.pid}`;
    const r = await s.call('POST', P, {
      token: pm,
      body: envelope({
        policyId,
        policyGroupName: g.name,
        policyType: 'DataShare',
        name: 'n1',
        desc: 'd',
        version: '1',
        policies: dataSharePolicy(),
      }),
    });
    expect(r.body.response.id).toBe(policyId);
    const again = await s.call('POST', P, {
      token: pm,
      body: envelope({
        policyId,
        policyGroupName: g.name,
        policyType: 'DataShare',
        name: 'n2',
        desc: 'd',
        version: '1',
        policies: dataSharePolicy(),
      }),
    });
    expect(err(again).errorCode).toBe('PMS_COR_002');
    expect(await s.store.one(sql`select count(*)::int as n from auth_policy where policy_group_id = ${g.id}`)).toEqual({ n: 1 });
  });

  it('checks type, group, activity, name, then the document, in that order, writing nothing', async () => {
    const g = await createGroup(s, pm);
    const inactive = await createGroup(s, pm);
    await s.store.exec(sql`update policy_group set is_active = false where id = ${inactive.id}`);
    const existing = await createPolicy(s, pm, g.name);
    const base = { policyGroupName: g.name, policyType: 'Auth', name: unique('pol'), desc: 'd', version: '1', policies: authPolicy() };
    const before = await countRows(s, 'auth_policy');
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ ...base, policyType: 'Print', policyGroupName: 'nope' }, 'PMS_POL_023', 'Given policy type is not allowed '],
      [{ ...base, policyGroupName: 'nope' }, 'PMS_POL_019', 'Policy group name does not exist'],
      [{ ...base, policyGroupName: inactive.name }, 'PMS_POL_053', 'Policy group is not active.'],
      [{ ...base, name: existing.name, policies: { bad: 1 } }, 'PMS_POL_009', `Auth policy exists with name : ${existing.name}`],
      [
        { ...base, policies: { ...authPolicy(), authTokenType: 'Policy' } },
        'PMS_PV_005',
        'Invalid input parameter - authTokenType in policy data',
      ],
      [{ ...base, policies: { ...authPolicy(), foo: 1 } }, 'PMS_PV_005', 'Invalid input parameter - foo in policy data'],
      [
        { ...base, policies: { allowedAuthTypes: [], allowedKycAttributes: [] } },
        'PMS_PV_006',
        'Missing input parameter - authTokenType in policy data',
      ],
      [
        { ...base, policies: { ...authPolicy(), allowedAuthTypes: [{ authType: 'otp', mandatory: 'no' }] } },
        'PMS_PV_007',
        'Format Error: Expected format is allowedAuthTypes/0/mandatory/boolean.',
      ],
      [
        { ...base, policies: { ...authPolicy(), allowedAuthTypes: [{ mandatory: true }] } },
        'PMS_PV_006',
        'Missing input parameter - allowedAuthTypes/0/authType in policy data',
      ],
      [
        {
          ...base,
          policyType: 'DataShare',
          policies: { ...dataSharePolicy(), dataSharePolicies: { ...dataSharePolicy().dataSharePolicies, validForInMinutes: 30 } },
        },
        'PMS_PV_007',
        'Format Error: Expected format is dataSharePolicies/validForInMinutes/string.',
      ],
      [
        { ...base, policyType: 'MISP', policies: { allowAuthRequestDelegation: true, allowKycRequestDelegation: true } },
        'PMS_PV_006',
        'Missing input parameter - allowKeyBindingDelegation in policy data',
      ],
      [{ ...base, policies: null }, 'PMS_COR_003', 'Could not process the request'],
      [
        { ...base, policies: [authPolicy()], policyType: 'nope' },
        'PMS_COR_001',
        'Invalid request parameter - must be object :request.policies',
      ],
      [{ ...base, policies: 'text' }, 'PMS_COR_001', 'Invalid request parameter - must be object :request.policies'],
      [
        {
          ...base,
          policies: { ...authPolicy(), allowedKycAttributes: Array.from({ length: 300 }, (_, i) => ({ attributeName: `attribute${i}` })) },
        },
        'PMS_COR_001',
        'Invalid request parameter - size must be between 0 and 5120 :request.policies',
      ],
      [{ ...base, version: '123456789' }, 'PMS_COR_001', 'Invalid request parameter - value is empty or null :request.version'],
    ];
    for (const [body, code, message] of cases) {
      const r = await s.call('POST', P, { token: pm, body: envelope(body) });
      expect(err(r)?.errorCode, JSON.stringify(body).slice(0, 200)).toBe(code);
      if (message) expect(err(r).message).toBe(message);
    }
    expect(await countRows(s, 'auth_policy')).toBe(before);
  });
});

describe('PUT /policies/{id} (update a draft)', () => {
  it('updates a draft, appends history and announces POLICY_UPDATED', async () => {
    const g = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name);
    const name = unique('new');
    const policies = { ...authPolicy(), authTokenType: 'random' };
    const r = await s.call('PUT', `${P}/${p.id}`, {
      token: pm,
      body: envelope({ policyGroupName: g.name, name, desc: 'new d', version: '2', policies }),
    });
    expect(r.body.errors).toEqual([]);
    expect(r.body.response).toMatchObject({ id: p.id, name, desc: 'new d', is_Active: false, up_by: 'pm1', policyGroupName: g.name });
    expect(await policyRow(s, p.id)).toMatchObject({ name, descr: 'new d', version: '2', upd_by: 'pm1' });
    expect(await s.store.one(sql`select count(*)::int as n from auth_policy_h where policy_group_id = ${g.id}`)).toEqual({ n: 2 });
    const ev = await events(p.id);
    expect(ev).toHaveLength(1);
    expect(ev[0]?.topic).toBe('POLICY_UPDATED');
    expect(ev[0]?.payload.publisher).toBe('PolicyManagementService');
    expect(ev[0]?.payload.event.type.namespace).toBe('io.mosip.pmp.policy.service');
    expect(ev[0]?.payload.event.data.policyData).toMatchObject({
      policyId: p.id,
      policyName: name,
      policyStatus: 'DEACTIVE',
      policy: policies,
      policyDescription: 'new d',
    });
  });

  it('refuses with MOSIP codes and leaves the row unchanged', async () => {
    const g = await createGroup(s, pm);
    const other = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name);
    const sibling = await createPolicy(s, pm, g.name);
    const pub = await createPolicy(s, pm, g.name);
    await publish(s, pm, pub.id, g.id);
    const body = (over: Record<string, unknown> = {}) =>
      envelope({ policyGroupName: g.name, name: p.name, desc: 'x', version: '9', policies: authPolicy(), ...over });
    const cases: [string, Record<string, unknown>, string][] = [
      [p.id, body({ policyGroupName: 'nope' }), 'PMS_POL_019'],
      ['no-such-policy', body(), 'PMS_POL_008'],
      [p.id, body({ policyGroupName: other.name }), 'PMS_POL_015'],
      [pub.id, body({ name: pub.name }), 'PMS_POL_055'],
      [p.id, body({ name: sibling.name }), 'PMS_POL_009'],
      [p.id, body({ policies: { authTokenType: 'policy', allowedKycAttributes: [] } }), 'PMS_PV_006'],
      [p.id, body({ policies: 5 }), 'PMS_COR_001'],
      [p.id, body({ policies: undefined }), 'PMS_COR_003'],
    ];
    const before = await policyRow(s, p.id);
    for (const [id, b, code] of cases) {
      const r = await s.call('PUT', `${P}/${id}`, { token: pm, body: b });
      expect(err(r)?.errorCode, code).toBe(code);
    }
    await s.store.exec(sql`update policy_group set is_active = false where id = ${g.id}`);
    const inactive = await s.call('PUT', `${P}/${p.id}`, { token: pm, body: body() });
    expect(err(inactive).errorCode).toBe('PMS_POL_053');
    expect(await policyRow(s, p.id)).toEqual(before);
    expect(await events(p.id)).toEqual([]);
  });
});

describe('publish, deactivate, legacy status', () => {
  it('publishes once into its group (full view, history, event); republishing is PMS_POL_020', async () => {
    const g = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name);
    const r = await s.call('POST', `${P}/${p.id}/group/${g.id}/publish`, { token: pm });
    expect(r.body.response).toMatchObject({
      policyId: p.id,
      policyGroupId: g.id,
      policyGroupName: g.name,
      policyGroupStatus: true,
      policyType: 'Auth',
      status: 'PUBLISHED',
      is_Active: true,
      schema: 'https://schemas.mosip.io/v1/auth-policy',
      policies: authPolicy(),
    });
    expect((await events(p.id))[0]?.payload.event.data.policyData.policyStatus).toBe('ACTIVE');
    const again = await s.call('POST', `${P}/${p.id}/group/${g.id}/publish`, { token: pm });
    expect(err(again)).toEqual({ errorCode: 'PMS_POL_020', message: 'Can not publish the published policy' });
    expect(await events(p.id)).toHaveLength(1);
  });

  it('refuses publishing through a wrong group or policy (PMS_POL_016/008/015/053)', async () => {
    const g = await createGroup(s, pm);
    const other = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name);
    expect(err(await s.call('POST', `${P}/${p.id}/group/nope/publish`, { token: pm })).errorCode).toBe('PMS_POL_016');
    expect(err(await s.call('POST', `${P}/nope/group/${g.id}/publish`, { token: pm })).errorCode).toBe('PMS_POL_008');
    expect(err(await s.call('POST', `${P}/${p.id}/group/${other.id}/publish`, { token: pm })).errorCode).toBe('PMS_POL_015');
    await s.store.exec(sql`update policy_group set is_active = false where id = ${g.id}`);
    expect(err(await s.call('POST', `${P}/${p.id}/group/${g.id}/publish`, { token: pm })).errorCode).toBe('PMS_POL_053');
    expect(await policyRow(s, p.id)).toMatchObject({ policy_schema: null, is_active: false });
  });

  it('deactivates a published policy once; drafts, repeats and policies with requests are refused', async () => {
    const g = await createGroup(s, pm);
    const draft = await createPolicy(s, pm, g.name);
    const p = await createPolicy(s, pm, g.name);
    await publish(s, pm, p.id, g.id);
    const r = await s.call('PATCH', `${P}/${p.id}`, { token: pm, body: v2Body(DEACT) });
    expect(r.body).toMatchObject({ id: DEACT, version: '1.0', response: { policyId: p.id, isActive: false }, errors: [] });
    expect(await policyRow(s, p.id)).toMatchObject({ is_active: false, policy_schema: 'https://schemas.mosip.io/v1/auth-policy' });
    const ev = await events(p.id);
    expect(ev.at(-1)?.payload.event.data.policyData.policyStatus).toBe('DEACTIVE');
    expect(err(await s.call('PATCH', `${P}/${p.id}`, { token: pm, body: v2Body(DEACT) }))).toEqual({
      errorCode: 'PMS_POL_062',
      message: 'The policy has already been deactivated.',
    });
    expect(err(await s.call('PATCH', `${P}/${draft.id}`, { token: pm, body: v2Body(DEACT) })).errorCode).toBe('PMS_POL_072');
    expect(err(await s.call('PATCH', `${P}/unknown`, { token: pm, body: v2Body(DEACT) })).errorCode).toBe('PMS_POL_065');
    expect(err(await s.call('PATCH', `${P}/%20`, { token: pm, body: v2Body(DEACT) })).errorCode).toBe('PMS_COR_002');
    expect(err(await s.call('PATCH', `${P}/${p.id}`, { token: pm, body: v2Body(DEACT, { status: 'Active' }) })).errorCode).toBe(
      'PMS_POL_073',
    );
    expect(
      err(await s.call('PATCH', `${P}/${p.id}`, { token: pm, body: v2Body('mosip.pms.deactivate.policy.group.patch') })).errorCode,
    ).toBe('PMS_REQUEST_ERROR_002');
    // Publishing a deactivated policy does not bring it back.
    expect(err(await s.call('POST', `${P}/${p.id}/group/${g.id}/publish`, { token: pm })).errorCode).toBe('PMS_POL_020');

    for (const [status, code] of [
      ['approved', 'PMS_POL_063'],
      ['Approved', 'PMS_POL_063'],
      ['InProgress', 'PMS_POL_064'],
    ] as const) {
      const q = await createPolicy(s, pm, g.name);
      await publish(s, pm, q.id, g.id);
      await partnerWith(q.id, { request: status });
      expect(err(await s.call('PATCH', `${P}/${q.id}`, { token: pm, body: v2Body(DEACT) })).errorCode).toBe(code);
      expect((await policyRow(s, q.id))?.is_active).toBe(true);
    }
    const rejected = await createPolicy(s, pm, g.name);
    await publish(s, pm, rejected.id, g.id);
    await partnerWith(rejected.id, { request: 'rejected' });
    expect((await s.call('PATCH', `${P}/${rejected.id}`, { token: pm, body: v2Body(DEACT) })).body.errors).toEqual([]);
  });

  it('legacy status change: only de-active on a draft passes (PMS_POL_045/054/057/058, PMS_COR_003)', async () => {
    const g = await createGroup(s, pm);
    const draft = await createPolicy(s, pm, g.name);
    const pub = await createPolicy(s, pm, g.name);
    await publish(s, pm, pub.id, g.id);
    const path = (id: string) => `${P}/${id}/group/${g.id}`;
    expect(err(await s.call('PATCH', path(draft.id), { token: pm, body: envelope({ status: 'enabled' }) }))).toEqual({
      errorCode: 'PMS_POL_045',
      message: 'Policy Status either Active or De-active.',
    });
    expect(err(await s.call('PATCH', path(draft.id), { token: pm, body: envelope({}) })).errorCode).toBe('PMS_COR_003');
    expect(err(await s.call('PATCH', path(pub.id), { token: pm, body: envelope({ status: 'de-active' }) })).errorCode).toBe('PMS_POL_058');
    expect(err(await s.call('PATCH', path(draft.id), { token: pm, body: envelope({ status: 'Active' }) })).errorCode).toBe('PMS_POL_054');
    const ok = await s.call('PATCH', path(draft.id), { token: pm, body: envelope({ status: 'De-Active' }, 'mosip.x') });
    expect(ok.body).toMatchObject({ id: 'mosip.x', response: { message: 'status updated successfully' }, errors: [] });
    expect(await events(draft.id)).toHaveLength(1);
    const keyed = await createPolicy(s, pm, g.name);
    await partnerWith(keyed.id, { activeKey: true });
    expect(err(await s.call('PATCH', path(keyed.id), { token: pm, body: envelope({ status: 'de-active' }) })).errorCode).toBe(
      'PMS_POL_057',
    );
  });
});

describe('reads, clone, config', () => {
  it('GET /policies/{id}, GET /policies and policy-for-partner', async () => {
    const g = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name, { type: 'DataShare' });
    const one = await s.call('GET', `${P}/${p.id}`, { token: pm });
    expect(one.body).toMatchObject({ id: null, version: null, errors: [] });
    expect(one.body.response).toMatchObject({
      policyId: p.id,
      policyType: 'DataShare',
      status: 'DRAFTED',
      policies: dataSharePolicy(),
      policyGroupDesc: `${g.name} description`,
    });
    expect(err(await s.call('GET', `${P}/unknown`, { token: pm }))).toEqual({
      errorCode: 'PMS_POL_008',
      message: 'Policy ID does not exist',
    });
    const all = await s.call('GET', P, { token: pm });
    expect(all.body.response.map((x: { policyId: string }) => x.policyId)).toEqual(expect.arrayContaining([p.id, 'mpolicy-default-auth']));
    const partner = await partnerWith(p.id, { activeKey: true });
    const mapped = await s.call('GET', `${P}/${p.id}/partner/${partner}`, { token: pm });
    expect(mapped.body.response.policyId).toBe(p.id);
    const inactiveKey = await partnerWith(p.id, { activeKey: false });
    expect(err(await s.call('GET', `${P}/${p.id}/partner/${inactiveKey}`, { token: pm }))).toEqual({
      errorCode: 'PMS_POL_017',
      message: 'No policy available for given partner',
    });
  });

  it('clones a policy as a draft into another group; a taken name there is PMS_POL_009', async () => {
    const g = await createGroup(s, pm);
    const target = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name);
    await publish(s, pm, p.id, g.id);
    const r = await s.call('POST', `${P}/${p.id}/clone`, { token: pm, body: envelope({ policyGroupName: target.name }) });
    expect(r.body.response).toMatchObject({ policyGroupName: target.name, name: p.name, is_Active: false });
    expect(r.body.response.id).not.toBe(p.id);
    expect(await policyRow(s, r.body.response.id)).toMatchObject({ policy_group_id: target.id, policy_schema: null, policy_type: 'Auth' });
    const twice = await s.call('POST', `${P}/${p.id}/clone`, { token: pm, body: envelope({ policyGroupName: target.name }) });
    expect(err(twice).errorCode).toBe('PMS_POL_009');
    expect(err(await s.call('POST', `${P}/nope/clone`, { token: pm, body: envelope({ policyGroupName: target.name }) })).errorCode).toBe(
      'PMS_POL_008',
    );
    expect(err(await s.call('POST', `${P}/${p.id}/clone`, { token: pm, body: envelope({ policyGroupName: 'nope' }) })).errorCode).toBe(
      'PMS_POL_019',
    );
  });

  it('GET /policies/config/{key} answers public settings only', async () => {
    const types = await s.call('GET', `${P}/config/pmp.allowed.policy.types`, { token: pm });
    expect(types.body.response).toEqual({ key: 'pmp.allowed.policy.types', value: 'Auth,DataShare,CredentialIssuance,MISP' });
    const kyc = await s.call('GET', `${P}/config/policy.allowed.kyc.attributes`, { token: pm });
    expect(kyc.body.response.value).toMatchObject({ fullName: 'Full Name' });
    const num = await s.call('GET', `${P}/config/mosip.pms.filtervalue.max_columns`, { token: pm });
    expect(num.body.response.value).toBe('5000');
    for (const key of ['mosip.pmp.auth.secretKey', 'PMS_DATA_KEY', 'spring.datasource.password', '__proto__', 'constructor']) {
      const r = await s.call('GET', `${P}/config/${encodeURIComponent(key)}`, { token: pm });
      expect(r.body.response).toEqual({ key, value: null });
    }
  });
});
