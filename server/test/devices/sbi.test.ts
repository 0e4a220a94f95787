import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceSettings } from '../../src/devices/common.js';
import { devicesModule } from '../../src/devices/index.js';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import {
  BASE,
  addDevice,
  at,
  audits,
  count,
  createSbi,
  device,
  deviceRow,
  errorOf,
  insertSbi,
  partner,
  sbiRow,
  uniq,
  v2env,
} from './helpers.js';

let s: TestServer;
let admin: string;
let a: { id: string; user: string; name: string };
let aToken: string;
let b: { id: string; user: string; name: string };
let bToken: string;

beforeAll(async () => {
  s = await startTestServer({ modules: [devicesModule(deviceSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  a = await partner(s.store);
  aToken = await s.token(a.user, ['DEVICE_PROVIDER']);
  b = await partner(s.store);
  bToken = await s.token(b.user, ['DEVICE_PROVIDER']);
});
afterAll(() => s.close());

const SBI = `${BASE}/securebiometricinterface`;
const deactivateSbi = (token: string, id: string, status = 'De-Activate', envId = 'mosip.pms.deactivate.sbi.patch') =>
  s.call('PATCH', `${SBI}/${id}`, { token, body: v2env(envId, { status }) });
const approveSbi = (id: string, approvalStatus = 'Activate', token = admin) =>
  s.call('PATCH', SBI, { token, body: envelope({ id, approvalStatus }) });

describe('SBI create (legacy POST)', () => {
  it('stores a pending, inactive SBI with its history row and audit entry', async () => {
    const version = uniq('v');
    const r = await createSbi(s, aToken, a.id, { swVersion: `  ${version}  ` });
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    const id = r.body.response.id;
    expect(await sbiRow(s.store, id)).toEqual({ approval_status: 'pending_approval', is_active: false, sw_version: version });
    const hist = await s.store.query(sql`select approval_status from secure_biometric_interface_h where id = ${id}`);
    expect(hist).toEqual([{ approval_status: 'pending_approval' }]);
    expect((await audits(s.store, id)).map((x) => x.action)).toEqual(['sbi.create']);
  });

  it.each([
    ['created date in the future', { swCreateDateTime: at(2) }, 'PMS_AUT_514'],
    ['expiry before creation', { swCreateDateTime: at(-5), swExpiryDateTime: at(-10) }, 'PMS_AUT_507'],
    ['expiry today or earlier', { swCreateDateTime: at(-5), swExpiryDateTime: at(-2) }, 'PMS_AUT_508'],
    ['created more than ten years ago', { swCreateDateTime: at(-366 * 11) }, 'PMS_AUT_516'],
    ['expiry more than ten years ahead', { swExpiryDateTime: at(366 * 11) }, 'PMS_AUT_515'],
  ])('refuses %s', async (_name, over, code) => {
    const before = await count(s.store, 'secure_biometric_interface');
    const r = await createSbi(s, aToken, a.id, over);
    expect(errorOf(r)?.errorCode).toBe(code);
    expect(await count(s.store, 'secure_biometric_interface')).toBe(before);
  });

  it('refuses an unknown or inactive provider (PMS_AUT_002) and another provider (PMS_PRT_055)', async () => {
    expect(errorOf(await createSbi(s, admin, 'nobody'))?.errorCode).toBe('PMS_AUT_002');
    const inactive = await partner(s.store, { active: false });
    expect(errorOf(await createSbi(s, admin, inactive.id))?.errorCode).toBe('PMS_AUT_002');
    expect(errorOf(await createSbi(s, bToken, a.id))?.errorCode).toBe('PMS_PRT_055');
  });

  it('refuses bad input with PMS_COR_001', async () => {
    const r = await createSbi(s, aToken, a.id, { swCreateDateTime: 'yesterday' });
    expect(errorOf(r)).toMatchObject({ errorCode: 'PMS_COR_001' });
    expect(errorOf(r)?.message).toContain('request.swCreateDateTime');
    const r2 = await createSbi(s, aToken, a.id, { swVersion: '' });
    expect(errorOf(r2)?.message).toBe('Invalid request parameter - value is empty or null :request.swVersion');
  });

  it('refuses a second SBI with the same version; of two concurrent ones exactly one wins', async () => {
    const version = uniq('v');
    expect((await createSbi(s, aToken, a.id, { swVersion: version })).body.errors).toEqual([]);
    expect(errorOf(await createSbi(s, aToken, a.id, { swVersion: version }))?.errorCode).toBe('PMS_AUT_512');
    const race = uniq('v');
    const results = await Promise.all([1, 2, 3].map(() => createSbi(s, aToken, a.id, { swVersion: race })));
    expect(results.filter((r) => r.body.errors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => errorOf(r)?.errorCode === 'PMS_AUT_512')).toHaveLength(2);
    const rows = await s.store.query(sql`select id from secure_biometric_interface where sw_version = ${race}`);
    expect(rows).toHaveLength(1);
  });
});

describe('SBI update and legacy approval', () => {
  it('updates dates and version; a provider cannot switch the SBI on', async () => {
    const id = (await createSbi(s, aToken, a.id)).body.response.id;
    const version = uniq('v');
    const body = { id, swBinaryHash: 'h2', swVersion: version, swCreateDateTime: at(-2), swExpiryDateTime: at(500), isActive: true };
    const r = await s.call('PUT', SBI, { token: aToken, body: envelope(body) });
    expect(r.body.response).toEqual({ id });
    expect(await sbiRow(s.store, id)).toEqual({ approval_status: 'pending_approval', is_active: false, sw_version: version });
    expect(errorOf(await s.call('PUT', SBI, { token: bToken, body: envelope(body) }))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await s.call('PUT', SBI, { token: aToken, body: envelope({ ...body, id: 'missing' }) }))).toEqual({
      errorCode: 'PMS_AUT_007',
      message: 'Secure Biometric Interface not found for the id missing',
    });
    const other = (await createSbi(s, aToken, a.id)).body.response.id;
    expect(errorOf(await s.call('PUT', SBI, { token: aToken, body: envelope({ ...body, id: other }) }))?.errorCode).toBe('PMS_AUT_512');
  });

  it('approves, then refuses approving again; rejects, then refuses again; checks the word', async () => {
    const id = (await createSbi(s, aToken, a.id)).body.response.id;
    expect(errorOf(await approveSbi(id, 'activate'))?.errorCode).toBe('PMS_AUT_026');
    expect((await approveSbi(id)).body.response).toBe('Secure biometric details approved successfully.');
    expect(await sbiRow(s.store, id)).toMatchObject({ approval_status: 'approved', is_active: true });
    expect(errorOf(await approveSbi(id))?.errorCode).toBe('PMS_AUT_517');
    const id2 = (await createSbi(s, aToken, a.id)).body.response.id;
    expect((await approveSbi(id2, 'De-activate')).body.response).toBe('Secure biometric details rejected successfully.');
    expect(errorOf(await approveSbi(id2, 'Activate'))?.errorCode).toBe('PMS_AUT_518');
    expect(errorOf(await approveSbi('missing'))?.errorCode).toBe('PMS_AUT_007');
    expect((await approveSbi(id, 'Activate', aToken)).status).toBe(403);
  });
});

describe('devices on an SBI (revamp)', () => {
  it('adds a pending device with an inactive mapping, lists it for its provider only', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const r = await addDevice(s, aToken, sbi, device(a.id));
    expect(r.body).toMatchObject({ id: 'mosip.pms.add.device.to.sbi.id.post', errors: [] });
    const id = r.body.response.id;
    expect(await deviceRow(s.store, id)).toMatchObject({ approval_status: 'pending_approval', is_active: false });
    expect(await s.store.one(sql`select is_active from device_detail_sbi where device_detail_id = ${id} and sbi_id = ${sbi}`)).toEqual({
      is_active: false,
    });
    const list = await s.call('GET', `${SBI}/${sbi}/devices`, { token: aToken });
    expect(list.body.response).toEqual([
      expect.objectContaining({ deviceId: id, status: 'pending_approval', isActive: false, deviceTypeCode: 'Finger' }),
    ]);
    expect(errorOf(await s.call('GET', `${SBI}/${sbi}/devices`, { token: bToken }))?.errorCode).toBe('PMS_DEVICE_ERROR_019');
    expect(errorOf(await s.call('GET', `${SBI}/missing/devices`, { token: aToken }))?.errorCode).toBe('PMS_DEVICE_ERROR_005');
    expect((await s.call('GET', `${SBI}/${sbi}/devices`, { token: admin })).body.response).toHaveLength(1);
  });

  it.each([
    ['a pending SBI', { status: 'pending_approval', active: false }, 'PMS_DEVICE_ERROR_009'],
    ['a rejected SBI', { status: 'rejected', active: false }, 'PMS_DEVICE_ERROR_028'],
    ['a deactivated SBI', { status: 'approved', active: false }, 'PMS_DEVICE_ERROR_029'],
    ['an expired SBI', { expiryDays: -3 }, 'PMS_DEVICE_ERROR_021'],
  ])('refuses a device on %s and stores nothing', async (_n, state, code) => {
    const sbi = await insertSbi(s.store, a.id, state);
    const before = await count(s.store, 'device_detail');
    expect(errorOf(await addDevice(s, aToken, sbi, device(a.id)))?.errorCode).toBe(code);
    expect(await count(s.store, 'device_detail')).toBe(before);
  });

  it('refuses unknown types, another provider, someone else’s SBI, unknown SBIs and bad envelopes', async () => {
    const sbi = await insertSbi(s.store, a.id);
    expect(errorOf(await addDevice(s, aToken, sbi, device(a.id, { deviceSubTypeCode: 'Double' })))?.errorCode).toBe('PMS_AUT_001');
    expect(errorOf(await addDevice(s, aToken, sbi, device(a.id, { deviceTypeCode: 'Palm' })))?.errorCode).toBe('PMS_AUT_001');
    expect(errorOf(await addDevice(s, bToken, sbi, device(a.id)))?.errorCode).toBe('PMS_DEVICE_ERROR_001');
    expect(errorOf(await addDevice(s, bToken, sbi, device(b.id)))?.errorCode).toBe('PMS_DEVICE_ERROR_002');
    expect(errorOf(await addDevice(s, aToken, 'missing', device(a.id)))?.errorCode).toBe('PMS_DEVICE_ERROR_005');
    const noPartner = await s.token('lonely', ['DEVICE_PROVIDER']);
    expect(errorOf(await addDevice(s, noPartner, sbi, device(a.id)))?.errorCode).toBe('PMS_CERTIFICATE_ERROR_002');
    const wrongId = await s.call('POST', `${SBI}/${sbi}/devices`, { token: aToken, body: v2env('other.id', device(a.id)) });
    expect(wrongId.body).toMatchObject({ id: 'mosip.pms.add.device.to.sbi.id.post', errors: [{ errorCode: 'PMS_REQUEST_ERROR_002' }] });
    const missing = await s.call('POST', `${SBI}/${sbi}/devices`, {
      token: aToken,
      body: v2env('mosip.pms.add.device.to.sbi.id.post', { ...device(a.id), make: '' }),
    });
    expect(errorOf(missing)).toEqual({
      errorCode: 'PMS_COR_001',
      message: 'Invalid request parameter - value is empty or null :request.make',
    });
  });

  it('refuses a make/model already live for the provider; of concurrent adds exactly one wins', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const d = device(a.id);
    expect((await addDevice(s, aToken, sbi, d)).body.errors).toEqual([]);
    expect(errorOf(await addDevice(s, aToken, sbi, d))?.errorCode).toBe('PMS_AUT_003');
    const race = device(a.id);
    const before = await count(s.store, 'device_detail_sbi');
    const results = await Promise.all([1, 2, 3].map(() => addDevice(s, aToken, sbi, race)));
    expect(results.filter((r) => r.body.errors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => errorOf(r)?.errorCode === 'PMS_AUT_003')).toHaveLength(2);
    expect(await count(s.store, 'device_detail_sbi')).toBe(before + 1);
  });
});

describe('device approval with SBI mapping, device and SBI deactivation', () => {
  const approval = (deviceId: string, request: Record<string, unknown>, token = admin) =>
    s.call('POST', `${BASE}/devicedetail/${deviceId}/approval`, {
      token,
      body: v2env('mosip.pms.approval.mapping.device.to.sbi.post', request),
    });
  const deactivateDevice = (token: string, id: string, status = 'De-Activate') =>
    s.call('PATCH', `${BASE}/devicedetail/${id}`, { token, body: v2env('mosip.pms.deactivate.device.patch', { status }) });

  it('approves a pending device and activates its mapping; refuses what is not pending', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const id = (await addDevice(s, aToken, sbi, device(a.id))).body.response.id;
    expect(errorOf(await approval(id, { partnerId: a.id, sbiId: sbi, status: 'Approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_027');
    expect(errorOf(await approval(id, { partnerId: a.id, status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_024');
    expect(errorOf(await approval(id, { partnerId: a.id, status: 'rejected' }))?.errorCode).toBe('PMS_DEVICE_ERROR_025');
    expect(errorOf(await approval(id, { sbiId: sbi, status: 'approved' }))?.errorCode).toBe('PMS_REQUEST_ERROR_001');
    // MOSIP checks null only: empty strings are values, looked up and not found.
    expect(errorOf(await approval(id, { partnerId: a.id, sbiId: '', status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_005');
    expect(errorOf(await approval(id, { partnerId: '', sbiId: sbi, status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_002');
    expect(errorOf(await approval(id, { partnerId: a.id, sbiId: sbi, status: '' }))?.errorCode).toBe('PMS_DEVICE_ERROR_027');
    const other = await insertSbi(s.store, a.id);
    expect(errorOf(await approval(id, { partnerId: a.id, sbiId: other, status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_012');
    expect(errorOf(await approval('missing', { partnerId: a.id, sbiId: sbi, status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_006');
    expect(errorOf(await approval(id, { partnerId: b.id, sbiId: sbi, status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_002');
    expect((await approval(id, { partnerId: a.id, sbiId: sbi, status: 'approved' }, aToken)).status).toBe(403);
    const ok = await approval(id, { partnerId: a.id, sbiId: sbi, status: 'approved' });
    expect(ok.body).toMatchObject({ response: true, errors: [] });
    expect(await deviceRow(s.store, id)).toMatchObject({ approval_status: 'approved', is_active: true });
    expect(await s.store.one(sql`select is_active from device_detail_sbi where device_detail_id = ${id}`)).toEqual({ is_active: true });
    expect(errorOf(await approval(id, { partnerId: a.id, sbiId: sbi, status: 'approved' }))?.errorCode).toBe('PMS_DEVICE_ERROR_010');
  });

  it('deactivates an approved device once; refuses pending devices and other providers', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const id = (await addDevice(s, aToken, sbi, device(a.id))).body.response.id;
    expect(errorOf(await deactivateDevice(aToken, id))?.errorCode).toBe('PMS_DEVICE_ERROR_023');
    await approval(id, { partnerId: a.id, sbiId: sbi, status: 'approved' });
    expect(errorOf(await deactivateDevice(aToken, id, 'De-activate'))?.errorCode).toBe('PMS_DEVICE_ERROR_026');
    expect(errorOf(await deactivateDevice(bToken, id))?.errorCode).toBe('PMS_DEVICE_ERROR_016');
    expect(errorOf(await deactivateDevice(aToken, 'missing'))?.errorCode).toBe('PMS_DEVICE_ERROR_006');
    const r = await deactivateDevice(aToken, id);
    expect(r.body).toMatchObject({
      id: 'mosip.pms.deactivate.device.patch',
      response: { deviceId: id, status: 'approved', isActive: false },
    });
    expect(await deviceRow(s.store, id)).toMatchObject({ approval_status: 'approved', is_active: false });
    expect(errorOf(await deactivateDevice(aToken, id))?.errorCode).toBe('PMS_DEVICE_ERROR_014');
    // Deactivated rows free the make/model again (partial unique rule).
    const again = await addDevice(s, aToken, sbi, {
      ...device(a.id),
      make: (await deviceRow(s.store, id))!.make,
      model: (await s.store.one<{ model: string }>(sql`select model from device_detail where id = ${id}`))!.model,
    });
    expect(again.body.errors).toEqual([]);
  });

  it('deactivates an SBI: approved devices inactive, pending ones rejected, counted; only once', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const approvedId = (await addDevice(s, aToken, sbi, device(a.id))).body.response.id;
    await approval(approvedId, { partnerId: a.id, sbiId: sbi, status: 'approved' });
    const pendingId = (await addDevice(s, aToken, sbi, device(a.id))).body.response.id;
    expect(errorOf(await deactivateSbi(bToken, sbi))?.errorCode).toBe('PMS_DEVICE_ERROR_019');
    expect(errorOf(await deactivateSbi(aToken, sbi, 'Deactivate'))?.errorCode).toBe('PMS_DEVICE_ERROR_026');
    expect(errorOf(await deactivateSbi(aToken, sbi, 'De-Activate', 'wrong'))?.errorCode).toBe('PMS_REQUEST_ERROR_002');
    const r = await deactivateSbi(aToken, sbi);
    expect(r.body.response).toEqual({
      sbiId: sbi,
      sbiVersion: sbi,
      status: 'approved',
      isActive: false,
      deactivatedDevices: 1,
      rejectedDevices: 1,
    });
    expect(await deviceRow(s.store, approvedId)).toMatchObject({ approval_status: 'approved', is_active: false });
    expect(await deviceRow(s.store, pendingId)).toMatchObject({ approval_status: 'rejected', is_active: false });
    expect(await sbiRow(s.store, sbi)).toMatchObject({ approval_status: 'approved', is_active: false });
    expect(errorOf(await deactivateSbi(aToken, sbi))?.errorCode).toBe('PMS_DEVICE_ERROR_020');
    const pendingSbi = await insertSbi(s.store, a.id, { status: 'pending_approval', active: false });
    expect(errorOf(await deactivateSbi(admin, pendingSbi))?.errorCode).toBe('PMS_DEVICE_ERROR_022');
    expect(errorOf(await deactivateSbi(admin, 'missing'))?.errorCode).toBe('PMS_DEVICE_ERROR_005');
    expect((await audits(s.store, sbi)).map((x) => x.action)).toEqual(['sbi.deactivate']);
  });
});

describe('SBI lists and legacy search', () => {
  it('a provider sees only their SBIs, an admin all; filters and paging rules apply', async () => {
    const p = await partner(s.store);
    const token = await s.token(p.user, ['DEVICE_PROVIDER']);
    const live = await insertSbi(s.store, p.id);
    const old = await insertSbi(s.store, p.id, { expiryDays: -1 });
    const mine = await s.call('GET', SBI, { token });
    expect(mine.body.response.totalResults).toBe(2);
    expect(mine.body.response.data.map((x: { sbiId: string }) => x.sbiId).sort()).toEqual([live, old].sort());
    const expired = await s.call('GET', `${SBI}?sbiExpiryStatus=expired`, { token });
    expect(expired.body.response.data).toEqual([
      expect.objectContaining({ sbiId: old, sbiExpiryStatus: 'expired', status: 'approved', countOfAssociatedDevices: 0 }),
    ]);
    const byPartner = await s.call('GET', `${SBI}?partnerId=${p.id}&pageNo=0&pageSize=1&sortFieldName=sbiExpiryDateTime&sortType=desc`, {
      token: admin,
    });
    expect(byPartner.body.response).toMatchObject({
      pageNo: 0,
      pageSize: 1,
      totalResults: 2,
      data: [expect.objectContaining({ sbiId: live })],
    });
    expect(errorOf(await s.call('GET', `${SBI}?pageNo=0`, { token }))?.errorCode).toBe('PMS_PS_ERROR_006');
    expect(errorOf(await s.call('GET', `${SBI}?sortFieldName=nope&sortType=asc&pageNo=0&pageSize=5`, { token }))?.errorCode).toBe(
      'PMS_PRT_357',
    );
    expect(errorOf(await s.call('GET', SBI, { token: await s.token('lonely', ['DEVICE_PROVIDER']) }))?.errorCode).toBe(
      'PMS_CERTIFICATE_ERROR_002',
    );
  });

  it('legacy search and filter values show a provider only their own SBIs', async () => {
    const p = await partner(s.store);
    const token = await s.token(p.user, ['DEVICE_PROVIDER']);
    const id = (await createSbi(s, token, p.id, { swBinaryHash: 'abc' })).body.response.id;
    const search = await s.call('POST', `${SBI}/search`, {
      token,
      body: envelope({ filters: [], sort: [{ sortField: 'crDtimes', sortType: 'desc' }], pagination: { pageStart: 0, pageFetch: 10 } }),
    });
    expect(search.body.response.totalRecord).toBe(1);
    expect(search.body.response.data[0]).toMatchObject({
      id,
      providerId: p.id,
      swBinaryHash: Buffer.from('abc').toString('base64'),
      approvalStatus: 'pending_approval',
    });
    const all = await s.call('POST', `${SBI}/search`, {
      token: admin,
      body: envelope({
        filters: [{ columnName: 'providerId', type: 'equals', value: p.id }],
        sort: [],
        pagination: { pageStart: 0, pageFetch: 10 },
      }),
    });
    expect(all.body.response.totalRecord).toBe(1);
    const values = await s.call('POST', `${SBI}/filtervalues`, {
      token,
      body: envelope({ filters: [{ columnName: 'providerId', type: 'unique' }] }),
    });
    expect(values.body.response.filters).toEqual([{ fieldID: 'providerId', fieldValue: p.id, fieldCode: id }]);
    expect(
      errorOf(await s.call('POST', `${SBI}/filtervalues`, { token, body: envelope({ filters: [{ columnName: 'nope' }] }) }))?.errorCode,
    ).toBe('PMS-MSD-317');
  });
});

describe('legacy device-SBI mapping', () => {
  it('maps an approved device to an approved SBI, reports an existing mapping, removes it', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const create = await s.call('POST', `${BASE}/devicedetail`, { token: aToken, body: envelope(device(a.id)) });
    const id = create.body.response.id;
    const map = (token: string, sbiId = sbi) =>
      s.call('PUT', `${SBI}/devicedetails/map`, { token, body: envelope({ deviceDetailId: id, sbiId }) });
    expect(errorOf(await map(aToken))?.errorCode).toBe('PMS_AUT_027');
    await s.call('PATCH', `${BASE}/devicedetail`, { token: admin, body: envelope({ id, approvalStatus: 'Activate' }) });
    expect(errorOf(await map(bToken))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await map(aToken, 'missing'))?.errorCode).toBe('PMS_AUT_007');
    expect(errorOf(await map(aToken, await insertSbi(s.store, a.id, { status: 'pending_approval', active: false })))?.errorCode).toBe(
      'PMS_AUT_511',
    );
    expect(errorOf(await map(aToken, await insertSbi(s.store, a.id, { expiryDays: -2 })))?.errorCode).toBe('PMS_AUT_513');
    expect(errorOf(await map(aToken, await insertSbi(s.store, b.id)))?.errorCode).toBe('PMS_AUT_509');
    expect((await map(aToken)).body.response).toBe('Success');
    expect((await map(aToken)).body.response).toBe('Mapping already exists');
    // Another provider learns nothing about the mapping: ownership is checked before it is reported.
    const probe = await map(bToken);
    expect(probe.body.response).toBeNull();
    expect(errorOf(probe)?.errorCode).toBe('PMS_PRT_055');
    const search = await s.call('POST', `${SBI}/devicedetails/map/search`, {
      token: aToken,
      body: envelope({
        filters: [{ columnName: 'deviceDetailId', type: 'equals', value: id }],
        sort: [],
        pagination: { pageStart: 0, pageFetch: 5 },
      }),
    });
    expect(search.body.response.data).toEqual([expect.objectContaining({ deviceDetailId: id, sbiId: sbi, providerId: a.id })]);
    const remove = (token: string) =>
      s.call('PUT', `${SBI}/devicedetails/map/remove`, { token, body: envelope({ deviceDetailId: id, sbiId: sbi }) });
    expect(errorOf(await remove(bToken))?.errorCode).toBe('PMS_PRT_055');
    expect((await remove(aToken)).body.response).toBe('Success');
    expect(errorOf(await remove(aToken))?.errorCode).toBe('PMS_AUT_510');
  });

  it('refuses to map a rejected device (PMS_AUT_028) and an unknown one (PMS_AUT_005)', async () => {
    const sbi = await insertSbi(s.store, a.id);
    const id = (await s.call('POST', `${BASE}/devicedetail`, { token: aToken, body: envelope(device(a.id)) })).body.response.id;
    await s.call('PATCH', `${BASE}/devicedetail`, { token: admin, body: envelope({ id, approvalStatus: 'De-activate' }) });
    const r = await s.call('PUT', `${SBI}/devicedetails/map`, { token: aToken, body: envelope({ deviceDetailId: id, sbiId: sbi }) });
    expect(errorOf(r)).toEqual({
      errorCode: 'PMS_AUT_028',
      message: `Device details for id ${id} are rejected. Cann't use same details for mapping.`,
    });
    expect(
      errorOf(await s.call('PUT', `${SBI}/devicedetails/map`, { token: aToken, body: envelope({ deviceDetailId: 'nope', sbiId: sbi }) }))
        ?.errorCode,
    ).toBe('PMS_AUT_005');
  });
});
