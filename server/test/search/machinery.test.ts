import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { PmsError } from '../../src/platform/errors/pms-error.js';
import { defineEntity, filterValues, legacySearch, parseTyped, planList, runList, toIso } from '../../src/platform/search/index.js';
import { validatePolicyDocument } from '../../src/policies/validator.js';
import { freshStore } from '../support/engine.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof PmsError ? e.code : `not a PmsError: ${String(e)}`;
  }
  return undefined;
};

/** A throwaway entity over a table of every field type, to exercise typed filters on both engines. */
const things = defineEntity({
  from: sql`search_thing t`,
  key: 't.id',
  deleted: 't.is_deleted',
  fields: {
    id: { column: 't.id', type: 'string' },
    label: { column: 't.label', type: 'string' },
    qty: { column: 't.qty', type: 'integer' },
    price: { column: 't.price', type: 'number' },
    day: { column: 't.day', type: 'date' },
    at: { column: 't.at', type: 'timestamp' },
    flag: { column: 't.flag', type: 'boolean' },
    rank: { column: 't.qty', type: 'integer', invertSort: true },
    secret: { column: 't.label', type: 'string', filterable: false, sortable: false },
  },
});

let store: Store;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ store, drop } = await freshStore());
  await store.exec(sql`create table search_thing (id text primary key, label text, qty bigint, price double precision, day date,
    at timestamptz, flag boolean, is_deleted boolean default false)`);
  await store.exec(sql`insert into search_thing
    select 't' || lpad(i::text, 2, '0'), 'Label ' || i, i, i * 1.5, date '2024-01-01' + i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 hour', i % 2 = 0, i = 10
    from generate_series(1, 10) as i`);
});
afterAll(async () => {
  await store.close?.().catch(() => undefined);
  await drop();
});

const dto = (filters: unknown[], sort: unknown[] = [], pagination: unknown = { pageStart: 0, pageFetch: 100 }) =>
  ({ filters, sort, pagination }) as Parameters<typeof legacySearch>[2];
const ids = async (filters: unknown[], sort: unknown[] = []) =>
  (await legacySearch(store, things, dto(filters, sort), { select: sql`t.id`, map: (r: { id: string }) => r.id })).data ?? [];

describe('legacy search: typed filters', () => {
  it('compares integers, numbers, dates, timestamps and booleans by type', async () => {
    expect(await ids([{ columnName: 'QTY', type: 'between', fromValue: '3', toValue: '5' }])).toEqual(['t03', 't04', 't05']);
    expect(await ids([{ columnName: 'price', type: 'between', fromValue: '1.4', toValue: '3.1' }])).toEqual(['t01', 't02']);
    expect(await ids([{ columnName: 'day', type: 'equals', value: '2024-01-03' }])).toEqual(['t02']);
    expect(await ids([{ columnName: 'at', type: 'equals', value: '2024-01-01T03:00:00.000Z' }])).toEqual(['t03']);
    expect(
      await ids([
        { columnName: 'flag', type: 'equals', value: 'TRUE' },
        { columnName: 'qty', type: 'in', values: ['1', '2', '4'] },
      ]),
    ).toEqual(['t02', 't04']);
  });

  it('excludes soft-deleted rows only when filters are given (MOSIP)', async () => {
    expect(await ids([])).toContain('t10');
    expect(await ids([{ columnName: 'label', type: 'startsWith', value: 'label' }])).not.toContain('t10');
  });

  it('sorts by allowed fields, inverted where declared, ties broken by key', async () => {
    expect((await ids([], [{ sortField: 'qty', sortType: 'desc' }])).slice(0, 2)).toEqual(['t10', 't09']);
    expect((await ids([], [{ sortField: 'rank', sortType: 'desc' }])).slice(0, 2)).toEqual(['t01', 't02']);
    await expect(ids([], [{ sortField: 'secret', sortType: 'asc' }])).rejects.toMatchObject({ code: 'PMS-MSD-357' });
    await expect(ids([{ columnName: 'secret', type: 'equals', value: 'x' }])).rejects.toMatchObject({ code: 'PMS-MSD-310' });
  });

  it('refuses values of the wrong type before any query', async () => {
    await expect(ids([{ columnName: 'qty', type: 'between', fromValue: 'one', toValue: '5' }])).rejects.toMatchObject({
      code: 'PMS-MSD-315',
    });
    await expect(ids([{ columnName: 'qty', type: 'between', fromValue: '1e400', toValue: '5' }])).rejects.toMatchObject({
      code: 'PMS-MSD-315',
    });
    await expect(ids([{ columnName: 'day', type: 'between', fromValue: '2024-13-45', toValue: '2024-01-01' }])).rejects.toMatchObject({
      code: 'PMS-MSD-315',
    });
    await expect(ids([{ columnName: 'price', type: 'equals', value: 'NaN' }])).rejects.toMatchObject({ code: 'PMS-MSD-390' });
    await expect(ids([{ columnName: 'qty', type: 'in', values: ['1', '1; select 1'] }])).rejects.toMatchObject({ code: 'PMS-MSD-391' });
    await expect(ids([{ columnName: 'qty', type: 'contains', value: '1' }])).rejects.toMatchObject({ code: 'PMS-MSD-323' });
  });

  it('lists filter values with codes; typed columns are PMS-MSD-324', async () => {
    const r = await filterValues(store, things, { filters: [{ columnName: 'label', type: 'all', text: 'label 1' }] }, { code: 'id' });
    expect(r.filters).toEqual([
      { fieldID: 'label', fieldValue: 'Label 1', fieldCode: 't01' },
      { fieldID: 'label', fieldValue: 'Label 10', fieldCode: 't10' },
    ]);
    await expect(filterValues(store, things, { filters: [{ columnName: 'qty' }] }, { code: 'id' })).rejects.toMatchObject({
      code: 'PMS-MSD-324',
    });
  });
});

describe('revamp list planning', () => {
  const partner = { pairing: true, defaultOrder: sql`t.id` };

  it('applies the partner-service pairing checks in order', () => {
    expect(codeOf(() => planList(things, { sortType: 'asc', pageNo: 0 }, partner))).toBe('PMS_PS_ERROR_007');
    expect(codeOf(() => planList(things, { pageNo: 0 }, partner))).toBe('PMS_PS_ERROR_006');
    expect(codeOf(() => planList(things, { sortFieldName: 'qty', sortType: 'asc' }, partner))).toBe('PMS_PS_ERROR_008');
    expect(codeOf(() => planList(things, { sortFieldName: 'nope', sortType: 'sideways', pageNo: -1, pageSize: 0 }, partner))).toBe(
      'PMS_PRT_357',
    );
    expect(codeOf(() => planList(things, { sortFieldName: 'qty', sortType: 'sideways', pageNo: -1, pageSize: 0 }, partner))).toBe(
      'PMS_PRT_358',
    );
    expect(codeOf(() => planList(things, { sortFieldName: 'qty', sortType: 'ASC', pageNo: -1, pageSize: 0 }, partner))).toBe('PMS_PRT_360');
    expect(codeOf(() => planList(things, { pageNo: 0, pageSize: 0 }, partner))).toBe('PMS_PRT_361');
  });

  it('fills defaults, caps page size and returns everything when paging is optional and absent', async () => {
    expect(planList(things, { pageNo: 2 }, { ...partner, defaults: { pageNo: 0, pageSize: 8 } }).page).toEqual({ pageNo: 2, pageSize: 8 });
    expect(planList(things, { pageNo: 0, pageSize: 10 ** 9 }, partner).page).toEqual({ pageNo: 0, pageSize: 1000 });
    const all = await runList(store, things, planList(things, {}, partner), {
      select: sql`t.id`,
      where: [],
      map: (r: { id: string }) => r.id,
    });
    expect(all).toMatchObject({ pageNo: 0, pageSize: 10, totalResults: 10 });
    const page = await runList(
      store,
      things,
      planList(things, { sortFieldName: 'qty', sortType: 'desc', pageNo: 1, pageSize: 3 }, partner),
      {
        select: sql`t.id`,
        where: [sql`t.flag`],
        map: (r: { id: string }) => r.id,
      },
    );
    expect(page).toEqual({ pageNo: 1, pageSize: 3, totalResults: 5, data: ['t04', 't02'] });
  });
});

describe('values', () => {
  it('parses typed text strictly and formats timestamps as ISO UTC', () => {
    expect(parseTyped('integer', '12')).toBe(12);
    expect(parseTyped('integer', '1.5')).toBeUndefined();
    expect(parseTyped('boolean', 'yes')).toBeUndefined();
    expect(parseTyped('timestamp', '2024-01-01T10:00:00')).toBe('2024-01-01T10:00:00.000Z');
    expect(parseTyped('timestamp', '2024-01-01')).toBeUndefined();
    expect(toIso('2024-05-01 10:00:00.123+00')).toBe('2024-05-01T10:00:00.123Z');
    expect(toIso('2024-05-01 12:00:00+05:30')).toBe('2024-05-01T06:30:00.000Z');
    expect(toIso(null)).toBeNull();
  });

  it('validates policy documents with MOSIP codes (pure)', () => {
    expect(
      codeOf(() => validatePolicyDocument('auth', { authTokenType: 'partner', allowedAuthTypes: [], allowedKycAttributes: [] })),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        validatePolicyDocument('AUTH', {
          authTokenType: 'partner',
          allowedAuthTypes: [{ authType: 'x', mandatory: true, extra: 1 }],
          allowedKycAttributes: [],
        }),
      ),
    ).toBe('PMS_PV_005');
    const ds = {
      dataSharePolicies: {
        typeOfShare: 'direct',
        validForInMinutes: '1',
        transactionsAllowed: '1',
        encryptionType: 'none',
        shareDomain: 'd',
        source: 's',
        custom: 1,
      },
      shareableAttributes: [],
    };
    expect(codeOf(() => validatePolicyDocument('CredentialIssuance', ds))).toBeUndefined();
    const badFilter = {
      ...ds,
      shareableAttributes: [{ attributeName: 'a', encrypted: false, source: [{ attribute: 'a', filter: [{}, { subType: ['x', 2] }] }] }],
    };
    expect(() => validatePolicyDocument('DataShare', badFilter)).toThrow(
      'Format Error: Expected format is shareableAttributes/0/source/0/filter/1/subType/1/string.',
    );
    expect(
      codeOf(() =>
        validatePolicyDocument('misp', {
          allowAuthRequestDelegation: true,
          allowKycRequestDelegation: false,
          allowKeyBindingDelegation: 'yes',
        }),
      ),
    ).toBe('PMS_PV_007');
  });
});
