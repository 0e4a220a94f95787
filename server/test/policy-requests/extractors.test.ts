import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { activePartner, BASE, decide, errorOf, insertGroup, insertPartner, insertPolicy, insertRequest, unique } from './fixtures.js';
import { issue5Modules } from './modules.js';

let s: TestServer;
let admin: string;
let group: string;

beforeAll(async () => {
  s = await startTestServer({ modules: issue5Modules() });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
  group = await insertGroup(s.store);
});
afterAll(() => s.close());

async function credentialPartner(type = 'Credential_Partner') {
  const id = await activePartner(s.store, { type, group });
  return { id, token: await s.token(`u-${id}`, ['CREDENTIAL_PARTNER']) };
}

const extractorBody = (items: { attributeName: string; biometric: string; provider?: string; version?: string }[]) =>
  envelope({
    extractors: items.map((e) => ({
      attributeName: e.attributeName,
      biometric: e.biometric,
      extractor: { provider: e.provider ?? 'mock', version: e.version ?? '1.1' },
    })),
  });
const addExtractors = (token: string, partnerId: string, policyId: string, items: Parameters<typeof extractorBody>[0]) =>
  s.call('POST', `${BASE}/partners/${partnerId}/bioextractors/${policyId}`, { token, body: extractorBody(items) });
const getExtractors = (token: string, partnerId: string, policyId: string) =>
  s.call('GET', `${BASE}/partners/${partnerId}/bioextractors/${policyId}`, { token });

describe('biometric extractors', () => {
  it('adds, splits modality[subtypes], upserts per attribute, reads them back recombined', async () => {
    const p = await credentialPartner();
    const pol = await insertPolicy(s.store, { group });
    await insertRequest(s.store, p.id, pol.id);
    const r = await addExtractors(p.token, p.id, pol.id, [
      { attributeName: 'photo', biometric: 'face' },
      { attributeName: 'fingers', biometric: 'finger[LeftThumb,RightThumb]' },
    ]);
    expect(r.body.response).toBe('Extractors added successfully.');
    expect(
      await s.store.query(
        sql`select attribute_name, biometric_modality, biometric_sub_types from partner_policy_bioextract where part_id = ${p.id} order by attribute_name`,
      ),
    ).toEqual([
      { attribute_name: 'fingers', biometric_modality: 'finger', biometric_sub_types: 'LeftThumb,RightThumb' },
      { attribute_name: 'photo', biometric_modality: 'face', biometric_sub_types: null },
    ]);
    await addExtractors(p.token, p.id, pol.id, [{ attributeName: 'photo', biometric: 'iris[Left]', provider: 'vendor', version: '2.0' }]);
    const read = await getExtractors(p.token, p.id, pol.id);
    expect(read.body.response.extractors).toEqual([
      { attributeName: 'photo', biometric: 'iris[Left]', extractor: { provider: 'vendor', version: '2.0' } },
      { attributeName: 'fingers', biometric: 'finger[LeftThumb,RightThumb]', extractor: { provider: 'mock', version: '1.1' } },
    ]);
  });

  it('refuses without a request (PMS_PRT_061), after approval (PMS_PRT_062), for another partner (PMS_PRT_055); none found is PMS_PRT_064', async () => {
    const p = await credentialPartner();
    const pol = await insertPolicy(s.store, { group });
    const item = [{ attributeName: 'photo', biometric: 'face' }];
    expect(errorOf(await addExtractors(p.token, p.id, pol.id, item))).toEqual({
      errorCode: 'PMS_PRT_061',
      message: 'Partner policy mapping not exists.',
    });
    const key = await insertRequest(s.store, p.id, pol.id);
    const other = await credentialPartner();
    expect(errorOf(await addExtractors(other.token, p.id, pol.id, item))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await getExtractors(other.token, p.id, pol.id))?.errorCode).toBe('PMS_PRT_055');
    expect(errorOf(await getExtractors(p.token, p.id, pol.id))).toEqual({ errorCode: 'PMS_PRT_064', message: 'No details found' });
    await addExtractors(p.token, p.id, pol.id, item);
    await decide(s, admin, key, 'approved');
    expect(errorOf(await addExtractors(p.token, p.id, pol.id, item))).toEqual({
      errorCode: 'PMS_PRT_062',
      message: "Partner api key request is approved already. Cann't add extractors now.",
    });
    const blank = await s.call('POST', `${BASE}/partners/${p.id}/bioextractors/${pol.id}`, {
      token: p.token,
      body: envelope({ extractors: [] }),
    });
    expect(errorOf(blank)?.errorCode).toBe('PMS_COR_001');
  });
});

describe('credential-type policies', () => {
  const map = (token: string, partnerId: string, type: string, policyName: string) =>
    s.call('POST', `${BASE}/partners/${partnerId}/credentialtype/${type}/policies/${encodeURIComponent(policyName)}`, { token });
  const read = (token: string, partnerId: string, type: string) =>
    s.call('GET', `${BASE}/partners/${partnerId}/credentialtype/${type}/policies`, { token });

  it('maps a credential type to a policy (upsert) and reads the policy back', async () => {
    const p = await credentialPartner();
    const pol = await insertPolicy(s.store, { group });
    const r = await map(p.token, p.id, 'euin', pol.name);
    expect(r.body.response).toBe('Partner, policy and credentialType mapping done successfully.');
    expect((await map(p.token, p.id, 'euin', pol.name)).body.errors).toEqual([]);
    expect(await s.store.query(sql`select credential_type, is_active from partner_policy_credential_type where part_id = ${p.id}`)).toEqual(
      [{ credential_type: 'euin', is_active: true }],
    );
    const got = await read(p.token, p.id, 'euin');
    expect(got.body.response).toMatchObject({
      partnerId: p.id,
      credentialType: 'euin',
      policyId: pol.id,
      policyName: pol.name,
      status: 'PUBLISHED',
      is_Active: true,
      policies: { authTokenType: 'policy' },
    });
  });

  it('refuses types not allowed, partners unknown, inactive, of other types or not yours, and policy problems', async () => {
    const p = await credentialPartner();
    const pol = await insertPolicy(s.store, { group });
    expect(errorOf(await map(p.token, p.id, 'poster', pol.name))).toEqual({
      errorCode: 'PMS_PRT_072',
      message: 'Given credential type is not allowed. Allowed credential types : auth,qrcode,euin,reprint,vercred,opencrvs',
    });
    expect(errorOf(await map(admin, 'nobody', 'auth', pol.name))?.errorCode).toBe('PMS_PRT_005');
    const stranger = await credentialPartner();
    expect(errorOf(await map(stranger.token, p.id, 'auth', pol.name))?.errorCode).toBe('PMS_PRT_055');
    const sleepy = unique('sleepy');
    await insertPartner(s.store, { id: sleepy, type: 'Credential_Partner', group });
    expect(errorOf(await map(admin, sleepy, 'auth', pol.name))?.errorCode).toBe('PMS_PMP_016');
    const abis = await activePartner(s.store, { type: 'ABIS_Partner', group });
    expect(errorOf(await map(admin, abis, 'auth', pol.name))).toEqual({
      errorCode: 'PMS_PRT_070',
      message: 'Credential mapping allowed only for :Credential_Partner,Online_Verification_Partner,Auth_Partner',
    });
    expect(errorOf(await map(p.token, p.id, 'auth', 'no such policy'))?.errorCode).toBe('PMS_PRT_073');
    const elsewhere = await insertPolicy(s.store, { group: await insertGroup(s.store) });
    expect(errorOf(await map(p.token, p.id, 'auth', elsewhere.name))?.errorCode).toBe('PMS_PRT_098');
    expect(errorOf(await read(p.token, p.id, 'auth'))).toEqual({ errorCode: 'PMS_PRT_064', message: 'No details found' });
    expect(await s.store.query(sql`select 1 from partner_policy_credential_type where part_id = ${p.id}`)).toEqual([]);
  });
});
