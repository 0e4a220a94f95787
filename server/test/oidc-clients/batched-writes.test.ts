import { beforeAll, describe, expect, it } from 'vitest';
import { claimOps, releaseOpsWith, releaseOpWith, type NewOp } from '../../src/oidc-clients/repository.js';
import { sql } from '../../src/platform/db/sql.js';
import { storeForFile } from '../support/store-for-file.js';

const db = storeForFile();

const op = (clientId: string, owner = 'w1'): NewOp => ({
  clientId,
  kind: 'create',
  request: { api: 'v2', body: { clientId } },
  commit: { row: {} as never, event: {}, audit: {} },
  owner,
  leaseMs: 60_000,
  actor: 'tester',
});
const marker = (id: string) => [sql`insert into test_marker (id) values (${id})`];
const markers = () => db.store.query<{ id: string }>(sql`select id from test_marker order by id`).then((r) => r.map((x) => x.id));
const opsHeld = () =>
  db.store.query<{ client_id: string; owner: string }>(sql`select client_id, owner from oidc_client_op order by client_id`);

describe('group commit of eSignet operations (one statement for several callers)', () => {
  beforeAll(async () => {
    await db.store.script('create table test_marker (id text primary key)');
  });

  it('claims each operation by its own guards and answers in the order given', async () => {
    await db.store
      .exec(sql`insert into oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods, status, esignet_status, cr_by)
      values ('stored', 'n', 'rp', 'pol', 'https://l.example/l.png', '{}', '{}', '{}', '{}', '{}', '{}', 'ACTIVE', 'REGISTERED', 't')`);
    const version = (await db.store.one<{ v: string }>(
      sql`select (select coalesce(sum(v), 0) from list_version where tbl = any(${['partner', 'auth_policy', 'partner_policy_request', 'partner_cert_store']}::text[]))::text as v`,
    ))!.v;
    const got = await claimOps(db.store, [
      { ...op('c-b'), unlessClientExists: true, contextVersion: version },
      { ...op('stored'), unlessClientExists: true },
      { ...op('c-a'), contextVersion: `${version}0` },
      { ...op('c-c') },
    ]);
    expect(got).toEqual([{ sentBefore: 0 }, undefined, undefined, { sentBefore: 0 }]);
    expect((await opsHeld()).map((o) => o.client_id)).toEqual(['c-b', 'c-c']);
    // A live lease is respected; a claim after it ended counts the earlier attempt.
    expect(await claimOps(db.store, [op('c-b', 'w2')])).toEqual([undefined]);
    await db.store.exec(sql`update oidc_client_op set lease_until = now() - interval '1 second' where client_id = 'c-b'`);
    expect(await claimOps(db.store, [op('c-b', 'w2'), op('c-d', 'w2')])).toEqual([{ sentBefore: 1 }, { sentBefore: 0 }]);
    expect(await opsHeld()).toEqual([
      { client_id: 'c-b', owner: 'w2' },
      { client_id: 'c-c', owner: 'w1' },
      { client_id: 'c-d', owner: 'w2' },
    ]);
  });

  it('commits a batch whole, or nothing of it when one operation was taken over', async () => {
    const taken = await releaseOpsWith(db.store, [
      { clientId: 'c-c', owner: 'w1', writes: marker('c-c') },
      { clientId: 'c-d', owner: 'w1', writes: marker('c-d') }, // held by w2 now
    ]);
    expect(taken).toBe(false);
    expect(await markers()).toEqual([]);
    expect((await opsHeld()).map((o) => o.client_id)).toEqual(['c-b', 'c-c', 'c-d']);

    expect(await releaseOpWith(db.store, 'c-c', 'w1', marker('c-c'))).toBe(true);
    expect(await releaseOpWith(db.store, 'c-d', 'w1', marker('c-d'))).toBe(false);
    expect(
      await releaseOpsWith(db.store, [
        { clientId: 'c-b', owner: 'w2', writes: marker('c-b') },
        { clientId: 'c-d', owner: 'w2', writes: marker('c-d') },
      ]),
    ).toBe(true);
    expect(await markers()).toEqual(['c-b', 'c-c', 'c-d']);
    expect(await opsHeld()).toEqual([]);
  });
});
