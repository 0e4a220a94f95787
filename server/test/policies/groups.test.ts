import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { countRows, createGroup, createPolicy, err, groupRow, P, publish, unique, v2Body } from './helpers.js';

let s: TestServer;
let pm: string;
let admin: string;

beforeAll(async () => {
  s = await startTestServer();
  pm = await s.token('pm1', ['POLICYMANAGER']);
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
});
afterAll(() => s.close());

describe('POST /policies/group/new', () => {
  it('creates an active group, echoes the envelope ids and audits it', async () => {
    const name = unique('g');
    const r = await s.call('POST', `${P}/group/new`, {
      token: pm,
      body: envelope({ name, desc: 'first group' }, 'mosip.policy.group.create', '1.0'),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'mosip.policy.group.create', version: '1.0', errors: [] });
    expect(r.body.response).toMatchObject({ name, desc: 'first group', is_Active: true, cr_by: 'pm1', up_by: null, upd_dtimes: null });
    expect(r.body.response.cr_dtimes).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const row = await groupRow(s, r.body.response.id);
    expect(row).toMatchObject({ name, descr: 'first group', is_active: true, user_id: 'pm1', cr_by: 'pm1', is_deleted: false });
    const audit = await s.store.one(sql`select action, actor from audit_log where entity_id = ${r.body.response.id}`);
    expect(audit).toEqual({ action: 'policy_group.create', actor: 'pm1' });
  });

  it('refuses a duplicate name (PMS_POL_014) and missing or blank fields (PMS_COR_001)', async () => {
    const g = await createGroup(s, pm);
    const before = await countRows(s, 'policy_group');
    const dup = await s.call('POST', `${P}/group/new`, { token: pm, body: envelope({ name: g.name, desc: 'x' }) });
    expect(err(dup)).toEqual({ errorCode: 'PMS_POL_014', message: `Policy group exists with name : ${g.name}` });
    const noDesc = await s.call('POST', `${P}/group/new`, { token: pm, body: envelope({ name: unique('g') }) });
    expect(err(noDesc)).toEqual({ errorCode: 'PMS_COR_001', message: 'Invalid request parameter - value is empty or null :request.desc' });
    const blank = await s.call('POST', `${P}/group/new`, { token: pm, body: envelope({ name: '   ', desc: 'x' }) });
    expect(err(blank)).toEqual({ errorCode: 'PMS_COR_001', message: 'Invalid request parameter - value is empty or null :request.name' });
    const long = await s.call('POST', `${P}/group/new`, { token: pm, body: envelope({ name: 'n'.repeat(129), desc: 'x' }) });
    expect(err(long).errorCode).toBe('PMS_COR_001');
    expect(await countRows(s, 'policy_group')).toBe(before);
  });

  it('answers KER-ATH-401 without a token and KER-ATH-403 for a partner', async () => {
    const none = await s.call('POST', `${P}/group/new`, { body: envelope({ name: 'x', desc: 'y' }) });
    expect(none.status).toBe(401);
    const partner = await s.token('p1', ['AUTH_PARTNER']);
    const r = await s.call('POST', `${P}/group/new`, { token: partner, body: envelope({ name: 'x', desc: 'y' }) });
    expect(r.status).toBe(403);
    expect(err(r)).toEqual({ errorCode: 'KER-ATH-403', message: 'Forbidden' });
  });
});

describe('PUT /policies/group/{id}', () => {
  it('renames, re-describes and toggles isActive when no active policy blocks it', async () => {
    const g = await createGroup(s, pm);
    const name = unique('renamed');
    const r = await s.call('PUT', `${P}/group/${g.id}`, { token: admin, body: envelope({ name, desc: 'new desc', isActive: false }) });
    expect(r.body.errors).toEqual([]);
    expect(r.body.response).toMatchObject({ id: g.id, name, desc: 'new desc', is_Active: false, up_by: 'admin1' });
    expect(await groupRow(s, g.id)).toMatchObject({ name, descr: 'new desc', is_active: false, user_id: 'admin1', upd_by: 'admin1' });
    const back = await s.call('PUT', `${P}/group/${g.id}`, { token: admin, body: envelope({ name, desc: 'new desc', isActive: true }) });
    expect(back.body.response.is_Active).toBe(true);
  });

  it('refuses an unknown id (PMS_POL_008), a taken name (PMS_POL_014), active policies (PMS_POL_056), a missing isActive (PMS_COR_003)', async () => {
    const unknown = await s.call('PUT', `${P}/group/nope`, { token: pm, body: envelope({ name: 'a', desc: 'b', isActive: true }) });
    expect(err(unknown)).toEqual({ errorCode: 'PMS_POL_008', message: 'Policy ID does not exist' });
    const a = await createGroup(s, pm);
    const b = await createGroup(s, pm);
    const taken = await s.call('PUT', `${P}/group/${a.id}`, { token: pm, body: envelope({ name: b.name, desc: 'x', isActive: true }) });
    expect(err(taken).errorCode).toBe('PMS_POL_014');
    const p = await createPolicy(s, pm, a.name);
    await publish(s, pm, p.id, a.id);
    const blocked = await s.call('PUT', `${P}/group/${a.id}`, { token: pm, body: envelope({ name: a.name, desc: 'x', isActive: false }) });
    expect(err(blocked)).toEqual({ errorCode: 'PMS_POL_056', message: 'Active policies exists under the policy group.' });
    const noFlag = await s.call('PUT', `${P}/group/${b.id}`, { token: pm, body: envelope({ name: b.name, desc: 'x' }) });
    expect(err(noFlag).errorCode).toBe('PMS_COR_003');
    expect(await groupRow(s, a.id)).toMatchObject({ name: a.name, is_active: true, upd_by: null });
    expect(await groupRow(s, b.id)).toMatchObject({ name: b.name, descr: `${b.name} description` });
  });
});

describe('PATCH /policies/group/{id} (deactivate, v2)', () => {
  const path = (id: string) => `${P}/group/${id}`;
  const id = 'mosip.pms.deactivate.policy.group.patch';

  it('deactivates an empty group once; the second time is PMS_POL_067', async () => {
    const g = await createGroup(s, pm);
    const r = await s.call('PATCH', path(g.id), { token: pm, body: v2Body(id) });
    expect(r.body).toMatchObject({ id, version: '1.0', response: { policyGroupId: g.id, isActive: false }, errors: [] });
    expect(r.body.responseTime).toBeTruthy();
    expect((await groupRow(s, g.id))?.is_active).toBe(false);
    const again = await s.call('PATCH', path(g.id), { token: pm, body: v2Body(id) });
    expect(again.body).toMatchObject({ id, response: null });
    expect(err(again)).toEqual({ errorCode: 'PMS_POL_067', message: 'The policy group has already been deactivated' });
  });

  it('checks the v2 envelope in MOSIP order', async () => {
    const g = await createGroup(s, pm);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [v2Body('wrong.id'), 'PMS_REQUEST_ERROR_002'],
      [v2Body(id, undefined, { requestTime: undefined, version: 'x' }), 'PMS_REQUEST_ERROR_004'],
      [v2Body(id, undefined, { requestTime: 'garbage' }), 'PMS_REQUEST_ERROR_004'],
      [v2Body(id, undefined, { requestTime: yesterday, version: 'x' }), 'PMS_REQUEST_ERROR_006'],
      [v2Body(id, undefined, { version: '2.0' }), 'PMS_REQUEST_ERROR_003'],
      [v2Body(id, null), 'PMS_REQUEST_ERROR_005'],
      [v2Body(id, { status: 'de-activate' }), 'PMS_POL_073'],
    ];
    for (const [body, code] of cases) {
      const r = await s.call('PATCH', path(g.id), { token: pm, body });
      expect(r.body.id).toBe(id);
      expect(err(r).errorCode, JSON.stringify(body)).toBe(code);
    }
    expect((await groupRow(s, g.id))?.is_active).toBe(true);
    const blank = await s.call('PATCH', path('%20'), { token: pm, body: v2Body(id) });
    expect(err(blank)).toEqual({ errorCode: 'PMS_COR_002', message: 'Invalid Input Parameter - ' });
    const unknown = await s.call('PATCH', path('no-such-group'), { token: pm, body: v2Body(id) });
    expect(err(unknown)).toEqual({ errorCode: 'PMS_POL_068', message: 'The specified policy group does not exist' });
  });

  it('is refused while active or draft policies exist, with the counts', async () => {
    const g = await createGroup(s, pm);
    const draft = await createPolicy(s, pm, g.name);
    const onlyDraft = await s.call('PATCH', path(g.id), { token: pm, body: v2Body(id) });
    expect(err(onlyDraft)).toEqual({
      errorCode: 'PMS_POL_070',
      message: 'Draft policies exists under the policy group. (active: 0, draft: 1)',
    });
    const pub = await createPolicy(s, pm, g.name);
    await publish(s, pm, pub.id, g.id);
    const both = await s.call('PATCH', path(g.id), { token: pm, body: v2Body(id) });
    expect(err(both)).toEqual({
      errorCode: 'PMS_POL_069',
      message: 'Active or draft policies are associated with the policy group (active: 1, draft: 1)',
    });
    await publish(s, pm, draft.id, g.id);
    const active = await s.call('PATCH', path(g.id), { token: pm, body: v2Body(id) });
    expect(err(active).errorCode).toBe('PMS_POL_056');
    expect((await groupRow(s, g.id))?.is_active).toBe(true);
    // Deactivated policies do not block.
    for (const p of [draft, pub]) {
      const d = await s.call('PATCH', `${P}/${p.id}`, { token: pm, body: v2Body('mosip.pms.deactivate.policy.patch') });
      expect(d.body.errors).toEqual([]);
    }
    const ok = await s.call('PATCH', path(g.id), { token: pm, body: v2Body(id) });
    expect(ok.body.response).toEqual({ policyGroupId: g.id, isActive: false });
  });

  it('answers KER-ATH-403 to a partner', async () => {
    const partner = await s.token('p2', ['AUTH_PARTNER']);
    const r = await s.call('PATCH', path('x'), { token: partner, body: v2Body(id) });
    expect(r.status).toBe(403);
  });
});

describe('group reads', () => {
  it('GET /policies/group/{id} returns the entity and its policies; unknown is PMS_POL_016', async () => {
    const g = await createGroup(s, pm);
    const p = await createPolicy(s, pm, g.name);
    const r = await s.call('GET', `${P}/group/${g.id}`, { token: pm });
    expect(r.body.response.policyGroup).toMatchObject({
      id: g.id,
      name: g.name,
      isActive: true,
      isDeleted: false,
      userId: 'pm1',
      crBy: 'pm1',
      desc: `${g.name} description`,
    });
    expect(r.body.response.policies).toHaveLength(1);
    expect(r.body.response.policies[0]).toMatchObject({
      policyId: p.id,
      status: 'DRAFTED',
      is_Active: false,
      schema: null,
      version: '1.0',
      policies: { authTokenType: 'policy' },
    });
    const unknown = await s.call('GET', `${P}/group/unknown-group`, { token: pm });
    expect(err(unknown)).toEqual({ errorCode: 'PMS_POL_016', message: 'Policy Group ID does not exist' });
  });

  it('GET /policies/group/all lists every group with its policies, the seeded ones included', async () => {
    const g = await createGroup(s, pm);
    await createPolicy(s, pm, g.name);
    const r = await s.call('GET', `${P}/group/all`, { token: pm });
    const mine = r.body.response.find((x: { policyGroup: { id: string } }) => x.policyGroup.id === g.id);
    expect(mine.policies).toHaveLength(1);
    const seeded = r.body.response.find((x: { policyGroup: { id: string } }) => x.policyGroup.id === 'mpolicygroup-default-print');
    expect(seeded.policies.map((x: { policyId: string }) => x.policyId).sort()).toEqual(
      [
        'mpolicy-default-eUIN_with_QR',
        'mpolicy-default-eUIN_with_faceQR',
        'mpolicy-default-euin',
        'mpolicy-default-qrcode',
        'mpolicy-default-reprint',
      ].sort(),
    );
  });

  it('GET /policies/policy-groups lists active groups (v2); none is PMS_POL_059', async () => {
    const g = await createGroup(s, pm);
    const r = await s.call('GET', `${P}/policy-groups`, { token: await s.token('p3', ['AUTH_PARTNER']) });
    expect(r.body.id).toBe('mosip.pms.policy.groups.get');
    expect(r.body.response).toContainEqual({ id: g.id, description: `${g.name} description`, name: g.name });
    await s.store.exec(sql`update policy_group set is_active = false`);
    try {
      const none = await s.call('GET', `${P}/policy-groups`, { token: pm });
      expect(none.body).toMatchObject({ id: 'mosip.pms.policy.groups.get', response: null });
      expect(err(none)).toEqual({ errorCode: 'PMS_POL_059', message: 'There are no active policy groups.' });
    } finally {
      await s.store.exec(sql`update policy_group set is_active = true`);
    }
  });

  it('GET /policies/active/group/{name} lists published active policies; unknown PMS_POL_019, inactive PMS_POL_053', async () => {
    const g = await createGroup(s, pm);
    const a = await createPolicy(s, pm, g.name);
    await createPolicy(s, pm, g.name, { type: 'DataShare' });
    await publish(s, pm, a.id, g.id);
    const r = await s.call('GET', `${P}/active/group/${encodeURIComponent(g.name)}`, { token: pm });
    expect(r.body.response).toEqual([
      { policyGroupId: g.id, policyGroupName: g.name, id: a.id, name: a.name, descr: 'a policy', policyType: 'Auth' },
    ]);
    const unknown = await s.call('GET', `${P}/active/group/nope`, { token: pm });
    expect(err(unknown).errorCode).toBe('PMS_POL_019');
    await s.store.exec(sql`update policy_group set is_active = false where id = ${g.id}`);
    const inactive = await s.call('GET', `${P}/active/group/${encodeURIComponent(g.name)}`, { token: pm });
    expect(err(inactive)).toEqual({ errorCode: 'PMS_POL_053', message: 'Policy group is not active.' });
  });
});

describe('seed data', () => {
  it('holds MOSIP partner types and default groups, with the default policies valid and published', async () => {
    const types = await s.store.query<{ code: string }>(sql`select code from partner_type order by code`);
    expect(types.map((t) => t.code)).toEqual(
      expect.arrayContaining(['Auth_Partner', 'Credential_Partner', 'Device_Provider', 'MISP_Partner', 'Print_Partner']),
    );
    const mobile = await s.call('GET', `${P}/mpolicy-default-mobile`, { token: pm });
    expect(mobile.body.response).toMatchObject({
      policyGroupId: 'mpolicygroup-default-mobile',
      status: 'PUBLISHED',
      policyType: 'DataShare',
    });
    const dob = mobile.body.response.policies.shareableAttributes.find((a: { attributeName: string }) => a.attributeName === 'dateOfBirth');
    expect(dob).toEqual({ attributeName: 'dateOfBirth', source: [{ attribute: 'dateOfBirth' }], encrypted: false, format: 'YYYY' });
    const pdf = await s.store.one<{ future: boolean }>(
      sql`select valid_to_date > now() as future from auth_policy where id = 'mpolicy-default-PDFCard'`,
    );
    expect(pdf?.future).toBe(true);
    const { validatePolicyDocument } = await import('../../src/policies/validator.js');
    const all = await s.store.query<{ id: string; policy_file_id: string }>(
      sql`select id, policy_file_id from auth_policy where id like 'mpolicy-default-%'`,
    );
    expect(all).toHaveLength(13);
    for (const p of all) expect(() => validatePolicyDocument('DataShare', JSON.parse(p.policy_file_id)), p.id).not.toThrow();
  });
});
