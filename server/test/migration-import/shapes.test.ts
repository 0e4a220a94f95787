import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMosip } from '../../src/migration-import/index.js';
import { sql } from '../../src/platform/db/sql.js';
import { storeForFile } from '../support/store-for-file.js';
import { DataKey } from '../../src/platform/keys/data-key.js';
import { randomBytes } from 'node:crypto';
import { addGeneratedPartners, createMosipDb, generatedKey, type MosipDb } from '../support/mosip-db.js';

/**
 * An older MOSIP (1.2.0.1): the columns and tables later versions added are taken away again,
 * as MOSIP's own rollback scripts do (docs/moving-from-mosip.md, "Differences between MOSIP
 * versions"). The import reads what is there and fills the rest.
 */

const ctx = storeForFile();
const dataKey = new DataKey(randomBytes(32));
let mosip: MosipDb;

beforeAll(async () => {
  mosip = await createMosipDb();
  await addGeneratedPartners(mosip.pms, {
    prefix: 'old',
    count: 3,
    groupId: 'mpolicygroup-default-auth',
    policyId: 'mpolicy-default-auth',
  });
  await mosip.pms.query(`
    alter table pms.partner drop column logo_url, drop column addl_info;
    alter table pms.misp_license drop column policy_id;
    alter table pms.partner_policy drop column label;
    drop table pms.oidc_client;
    drop table pms.user_details;`);
  await mosip.pms.query(`update pms.partner set partner_type_code = 'MISP_Partner', policy_group_id = null where id = 'old-p-1'`);
  await mosip.pms.query(`insert into pms.misp_license (misp_id, license_key, valid_from_date, is_active, cr_by, cr_dtimes)
    values ('old-p-1', 'old-license-0123456789', now(), true, 'admin', now()),
           ('old-p-3', 'not-a-misp-0123456789', now(), true, 'admin', now())`);
}, 120_000);

afterAll(async () => {
  await mosip?.drop();
});

describe('a MOSIP 1.2.0.1 database', () => {
  it('imports with what that version has: missing columns empty, missing tables listed, key labels from the policy', async () => {
    const r = await importMosip({ store: ctx.store, dataKey, pmsUrl: mosip.pmsUrl });
    expect(r.failed).toBeUndefined();
    expect(r.absent).toEqual(expect.arrayContaining(['user_details', 'oidc_client', 'ca_cert_store', 'partner_cert_store']));
    expect(r.counts.find((c) => c.table === 'partner')).toMatchObject({ imported: 3 + 9, rejected: 0 });
    expect(await ctx.store.one(sql`select logo_url, addl_info, lang_code from partner where id = 'old-p-2'`)).toEqual({
      logo_url: null,
      addl_info: null,
      lang_code: 'eng',
    });
    const key = await generatedKey(mosip.pms, 'old', 2);
    expect(await ctx.store.one(sql`select label, part_id from partner_policy where key_hmac = ${dataKey.hmac(key)}`)).toEqual({
      label: 'mpolicy-default-auth',
      part_id: 'old-p-2',
    });
    expect(await ctx.store.one(sql`select policy_id, key_hint from misp_license where misp_id = 'old-p-1'`)).toEqual({
      policy_id: null,
      key_hint: '6789',
    });
    expect(r.rejections).toContainEqual({
      table: 'misp_license',
      id: 'old-p-3/****6789',
      reason: 'partner old-p-3 has type Auth_Partner, not MISP_Partner',
    });
  });
});
