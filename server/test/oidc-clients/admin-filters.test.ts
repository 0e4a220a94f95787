import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { V2, startOidc, type OidcTestEnv } from './helpers.js';

/**
 * The admin OIDC list's filters (ours) over a large generated set: each filter's total and
 * rows are compared with the same filter computed here over the generated data; the CSV export
 * holds exactly the filtered rows in the list's order.
 */

const COUNT = 3_000;

interface Gen {
  id: string;
  rp_id: string;
  policy_id: string;
  status: 'ACTIVE' | 'INACTIVE';
  grant_types: string[];
  auth_methods: string[];
  redirect_uris: string[];
  additional_config: Record<string, unknown> | null;
  cr_dtimes: string;
  name: string;
}

function generate(n: number): Gen[] {
  let x = 42;
  const next = () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const hosts = ['rp.example', 'Health.Example', 'localhost', '127.0.0.1', 'app.example.org'];
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  return Array.from({ length: n }, (_, i) => {
    const config: Record<string, unknown> = {};
    for (const key of ['require_pushed_authorization_requests', 'dpop_bound_access_tokens', 'require_pkce']) {
      const r = next();
      if (r < 0.3) config[key] = true;
      else if (r < 0.45) config[key] = false;
    }
    if (next() < 0.2) config.userinfo_response_type = pick(['JWS', 'JWE']);
    const host = pick(hosts);
    const scheme = host === 'localhost' || host === '127.0.0.1' ? 'http' : 'https';
    return {
      id: `gen-${String(i).padStart(5, '0')}-${Math.floor(next() * 1e9).toString(36)}`,
      rp_id: `gen-partner-${i % 17}`,
      policy_id: pick(['gen-policy-a', 'gen-policy-b']),
      status: next() < 0.8 ? 'ACTIVE' : 'INACTIVE',
      grant_types: next() < 0.7 ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
      auth_methods: next() < 0.6 ? ['private_key_jwt'] : ['private_key_jwt', 'client_secret_jwt'],
      redirect_uris: [`${scheme}://${host}${next() < 0.5 ? ':8443' : ''}/cb`, ...(next() < 0.3 ? ['io.mosip.app://oauth'] : [])],
      additional_config: Object.keys(config).length ? config : next() < 0.5 ? null : {},
      cr_dtimes: new Date(t0 + i * 3_600_000).toISOString(),
      name: i % 50 === 0 ? `=cmd|' /C calc'!A0, "quoted" ${i}` : `Client ${i}`,
    };
  });
}

let e: OidcTestEnv;
let all: Gen[];

beforeAll(async () => {
  e = await startOidc();
  all = generate(COUNT);
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    await e.s.store.exec(sql`
      insert into oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types,
                               auth_methods, status, esignet_status, additional_config, cr_by, cr_dtimes)
      select x.id, x.name, x.rp_id, x.policy_id, 'https://l.example/l.png', x.redirect_uris, '{}', '{mosip:idp:acr:generated-code}', '{}',
             x.grant_types, x.auth_methods, x.status, 'REGISTERED', x.additional_config, 'gen', x.cr_dtimes
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id text, name text, rp_id text, policy_id text, redirect_uris text[],
             grant_types text[], auth_methods text[], status text, additional_config jsonb, cr_dtimes timestamptz)`);
  }
}, 120_000);
afterAll(async () => {
  await e.close();
});

const setting = (g: Gen, key: string) => g.additional_config?.[key] === true;
const hostOf = (uri: string) => /^[a-z][a-z0-9+.-]*:\/\/([^:/?#]*)/i.exec(uri)![1]!.toLowerCase();

const FILTERS: [string, (g: Gen) => boolean][] = [
  ['status=INACTIVE', (g) => g.status === 'INACTIVE'],
  ['partnerId=gen-partner-3', (g) => g.rp_id.includes('gen-partner-3')],
  ['policyId=gen-policy-b', (g) => g.policy_id === 'gen-policy-b'],
  ['authMethod=client_secret_jwt', (g) => g.auth_methods.includes('client_secret_jwt')],
  ['grantType=refresh_token', (g) => g.grant_types.includes('refresh_token')],
  ['redirectHost=health.example', (g) => g.redirect_uris.some((u) => hostOf(u) === 'health.example')],
  ['redirectHost=localhost', (g) => g.redirect_uris.some((u) => hostOf(u) === 'localhost')],
  ['par=true', (g) => setting(g, 'require_pushed_authorization_requests')],
  ['par=false', (g) => !setting(g, 'require_pushed_authorization_requests')],
  ['dpop=true', (g) => setting(g, 'dpop_bound_access_tokens')],
  ['pkce=false', (g) => !setting(g, 'require_pkce')],
  ['userinfoResponseType=JWE', (g) => g.additional_config?.userinfo_response_type === 'JWE'],
  ['userinfoResponseType=JWS', (g) => (g.additional_config?.userinfo_response_type ?? 'JWS') === 'JWS'],
  [
    'createdFrom=2026-02-01T00:00:00.000Z&createdTo=2026-03-01T00:00:00.000Z',
    (g) => g.cr_dtimes >= '2026-02-01T00:00:00.000Z' && g.cr_dtimes < '2026-03-01T00:00:00.000Z',
  ],
  [
    'pkce=true&dpop=true&status=ACTIVE&redirectHost=rp.example',
    (g) =>
      setting(g, 'require_pkce') &&
      setting(g, 'dpop_bound_access_tokens') &&
      g.status === 'ACTIVE' &&
      g.redirect_uris.some((u) => hostOf(u) === 'rp.example'),
  ],
];

describe('admin list filters over a generated set', () => {
  for (const [qs, keep] of FILTERS) {
    it(qs, async () => {
      const expected = all.filter(keep).sort((a, b) => (a.cr_dtimes < b.cr_dtimes ? -1 : 1));
      expect(expected.length).toBeGreaterThan(0);
      const r = await e.s.call('GET', `${V2}?${qs}&sortFieldName=createdDateTime&sortType=asc&pageNo=1&pageSize=25`, { token: e.admin });
      expect(r.body.errors).toEqual([]);
      expect(r.body.response.totalResults).toBe(expected.length);
      expect(r.body.response.data.map((d: { clientId: string }) => d.clientId)).toEqual(expected.slice(25, 50).map((g) => g.id));
    });
  }

  it('a filter value of the wrong form is refused with the list\u2019s validation error', async () => {
    const r = await e.s.call('GET', `${V2}?par=maybe`, { token: e.admin });
    expect(r.body.errors[0].errorCode).toBe('PMS_COR_001');
  });
});

describe('CSV export', () => {
  it('holds every filtered row in the list order, quoted, with formulas neutralised', async () => {
    const keep = FILTERS.find(([qs]) => qs === 'pkce=false')![1];
    const expected = all.filter(keep).sort((a, b) => (a.cr_dtimes > b.cr_dtimes ? -1 : 1));
    const r = await e.s.call('GET', `${V2}/export?pkce=false&sortFieldName=createdDateTime&sortType=desc`, { token: e.admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('x-total-count')).toBe(String(expected.length));
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'clientId,clientName,partnerId,orgName,policyGroupName,policyName,status,esignetStatus,grantTypes,clientAuthMethods,redirectUris,par,dpop,pkce,userinfoResponseType,createdDateTime,updatedDateTime',
    );
    expect(lines.length - 1).toBe(expected.length);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((g) => g.id));
    const risky = expected.find((g) => g.name.startsWith('='))!;
    const line = lines.find((l) => l.startsWith(`${risky.id},`))!;
    expect(line).toContain(`"'=cmd|' /C calc'!A0, ""quoted"" `);
    expect(line).toBeDefined();
    const plain = expected.find((g) => !g.name.includes(','))!;
    const cells = lines.find((l) => l.startsWith(`${plain.id},`))!.split(',');
    const yes = (k: string) => (setting(plain, k) ? 'yes' : 'no');
    expect(cells.slice(11, 15)).toEqual([
      yes('require_pushed_authorization_requests'),
      yes('dpop_bound_access_tokens'),
      'no',
      plain.additional_config?.userinfo_response_type ?? 'JWS',
    ]);
  });

  it('answers a parameter error in the partner envelope, as the list does, not as CSV', async () => {
    const r = await e.s.call('GET', `${V2}/export?sortFieldName=clientId`, { token: e.admin });
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toMatchObject({ id: 'mosip.partnermanagement', response: null, errors: [{ errorCode: 'PMS_PS_ERROR_007' }] });
    expect(typeof r.body.responsetime).toBe('string');
  });

  it('needs the list role', async () => {
    const partner = await e.s.token('csv-partner', ['DEVICE_PROVIDER']);
    const r = await e.s.call('GET', `${V2}/export`, { token: partner });
    expect(r.body.errors[0].errorCode).toBe('KER-ATH-403');
  });
});
