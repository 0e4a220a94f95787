import { sql } from '../../src/platform/db/sql.js';
import { envelope, type TestServer } from '../support/test-server.js';

export const P = '/v1/policymanager/policies';

export const authPolicy = () => ({
  authTokenType: 'policy',
  allowedAuthTypes: [{ authType: 'otp', authSubType: '', mandatory: false }],
  allowedKycAttributes: [{ attributeName: 'fullName' }],
  kycLanguages: ['eng'],
});

export const dataSharePolicy = () => ({
  dataSharePolicies: {
    typeOfShare: 'Data Share',
    validForInMinutes: '30',
    transactionsAllowed: '2',
    encryptionType: 'Partner Based',
    shareDomain: 'datashare.datashare',
    source: 'ID Repository',
  },
  shareableAttributes: [
    { attributeName: 'fullName', source: [{ attribute: 'fullName', filter: [{ language: 'eng' }] }], encrypted: false },
  ],
});

let seq = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

export async function createGroup(s: TestServer, token: string, name = unique('grp')) {
  const r = await s.call('POST', `${P}/group/new`, { token, body: envelope({ name, desc: `${name} description` }) });
  if (r.body.errors.length) throw new Error(JSON.stringify(r.body.errors));
  return r.body.response as { id: string; name: string };
}

export async function createPolicy(
  s: TestServer,
  token: string,
  groupName: string,
  opts: { name?: string; type?: string; policies?: unknown } = {},
) {
  const type = opts.type ?? 'Auth';
  const body = {
    policyGroupName: groupName,
    policyType: type,
    name: opts.name ?? unique('pol'),
    desc: 'a policy',
    version: '1.0',
    policies: opts.policies ?? (type === 'Auth' ? authPolicy() : dataSharePolicy()),
  };
  const r = await s.call('POST', P, { token, body: envelope(body) });
  if (r.body.errors.length) throw new Error(JSON.stringify(r.body.errors));
  return r.body.response as { id: string; name: string };
}

export async function publish(s: TestServer, token: string, policyId: string, groupId: string) {
  const r = await s.call('POST', `${P}/${policyId}/group/${groupId}/publish`, { token });
  if (r.body.errors.length) throw new Error(JSON.stringify(r.body.errors));
  return r.body.response;
}

export const v2Body = (id: string, request: unknown = { status: 'De-Activate' }, over: Record<string, unknown> = {}) => ({
  id,
  version: '1.0',
  requestTime: new Date().toISOString(),
  metadata: {},
  request,
  ...over,
});

export async function policyRow(s: TestServer, id: string) {
  return s.store.one<Record<string, unknown>>(sql`select * from auth_policy where id = ${id}`);
}

export async function groupRow(s: TestServer, id: string) {
  return s.store.one<Record<string, unknown>>(sql`select * from policy_group where id = ${id}`);
}

export async function countRows(s: TestServer, table: 'auth_policy' | 'policy_group' | 'auth_policy_h' | 'outbox_event' | 'audit_log') {
  const r = await s.store.one<{ n: number }>(sql`select count(*)::int as n from ${sql.ident(table)}`);
  return r?.n ?? 0;
}

export const err = (r: { body: { errors: { errorCode: string; message: string }[] } }) => r.body.errors[0];
