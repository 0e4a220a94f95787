import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceSettings } from '../../src/devices/common.js';
import { devicesModule, seedDevices } from '../../src/devices/index.js';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { BASE, audits, device, deviceRow, errorOf, partner } from './helpers.js';

let s: TestServer;
let admin: string;
let a: { id: string; user: string; name: string };
let aToken: string;
let bToken: string;

const D = `${BASE}/devicedetail`;
const page = { pageStart: 0, pageFetch: 50 };

beforeAll(async () => {
  s = await startTestServer({ modules: [devicesModule(deviceSettings({}))] });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  a = await partner(s.store);
  aToken = await s.token(a.user, ['DEVICE_PROVIDER']);
  const b = await partner(s.store);
  bToken = await s.token(b.user, ['DEVICE_PROVIDER']);
  await seedDevices(s.store, 300);
});
afterAll(() => s.close());

describe('legacy device details', () => {
  it('creates a pending device, updates it, approves and rejects it', async () => {
    const r = await s.call('POST', D, { token: aToken, body: envelope(device(a.id, { id: 'my-device-1' })) });
    expect(r.body.response).toEqual({ id: 'my-device-1' });
    expect(await deviceRow(s.store, 'my-device-1')).toMatchObject({ approval_status: 'pending_approval', is_active: false });
    const upd = await s.call('PUT', D, {
      token: aToken,
      body: envelope({ id: 'my-device-1', deviceTypeCode: 'Iris', deviceSubTypeCode: 'Double', make: 'M', model: 'X' }),
    });
    expect(upd.body.response).toEqual({ id: 'my-device-1' });
    expect(await s.store.one(sql`select dtype_code, dstype_code, make, model from device_detail where id = 'my-device-1'`)).toEqual({
      dtype_code: 'Iris',
      dstype_code: 'Double',
      make: 'M',
      model: 'X',
    });
    const approve = (approvalStatus: string) => s.call('PATCH', D, { token: admin, body: envelope({ id: 'my-device-1', approvalStatus }) });
    expect((await approve('Activate')).body.response).toBe('Device details approved successfully.');
    expect(await deviceRow(s.store, 'my-device-1')).toMatchObject({ approval_status: 'approved', is_active: true });
    expect(errorOf(await approve('Approve'))?.errorCode).toBe('PMS_AUT_025');
    expect((await approve('De-activate')).body.response).toBe('Device details rejected successfully.');
    expect((await audits(s.store, 'my-device-1')).map((x) => x.action)).toEqual([
      'device.create',
      'device.update',
      'device.approval',
      'device.approval',
    ]);
  });

  it('refuses unknown sub-types, providers, duplicates, taken ids and other providers', async () => {
    const post = (token: string, body: Record<string, unknown>) => s.call('POST', D, { token, body: envelope(body) });
    expect(errorOf(await post(aToken, device(a.id, { deviceSubTypeCode: 'Full face' })))?.errorCode).toBe('PMS_AUT_001');
    expect(errorOf(await post(admin, device('nobody')))?.errorCode).toBe('PMS_AUT_002');
    expect(errorOf(await post(bToken, device(a.id)))?.errorCode).toBe('PMS_PRT_055');
    const d = device(a.id);
    expect((await post(aToken, d)).body.errors).toEqual([]);
    expect(errorOf(await post(aToken, d))?.errorCode).toBe('PMS_AUT_003');
    expect(errorOf(await post(aToken, { ...device(a.id), id: 'my-device-1' }))?.errorCode).toBe('PMS_PRT_101');
    expect(
      errorOf(
        await s.call('PUT', D, {
          token: aToken,
          body: envelope({ id: 'nope', deviceTypeCode: 'Face', deviceSubTypeCode: 'Full face', make: 'a', model: 'b' }),
        }),
      ),
    ).toEqual({
      errorCode: 'PMS_AUT_005',
      message: 'Device detail for id nope does not exist',
    });
    expect(errorOf(await s.call('PATCH', D, { token: admin, body: envelope({ id: 'nope', approvalStatus: 'Activate' }) }))?.errorCode).toBe(
      'PMS_AUT_005',
    );
  });

  it('legacy search and filter values are scoped to the caller; type search and filters read the reference data', async () => {
    const search = await s.call('POST', `${D}/search`, {
      token: aToken,
      body: envelope({ filters: [], sort: [{ sortField: 'crDtimes', sortType: 'asc' }], pagination: page }),
    });
    expect(search.body.response.data.every((x: { deviceProviderId: string }) => x.deviceProviderId === a.id)).toBe(true);
    expect(search.body.response.totalRecord).toBeGreaterThan(0);
    const all = await s.call('POST', `${D}/search`, {
      token: admin,
      body: envelope({ filters: [{ columnName: 'deviceProviderId', type: 'startsWith', value: 'bench-dp-' }], sort: [], pagination: page }),
    });
    expect(all.body.response.totalRecord).toBe(300);
    expect(
      errorOf(
        await s.call('POST', `${D}/search`, {
          token: admin,
          body: envelope({ filters: [{ columnName: 'nope', type: 'equals', value: 'x' }], sort: [], pagination: page }),
        }),
      )?.errorCode,
    ).toBe('PMS-MSD-310');
    const types = await s.call('POST', `${D}/deviceType/search`, {
      token: aToken,
      body: envelope({
        filters: [{ columnName: 'deviceType', type: 'equals', value: 'Finger' }],
        sort: [{ sortField: 'code', sortType: 'asc' }],
        pagination: page,
      }),
    });
    expect(types.body.response.data.map((t: { code: string }) => t.code)).toEqual(['Single', 'Slap', 'Touchless']);
    // MOSIP's field names, in filters and items: deviceType, desciption (sic), isActive written as "active".
    expect(Object.keys(types.body.response.data[0])).toEqual([
      'code',
      'deviceType',
      'name',
      'desciption',
      'active',
      'isDeleted',
      'crBy',
      'crDtimes',
      'delDtimes',
      'updBy',
      'updDtimes',
    ]);
    expect(types.body.response.data[0]).toMatchObject({ code: 'Single', deviceType: 'Finger', active: true });
    const byDesc = await s.call('POST', `${D}/deviceType/search`, {
      token: aToken,
      body: envelope({ filters: [{ columnName: 'desciption', type: 'contains', value: 'a' }], sort: [], pagination: page }),
    });
    expect(byDesc.body.errors).toEqual([]);
    expect(
      errorOf(
        await s.call('POST', `${D}/deviceType/search`, {
          token: aToken,
          body: envelope({ filters: [{ columnName: 'deviceTypeCode', type: 'equals', value: 'Finger' }], sort: [], pagination: page }),
        }),
      ),
    ).toEqual({ errorCode: 'PMS-MSD-310', message: 'Invalid column received : deviceTypeCode' });
    const typeValues = await s.call('POST', `${D}/deviceType/filtervalues`, {
      token: aToken,
      body: envelope({ filters: [{ columnName: 'code', type: 'unique' }] }),
    });
    expect(typeValues.body.response.filters.map((f: { fieldValue: string }) => f.fieldValue)).toEqual(['Face', 'Finger', 'Iris']);
    const subValues = await s.call('POST', `${D}/deviceSubType/filtervalues`, {
      token: aToken,
      body: envelope({
        filters: [{ columnName: 'code', type: 'unique' }],
        optionalFilters: [{ columnName: 'deviceType', type: 'equals', value: 'Iris' }],
      }),
    });
    expect(subValues.body.response.filters.map((f: { fieldValue: string }) => f.fieldValue)).toEqual(['Double', 'Single']);
    // MOSIP's portal asks by MOSIP's field name, `deviceType`, for the sub-types of one type.
    const portalAsks = await s.call('POST', `${D}/deviceSubType/filtervalues`, {
      token: aToken,
      body: envelope({
        filters: [{ columnName: 'deviceType', type: 'unique', text: 'Iris' }],
        optionalFilters: [],
        purpose: 'REGISTRATION',
      }),
    });
    expect(portalAsks.body.errors).toEqual([]);
    expect(portalAsks.body.response.filters).toEqual([
      { fieldID: 'deviceType', fieldValue: 'Iris', fieldCode: 'Double' },
      { fieldID: 'deviceType', fieldValue: 'Iris', fieldCode: 'Single' },
    ]);
    const mine = await s.call('POST', `${D}/filtervalues`, {
      token: aToken,
      body: envelope({ filters: [{ columnName: 'deviceProviderId', type: 'unique' }] }),
    });
    expect(new Set(mine.body.response.filters.map((f: { fieldValue: string }) => f.fieldValue))).toEqual(new Set([a.id]));
  });
});

describe('admin device list (GET /devicedetail)', () => {
  it('pages newest first by default (0/8), with the SBI of each device', async () => {
    const r = await s.call('GET', D, { token: admin });
    expect(r.body.id).toBe('mosip.pms.get.all.device.details.get');
    expect(r.body.response.pageNo).toBe(0);
    expect(r.body.response.pageSize).toBe(8);
    expect(r.body.response.data).toHaveLength(8);
    const seeded = r.body.response.data.filter((x: { deviceId: string }) => x.deviceId.startsWith('bench-device-'));
    expect(seeded.every((x: { sbiId: string | null }) => x.sbiId?.startsWith('bench-sbi-'))).toBe(true);
    const times = r.body.response.data.map((x: { createdDateTime: string }) => x.createdDateTime);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by every field the DTO names and sorts by alias', async () => {
    const q = (qs: string) => s.call('GET', `${D}?${qs}`, { token: admin });
    expect((await q('status=pending_approval&partnerId=bench-dp')).body.response.totalResults).toBe(30);
    expect((await q('status=rejected&partnerId=bench-dp')).body.response.totalResults).toBe(15);
    expect((await q('status=deactivated&partnerId=bench-dp')).body.response.totalResults).toBe(6);
    expect((await q('deviceType=iris&partnerId=bench-dp')).body.response.totalResults).toBe(100);
    expect((await q('deviceSubType=full&partnerId=bench-dp')).body.response.totalResults).toBe(50);
    expect((await q('make=make 299&model=MODEL 299')).body.response.data.map((x: { deviceId: string }) => x.deviceId)).toEqual([
      'bench-device-299',
    ]);
    expect((await q('deviceId=bench-device-29')).body.response.totalResults).toBe(11); // 29 and 290–299
    const sbi = await q('sbiId=bench-sbi-1-2&pageSize=500&pageNo=0');
    expect(sbi.body.response.data.every((x: { sbiId: string }) => x.sbiId === 'bench-sbi-1-2')).toBe(true);
    expect((await q('sbiVersion=v1.0&orgName=device org 1')).body.response.totalResults).toBe(150);
    const sorted = await q('sortFieldName=make&sortType=asc&pageNo=0&pageSize=3&partnerId=bench-dp');
    expect(sorted.body.response.data.map((x: { make: string }) => x.make)).toEqual(['Make 1', 'Make 10', 'Make 100']);
    expect(errorOf(await q('sortFieldName=colour&sortType=asc&pageNo=0&pageSize=3'))?.errorCode).toBe('PMS_PRT_357');
    expect(errorOf(await q('pageNo=-1&pageSize=3'))?.errorCode).toBe('PMS_PRT_360');
    expect((await s.call('GET', D, { token: aToken })).status).toBe(403);
  });
});
