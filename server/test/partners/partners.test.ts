import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { partnersModule } from '../../src/partners/index.js';
import { partnerSettings } from '../../src/partners/settings.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { errorOf, insertGroup } from '../trust/fixtures.js';

let s: TestServer;
let admin: string;
let group: string;
let groupName: string;
const P = '/v1/partnermanager/partners';

beforeAll(async () => {
  s = await startTestServer({ modules: [partnersModule(partnerSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  group = await insertGroup(s.store);
  groupName = group; // fixtures name groups by their id
});
afterAll(() => s.close());

let n = 0;
const body = (over: Record<string, unknown> = {}) => {
  const id = `reg-${++n}`;
  return {
    partnerId: id,
    policyGroup: groupName,
    organizationName: `Org ${id}`,
    address: 'Street 1',
    contactNumber: '9876543210',
    emailId: `${id}@example.org`,
    partnerType: 'AUTH_PARTNER',
    ...over,
  };
};
/** A caller whose token e-mail belongs to no partner. */
const userToken = (user: string) => s.token(user, ['AUTH_PARTNER'], { email: `${user}@tokens.example.org` });
const register = async (req: Record<string, unknown>, token?: string, path = P) =>
  s.call('POST', path, { token: token ?? (await userToken(`caller-${++n}`)), body: envelope(req) });
const partnerRow = (id: string) => s.store.one<Record<string, unknown>>(sql`select * from partner where id = ${id}`);

describe('registration', () => {
  it('registers v1 with the canonical type, InProgress and inactive, owned by the caller, with history and audit', async () => {
    const b = body();
    const r = await register(b, await userToken('alice'));
    expect(r.body).toMatchObject({
      id: 'mosip.test',
      version: '1.0',
      errors: [],
      response: { partnerId: b.partnerId, status: 'InProgress' },
    });
    expect(await partnerRow(b.partnerId)).toMatchObject({
      partner_type_code: 'Auth_Partner',
      approval_status: 'InProgress',
      is_active: false,
      user_id: 'alice',
      policy_group_id: group,
      lang_code: 'eng',
      addl_info: '[]',
    });
    expect(await s.store.query(sql`select partner_id from partner_h where partner_id = ${b.partnerId}`)).toHaveLength(1);
    expect(await s.store.one(sql`select action, actor from audit_log where entity_id = ${b.partnerId}`)).toEqual({
      action: 'partner.register',
      actor: 'alice',
    });
  });

  it('registers v2 with logo and additional info, and every seed partner type', async () => {
    const b = body({ logoUrl: 'https://x.example/logo.png', additionalInfo: { a: [1, 2] } });
    expect((await register(b, undefined, `${P}/v2`)).body.errors).toEqual([]);
    expect(await partnerRow(b.partnerId)).toMatchObject({ logo_url: 'https://x.example/logo.png', addl_info: '{"a":[1,2]}' });
    const types = await s.store.query<{ code: string; is_policy_required: boolean }>(
      sql`select code, is_policy_required from partner_type`,
    );
    expect(types.length).toBeGreaterThanOrEqual(13);
    for (const t of types) {
      const r = await register(body({ partnerType: t.code.toLowerCase(), policyGroup: t.is_policy_required ? groupName : undefined }));
      expect(r.body.errors, t.code).toEqual([]);
    }
  });

  it("runs MOSIP's checks in order, each with its code, storing nothing", async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [body({ emailId: 'not-an-email' }), 'PMS_PRT_012', 'Invalid emailId.'],
      [body({ partnerId: 'has space' }), 'PMS_PRT_066', 'PartnerId should not have any spaces36'],
      [body({ partnerId: 'x'.repeat(37) }), 'PMS_PRT_052', 'PartnerId max length should be 36'],
      [body({ langCode: 'xyz' }), 'PMS_PRT_056'],
      [body({ additionalInfo: '{not json' }), 'PMS_PRT_096', 'Json is not valid'],
      [body({ partnerType: 'Nope' }), 'PMS_PRT_010', 'Partner Type does not exist'],
      [body({ policyGroup: undefined }), 'PMS_PRT_108', 'Policy group is Mandatory for Auth_Partner'],
      [body({ policyGroup: 'no-such-group' }), 'PMS_PRT_002', 'Policy group does not exist'],
      [body({ contactNumber: '1'.repeat(17) }), 'PMS_COR_001'],
      [body({ organizationName: '' }), 'PMS_COR_001'],
    ];
    for (const [b, code, message] of cases) {
      const r = await register(b, undefined, `${P}/v2`);
      expect(errorOf(r)?.errorCode, JSON.stringify(b)).toBe(code);
      if (message) expect(errorOf(r)?.message).toBe(message);
      expect(await partnerRow(String(b.partnerId))).toBeUndefined();
    }
    const inactive = await insertGroup(s.store, false);
    expect(errorOf(await register(body({ policyGroup: inactive })))?.errorCode).toBe('PMS_PMP_023');
  });

  it('refuses a duplicate id, a duplicate e-mail, and a caller who already has a partner with their token e-mail', async () => {
    const first = body();
    await register(first);
    expect(errorOf(await register({ ...body(), partnerId: first.partnerId }))).toEqual({
      errorCode: 'PMS_PRT_051',
      message: 'A Partner is already registered with the same Id',
    });
    expect(errorOf(await register({ ...body(), emailId: first.emailId }))).toEqual({
      errorCode: 'PMS_PRT_011',
      message: 'Email is already exists.',
    });
    const owner = await s.token('bob', ['AUTH_PARTNER'], { email: first.emailId });
    expect(errorOf(await register(body(), owner))).toEqual({ errorCode: 'PMS_PRT_055', message: 'User not authorized.' });
  });

  it('lets exactly one of two racing registrations win, by id and by e-mail', async () => {
    const a = body();
    const sameId = await Promise.all([register(a), register({ ...a, emailId: 'other-race@example.org' })]);
    expect(sameId.map((r) => errorOf(r)?.errorCode ?? 'ok').sort()).toEqual(['PMS_PRT_051', 'ok']);
    const b = body();
    const c = body({ emailId: b.emailId });
    const sameMail = await Promise.all([register(b), register(c)]);
    expect(sameMail.map((r) => errorOf(r)?.errorCode ?? 'ok').sort()).toEqual(['PMS_PRT_011', 'ok']);
    const rows = await s.store.query(sql`select id from partner where email_id = ${b.emailId}`);
    expect(rows).toHaveLength(1);
  });

  it('answers e-mail verification', async () => {
    const b = body();
    await register(b);
    const t = await userToken('carol');
    const r = await s.call('PUT', `${P}/email/verify`, { token: t, body: envelope({ emailId: b.emailId }) });
    expect(r.body.response.emailExists).toBe(true);
    expect(r.body.response.policyRequiredPartnerTypes).toContain('AUTH_PARTNER');
    expect(r.body.response.policyRequiredPartnerTypes).not.toContain('DEVICE_PROVIDER');
    expect(
      (await s.call('PUT', `${P}/email/verify`, { token: t, body: envelope({ emailId: 'free@example.org' }) })).body.response.emailExists,
    ).toBe(false);
    expect(errorOf(await s.call('PUT', `${P}/email/verify`, { token: t, body: envelope({ emailId: 'bad' }) }))?.errorCode).toBe(
      'PMS_PRT_012',
    );
    // MOSIP puts no constraint on this field: empty and blank addresses fail the format check.
    expect(errorOf(await s.call('PUT', `${P}/email/verify`, { token: t, body: envelope({ emailId: '' }) }))).toEqual({
      errorCode: 'PMS_PRT_012',
      message: 'Invalid emailId.',
    });
    expect(errorOf(await s.call('PUT', `${P}/email/verify`, { token: t, body: envelope({ emailId: ' ' }) }))?.errorCode).toBe(
      'PMS_PRT_012',
    );
  });
});

describe('profile: reads and changes, owner or admin only', () => {
  let mine: string;
  let owner: string;
  let other: string;
  beforeAll(async () => {
    const b = body();
    mine = b.partnerId;
    owner = await userToken('owner1');
    await register(b, owner);
    other = await userToken('intruder');
    await register(body(), other);
  });

  it('GET /partners/{id}', async () => {
    const r = await s.call('GET', `${P}/${mine}`, { token: owner });
    expect(r.body).toMatchObject({ id: 'mosip.partnermanagement.partners.retrieve', version: '1.0' });
    expect(r.body.response).toMatchObject({
      partnerID: mine,
      status: 'De-active',
      partnerType: 'Auth_Partner',
      policyGroup: groupName,
      isActive: false,
    });
    expect((await s.call('GET', `${P}/${mine}`, { token: admin })).body.errors).toEqual([]);
    expect(errorOf(await s.call('GET', `${P}/${mine}`, { token: other }))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await s.call('GET', `${P}/unknown`, { token: admin }))?.errorCode).toBe('PMS_PRT_005');
  });

  it('PUT /partners/{id} (v1) keeps logo and info; PUT /partners/v2/{id} changes only what is sent', async () => {
    await s.store.exec(sql`update partner set logo_url = 'keep.png', addl_info = '{"k":1}' where id = ${mine}`);
    const v1r = await s.call('PUT', `${P}/${mine}`, { token: owner, body: envelope({ address: 'New 2', contactNumber: '123' }) });
    expect(v1r.body.response).toEqual({ partnerId: mine, status: 'InProgress' });
    expect(await partnerRow(mine)).toMatchObject({ address: 'New 2', contact_no: '123', logo_url: 'keep.png', addl_info: '{"k":1}' });
    await s.call('PUT', `${P}/v2/${mine}`, {
      token: owner,
      body: envelope({ address: 'New 3', contactNumber: '456', additionalInfo: { z: true } }),
    });
    expect(await partnerRow(mine)).toMatchObject({ address: 'New 3', logo_url: 'keep.png', addl_info: '{"z":true}' });
    expect(await s.store.query(sql`select 1 from partner_h where partner_id = ${mine}`)).toHaveLength(3);
    expect(
      errorOf(await s.call('PUT', `${P}/${mine}`, { token: other, body: envelope({ address: 'x', contactNumber: '1' }) }))?.errorCode,
    ).toBe('PMS_PRT_055');
    expect(
      errorOf(await s.call('PUT', `${P}/v2/${mine}`, { token: other, body: envelope({ address: 'x', contactNumber: '1' }) }))?.errorCode,
    ).toBe('PMS_PRT_055');
    expect(
      errorOf(
        await s.call('PUT', `${P}/v2/${mine}`, { token: owner, body: envelope({ address: 'x', contactNumber: '1', additionalInfo: '{' }) }),
      )?.errorCode,
    ).toBe('PMS_PRT_096');
    expect(
      errorOf(await s.call('PUT', `${P}/nobody`, { token: admin, body: envelope({ address: 'x', contactNumber: '1' }) }))?.errorCode,
    ).toBe('PMS_PRT_005');
    expect((await partnerRow(mine))!.address).toBe('New 3');
  });

  it('refuses a phone number that is not one and a logo not served over https (ours), on register, update and contact, storing nothing', async () => {
    const phone =
      'Invalid request parameter - must be a phone number: digits, optionally a leading + and spaces, dots, hyphens or parentheses :request.contactNumber';
    const logo = 'Invalid request parameter - must be an https URL :request.logoUrl';
    const b = body({ contactNumber: 'abc' });
    expect(errorOf(await register(b))).toEqual({ errorCode: 'PMS_COR_001', message: phone });
    expect(errorOf(await register(body({ logoUrl: 'http://x.example/logo.png' }), undefined, `${P}/v2`))).toEqual({
      errorCode: 'PMS_COR_001',
      message: logo,
    });
    expect(await partnerRow(b.partnerId)).toBeUndefined();
    expect(
      errorOf(await s.call('PUT', `${P}/v2/${mine}`, { token: owner, body: envelope({ address: 'x', contactNumber: '12ab' }) })),
    ).toEqual({ errorCode: 'PMS_COR_001', message: phone });
    expect(
      errorOf(
        await s.call('PUT', `${P}/v2/${mine}`, {
          token: owner,
          body: envelope({ address: 'x', contactNumber: '1', logoUrl: 'javascript:alert(1)' }),
        }),
      ),
    ).toEqual({ errorCode: 'PMS_COR_001', message: logo });
    expect(
      errorOf(
        await s.call('POST', `${P}/${mine}/contact/add`, {
          token: owner,
          body: envelope({ address: 'c', contactNumber: 'call me', emailId: 'c8@example.org', is_Active: true }),
        }),
      )?.errorCode,
    ).toBe('PMS_COR_001');
    expect((await partnerRow(mine))!.address).toBe('New 3');
    // Written the usual ways, numbers and https logos pass.
    const ok = await s.call('PUT', `${P}/v2/${mine}`, {
      token: owner,
      body: envelope({ address: 'New 3', contactNumber: '+1 (555) 010-2', logoUrl: 'https://x.example/logo.png' }),
    });
    expect(ok.body.errors).toEqual([]);
    expect(await partnerRow(mine)).toMatchObject({ contact_no: '+1 (555) 010-2', logo_url: 'https://x.example/logo.png' });
  });

  it('POST /partners/{id}/contact/add', async () => {
    const contact = { address: 'c', contactNumber: '111', emailId: 'c1@example.org', is_Active: true };
    const path = `${P}/${mine}/contact/add`;
    expect(errorOf(await s.call('POST', path, { token: owner, body: envelope(contact) }))?.errorCode).toBe('PMS_PMP_016'); // not active yet
    await s.store.exec(sql`update partner set is_active = true where id = ${mine}`);
    expect((await s.call('POST', path, { token: owner, body: envelope(contact) })).body.response).toBe(
      'Contacts details added successfully.',
    );
    expect((await s.call('POST', path, { token: owner, body: envelope({ ...contact, address: 'c2' }) })).body.response).toBe(
      'Contacts details updated successfully.',
    );
    expect(
      errorOf(await s.call('POST', path, { token: other, body: envelope({ ...contact, emailId: 'c9@example.org' }) }))?.errorCode,
    ).toBe('PMS_PRT_055');
    expect(errorOf(await s.call('POST', path, { token: owner, body: envelope({ ...contact, emailId: 'bad' }) }))?.errorCode).toBe(
      'PMS_PRT_012',
    );
    expect(
      errorOf(await s.call('POST', path, { token: owner, body: envelope({ ...contact, contactNumber: '1'.repeat(17) }) }))?.errorCode,
    ).toBe('PMS_PRT_013');
    expect(
      errorOf(await s.call('POST', path, { token: owner, body: envelope({ ...contact, emailId: 'c2@example.org' }) }))?.errorCode,
    ).toBe('PMS_COR_002');
    const rows = await s.store.query(sql`select address from partner_contact where partner_id = ${mine}`);
    expect(rows).toEqual([{ address: 'c2' }]);
    await s.store.exec(sql`update partner set is_active = false where id = ${mine}`);
  });

  it('PUT /partners/{id}/policygroup/{name}', async () => {
    const g2 = await insertGroup(s.store);
    expect(errorOf(await s.call('PUT', `${P}/${mine}/policygroup/${g2}`, { token: other }))?.errorCode).toBe('PMS_PRT_055');
    expect((await s.call('PUT', `${P}/${mine}/policygroup/${g2}`, { token: owner })).body.response).toBe('Success');
    expect((await partnerRow(mine))!.policy_group_id).toBe(g2);
    expect(errorOf(await s.call('PUT', `${P}/${mine}/policygroup/nope`, { token: owner }))?.errorCode).toBe('PMS_PRT_002');
    const device = body({ partnerType: 'Device_Provider', policyGroup: undefined });
    await register(device, owner);
    expect(errorOf(await s.call('PUT', `${P}/${device.partnerId}/policygroup/${g2}`, { token: owner }))?.errorCode).toBe('PMS_PRT_048');
    await s.store.exec(sql`update partner set is_active = true where id = ${mine}`);
    expect(errorOf(await s.call('PUT', `${P}/${mine}/policygroup/${g2}`, { token: owner }))?.errorCode).toBe('PMS_PRT_050');
  });

  it("GET /partners/v3 lists only the caller's partners", async () => {
    const r = await s.call('GET', `${P}/v3?status=InProgress&policyGroupAvailable=true`, { token: owner });
    expect(r.body.id).toBe('mosip.pms.partners.v3.get');
    expect(r.body.response).toHaveLength(1);
    expect(r.body.response[0]).toMatchObject({ partnerId: mine, partnerType: 'Auth_Partner', policyGroupDescription: 'test group' });
    const all = await s.call('GET', `${P}/v3?status=InProgress`, { token: owner });
    expect(all.body.response.map((p: { partnerType: string }) => p.partnerType).sort()).toEqual(['Auth_Partner', 'Device_Provider']);
    const device = await s.call('GET', `${P}/v3?status=InProgress&partnerType=Device_Provider&policyGroupAvailable=false`, {
      token: owner,
    });
    expect(device.body.response).toEqual([expect.objectContaining({ partnerType: 'Device_Provider', policyGroupId: null })]);
    const nobody = await s.token('nobody', ['AUTH_PARTNER']);
    expect(errorOf(await s.call('GET', `${P}/v3?status=approved`, { token: nobody }))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
  });
});
