import { generateKeyPairSync } from 'node:crypto';
import { sql } from '../../src/platform/db/sql.js';
import { oidcClientsModule, type OidcRuntime } from '../../src/oidc-clients/index.js';
import type { CrashHooks } from '../../src/oidc-clients/consistency.js';
import { oidcSettings } from '../../src/oidc-clients/settings.js';
import { partnersModule } from '../../src/partners/index.js';
import { partnerSettings } from '../../src/partners/settings.js';
import { policiesModule } from '../../src/policies/index.js';
import { trustModule } from '../../src/trust/index.js';
import { trustSettings } from '../../src/trust/settings.js';
import { certs, type TestCert } from '../support/certs.js';
import type { EsignetDouble } from '../support/esignet-double.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { createGroup, createPolicy, publish, unique } from '../policies/helpers.js';
import { uploadCas, uploadPartnerCert } from '../trust/fixtures.js';

/** The spec's sample policy (the worked example behind docs/oidc-clients.md). */
export const samplePolicy = () => ({
  authTokenType: 'policy',
  allowedKycAttributes: ['fullName', 'gender', 'phone', 'email', 'dateOfBirth', 'city', 'face', 'addressLine1'].map((attributeName) => ({
    attributeName,
  })),
  allowedAuthTypes: [
    ['bio', 'IRIS'],
    ['bio', 'FINGER'],
    ['otp', ''],
    ['bio', 'FACE'],
    ['otp-request', ''],
    ['kycauth', ''],
    ['kycexchange', ''],
    ['wla', ''],
  ].map(([authType, authSubType]) => ({ authType, authSubType, mandatory: false })),
  kycLanguages: ['eng'],
});

/** Claims and ACRs the sample policy gives with the bundled files, in mapping-file order. */
export const SAMPLE_CLAIMS = ['name', 'gender', 'email', 'birthdate', 'picture', 'phone_number', 'address'];
export const SAMPLE_ACRS = ['mosip:idp:acr:generated-code', 'mosip:idp:acr:linked-wallet', 'mosip:idp:acr:biometrics'];

export interface OidcTestEnv {
  s: TestServer;
  runtime: () => OidcRuntime;
  admin: string;
  ca: TestCert;
  groupName: string;
  policyId: string;
  policyName: string;
  /** Expires every lease, as time passing after a restart would. */
  expireLeases(): Promise<void>;
  close(): Promise<void>;
}

export async function startOidc(
  opts: { esignet?: EsignetDouble; env?: Record<string, string>; hooks?: CrashHooks } = {},
): Promise<OidcTestEnv> {
  let rt: OidcRuntime | undefined;
  const env = { ...(opts.esignet?.env() ?? {}), ...opts.env };
  const settings = oidcSettings(env, {
    baseUrl: env.PMS_ESIGNET_BASE_URL,
    tokenUrl: env.PMS_ESIGNET_TOKEN_URL,
    clientId: env.PMS_ESIGNET_CLIENT_ID,
    clientSecret: env.PMS_ESIGNET_CLIENT_SECRET,
  });
  const s = await startTestServer({
    modules: [
      trustModule(trustSettings({})),
      policiesModule,
      partnersModule(partnerSettings({})),
      oidcClientsModule({ settings, hooks: opts.hooks, graceMs: 0, expose: (r) => (rt = r) }),
    ],
  });
  const admin = await s.token('oidc-admin', ['PARTNER_ADMIN']);
  const root = await certs.root({ key: { type: 'rsa' } });
  const ca = await certs.intermediate(root);
  await uploadCas(s, admin, 'AUTH', root, ca);
  const group = await createGroup(s, admin, unique('oidc-grp'));
  const policy = await createPolicy(s, admin, group.name, { policies: samplePolicy() });
  await publish(s, admin, policy.id, group.id);
  return {
    s,
    runtime: () => rt as OidcRuntime,
    admin,
    ca,
    groupName: group.name,
    policyId: policy.id,
    policyName: policy.name,
    expireLeases: async () => {
      await s.store.exec(sql`update oidc_client_op set lease_until = now() - interval '1 second' where state in ('PENDING', 'UNDO')`);
    },
    close: () => s.close(),
  };
}

let n = 0;

export interface TestPartner {
  id: string;
  user: string;
  token: string;
  org: string;
}

/**
 * An Auth partner registered through the API by its own user, approved and activated by a
 * certificate upload, with an approved request for `policyId` (inserted until the policy
 * request API exists).
 */
export async function authPartner(
  e: OidcTestEnv,
  o: { approved?: boolean; policyId?: string; type?: string; certificate?: boolean } = {},
): Promise<TestPartner> {
  const id = `oidc-p-${process.pid}-${++n}`;
  const user = `oidc-u-${process.pid}-${n}`;
  const org = `Org ${id}`;
  const token = await e.s.token(user, ['AUTH_PARTNER'], { email: `${user}@tokens.example.org` });
  const type = o.type ?? 'Auth_Partner';
  const reg = await e.s.call('POST', '/v1/partnermanager/partners', {
    token,
    body: envelope({
      partnerId: id,
      policyGroup: e.groupName,
      organizationName: org,
      address: 'Street 1',
      contactNumber: '9876543210',
      emailId: `${id}@example.org`,
      partnerType: type,
    }),
  });
  if (reg.body.errors?.length) throw new Error(`registration failed: ${reg.text}`);
  if (o.certificate !== false) {
    const leaf = await certs.leaf(e.ca, { org, key: { type: 'rsa' } });
    const up = await uploadPartnerCert(e.s, token, id, leaf.pem, type === 'Auth_Partner' ? 'AUTH' : 'AUTH');
    if (up.body.errors?.length) throw new Error(`certificate upload failed: ${up.text}`);
  }
  await e.s.store.exec(sql`
    insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by)
    values (${`ppr-${id}`}, ${id}, ${o.policyId ?? e.policyId}, now(), 'test', ${o.approved === false ? 'InProgress' : 'approved'}, ${user})`);
  return { id, user, token, org };
}

export const ecKey = () => {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string, use: 'sig', alg: 'ES256' } as Record<string, unknown>;
};

export const rsaKey = (bits = 2048) => {
  const jwk = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', n: jwk.n as string, e: jwk.e as string, use: 'sig', alg: 'RS256', kid: `k-${++n}` } as Record<string, unknown>;
};

export function createBody(e: OidcTestEnv, p: TestPartner, over: Record<string, unknown> = {}) {
  return {
    name: 'Health Portal',
    policyId: e.policyId,
    publicKey: ecKey(),
    authPartnerId: p.id,
    logoUri: 'https://health-services.example/logo.png',
    redirectUris: ['https://healthservices.example/userprofile'],
    grantTypes: ['authorization_code'],
    clientAuthMethods: ['private_key_jwt'],
    clientNameLangMap: { eng: 'Health Portal', fra: 'Portail Santé' },
    ...over,
  };
}

export function updateBody(over: Record<string, unknown> = {}) {
  return {
    logoUri: 'https://health-services.example/logo2.png',
    redirectUris: ['https://healthservices.example/cb2'],
    status: 'ACTIVE',
    grantTypes: ['authorization_code'],
    clientName: 'Health Portal 2',
    clientAuthMethods: ['private_key_jwt'],
    clientNameLangMap: { eng: 'Health Portal 2' },
    ...over,
  };
}

export const V1 = '/v1/partnermanager/oidc/client';
export const V2 = '/v1/partnermanager/oauth/client';

export const createV2 = (e: OidcTestEnv, token: string, body: Record<string, unknown>) =>
  e.s.call('POST', V2, { token, body: envelope(body) });
export const createV1 = (e: OidcTestEnv, token: string, body: Record<string, unknown>) => {
  const { clientNameLangMap: _m, ...rest } = body;
  return e.s.call('POST', V1, { token, body: envelope(rest) });
};
export const updateV2 = (e: OidcTestEnv, token: string, id: string, body: Record<string, unknown>) =>
  e.s.call('PUT', `${V2}/${encodeURIComponent(id)}`, { token, body: envelope(body) });

export const clientRow = (e: OidcTestEnv, id: string) =>
  e.s.store.one<Record<string, any>>(sql`select * from oidc_client where id = ${id}`);
export const opRow = (e: OidcTestEnv, id: string) =>
  e.s.store.one<Record<string, any>>(sql`select * from oidc_client_op where client_id = ${id}`);
export const events = (e: OidcTestEnv, topic: string) =>
  e.s.store
    .query<{ payload: any }>(sql`select payload from outbox_event where topic = ${topic} order by seq`)
    .then((r) => r.map((x) => x.payload));
export const countClients = async (e: OidcTestEnv) =>
  (await e.s.store.one<{ n: number }>(sql`select count(*)::int as n from oidc_client`))?.n ?? 0;
export const err = (r: { body: any }) => r.body.errors?.[0] as { errorCode: string | null; message: string } | undefined;
