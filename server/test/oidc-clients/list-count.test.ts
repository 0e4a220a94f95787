import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { seedOidcClients } from '../../src/oidc-clients/seed.js';
import { EsignetDouble } from '../support/esignet-double.js';
import { authPartner, createBody, createV2, err, startOidc, type OidcTestEnv } from './helpers.js';

let esignet: EsignetDouble;
let e: OidcTestEnv;

beforeAll(async () => {
  esignet = await EsignetDouble.start();
  e = await startOidc({ esignet });
});
afterAll(async () => {
  await e.close();
  await esignet.close();
});

const counted = async () =>
  (await e.s.store.one<{ n: number }>(sql`select coalesce(sum(n), 0)::int as n from row_count where tbl = 'oidc_client'`))!.n;
const actual = async () => (await e.s.store.one<{ n: number }>(sql`select count(*)::int as n from oidc_client`))!.n;
/** The unfiltered admin list's total, on a full first page so the count (not the page) answers it. */
const listed = async () => {
  const r = await e.s.call('GET', '/v1/partnermanager/oauth/client?pageNo=0&pageSize=2&sortFieldName=createdDateTime&sortType=desc', {
    token: e.admin,
  });
  expect(r.status).toBe(200);
  expect(r.body.errors).toEqual([]);
  return r.body.response.totalResults as number;
};

describe('GET /oauth/client total: the exact row count kept by trigger (migration 0018)', () => {
  it('matches count(*) after creates over HTTP, bulk inserts, deletes, a rolled-back write and a truncate', async () => {
    expect(await counted()).toBe(await actual());

    const p = await authPartner(e);
    const created = await Promise.all([0, 1, 2].map(() => createV2(e, p.token, createBody(e, p))));
    for (const r of created) expect(err(r)).toBeUndefined();
    expect(await actual()).toBe(3);
    expect(await counted()).toBe(3);
    expect(await listed()).toBe(3);

    await seedOidcClients(e.s.store, 250);
    expect(await actual()).toBe(253);
    expect(await counted()).toBe(253);
    expect(await listed()).toBe(253);

    // Re-seeding inserts nothing (on conflict do nothing): the counter must not move.
    await seedOidcClients(e.s.store, 250);
    expect(await counted()).toBe(253);

    expect(await e.s.store.exec(sql`delete from oidc_client where cr_by = 'bench' and status = 'INACTIVE'`)).toBe(25);
    expect(await counted()).toBe(228);
    expect(await listed()).toBe(228);

    await expect(
      e.s.store.tx(async (q) => {
        await q.exec(sql`delete from oidc_client where cr_by = 'bench'`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await counted()).toBe(228);
    expect(await listed()).toBe(228);

    // A filter still counts the matching rows, not the table.
    const mine = await e.s.call('GET', `/v1/partnermanager/oauth/client?pageNo=0&pageSize=2&partnerId=${p.id}`, { token: e.admin });
    expect(mine.body.response.totalResults).toBe(3);

    await e.s.store.script('truncate oidc_client cascade');
    expect(await counted()).toBe(0);
    expect(await listed()).toBe(0);
    await seedOidcClients(e.s.store, 5);
    expect(await counted()).toBe(5);
    expect(await listed()).toBe(5);
  });
});
