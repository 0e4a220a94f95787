import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { countRows, createGroup, createPolicy, err, P, publish } from './helpers.js';

let s: TestServer;
let pm: string;
const tag = `s${process.pid}`;
let groupIds: string[] = [];

const search = (filters: unknown[], extra: Record<string, unknown> = {}) =>
  envelope({ filters, sort: [], pagination: { pageStart: 0, pageFetch: 10 }, ...extra }, 'mosip.search');

beforeAll(async () => {
  s = await startTestServer();
  pm = await s.token('pm1', ['POLICYMANAGER']);
  // Five groups tagged for these tests; policies in the first two.
  for (let i = 0; i < 5; i++) groupIds.push((await createGroup(s, pm, `${tag}-group-${i}`)).id);
  await s.store.exec(sql`update policy_group set is_active = false where id = ${groupIds[4]!}`);
  for (let i = 0; i < 6; i++) {
    const p = await createPolicy(s, pm, `${tag}-group-${i % 2}`, { name: `${tag}-policy-${i}`, type: i % 2 ? 'DataShare' : 'Auth' });
    if (i < 4) await publish(s, pm, p.id, groupIds[i % 2]!);
    if (i === 0)
      await s.call('PATCH', `${P}/${p.id}`, {
        token: pm,
        body: {
          id: 'mosip.pms.deactivate.policy.patch',
          version: '1.0',
          requestTime: new Date().toISOString(),
          request: { status: 'De-Activate' },
        },
      });
  }
});
afterAll(() => s.close());

describe('POST /policies/group/search (legacy DSL)', () => {
  it('filters, sorts and pages in the database', async () => {
    const r = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: envelope(
        {
          filters: [{ columnName: 'name', type: 'startsWith', value: `${tag}-GROUP` }],
          sort: [{ sortField: 'NAME', sortType: 'DESC' }],
          pagination: { pageStart: 1, pageFetch: 2 },
        },
        'mosip.search',
      ),
    });
    expect(r.body).toMatchObject({ id: 'mosip.search', errors: [] });
    expect(r.body.response).toMatchObject({ fromRecord: 3, toRecord: 4, totalRecord: 5 });
    expect(r.body.response.data.map((g: { name: string }) => g.name)).toEqual([`${tag}-group-2`, `${tag}-group-1`]);
    expect(r.body.response.data[0]).toMatchObject({
      id: groupIds[2],
      isActive: true,
      isDeleted: false,
      crBy: 'pm1',
      userId: 'pm1',
      desc: `${tag}-group-2 description`,
    });
  });

  it('supports contains with * wildcards, equals on booleans, in, and between on timestamps', async () => {
    const names = async (filters: unknown[]) => {
      const r = await s.call('POST', `${P}/group/search`, {
        token: pm,
        body: search(filters, { sort: [{ sortField: 'name', sortType: 'asc' }] }),
      });
      expect(r.body.errors).toEqual([]);
      return (r.body.response.data ?? []).map((g: { name: string }) => g.name);
    };
    expect(await names([{ columnName: 'name', type: 'contains', value: `*${tag}-group-3*` }])).toEqual([`${tag}-group-3`]);
    expect(
      await names([
        { columnName: 'name', type: 'contains', value: `*group-4` },
        { columnName: 'name', type: 'contains', value: tag },
      ]),
    ).toEqual([`${tag}-group-4`]);
    expect(
      await names([
        { columnName: 'isActive', type: 'equals', value: 'FALSE' },
        { columnName: 'name', type: 'startsWith', value: tag },
      ]),
    ).toEqual([`${tag}-group-4`]);
    expect(await names([{ columnName: 'id', type: 'in', values: [groupIds[0], groupIds[1], 'nope'] }])).toEqual([
      `${tag}-group-0`,
      `${tag}-group-1`,
    ]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      await names([
        { columnName: 'crDtimes', type: 'between', fromValue: '2000-01-01T00:00:00.000Z', toValue: future },
        { columnName: 'name', type: 'startsWith', value: tag },
      ]),
    ).toHaveLength(5);
    expect(
      await names([
        { columnName: 'crDtimes', type: 'between', fromValue: '2000-01-01T00:00:00.000Z', toValue: '2000-01-02T00:00:00.000Z' },
      ]),
    ).toEqual([]);
    // `%` and `_` are literal text, not wildcards.
    expect(await names([{ columnName: 'name', type: 'contains', value: '%' }])).toEqual([]);
    expect(await names([{ columnName: 'name', type: 'contains', value: `${tag}_group` }])).toEqual([]);
  });

  it('answers past-the-end and empty results with zeros and null data', async () => {
    const r = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: search([{ columnName: 'name', type: 'equals', value: 'no such group' }]),
    });
    expect(r.body.response).toEqual({ fromRecord: 0, toRecord: 0, totalRecord: 0, data: null });
    const past = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: search([], { pagination: { pageStart: 100000, pageFetch: 10 } }),
    });
    expect(past.body.response).toEqual({ fromRecord: 0, toRecord: 0, totalRecord: 0, data: null });
    const huge = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: search([], { pagination: { pageStart: 9007199254740991, pageFetch: 10 } }),
    });
    expect(huge.body.response.data).toBeNull();
  });

  it('caps absurd page sizes at 1000 rows', async () => {
    const r = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: search([], { pagination: { pageStart: 0, pageFetch: 1_000_000 } }),
    });
    expect(r.body.errors).toEqual([]);
    expect(r.body.response.data.length).toBeLessThanOrEqual(1000);
    expect(r.body.response.totalRecord).toBe(await countRows(s, 'policy_group'));
  });

  it('refuses bad filters, sorts and pages with MOSIP codes in MOSIP order', async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [search([{ columnName: 'nameX', type: 'contains', value: 'a' }]), 'PMS-MSD-310', 'Invalid column received : nameX'],
      [search([{ columnName: 'name; drop table policy_group; --', type: 'equals', value: 'a' }]), 'PMS-MSD-310'],
      [search([{ columnName: 'name) or (1=1', type: 'contains', value: 'a' }]), 'PMS-MSD-310'],
      [search([{ columnName: 'pg.name', type: 'contains', value: 'a' }]), 'PMS-MSD-310'],
      // MOSIP looks every column up before any other check, so a blank or missing one is 310, never 311.
      [search([{ columnName: '', type: 'contains', value: 'a' }]), 'PMS-MSD-310', 'Invalid column received : '],
      [search([{ type: 'contains', value: 'a' }]), 'PMS-MSD-310', 'Invalid column received : null'],
      [
        search([
          { columnName: 'name', type: ' ', value: 'a' },
          { columnName: 'nope', type: 'contains', value: 'a' },
        ]),
        'PMS-MSD-310',
        'Invalid column received : nope',
      ],
      [
        search([{ columnName: 'name', type: 'sideways', value: 'a' }], {
          sort: [{ sortField: 'name', sortType: 'up' }],
          pagination: { pageStart: -1, pageFetch: 0 },
        }),
        'PMS-MSD-358',
      ],
      [
        search([], { pagination: { pageStart: '1', pageFetch: null } }),
        'PMS-MSD-313',
        'Invalid pagination value received pagestart:1 and pagefetch:0',
      ],
      [search([{ columnName: 'name', type: ' ', value: 'a' }]), 'PMS-MSD-312', 'Filter type is missing'],
      [
        search([{ columnName: 'name', type: 'equals', value: 'a', values: ['b'] }]),
        'PMS-MSD-392',
        'Both value and values cannot be present',
      ],
      [search([{ columnName: 'isActive', type: 'equals', value: 'yes' }]), 'PMS-MSD-390', 'Invalid filter value'],
      [search([{ columnName: 'name', type: 'contains' }]), 'PMS-MSD-390'],
      [search([{ columnName: 'name', type: 'in', values: [] }]), 'PMS-MSD-391', 'Invalid filter values'],
      [search([{ columnName: 'name', type: 'between', fromValue: 'a' }]), 'PMS-MSD-315', 'Invalid fromValue or toValue'],
      [search([{ columnName: 'crDtimes', type: 'between', fromValue: 'yesterday', toValue: '2024-01-01' }]), 'PMS-MSD-315'],
      [
        search([{ columnName: 'crDtimes', type: 'between', fromValue: "2024-01-01' or '1'='1", toValue: '2025-01-01T00:00:00Z' }]),
        'PMS-MSD-315',
      ],
      [search([{ columnName: 'crDtimes', type: 'equals', value: '12' }]), 'PMS-MSD-390'],
      [search([{ columnName: 'isActive', type: 'between', fromValue: 'true', toValue: 'false' }]), 'PMS-MSD-323'],
      [search([{ columnName: 'crDtimes', type: 'contains', value: '2024' }]), 'PMS-MSD-323'],
      [search([{ columnName: 'isActive', type: 'in', values: ['true', 'maybe'] }]), 'PMS-MSD-391'],
      [search([], { sort: [{ sortField: 'name' }] }), 'PMS-MSD-314', 'Missing sort field or sort type values'],
      [
        search([], { sort: [{ sortField: 'name desc, (select 1)', sortType: 'asc' }] }),
        'PMS-MSD-357',
        'Invalid sort field name desc, (select 1)',
      ],
      [search([], { sort: [{ sortField: 'name', sortType: 'sideways' }] }), 'PMS-MSD-358', 'Sort type sideways is not supported'],
      [
        search([], { pagination: { pageStart: -1, pageFetch: 10 } }),
        'PMS-MSD-313',
        'Invalid pagination value received pagestart:-1 and pagefetch:10',
      ],
      [search([], { pagination: { pageStart: 0, pageFetch: 0 } }), 'PMS-MSD-313'],
      [search([], { pagination: null }), 'PMS-MSD-356', 'Pagination cannot be null'],
      [envelope({ sort: [], pagination: { pageStart: 0, pageFetch: 1 } }), 'PMS_COR_001'],
      [search([{ columnName: 'name', type: 'contains', value: 'a' }], { pagination: { pageStart: 'x', pageFetch: 1 } }), 'PMS_COR_001'],
    ];
    const before = await countRows(s, 'policy_group');
    for (const [body, code, message] of cases) {
      const r = await s.call('POST', `${P}/group/search`, { token: pm, body });
      expect(r.status).toBe(200);
      expect(err(r)?.errorCode, JSON.stringify(body)).toBe(code);
      if (message) expect(err(r).message).toBe(message);
    }
    expect(await countRows(s, 'policy_group')).toBe(before);
  });

  it('treats SQL in values as plain text', async () => {
    const r = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: search([{ columnName: 'name', type: 'equals', value: "x' or '1'='1" }]),
    });
    expect(r.body.response.totalRecord).toBe(0);
    const inj = await s.call('POST', `${P}/group/search`, {
      token: pm,
      body: search([{ columnName: 'name', type: 'in', values: ["') or true --"] }]),
    });
    expect(inj.body.response.totalRecord).toBe(0);
  });
});

describe('POST /policies/search', () => {
  it('filters by policyType (or all), renamed desc, and case-sensitive group name', async () => {
    const call = async (policyType: string, filters: unknown[]) => {
      const r = await s.call('POST', `${P}/search`, {
        token: pm,
        body: search(filters, { policyType, sort: [{ sortField: 'name', sortType: 'asc' }] }),
      });
      expect(r.body.errors).toEqual([]);
      return r.body.response;
    };
    const auth = await call('auth', [{ columnName: 'name', type: 'startsWith', value: tag }]);
    expect(auth.data.map((p: { name: string }) => p.name)).toEqual([`${tag}-policy-0`, `${tag}-policy-2`, `${tag}-policy-4`]);
    expect(auth.data[0]).toMatchObject({
      policyType: 'Auth',
      policyGroupName: `${tag}-group-0`,
      policyGroupId: groupIds[0],
      isActive: false,
      desc: 'a policy',
    });
    expect(typeof auth.data[0].policies).toBe('string');
    expect(JSON.parse(auth.data[0].policies).authTokenType).toBe('policy');
    const all = await call('ALL', [{ columnName: 'policyGroupName', type: 'equals', value: `${tag}-group-1` }]);
    expect(all.totalRecord).toBe(3);
    const wrongCase = await call('all', [{ columnName: 'policyGroupName', type: 'contains', value: `${tag.toUpperCase()}-GROUP-1` }]);
    expect(wrongCase.totalRecord).toBe(0);
    const desc = await call('all', [
      { columnName: 'desc', type: 'equals', value: 'A POLICY' },
      { columnName: 'name', type: 'startsWith', value: tag },
    ]);
    expect(desc.totalRecord).toBe(6);
    const r = await s.call('POST', `${P}/search`, { token: pm, body: search([]) });
    expect(err(r).errorCode).toBe('PMS_COR_001');
  });
});

describe('filter values', () => {
  it('lists distinct values with their code columns; booleans are true/false', async () => {
    const r = await s.call('POST', `${P}/group/filtervalues`, {
      token: pm,
      body: envelope(
        {
          filters: [{ columnName: 'name', type: 'unique', text: `${tag}-GROUP-` }],
          optionalFilters: [{ columnName: 'isActive', type: 'equals', value: 'true' }],
        },
        'mosip.fv',
      ),
    });
    expect(r.body.id).toBe('mosip.fv');
    expect(r.body.response.filters.map((f: { fieldValue: string }) => f.fieldValue)).toEqual([0, 1, 2, 3].map((i) => `${tag}-group-${i}`));
    expect(r.body.response.filters[0]).toEqual({ fieldID: 'name', fieldValue: `${tag}-group-0`, fieldCode: `${tag}-group-0` });
    const bool = await s.call('POST', `${P}/group/filtervalues`, {
      token: pm,
      body: envelope({ filters: [{ columnName: 'isActive', type: 'all' }] }),
    });
    expect(bool.body.response.filters).toEqual([
      { fieldID: 'isActive', fieldValue: 'true', fieldCode: '' },
      { fieldID: 'isActive', fieldValue: 'false', fieldCode: '' },
    ]);
    const pol = await s.call('POST', `${P}/filtervalues`, {
      token: pm,
      body: envelope({ policyType: 'DataShare', filters: [{ columnName: 'name', text: tag }] }),
    });
    expect(pol.body.response.filters.map((f: { fieldValue: string }) => f.fieldValue)).toEqual([1, 3, 5].map((i) => `${tag}-policy-${i}`));
    expect(pol.body.response.filters[0].fieldCode).not.toBe(pol.body.response.filters[0].fieldValue);
  });

  it('refuses unknown columns, bad types and non-text columns', async () => {
    const fv = (filters: unknown[]) => s.call('POST', `${P}/group/filtervalues`, { token: pm, body: envelope({ filters }) });
    // The policy service has no handler for the column validator's errors: its catch-all answers PMS_COR_003.
    const unhandled = { errorCode: 'PMS_COR_003', message: 'Could not process the request' };
    expect(err(await fv([{ columnName: 'nope', type: 'unique' }]))).toEqual(unhandled);
    expect(err(await fv([{ columnName: 'name,descr', type: 'unique' }]))).toEqual(unhandled);
    expect(err(await fv([{ columnName: 'name', type: '' }]))).toEqual(unhandled);
    expect(err(await fv([{ columnName: 'name', type: 'every' }]))).toEqual(unhandled);
    const polFv = await s.call('POST', `${P}/filtervalues`, {
      token: pm,
      body: envelope({ policyType: 'all', filters: [{ columnName: 'nope' }] }),
    });
    expect(err(polFv)).toEqual(unhandled);
    // The date check runs later, in the filter helper, whose error the service does handle.
    expect(err(await fv([{ columnName: 'crDtimes', type: 'unique' }]))).toEqual({
      errorCode: 'PMS-MSD-324',
      message: 'Received Filter Type not supported',
    });
    expect(err(await fv([{ type: 'unique' }]))).toEqual({
      errorCode: 'PMS_COR_001',
      message: 'Invalid request parameter - must not be blank :request.filters[0].columnName',
    });
    expect(err(await fv([{ columnName: 'name', type: null }]))).toEqual({
      errorCode: 'PMS_COR_001',
      message: 'Invalid request parameter - must not be null :request.filters[0].type',
    });
  });

  it('answers a policy search filter without a column name with PMS_COR_003 (MOSIP fails reading it)', async () => {
    const r = await s.call('POST', `${P}/search`, { token: pm, body: search([{ type: 'contains', value: 'a' }], { policyType: 'all' }) });
    expect(err(r)).toEqual({ errorCode: 'PMS_COR_003', message: 'Could not process the request' });
    const blank = await s.call('POST', `${P}/search`, {
      token: pm,
      body: search([{ columnName: '', type: 'contains', value: 'a' }], { policyType: 'all' }),
    });
    expect(err(blank)).toEqual({ errorCode: 'PMS-MSD-310', message: 'Invalid column received : ' });
  });
});

describe('GET /policies/v2 (revamp list)', () => {
  const list = (qs: string) => s.call('GET', `${P}/v2?${qs}`, { token: pm });

  it('pages with defaults 0/8, filters by contains and status, sorts by alias', async () => {
    const r = await list(`policyName=${tag.toUpperCase()}-POLICY&sortFieldName=policyName&sortType=desc`);
    expect(r.body).toMatchObject({ id: 'mosip.pms.policies.get', version: '1.0', errors: [] });
    expect(r.body.response).toMatchObject({ pageNo: 0, pageSize: 8, totalResults: 6 });
    expect(r.body.response.data.map((p: { policyName: string }) => p.policyName)).toEqual(
      [5, 4, 3, 2, 1, 0].map((i) => `${tag}-policy-${i}`),
    );
    expect(r.body.response.data[5]).toMatchObject({
      policyGroupId: groupIds[0],
      policyGroupName: `${tag}-group-0`,
      status: 'deactivated',
      policyDescription: 'a policy',
    });
    const byStatus = async (status: string) => (await list(`policyName=${tag}&status=${status}`)).body.response.totalResults;
    expect([await byStatus('draft'), await byStatus('activated'), await byStatus('deactivated')]).toEqual([2, 3, 1]);
    const page = await list(`policyGroupName=${tag}-group-1&pageNo=1&pageSize=2&sortFieldName=status&sortType=asc`);
    expect(page.body.response).toMatchObject({ pageNo: 1, pageSize: 2, totalResults: 3 });
    expect(page.body.response.data).toHaveLength(1);
    const none = await list(`policyName=no-such-policy-${tag}`);
    expect(none.body.response).toEqual({ pageNo: 0, pageSize: 0, totalResults: 0, data: [] });
    const big = await list(`policyName=${tag}&pageSize=5000`);
    expect(big.body.response.pageSize).toBe(1000);
    const onlyNo = await list(`policyName=${tag}&pageNo=0`);
    expect(onlyNo.body.response).toMatchObject({ pageNo: 0, pageSize: 8 });
    const literal = await list(`policyName=${encodeURIComponent('%')}`);
    expect(literal.body.response.totalResults).toBe(0);
  });

  it('refuses bad sort and paging (PMS_PRT_357/358/360/361) in the v1 envelope', async () => {
    const cases: [string, string, string][] = [
      ['sortFieldName=p.name&sortType=asc', 'PMS_PRT_357', 'Invalid sort field p.name'],
      ['sortFieldName=name;drop%20table%20auth_policy&sortType=asc', 'PMS_PRT_357', 'Invalid sort field name;drop table auth_policy'],
      ['sortFieldName=policyName&sortType=up', 'PMS_PRT_358', 'Sort type up is not supported'],
      ['pageNo=-1&pageSize=8', 'PMS_PRT_360', 'Invalid Page No'],
      ['pageNo=0&pageSize=0', 'PMS_PRT_361', 'Invalid page size'],
      ['pageNo=0&pageSize=-5', 'PMS_PRT_361', 'Invalid page size'],
    ];
    for (const [qs, code, message] of cases) {
      const r = await list(qs);
      expect(r.body, qs).toMatchObject({ id: null, version: null, response: null });
      expect(r.body.responsetime).toBeTruthy();
      expect(err(r), qs).toEqual({ errorCode: code, message });
    }
    expect(err(await list('pageNo=abc')).errorCode).toBe('PMS_COR_001');
    expect((await s.call('GET', `${P}/v2`, { token: await s.token('p', ['AUTH_PARTNER']) })).status).toBe(403);
    expect(await countRows(s, 'auth_policy')).toBeGreaterThan(0);
  });
});
