import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/identity/mint.js';
import { ConfigError } from '../../src/platform/config.js';
import { sql } from '../../src/platform/db/sql.js';
import { userAccountsModule } from '../../src/users/accounts/index.js';
import { embeddedProvider } from '../../src/users/accounts/providers.js';
import { adminUrlOf, userAccountSettings } from '../../src/users/settings.js';
import { Browser, formOf } from '../support/browser.js';
import { freePort, startEmbeddedServer, type EmbeddedTestServer } from '../support/embedded-server.js';
import { KeycloakAdminDouble } from '../support/keycloak-admin-double.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';

const PATH = '/v1/partnermanager/users';
const PASSWORD = 'Tr0ub4dor&3-horse';
const NOT_BLANK = 'should not be null or empty';

const valid = (over: Record<string, unknown> = {}) => ({
  userName: 'newuser1',
  firstName: 'New',
  lastName: 'User',
  contactNo: '9876543210',
  emailID: 'new1@example.org',
  organizationName: 'New Org',
  role: 'AUTH_PARTNER',
  partnerId: 'newuser1',
  userPassword: PASSWORD,
  ...over,
});

type Body = {
  id: string | null;
  version: string | null;
  response: Record<string, unknown> | null;
  errors: Array<{ errorCode: string; message: string }>;
};

const MOSIP_USER_NULLS = { mobile: null, mail: null, langCode: null, userPassword: null, name: null, rid: null, token: null };

/** Every field rule: the change to a valid request and MOSIP's PMS_COR_001 text for it. */
const BAD_INPUT: Array<[string, Record<string, unknown>, string]> = [
  ['userName missing', { userName: undefined }, `${NOT_BLANK} :request.userName`],
  ['userName null', { userName: null }, `${NOT_BLANK} :request.userName`],
  ['userName blank', { userName: '   ' }, `${NOT_BLANK} :request.userName`],
  ['userName with a space', { userName: 'new user' }, 'must not contain spaces :request.userName'],
  ['userName too long', { userName: 'u'.repeat(65) }, 'size must be between 0 and 64 :request.userName'],
  ['contactNo missing', { contactNo: undefined }, `${NOT_BLANK} :request.contactNo`],
  ['contactNo empty', { contactNo: '' }, `${NOT_BLANK} :request.contactNo`],
  ['contactNo too long', { contactNo: '1'.repeat(17) }, 'size must be between 0 and 16 :request.contactNo'],
  ['emailID missing', { emailID: undefined }, `${NOT_BLANK} :request.emailID`],
  ['emailID blank', { emailID: ' ' }, `${NOT_BLANK} :request.emailID`],
  ['emailID not an address', { emailID: 'not-an-address' }, 'must be a valid email :request.emailID'],
  ['emailID too long', { emailID: `${'e'.repeat(250)}@x.org` }, 'size must be between 0 and 254 :request.emailID'],
  ['userPassword missing', { userPassword: undefined }, `${NOT_BLANK} :request.userPassword`],
  ['userPassword blank', { userPassword: '        ' }, `${NOT_BLANK} :request.userPassword`],
  ['userPassword too short', { userPassword: 'Ab1!xyz' }, 'size must be between 8 and 128 :request.userPassword'],
  ['userPassword too long', { userPassword: 'p'.repeat(129) }, 'size must be between 8 and 128 :request.userPassword'],
  ['firstName too long', { firstName: 'f'.repeat(64) }, 'size must be between 0 and 63 :request.firstName'],
  ['lastName too long', { lastName: 'l'.repeat(64) }, 'size must be between 0 and 63 :request.lastName'],
  ['lastName not text', { lastName: [7] }, 'must be string :request.lastName'],
  ['organizationName too long', { organizationName: 'o'.repeat(129) }, 'size must be between 0 and 128 :request.organizationName'],
  ['role too long', { role: 'R'.repeat(65) }, 'size must be between 0 and 64 :request.role'],
  ['partnerId too long', { partnerId: 'p'.repeat(37) }, 'size must be between 0 and 36 :request.partnerId'],
];

function expectCor001(body: Body, message: string) {
  expect(body).toMatchObject({
    id: null,
    version: null,
    response: null,
    errors: [{ errorCode: 'PMS_COR_001', message: `Invalid request parameter - ${message}` }],
  });
}

function expectError(body: Body, errorCode: string, message: string) {
  expect(body).toMatchObject({ id: 'mosip.partnermanagement', version: '1.0', response: null, errors: [{ errorCode, message }] });
}

const auditRows = (store: TestServer['store'], userName: string) =>
  store.query<{ actor: string; action: string; detail: Record<string, unknown> }>(
    sql`select actor, action, detail from audit_log where entity_type = 'user' and entity_id = ${userName} order by id`,
  );

describe('settings', () => {
  it("derives Keycloak's admin URL from the issuer and checks the credentials come in pairs", () => {
    expect(adminUrlOf('https://iam.example.org/auth/realms/mosip')).toBe('https://iam.example.org/auth/admin/realms/mosip');
    expect(adminUrlOf('https://login.example.org/oidc')).toBeUndefined();
    expect(userAccountSettings(undefined, { PMS_KEYCLOAK_ADMIN_CLIENT_ID: 'x' })).toEqual({ mode: 'embedded' });
    expect(userAccountSettings('https://iam.example.org/realms/mosip', {})).toEqual({ mode: 'keycloak' });
    expect(
      userAccountSettings('https://iam.example.org/realms/mosip', {
        PMS_KEYCLOAK_ADMIN_CLIENT_ID: 'pms',
        PMS_KEYCLOAK_ADMIN_CLIENT_SECRET: 's',
      }),
    ).toEqual({
      mode: 'keycloak',
      admin: {
        adminUrl: 'https://iam.example.org/admin/realms/mosip',
        tokenUrl: 'https://iam.example.org/realms/mosip/protocol/openid-connect/token',
        clientId: 'pms',
        clientSecret: 's',
        timeoutMs: 10_000,
      },
    });
    const bad: Array<[string, Record<string, string>, RegExp]> = [
      ['https://iam.example.org/realms/mosip', { PMS_KEYCLOAK_ADMIN_CLIENT_ID: 'pms' }, /must be set together/],
      ['https://iam.example.org/realms/mosip', { PMS_KEYCLOAK_ADMIN_CLIENT_SECRET: 's' }, /must be set together/],
      [
        'https://login.example.org/oidc',
        { PMS_KEYCLOAK_ADMIN_CLIENT_ID: 'pms', PMS_KEYCLOAK_ADMIN_CLIENT_SECRET: 's' },
        /PMS_KEYCLOAK_ADMIN_URL must be set/,
      ],
      ['https://iam.example.org/realms/mosip', { PMS_KEYCLOAK_ADMIN_URL: 'ftp://x' }, /PMS_KEYCLOAK_ADMIN_URL must use http/],
      ['https://iam.example.org/realms/mosip', { PMS_KEYCLOAK_TOKEN_URL: 'not a url' }, /PMS_KEYCLOAK_TOKEN_URL must be an absolute URL/],
      ['https://iam.example.org/realms/mosip', { PMS_KEYCLOAK_TIMEOUT_MS: '5' }, /PMS_KEYCLOAK_TIMEOUT_MS must be a whole number/],
    ];
    for (const [issuer, env, message] of bad) {
      expect(() => userAccountSettings(issuer, env)).toThrow(ConfigError);
      expect(() => userAccountSettings(issuer, env)).toThrow(message);
    }
  });
});

describe('Keycloak mode (PMS_AUTH_ISSUER set)', () => {
  let kc: KeycloakAdminDouble;
  let s: TestServer;
  let admin: string;
  let partner: string;
  const create = (request: unknown, token = admin) => s.call<Body>('POST', PATH, { token, body: envelope(request) });

  beforeAll(async () => {
    // The realm lacks SDK_PARTNER on purpose.
    kc = await KeycloakAdminDouble.start({ roles: ['AUTH_PARTNER', 'DEVICE_PROVIDER', 'PARTNER_ADMIN', 'POLICYMANAGER'] });
    s = await startTestServer({ modules: [userAccountsModule(kc.env())] });
    admin = await s.token('padmin', ['PARTNER_ADMIN']);
    partner = await s.token('ap1', ['AUTH_PARTNER']);
  });
  afterAll(async () => {
    await s.close();
    await kc.close();
  });

  it('creates the user with password, attributes and realm role; answers MosipUserDto; audits without secrets', async () => {
    const r = await create(valid());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: null, version: null, metadata: null, errors: [] });
    expect(r.body.response).toEqual({ userId: 'newuser1', ...MOSIP_USER_NULLS, role: 'AUTH_PARTNER' });
    expect(r.text).not.toContain(PASSWORD);

    const user = kc.userNamed('newuser1')!;
    expect(user).toMatchObject({
      username: 'newuser1',
      email: 'new1@example.org',
      firstName: 'New',
      lastName: 'User',
      enabled: true,
      attributes: { mobile: ['9876543210'], organizationName: ['New Org'], partnerId: ['newuser1'] },
      credentials: [{ type: 'password', value: PASSWORD, temporary: false }],
      realmRoles: ['AUTH_PARTNER'],
    });
    // Every admin call carried the service token from the client-credentials grant.
    const adminCalls = kc.requests.filter((q) => q.path.startsWith('/admin/'));
    expect(adminCalls.map((q) => `${q.method} ${q.path.replace(user.id, '{id}')}`)).toEqual([
      'POST /admin/realms/mosip/users',
      'GET /admin/realms/mosip/roles/AUTH_PARTNER',
      'POST /admin/realms/mosip/users/{id}/role-mappings/realm',
    ]);
    expect(adminCalls.every((q) => /^Bearer kc-/.test(q.authorization ?? ''))).toBe(true);

    const audit = await auditRows(s.store, 'newuser1');
    expect(audit).toEqual([
      {
        actor: 'padmin',
        action: 'user.create',
        detail: {
          provider: 'keycloak',
          requestedRole: 'AUTH_PARTNER',
          grantedRole: 'AUTH_PARTNER',
          partnerId: 'newuser1',
          organizationName: 'New Org',
        },
      },
    ]);
    const everything = JSON.stringify(await s.store.query(sql`select * from audit_log`));
    for (const secret of [PASSWORD, '9876543210', 'new1@example.org']) expect(everything).not.toContain(secret);
  });

  it('lets a partner create a partner user; reuses the service token', async () => {
    const issued = kc.tokensIssued;
    const r = await create(
      valid({
        userName: 'device7',
        emailID: 'd7@example.org',
        role: 'DEVICE_PROVIDER',
        firstName: null,
        lastName: null,
        organizationName: null,
        partnerId: null,
      }),
      partner,
    );
    expect(r.body.response).toMatchObject({ userId: 'device7', role: 'DEVICE_PROVIDER' });
    const user = kc.userNamed('device7')!;
    expect(user.realmRoles).toEqual(['DEVICE_PROVIDER']);
    expect(user.attributes).toEqual({ mobile: ['9876543210'] });
    expect(user.firstName).toBeUndefined();
    expect(kc.tokensIssued).toBe(issued);
    expect((await auditRows(s.store, 'device7'))[0]!.actor).toBe('ap1');
  });

  it('creates the user without a mapping when the realm lacks the role, or none is asked for', async () => {
    const before = kc.requests.length;
    const missing = await create(valid({ userName: 'sdk1', emailID: 'sdk1@example.org', role: 'SDK_PARTNER' }), partner);
    expect(missing.body).toMatchObject({ errors: [], response: { userId: 'sdk1', role: null } });
    expect(kc.userNamed('sdk1')!.realmRoles).toEqual([]);
    expect(kc.requests.slice(before).some((q) => q.path.includes('role-mappings'))).toBe(false);

    const unknown = await create(valid({ userName: 'odd1', emailID: 'odd1@example.org', role: 'NO_SUCH_ROLE' }));
    expect(unknown.body.response).toMatchObject({ userId: 'odd1', role: null });
    expect(kc.userNamed('odd1')!.realmRoles).toEqual([]);

    const mark = kc.requests.length;
    const none = await create(valid({ userName: 'plain1', emailID: 'plain1@example.org', role: undefined }));
    expect(none.body.response).toMatchObject({ userId: 'plain1', role: null });
    expect(kc.requests.slice(mark).map((q) => q.path)).toEqual(['/admin/realms/mosip/users']);
    expect((await auditRows(s.store, 'sdk1'))[0]!.detail).toMatchObject({ requestedRole: 'SDK_PARTNER', grantedRole: null });
  });

  it("refuses duplicate usernames (any case) and e-mail addresses with MOSIP's PMS_ATH_500; nothing changes", async () => {
    const count = kc.users.size;
    for (const request of [
      valid({ emailID: 'other@example.org' }),
      valid({ userName: 'NewUser1', emailID: 'other@example.org' }),
      valid({ userName: 'fresh1', emailID: 'NEW1@example.org' }),
    ]) {
      const r = await create(request);
      expect(r.status).toBe(200);
      expectError(r.body, 'PMS_ATH_500', 'Server error occured,Please check the logs ');
    }
    expect(kc.users.size).toBe(count);
    expect(kc.userNamed('newuser1')!.credentials[0]!.value).toBe(PASSWORD);
    expect(await auditRows(s.store, 'fresh1')).toEqual([]);
    expect(await auditRows(s.store, 'newuser1')).toHaveLength(1);
  });

  it('refuses a name that owns a partner without an account (takeover) and never calls Keycloak', async () => {
    await s.store.exec(sql`
      insert into partner (id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active, cr_by)
      values ('kc-orphan-p', 'KC Orphan Org', 'addr', '9999999999', 'kc-orphan@example.org', 'kcorphan', 'Auth_Partner', 'approved', true, 'script')`);
    const before = kc.requests.length;
    const r = await create(valid({ userName: 'KCOrphan', emailID: 'kco@example.org' }), partner);
    expectError(r.body, 'PMS_ATH_500', 'Server error occured,Please check the logs ');
    expect(kc.requests.length).toBe(before);
    expect(kc.userNamed('kcorphan')).toBeUndefined();
  });

  it.each(BAD_INPUT)('refuses %s with PMS_COR_001 and calls nothing', async (_name, change, message) => {
    const before = kc.requests.length;
    const r = await create(valid({ userName: 'badinput', emailID: 'bad@example.org', ...change }));
    expect(r.status).toBe(200);
    expectCor001(r.body, message);
    expect(r.text).not.toContain(PASSWORD);
    expect(kc.requests.length).toBe(before);
    expect(kc.userNamed('badinput')).toBeUndefined();
  });

  it('refuses a request without its request member or with a non-object one', async () => {
    const none = await s.call<Body>('POST', PATH, { token: admin, body: { id: 'x', version: '1.0' } });
    expectCor001(none.body, 'must not be null :request');
    const text = await create('text');
    expect(text.body.errors[0]!.errorCode).toBe('PMS_COR_001');
  });

  it('lets only a partner admin grant a role outside the partner roles', async () => {
    for (const role of ['PARTNER_ADMIN', 'POLICYMANAGER', 'ID_AUTHENTICATION']) {
      const r = await create(valid({ userName: 'climber', emailID: 'climber@example.org', role }), partner);
      expectError(r.body, 'PMS_USER_001', `Only a partner admin can grant the role ${role}`);
    }
    expect(kc.userNamed('climber')).toBeUndefined();
    const ok = await create(valid({ userName: 'admin2', emailID: 'admin2@example.org', role: 'PARTNER_ADMIN' }));
    expect(ok.body.response).toMatchObject({ userId: 'admin2', role: 'PARTNER_ADMIN' });
    expect(kc.userNamed('admin2')!.realmRoles).toEqual(['PARTNER_ADMIN']);
  });

  it('answers KER-ATH-403 to callers without one of the ten roles and KER-ATH-401 without a token', async () => {
    for (const roles of [['POLICYMANAGER'], ['PARTNERMANAGER'], ['PARTNER'], []]) {
      const r = await create(valid({ userName: 'nope1', emailID: 'nope1@example.org' }), await s.token('someone', roles));
      expect(r.status).toBe(403);
      expect(r.body.errors).toEqual([{ errorCode: 'KER-ATH-403', message: 'Forbidden' }]);
    }
    const anonymous = await s.call<Body>('POST', PATH, { body: envelope(valid({ userName: 'nope1' })) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0]!.errorCode).toBe('KER-ATH-401');
    expect(kc.userNamed('nope1')).toBeUndefined();
  });

  it('removes the new user again when mapping an existing role fails', async () => {
    kc.failures.set('map-role', 500);
    try {
      const r = await create(valid({ userName: 'halfway', emailID: 'halfway@example.org' }));
      expectError(r.body, 'PMS_ATH_500', 'Server error occured,Please check the logs ');
      expect(kc.userNamed('halfway')).toBeUndefined();
      expect(kc.requests.at(-1)!.method).toBe('DELETE');
      expect(await auditRows(s.store, 'halfway')).toEqual([]);
    } finally {
      kc.failures.clear();
    }
  });

  it("maps Keycloak's own failures: 5xx → PMS_ATH_500, refused service account → PMS_KKS_001", async () => {
    kc.failures.set('create-user', 500);
    expectError(
      (await create(valid({ userName: 'kc500', emailID: 'kc500@example.org' }))).body,
      'PMS_ATH_500',
      'Server error occured,Please check the logs ',
    );
    kc.failures.set('create-user', 403);
    expectError(
      (await create(valid({ userName: 'kc403', emailID: 'kc403@example.org' }))).body,
      'PMS_KKS_001',
      'Error while accessing the API.Please check the logs.',
    );
    kc.failures.clear();
    expect(kc.userNamed('kc500')).toBeUndefined();
    expect(kc.userNamed('kc403')).toBeUndefined();
  });

  it('documents the endpoint and its request in the OpenAPI document', async () => {
    const doc = (await s.call('GET', '/v1/partnermanager/v3/api-docs')).body as {
      paths: Record<string, { post?: { requestBody?: unknown } }>;
    };
    const op = doc.paths['/v1/partnermanager/users']?.post;
    expect(JSON.stringify(op?.requestBody)).toContain('userPassword');
  });

  it('gets a new service token when Keycloak no longer accepts the cached one', async () => {
    const issued = kc.tokensIssued;
    kc.revokeTokens();
    const r = await create(valid({ userName: 'after-restart', emailID: 'ar@example.org' }));
    expect(r.body.response).toMatchObject({ userId: 'after-restart', role: 'AUTH_PARTNER' });
    expect(kc.tokensIssued).toBe(issued + 1);
  });

  it('answers PMS_KKS_001 when Keycloak is down, and nothing is recorded', async () => {
    await kc.close();
    const r = await create(valid({ userName: 'while-down', emailID: 'down@example.org' }));
    expectError(r.body, 'PMS_KKS_001', 'Error while accessing the API.Please check the logs.');
    expect(await auditRows(s.store, 'while-down')).toEqual([]);
  });
});

describe('Keycloak mode, misconfigured', () => {
  let s: TestServer;
  let kc: KeycloakAdminDouble;
  beforeAll(async () => {
    kc = await KeycloakAdminDouble.start({ roles: ['AUTH_PARTNER'] });
    s = await startTestServer({ modules: [userAccountsModule({})] });
  });
  afterAll(async () => {
    await s.close();
    await kc.close();
  });

  it('refuses clearly without admin credentials', async () => {
    const r = await s.call<Body>('POST', PATH, { token: await s.token('padmin', ['PARTNER_ADMIN']), body: envelope(valid()) });
    expectError(
      r.body,
      'PMS_USER_002',
      "User accounts cannot be created: this service has no access to the identity provider's user administration",
    );
  });

  it('answers PMS_KKS_001 when the service credentials are wrong or the token endpoint is unreachable', async () => {
    for (const env of [
      kc.env({ PMS_KEYCLOAK_ADMIN_CLIENT_SECRET: 'wrong' }),
      kc.env({ PMS_KEYCLOAK_TOKEN_URL: `http://127.0.0.1:${await freePort()}/token` }),
    ]) {
      const other = await startTestServer({ modules: [userAccountsModule(env)] });
      try {
        const r = await other.call<Body>('POST', PATH, { token: await other.token('padmin', ['PARTNER_ADMIN']), body: envelope(valid()) });
        expectError(r.body, 'PMS_KKS_001', 'Error while accessing the API.Please check the logs.');
      } finally {
        await other.close();
      }
    }
    expect(kc.users.size).toBe(0);
  });
});

describe('embedded mode (PMS_AUTH_ISSUER unset)', () => {
  let s: EmbeddedTestServer;
  const portal = 'https://portal.example.org';
  let admin: string;

  async function login(username: string, password: string): Promise<string | undefined> {
    const browser = new Browser();
    const page = await browser.go(`${s.url}/v1/partnermanager/login/${Buffer.from(`${portal}/`).toString('base64')}`);
    expect(page.url).toContain('/v1/partnermanager/idp/interaction/');
    const form = formOf(page.text, page.url);
    await browser.go(form.action, { form: { ...form.fields, username, password } }, (u) => u.startsWith(portal));
    return browser.cookie(new URL(s.url).host, 'Authorization')?.value;
  }

  const create = (request: unknown, token = admin) =>
    fetch(s.url + PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `Authorization=${token}` },
      body: JSON.stringify(envelope(request)),
    }).then(async (r) => ({ status: r.status, text: await r.clone().text(), body: (await r.json()) as Body }));
  const account = (username: string) =>
    s.store.one<{
      username: string;
      email: string;
      name: string;
      roles: string[];
      password_hash: string;
      is_active: boolean;
      first_name: string | null;
      last_name: string | null;
      locale: string | null;
      attributes: Record<string, string>;
    }>(
      sql`select username, email, name, roles, password_hash, is_active, first_name, last_name, locale, attributes from idp_account where lower(username) = lower(${username})`,
    );
  const minted = (user: string, roles: string[]) => mintToken(s.config, s.dataKey, { user, roles });

  beforeAll(async () => {
    s = await startEmbeddedServer({ modules: [userAccountsModule({})], env: { PMS_LOGIN_REDIRECT_ORIGINS: portal } });
    admin = (await login('partneradmin', 'Welcome@123'))!;
    expect(admin).toBeTruthy();
  });
  afterAll(() => s.close());

  it('creates an account in the embedded provider, which then logs in with its role', async () => {
    const r = await create(valid({ userName: 'newpartner', emailID: 'newpartner@example.org' }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: null, version: null, errors: [] });
    expect(r.body.response).toEqual({ userId: 'newpartner', ...MOSIP_USER_NULLS, role: 'AUTH_PARTNER' });
    expect(r.text).not.toContain(PASSWORD);

    const row = (await account('newpartner'))!;
    expect(row).toMatchObject({
      username: 'newpartner',
      email: 'newpartner@example.org',
      name: 'New User',
      roles: ['AUTH_PARTNER'],
      is_active: true,
    });
    // What MOSIP's body carries is kept as Keycloak keeps it: names and user attributes; the
    // granted partner role names the partner type MOSIP's portal registers the user with.
    expect(row).toMatchObject({
      first_name: 'New',
      last_name: 'User',
      locale: null,
      attributes: {
        phoneNumber: '9876543210',
        mobile: '9876543210',
        organizationName: 'New Org',
        partnerId: 'newuser1',
        partnerType: 'AUTH_PARTNER',
      },
    });
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);

    const token = await login('newpartner', PASSWORD);
    expect(token).toBeTruthy();
    expect(decodeJwt(token!)).toMatchObject({
      preferred_username: 'newpartner',
      email: 'newpartner@example.org',
      realm_access: { roles: ['AUTH_PARTNER'] },
      given_name: 'New',
      family_name: 'User',
      organizationName: 'New Org',
      phoneNumber: '9876543210',
      partnerType: 'AUTH_PARTNER',
    });
    expect(await login('newpartner', 'Welcome@123')).toBeUndefined();

    const audit = await auditRows(s.store, 'newpartner');
    expect(audit).toEqual([
      {
        actor: 'partneradmin',
        action: 'user.create',
        detail: {
          provider: 'embedded',
          requestedRole: 'AUTH_PARTNER',
          grantedRole: 'AUTH_PARTNER',
          partnerId: 'newuser1',
          organizationName: 'New Org',
        },
      },
    ]);
    expect(JSON.stringify(await s.store.query(sql`select * from audit_log`))).not.toContain(PASSWORD);
  });

  it('creates the account without a role when the role is unknown; the name falls back to the username', async () => {
    const r = await create(
      valid({ userName: 'oddrole', emailID: 'oddrole@example.org', role: 'NO_SUCH_ROLE', firstName: null, lastName: '' }),
    );
    expect(r.body.response).toMatchObject({ userId: 'oddrole', role: null });
    // No granted role, no partner type; no names given, none kept.
    expect(await account('oddrole')).toMatchObject({
      roles: [],
      name: 'oddrole',
      first_name: null,
      last_name: null,
      attributes: { phoneNumber: '9876543210', organizationName: 'New Org' },
    });
    expect((await account('oddrole'))!.attributes.partnerType).toBeUndefined();
    expect(await login('oddrole', PASSWORD)).toBeTruthy();
  });

  it("refuses duplicate usernames and e-mail addresses in any case with MOSIP's PMS_ATH_500", async () => {
    const count = async () => (await s.store.one<{ n: number }>(sql`select count(*)::int as n from idp_account`))!.n;
    const before = await count();
    for (const request of [
      valid({ userName: 'NewPartner', emailID: 'x1@example.org' }),
      valid({ userName: 'partneradmin', emailID: 'x2@example.org' }),
      valid({ userName: 'another', emailID: 'NEWPARTNER@example.org' }),
    ]) {
      expectError((await create(request)).body, 'PMS_ATH_500', 'Server error occured,Please check the logs ');
    }
    expect(await count()).toBe(before);
    expect(await auditRows(s.store, 'another')).toEqual([]);
  });

  it('lets exactly one of three racing requests for one e-mail address win', async () => {
    const results = await Promise.all(
      ['racer-a', 'racer-b', 'racer-c'].map((u) => create(valid({ userName: u, emailID: 'race@example.org' }))),
    );
    expect(results.filter((r) => r.body.errors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.body.errors[0]?.errorCode === 'PMS_ATH_500')).toHaveLength(2);
    expect(await s.store.query(sql`select username from idp_account where email = 'race@example.org'`)).toHaveLength(1);
  });

  it('serialises creations: a second one waits for a slow first one to commit before its duplicate check', async () => {
    const provider = embeddedProvider(s.store, new Set(['AUTH_PARTNER']), s.app.log);
    // The first transaction has inserted its row but not committed when the second checks.
    const slowCommit = () => new Promise<void>((r) => setTimeout(r, 300));
    const outcomes = await Promise.allSettled(
      ['slow-a', 'slow-b'].map((userName) =>
        provider.create({ ...valid({ userName, emailID: 'slow@example.org' }), contactNo: '1', userPassword: PASSWORD }, slowCommit),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'PMS_ATH_500' });
    expect(await s.store.query(sql`select username from idp_account where email = 'slow@example.org'`)).toHaveLength(1);
  });

  it('checks fields and who may grant what, as in Keycloak mode', async () => {
    expectCor001(
      (await create(valid({ userName: 'weak', emailID: 'weak@example.org', userPassword: 'short' }))).body,
      'size must be between 8 and 128 :request.userPassword',
    );
    expectCor001((await create(valid({ userName: undefined }))).body, `${NOT_BLANK} :request.userName`);
    const partner = await minted('authpartner1', ['AUTH_PARTNER']);
    expectError(
      (await create(valid({ userName: 'climber', emailID: 'climber@example.org', role: 'PARTNER_ADMIN' }), partner)).body,
      'PMS_USER_001',
      'Only a partner admin can grant the role PARTNER_ADMIN',
    );
    const ok = await create(valid({ userName: 'ftm9', emailID: 'ftm9@example.org', role: 'FTM_PROVIDER' }), partner);
    expect(ok.body.response).toMatchObject({ userId: 'ftm9', role: 'FTM_PROVIDER' });
    expect(await account('weak')).toBeUndefined();
    expect(await account('climber')).toBeUndefined();
  });

  it('refuses the takeover: no account can be created under the name that owns a partner or holds consent', async () => {
    // A partner whose owner has no login account: registered by a script, seeded, or its account deleted.
    await s.store.exec(sql`
      insert into partner (id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active, cr_by)
      values ('orphan-p1', 'Orphan Org', 'addr', '9999999999', 'orphan@example.org', 'orphanowner', 'Auth_Partner', 'approved', true, 'script')`);
    await s.store.exec(
      sql`insert into user_details (id, user_id, consent_given, consent_given_dtimes, cr_by) values ('ud-gone', 'goneuser', 'YES', now(), 'goneuser')`,
    );
    const attacker = (await login('authpartner1', 'Welcome@123'))!;
    expect(attacker).toBeTruthy();
    for (const userName of ['orphanowner', 'OrphanOwner', 'goneuser']) {
      const r = await create(valid({ userName, emailID: `${userName.toLowerCase()}-x@example.org` }), attacker);
      expectError(r.body, 'PMS_ATH_500', 'Server error occured,Please check the logs ');
      expect(await account(userName)).toBeUndefined();
      expect(await auditRows(s.store, userName)).toEqual([]);
    }
    // Not even a partner admin can hand out the name: the partner would change hands silently.
    expectError(
      (await create(valid({ userName: 'orphanowner', emailID: 'orphan-y@example.org' }))).body,
      'PMS_ATH_500',
      'Server error occured,Please check the logs ',
    );
    // So nobody can log in as the owner and read the partner.
    expect(await login('orphanowner', PASSWORD)).toBeUndefined();
  });

  it('answers KER-ATH-403 to a policy manager', async () => {
    const r = await create(valid({ userName: 'nope2', emailID: 'nope2@example.org' }), await minted('policymanager', ['POLICYMANAGER']));
    expect(r.status).toBe(403);
    expect(r.body.errors).toEqual([{ errorCode: 'KER-ATH-403', message: 'Forbidden' }]);
    expect(await account('nope2')).toBeUndefined();
  });
});
