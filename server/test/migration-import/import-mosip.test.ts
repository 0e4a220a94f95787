import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMosip, type ImportResult } from '../../src/migration-import/index.js';
import { clientIdOf, parseJwk } from '../../src/oidc-clients/keys.js';
import { sql } from '../../src/platform/db/sql.js';
import { certFromPem, isSelfSigned, issuedBy, readCertificates } from '../../src/trust/x509.js';
import { certs, type TestCert } from '../support/certs.js';
import { EsignetDouble } from '../support/esignet-double.js';
import { addGeneratedPartners, createMosipDb, generatedKey, type MosipDb } from '../support/mosip-db.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { samplePolicy } from '../oidc-clients/helpers.js';

/**
 * A MOSIP deployment built from MOSIP's own scripts and seed, plus generated rows of every kind
 * (broken ones and keys in clear among them), imported into the store under test and then used
 * through the API.
 */

const BASE = '/v1/partnermanager';
const GROUP = 'imp-group';
const POLICY = 'imp-auth-policy';
const POLICY_2 = 'imp-auth-policy-2';
const PARTNER = 'imp-auth-1';
const USER = 'imp-user-1';
const API_KEY = `clear-key-${Math.random().toString(36).slice(2)}`;
const LICENSE = `license${Math.random().toString(36).slice(2)}0123456789abcdefghijklmnopqrstuvwxyz`;
const CERT_ID = 'imp-cert-partner';

let mosip: MosipDb;
let s: TestServer;
let esignet: EsignetDouble;
let admin: string;
let first: ImportResult;
let clientId: string;
let root: TestCert;
let inter: TestCert;
let original: TestCert;
let signed: TestCert;
let chip: TestCert;

const run = (over: Partial<Parameters<typeof importMosip>[0]> = {}) =>
  importMosip({ store: s.store, dataKey: s.dataKey, pmsUrl: mosip.pmsUrl, keymgrUrl: mosip.keymgrUrl, ...over });

const q = (text: string, values: unknown[] = []) => mosip.pms.query(text, values);
const now = "now() at time zone 'utc'";

/** Row counts of every table the import writes, and of the outbox. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = [
    'partner_type',
    'policy_group',
    'auth_policy',
    'partner',
    'partner_email_claim',
    'partner_contact',
    'user_details',
    'ca_cert_store',
    'partner_cert_store',
    'ftm_chip_cert_store',
    'partner_policy_request',
    'partner_policy',
    'misp_license',
    'partner_policy_bioextract',
    'partner_policy_credential_type',
    'reg_device_type',
    'reg_device_sub_type',
    'secure_biometric_interface',
    'device_detail',
    'device_detail_sbi',
    'ftp_chip_detail',
    'oidc_client',
    'outbox_event',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await s.store.one<{ n: number }>(sql`select count(*)::int as n from ${sql.ident(t)}`))?.n ?? -1;
  return out;
}

async function seedMosip(): Promise<void> {
  const doc = JSON.stringify(samplePolicy());
  await q(
    `insert into pms.policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes) values ($1::text, $1::text, 'imported group', 'pm', true, 'pm', ${now})`,
    [GROUP],
  );
  for (const id of [POLICY, POLICY_2]) {
    await q(
      `insert into pms.auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes)
       values ($1::text, $2, $1::text, 'auth policy', $3, 'Auth', '1', 'https://schemas.mosip.io/v1/auth-policy', ${now}, ${now} + interval '2 years', true, 'pm', ${now})`,
      [id, GROUP, doc],
    );
  }
  // Broken: a policy document that is not JSON, one our schema refuses.
  await q(
    `insert into pms.auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes)
           values ('imp-bad-json', $1, 'imp-bad-json', 'x', '{not json', 'Auth', '1', ${now}, ${now}, false, 'pm', ${now}),
                  ('imp-bad-schema', $1, 'imp-bad-schema', 'x', '{"allowedAuthTypes": 5}', 'Auth', '1', ${now}, ${now}, false, 'pm', ${now})`,
    [GROUP],
  );

  const partner = (id: string, user: string, type: string, group: string | null, extra = '') =>
    q(
      `insert into pms.partner (id, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code, approval_status, is_active, cr_by, cr_dtimes, lang_code)
       values ($1::text, $2, $3, 'Main street 1', '9876543210', $1::text || '@example.org', $5, $4, $6, 'approved', true, 'admin', ${now}, 'eng') ${extra}`,
      [id, group, `Org ${id}`, user, id === PARTNER ? CERT_ID : null, type],
    );
  await partner(PARTNER, USER, 'Auth_Partner', GROUP);
  await partner('imp-misp-1', 'imp-misp-user', 'MISP_Partner', null);
  await partner('imp-device-1', 'imp-device-user', 'Device_Provider', null);
  await partner('imp-ftm-1', 'imp-ftm-user', 'FTM_Provider', null);
  // Broken: a policy group MOSIP never had (MOSIP has no foreign key on it).
  await partner('imp-orphan', 'imp-orphan-user', 'Auth_Partner', 'no-such-group');
  await q(
    `insert into pms.partner_contact (id, partner_id, contact_no, email_id, address, is_active, cr_by, cr_dtimes)
           values ('imp-contact-1', $1, '5550001', 'ops@example.org', 'Back office', true, 'admin', ${now})`,
    [PARTNER],
  );
  await q(
    `insert into pms.user_details (id, user_id, consent_given, consent_given_dtimes, cr_by, cr_dtimes) values ('imp-consent-1', $1::text, 'YES', ${now}, $1::text, ${now})`,
    [USER],
  );

  await q(
    `insert into pms.partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, cr_dtimes, upd_by, upd_dtimes)
           values ('imp-req-1', $1, $2, ${now}, 'KYC', 'approved', $3, ${now}, 'admin', ${now}),
                  ('imp-req-dup', $1, $2, ${now}, 'KYC again', 'InProgress', $3, ${now}, null, null),
                  ('imp-req-odd', $1, $4, ${now}, 'KYC', 'maybe', $3, ${now}, null, null)`,
    [PARTNER, POLICY, USER, POLICY_2],
  );
  await q(
    `insert into pms.partner_policy (policy_api_key, label, part_id, policy_id, valid_from_datetime, valid_to_datetime, is_active, cr_by, cr_dtimes)
           values ($1, 'main key', $2, $3, ${now}, ${now} + interval '1 year', true, $4, ${now})`,
    [API_KEY, PARTNER, POLICY, USER],
  );
  await q(
    `insert into pms.partner_policy_bioextract (id, part_id, policy_id, attribute_name, extractor_provider, extractor_provider_version, biometric_modality, cr_by, cr_dtimes)
           values ('imp-bio-1', $1, $2, 'photo', 'mock', '1.1', 'face', 'admin', ${now})`,
    [PARTNER, POLICY],
  );
  await q(
    `insert into pms.partner_policy_credential_type (part_id, policy_id, credential_type, is_active, cr_by, cr_dtimes) values ($1, $2, 'euin', true, 'admin', ${now})`,
    [PARTNER, POLICY],
  );
  // Two licenses for one MISP: ours holds one per MISP, the active one is kept.
  await q(
    `insert into pms.misp_license (misp_id, license_key, policy_id, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes)
           values ('imp-misp-1', $1, null, ${now}, ${now} + interval '1 year', true, 'admin', ${now}),
                  ('imp-misp-1', 'old-license-key', null, ${now} - interval '2 years', ${now} - interval '1 year', false, 'admin', ${now} - interval '2 years')`,
    [LICENSE],
  );

  await q(`insert into pms.secure_biometric_interface (id, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, cr_dtimes, provider_id, partner_org_name)
           values ('imp-sbi-1', '\\x0102', '1.0.0', ${now}, ${now} + interval '1 year', 'approved', true, 'imp-device-user', ${now}, 'imp-device-1', 'Org imp-device-1')`);
  await q(`insert into pms.device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, approval_status, is_active, cr_by, cr_dtimes)
           values ('imp-dev-1', 'imp-device-1', 'Finger', 'Slap', 'Acme', 'F1', 'Org imp-device-1', 'approved', true, 'imp-device-user', ${now}),
                  ('imp-dev-bad', 'imp-device-1', 'Face', 'Full face', 'Acme', 'X9', 'Org imp-device-1', 'Activated', true, 'imp-device-user', ${now})`);
  await q(`insert into pms.device_detail_sbi (dprovider_id, partner_org_name, device_detail_id, sbi_id, is_active, cr_by, cr_dtimes)
           values ('imp-device-1', 'Org imp-device-1', 'imp-dev-1', 'imp-sbi-1', true, 'imp-device-user', ${now})`);
  await q(`insert into pms.ftp_chip_detail (id, foundational_trust_provider_id, make, model, partner_org_name, is_active, cr_by, cr_dtimes, approval_status)
           values ('imp-chip-1', 'imp-ftm-1', 'Chipco', 'C1', 'Org imp-ftm-1', false, 'imp-ftm-user', ${now}, 'pending_approval'),
                  ('imp-chip-bad', 'imp-ftm-1', null, 'C2', 'Org imp-ftm-1', false, 'imp-ftm-user', ${now}, 'pending_cert_upload')`);
  await q(`update pms.ftp_chip_detail set certificate_alias = 'imp-chip-cert' where id = 'imp-chip-1'`);

  // The OIDC client as MOSIP keeps it: comma-joined lists, and the JWK as sent (private part included).
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const { d: _d, ...pub } = jwk;
  clientId = clientIdOf(parseJwk(pub));
  const client = (id: string, rp: string, key: string) =>
    q(
      `insert into pms.oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods, status, cr_by, cr_dtimes)
       values ($1, 'Health Portal', $2, $3, 'https://health.example/logo.png', 'https://health.example/cb,https://health.example/cb2',
               'name,email,phone_number', 'mosip:idp:acr:generated-code,mosip:idp:acr:biometrics', $4, 'authorization_code', 'private_key_jwt', 'ACTIVE', $5, ${now})`,
      [id, rp, POLICY, key, USER],
    );
  await client(clientId, PARTNER, JSON.stringify(jwk));
  // Broken: its partner is not in MOSIP (MOSIP has no foreign key here).
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  await client('imp-client-orphan', 'no-such-partner', JSON.stringify(other));

  await addGeneratedPartners(mosip.pms, { prefix: 'gen', count: 40, groupId: GROUP, policyId: POLICY });
}

async function seedKeymgr(): Promise<void> {
  root = await certs.root();
  inter = await certs.intermediate(root);
  original = await certs.leaf(inter, { org: `Org ${PARTNER}` });
  const mosipCa = await certs.root({ cn: 'MOSIP PMS' });
  signed = await certs.leaf(mosipCa, { keys: original.keys, org: `Org ${PARTNER}` });
  chip = await certs.leaf(inter, { org: 'Org imp-ftm-1' });
  const ca = (id: string, issuer: string, pem: string, type: string, domain = 'AUTH') =>
    mosip.keymgr.query(
      `insert into keymgr.ca_cert_store (cert_id, cert_subject, cert_issuer, issuer_id, cert_data, cert_thumbprint, partner_domain, cr_by, cr_dtimes, ca_cert_type)
       values ($1, 'CN=x', 'CN=y', $2, $3, $1, $5, 'admin', ${now}, $4)`,
      [id, issuer, pem, type, domain],
    );
  await ca('imp-root', 'imp-root', root.pem, 'ROOT');
  await ca('imp-inter', 'imp-root', inter.pem, 'INTERMEDIATE');
  await ca('imp-root-ftm', 'imp-root-ftm', root.pem, 'ROOT', 'FTM');
  await ca('imp-inter-ftm', 'imp-root-ftm', inter.pem, 'INTERMEDIATE', 'FTM');
  // Broken: an issuer the trust store never had, and data that is no certificate.
  await ca('imp-ca-orphan', 'no-such-ca', (await certs.intermediate(await certs.root())).pem, 'INTERMEDIATE');
  await ca('imp-ca-garbage', 'imp-root', 'not a certificate', 'INTERMEDIATE');
  const cert = (id: string, issuer: string, domain: string, pem: string, signedPem: string | null, org: string) =>
    mosip.keymgr.query(
      `insert into keymgr.partner_cert_store (cert_id, cert_subject, cert_issuer, issuer_id, partner_domain, cert_data, signed_cert_data, organization_name, cr_by, cr_dtimes)
       values ($1, 'CN=p', 'CN=i', $2, $3, $4, $5, $6, 'admin', ${now})`,
      [id, issuer, domain, pem, signedPem, org],
    );
  await cert(CERT_ID, 'imp-inter', 'AUTH', original.pem, signed.pem, `Org ${PARTNER}`);
  await cert('imp-cert-replaced', 'imp-inter', 'AUTH', original.pem, signed.pem, `Org ${PARTNER}`);
  // A chip's certificate, filed under the chip; MOSIP keeps no re-signed copy for FTM.
  await cert('imp-chip-cert', 'imp-inter-ftm', 'FTM', chip.pem, null, 'Org imp-ftm-1');
}

beforeAll(async () => {
  mosip = await createMosipDb();
  await seedMosip();
  await seedKeymgr();
  esignet = await EsignetDouble.start();
  s = await startTestServer({ env: esignet.env() });
  admin = await s.token('admin', ['PARTNER_ADMIN']);
}, 120_000);

afterAll(async () => {
  await s?.close();
  await esignet?.close();
  await mosip?.drop();
});

describe('npm run import:mosip', () => {
  it('a dry run checks and counts everything and writes nothing', async () => {
    const before = await snapshot();
    const r = await run({ dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.failed).toBeUndefined();
    expect(r.counts.find((c) => c.table === 'partner')?.imported).toBe(44 + 9);
    expect(r.counts.find((c) => c.table === 'partner_policy')?.imported).toBe(41 + 13);
    expect(await snapshot()).toEqual(before);
  });

  it('imports every kind of row, refusing broken ones with a report of each', async () => {
    first = await run();
    expect(first.failed).toBeUndefined();
    const count = (t: string) => first.counts.find((c) => c.table === t);
    expect(count('partner')).toMatchObject({ read: 45 + 9, imported: 44 + 9, rejected: 1 });
    expect(count('partner_policy')).toMatchObject({ imported: 41 + 13, rejected: 0 });
    expect(count('partner_policy_request')).toMatchObject({ imported: 41 + 13, rejected: 2 });
    expect(count('oidc_client')).toMatchObject({ imported: 1, rejected: 1 });
    expect(count('ca_cert_store')).toMatchObject({ imported: 4, rejected: 2 });
    expect(count('partner_cert_store')).toMatchObject({ imported: 1, skipped: 2 });
    expect(count('ftm_chip_cert_store')).toMatchObject({ imported: 1, skipped: 2 });
    const refused = first.rejections.map((x) => `${x.table} ${x.id}`);
    expect(refused).toEqual(
      expect.arrayContaining([
        'auth_policy imp-bad-json',
        'auth_policy imp-bad-schema',
        'partner imp-orphan',
        'partner_policy_request imp-req-dup',
        'partner_policy_request imp-req-odd',
        'misp_license imp-misp-1/****-key',
        'device_detail imp-dev-bad',
        'ftp_chip_detail imp-chip-bad',
        'oidc_client imp-client-orphan',
        'ca_cert_store imp-ca-orphan',
        'ca_cert_store imp-ca-garbage',
        // MOSIP's own seed rows that break our rules.
        'auth_policy mpolicy-default-mobile',
        'secure_biometric_interface 618856c8-43fc-4e01-9d9b-67d20a07b352',
        'device_detail mdevice_detail_default_face',
      ]),
    );
    const reason = (id: string) => first.rejections.find((x) => x.id === id)?.reason;
    expect(reason('imp-orphan')).toBe('policy group no-such-group is not in our store (not in MOSIP, or refused)');
    expect(reason('imp-req-dup')).toBe('the partner already has an open (InProgress or approved) request for this policy');
    expect(reason('imp-bad-json')).toBe('policy_file_id is not JSON');
    expect(reason('imp-chip-bad')).toBe('make is missing');
    // Refused rows are not in the store; the rows around them are.
    const ids = async (table: string, col: string, list: string[]) =>
      (
        await s.store.query<{ id: string }>(
          sql`select ${sql.ident(col)} as id from ${sql.ident(table)} where ${sql.ident(col)} = any(${list}::text[]) order by 1`,
        )
      ).map((x) => x.id);
    expect(await ids('partner', 'id', ['imp-orphan', PARTNER, 'gen-p-40'])).toEqual(['gen-p-40', PARTNER]);
    expect(await ids('auth_policy', 'id', ['imp-bad-json', 'imp-bad-schema', POLICY])).toEqual([POLICY]);
    expect(await ids('partner_policy_request', 'id', ['imp-req-1', 'imp-req-dup', 'imp-req-odd'])).toEqual(['imp-req-1']);
    expect(await ids('device_detail', 'id', ['imp-dev-1', 'imp-dev-bad'])).toEqual(['imp-dev-1']);
    expect(await ids('ca_cert_store', 'cert_id', ['imp-root', 'imp-inter', 'imp-ca-orphan', 'imp-ca-garbage'])).toEqual([
      'imp-inter',
      'imp-root',
    ]);
    // OIDC clients are registered in eSignet already: nothing was sent there.
    expect(esignet.mgmtCalls()).toEqual([]);
    // No events unless asked for.
    expect((await s.store.one<{ n: number }>(sql`select count(*)::int as n from outbox_event`))?.n).toBe(0);
  });

  it('keeps owners, statuses, dates and lists as MOSIP had them', async () => {
    const p = await s.store.one<Record<string, unknown>>(
      sql`select user_id, approval_status, is_active, certificate_alias, lang_code from partner where id = ${PARTNER}`,
    );
    expect(p).toEqual({ user_id: USER, approval_status: 'approved', is_active: true, certificate_alias: CERT_ID, lang_code: 'eng' });
    expect(await s.store.one(sql`select partner_id from partner_email_claim where email_id = ${`${PARTNER}@example.org`}`)).toEqual({
      partner_id: PARTNER,
    });
    const mosipDates = (
      await q(`select to_char(valid_to_date, 'YYYY-MM-DD"T"HH24:MI:SS') as t from pms.auth_policy where id = $1`, [POLICY])
    ).rows[0].t;
    const ours = await s.store.one<{ t: string }>(
      sql`select to_char(valid_to_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as t from auth_policy where id = ${POLICY}`,
    );
    expect(ours?.t).toBe(mosipDates);
    const c = await s.store.one<Record<string, any>>(
      sql`select redirect_uris, claims, acr_values, public_key, esignet_status from oidc_client where id = ${clientId}`,
    );
    expect(c?.redirect_uris).toEqual(['https://health.example/cb', 'https://health.example/cb2']);
    expect(c?.claims).toEqual(['name', 'email', 'phone_number']);
    expect(c?.esignet_status).toBe('REGISTERED');
    expect(JSON.parse(c?.public_key)).not.toHaveProperty('d');
    expect(await s.store.one(sql`select consent_given from user_details where user_id = ${USER}`)).toEqual({ consent_given: 'YES' });
    const sbi = await s.store.one<{ h: string }>(
      sql`select encode(sw_binary_hash, 'hex') as h from secure_biometric_interface where id = 'imp-sbi-1'`,
    );
    expect(sbi?.h).toBe('0102');
    expect(
      await s.store.one(sql`select 1 as ok from device_detail_sbi where device_detail_id = 'imp-dev-1' and sbi_id = 'imp-sbi-1'`),
    ).toEqual({ ok: 1 });
  });

  it('stores API and license keys as HMAC and ciphertext only; an imported key is found through the API', async () => {
    const k = await s.store.one<{ key_hmac: string; key_cipher: string }>(
      sql`select key_hmac, key_cipher from partner_policy where part_id = ${PARTNER}`,
    );
    expect(k?.key_hmac).toBe(s.dataKey.hmac(API_KEY));
    expect(k?.key_cipher).not.toContain(API_KEY);
    expect(s.dataKey.decrypt(k!.key_cipher).toString()).toBe(API_KEY);
    const leaked = await s.store.one<{ n: number }>(sql`
      select count(*)::int as n from partner_policy p where p::text like ${`%${API_KEY}%`}`);
    expect(leaked?.n).toBe(0);
    const found = await s.call('GET', `${BASE}/partners/${PARTNER}/apikey/${API_KEY}`, { token: admin });
    expect(found.body.response).toEqual({ partnerID: PARTNER, policyId: POLICY });
    const gen = await generatedKey(mosip.pms, 'gen', 7);
    expect((await s.call('GET', `${BASE}/partners/gen-p-7/apikey/${gen}`, { token: admin })).body.response).toEqual({
      partnerID: 'gen-p-7',
      policyId: POLICY,
    });
    expect((await s.call('GET', `${BASE}/partners/${PARTNER}/apikey/${API_KEY}x`, { token: admin })).body.errors[0].errorCode).toBe(
      'PMS_PMP_009',
    );
    const lic = await s.store.one<{ key_hmac: string; key_hint: string; is_active: boolean }>(
      sql`select key_hmac, key_hint, is_active from misp_license where misp_id = 'imp-misp-1'`,
    );
    expect(lic).toEqual({ key_hmac: s.dataKey.hmac(LICENSE), key_hint: LICENSE.slice(-4), is_active: true });
  });

  it('an imported partner requests a policy, and updates its imported OIDC client (eSignet double)', async () => {
    const token = await s.token(USER, ['AUTH_PARTNER']);
    const mapped = await s.call('POST', `${BASE}/partners/${PARTNER}/policy/map`, {
      token,
      body: envelope({ policyName: POLICY_2, useCaseDescription: 'second use' }),
    });
    expect(mapped.body.errors).toEqual([]);
    const req = await s.store.one(
      sql`select part_id, policy_id, status_code from partner_policy_request where id = ${mapped.body.response.mappingkey}`,
    );
    expect(req).toEqual({ part_id: PARTNER, policy_id: expect.any(String), status_code: 'InProgress' });
    // The client is registered in eSignet already (by MOSIP): the double holds it as eSignet would.
    const row = await s.store.one<Record<string, any>>(sql`select * from oidc_client where id = ${clientId}`);
    esignet.clients.set(clientId, {
      id: clientId,
      name: row!.name,
      rpId: PARTNER,
      publicKey: JSON.parse(row!.public_key),
      publicKeyHash: 'imported',
      claims: row!.claims,
      acrValues: row!.acr_values,
      logoUri: row!.logo_uri,
      redirectUris: row!.redirect_uris,
      grantTypes: row!.grant_types,
      authMethods: row!.auth_methods,
      status: 'ACTIVE',
      updates: 0,
    });
    const updated = await s.call('PUT', `${BASE}/oauth/client/${clientId}`, {
      token,
      body: envelope({
        logoUri: 'https://health.example/logo2.png',
        redirectUris: ['https://health.example/cb3'],
        status: 'ACTIVE',
        grantTypes: ['authorization_code'],
        clientName: 'Health Portal 2',
        clientAuthMethods: ['private_key_jwt'],
        clientNameLangMap: { eng: 'Health Portal 2' },
      }),
    });
    expect(updated.body.errors).toEqual([]);
    expect(updated.body.response).toMatchObject({ clientId, status: 'ACTIVE' });
    expect(esignet.clients.get(clientId)).toMatchObject({
      logoUri: 'https://health.example/logo2.png',
      redirectUris: ['https://health.example/cb3'],
      updates: 1,
    });
    expect(await s.store.one(sql`select logo_uri, redirect_uris from oidc_client where id = ${clientId}`)).toEqual({
      logo_uri: 'https://health.example/logo2.png',
      redirect_uris: ['https://health.example/cb3'],
    });
  });

  it("an imported partner's certificate chains to its imported root", async () => {
    const token = await s.token(USER, ['AUTH_PARTNER']);
    const data = await s.call('GET', `${BASE}/partners/${PARTNER}/certificate-data`, { token });
    expect(data.body.errors).toEqual([]);
    const ca = certFromPem(data.body.response.caSignedCertificateData);
    expect(ca.fingerprint).toBe(certFromPem(original.pem).fingerprint);
    expect(certFromPem(data.body.response.mosipSignedCertificateData).fingerprint).toBe(certFromPem(signed.pem).fingerprint);
    const file = await s.call('GET', `${BASE}/trust-chain-certificates/imp-inter/certificateFile`, { token: admin });
    const chain = readCertificates(Buffer.from(file.body.response.p7bFile, 'base64url').toString('base64'), { bundles: true });
    expect(chain.map((c) => c.fingerprint)).toEqual([certFromPem(inter.pem).fingerprint, certFromPem(root.pem).fingerprint]);
    expect(issuedBy(ca, chain[0]!)).toBe(true);
    expect(issuedBy(chain[0]!, chain[1]!)).toBe(true);
    expect(isSelfSigned(chain[1]!)).toBe(true);
    // The FTM chip's certificate, as its provider reads it.
    const ftm = await s.token('imp-ftm-user', ['FTM_PROVIDER']);
    const chipCert = await s.call('GET', `${BASE}/ftpchipdetail/getPartnerCertificate/imp-chip-1`, { token: ftm });
    expect(chipCert.body.errors ?? []).toEqual([]);
    expect(certFromPem(chipCert.body.response.certificateData).fingerprint).toBe(certFromPem(chip.pem).fingerprint);
  });

  it('a second run changes nothing', async () => {
    const before = await snapshot();
    const keyRow = await s.store.one(sql`select id, key_cipher from partner_policy where part_id = ${PARTNER}`);
    const again = await run();
    expect(again.failed).toBeUndefined();
    expect(again.counts.reduce((n, c) => n + c.imported, 0)).toBe(0);
    expect(again.rejections.map((x) => `${x.table} ${x.id}`).sort()).toEqual(first.rejections.map((x) => `${x.table} ${x.id}`).sort());
    expect(await snapshot()).toEqual(before);
    expect(await s.store.one(sql`select id, key_cipher from partner_policy where part_id = ${PARTNER}`)).toEqual(keyRow);
  });

  it('a table that fails is rolled back whole; running again resumes and finishes', async () => {
    await addGeneratedPartners(mosip.pms, { prefix: 'late', count: 3, groupId: GROUP, policyId: POLICY });
    await q(
      `insert into pms.partner_contact (id, partner_id, contact_no, is_active, cr_by, cr_dtimes) values ('late-contact', 'late-p-1', '1', true, 'a', ${now}), ('late-boom', 'late-p-2', '2', true, 'a', ${now})`,
    );
    await q(`update pms.partner set partner_type_code = 'MISP_Partner', policy_group_id = null where id = 'late-p-3'`);
    await q(`delete from pms.partner_policy where part_id = 'late-p-3'`);
    await q(`delete from pms.partner_policy_request where part_id = 'late-p-3'`);
    await q(`insert into pms.misp_license (misp_id, license_key, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes)
             values ('late-p-3', 'late-license-key-0123456789abcdef', ${now}, ${now} + interval '1 year', true, 'admin', ${now})`);
    // A fault while writing contacts, as a crash or a lost connection would be.
    await s.store.script(`
      create function imp_boom() returns trigger language plpgsql as $$ begin
        if new.id = 'late-boom' then raise exception 'simulated failure'; end if; return new; end $$;
      create trigger imp_boom before insert on partner_contact for each row execute function imp_boom();`);
    const cut = await run();
    expect(cut.failed).toEqual({ table: 'partner_contact', error: expect.stringContaining('simulated failure') });
    expect((await s.store.query(sql`select id from partner where id like 'late-p-%'`)).length).toBe(3);
    expect(await s.store.query(sql`select id from partner_contact where id like 'late-%'`)).toEqual([]);
    expect(await s.store.query(sql`select id from partner_policy_request where id like 'late-r-%'`)).toEqual([]);
    await s.store.script('drop trigger imp_boom on partner_contact; drop function imp_boom();');
    // Written in MOSIP meanwhile: the resumed run picks it up too.
    await q(
      `insert into pms.auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes)
             values ('late-policy', $1, 'late-policy', 'later policy', $2, 'Auth', '1', 'https://schemas.mosip.io/v1/auth-policy', ${now}, ${now} + interval '1 year', true, 'pm', ${now})`,
      [GROUP, JSON.stringify(samplePolicy())],
    );
    const seqBefore = (await s.store.one<{ n: number }>(sql`select coalesce(max(seq), 0)::int as n from outbox_event`))?.n ?? 0;
    const resumed = await run({ emitEvents: true });
    expect(resumed.failed).toBeUndefined();
    const count = (t: string) => resumed.counts.find((c) => c.table === t);
    expect(count('partner')).toMatchObject({ imported: 0 });
    expect(count('partner_contact')).toMatchObject({ imported: 2 });
    expect(count('partner_policy')).toMatchObject({ imported: 2 });
    // --emit-events: what this run wrote (and nothing imported before) is announced for IDA.
    const all = await s.store.query<{ topic: string; payload: any; sealed_payload: string | null }>(
      sql`select topic, payload, sealed_payload from outbox_event where seq > ${seqBefore} order by seq`,
    );
    expect(all.map((e) => e.topic)).toEqual(['POLICY_UPDATED', 'APIKEY_APPROVED', 'APIKEY_APPROVED', 'MISP_LICENSE_GENERATED']);
    expect(all[0]!.payload.event.data.policyData).toMatchObject({
      policyId: 'late-policy',
      policyStatus: 'ACTIVE',
      policy: samplePolicy(),
    });
    const license = JSON.parse(s.dataKey.decrypt(all[3]!.sealed_payload!).toString());
    expect(license.event.data.mispLicenseData).toMatchObject({
      mispId: 'late-p-3',
      licenseKey: 'late-license-key-0123456789abcdef',
      mispStatus: 'ACTIVE',
    });
    const events = all.filter((e) => e.topic === 'APIKEY_APPROVED');
    const opened = JSON.parse(s.dataKey.decrypt(events[0]!.sealed_payload!).toString());
    expect(opened.event.data.apiKeyData.apiKeyId).toBe(await generatedKey(mosip.pms, 'late', 1));
    expect(opened.event.data.partnerData).toMatchObject({ partnerId: 'late-p-1', partnerStatus: 'ACTIVE' });
    expect(opened.event.data.policyData).toMatchObject({ policyId: POLICY, policyStatus: 'ACTIVE' });
    expect(JSON.stringify(events[0]!.payload)).not.toContain(opened.event.data.apiKeyData.apiKeyId);
  });
});
