import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { certs, type TestCert } from '../support/certs.js';
import { envelope, type TestServer } from '../support/test-server.js';
import { errorOf, insertGroup, insertPartner, uploadCas, uploadPartnerCert } from '../trust/fixtures.js';

export { errorOf, insertGroup, insertPartner };
export const BASE = '/v1/partnermanager';

let seq = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

/** A published (or draft/inactive/expired) policy row; the policy area owns the real API. */
export async function insertPolicy(
  store: Store,
  o: { group: string | null; name?: string; active?: boolean; expired?: boolean; type?: string },
): Promise<{ id: string; name: string }> {
  const id = unique('pol');
  const name = o.name ?? id;
  const doc = JSON.stringify({ authTokenType: 'policy', allowedAuthTypes: [], allowedKycAttributes: [{ attributeName: 'fullName' }] });
  await store.exec(sql`
    insert into auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, valid_to_date, is_active, cr_by)
    values (${id}, ${o.group}, ${name}, ${`${name} description`}, ${doc}, ${o.type ?? 'Auth'}, '1.0', 'https://schemas.mosip.io/v1/auth-policy',
            now() - interval '1 day', ${o.expired ? sql`now() - interval '1 hour'` : sql`now() + interval '1000 days'`}, ${o.active ?? true}, 'test')`);
  return { id, name };
}

/** An active, approved partner (as certificate upload leaves it), owned by `userId`. */
export async function activePartner(
  store: Store,
  o: { id?: string; userId?: string; type?: string; group?: string | null; name?: string } = {},
) {
  const id = o.id ?? unique('ptn');
  await insertPartner(store, {
    id,
    userId: o.userId ?? `u-${id}`,
    name: o.name,
    type: o.type ?? 'Auth_Partner',
    group: o.group ?? null,
    status: 'approved',
    active: true,
  });
  return id;
}

export async function insertRequest(store: Store, partnerId: string, policyId: string, status = 'InProgress'): Promise<string> {
  const id = unique('req');
  await store.exec(sql`
    insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, is_deleted)
    values (${id}, ${partnerId}, ${policyId}, now(), 'use case', ${status}, 'test', false)`);
  return id;
}

export const mapPolicy = (s: TestServer, token: string, partnerId: string, policyName: string, useCaseDescription = 'we need it') =>
  s.call('POST', `${BASE}/partners/${partnerId}/policy/map`, { token, body: envelope({ policyName, useCaseDescription }) });

export const decide = (s: TestServer, token: string, mappingKey: string, status: string, comment?: string) =>
  s.call('PUT', `${BASE}/partners/policy/${mappingKey}`, {
    token,
    body: envelope(comment === undefined ? { status } : { status, comment }),
  });

export const generateKey = (s: TestServer, token: string, partnerId: string, policyName: string, label: string) =>
  s.call('PATCH', `${BASE}/partners/${partnerId}/generate/apikey`, { token, body: envelope({ policyName, label }) });

/** A partner with an uploaded (re-signed) certificate, so events carry `certificateData`. */
export async function certifiedPartner(
  s: TestServer,
  admin: string,
  root: TestCert,
  o: { type?: string; group?: string | null; domain?: string } = {},
) {
  const id = unique('cpt');
  const org = `Org ${id}`;
  await insertPartner(s.store, { id, userId: `u-${id}`, name: org, type: o.type ?? 'Auth_Partner', group: o.group ?? null });
  // The generic PARTNER role is on MOSIP's upload list for every partner type.
  const token = await s.token(`u-${id}`, [roleOf(o.type ?? 'Auth_Partner'), 'PARTNER']);
  const r = await uploadPartnerCert(s, token, id, (await certs.leaf(root, { org })).pem, o.domain ?? 'AUTH');
  if (r.body.errors?.length) throw new Error(`certificate upload failed: ${r.text}`);
  return { id, token, userId: `u-${id}` };
}

export const roleOf = (type: string) => type.toUpperCase();

export async function trustRoot(s: TestServer, admin: string, domains: string[] = ['AUTH']): Promise<TestCert> {
  const root = await certs.root();
  for (const d of domains) await uploadCas(s, admin, d, root);
  return root;
}

type StoredEvent<T> = { publisher: string; event: { data: T } };

/** The events queued for `topic`, as the hub will receive them (sealed ones opened with the data key). */
export const events = async <T = Record<string, unknown>>(s: TestServer, topic: string) => {
  const rows = await s.store.query<{ payload: StoredEvent<T>; sealed_payload: string | null }>(
    sql`select payload, sealed_payload from outbox_event where topic = ${topic} order by seq`,
  );
  return rows.map((r) => ({
    sealed: r.sealed_payload !== null,
    payload: r.sealed_payload === null ? r.payload : (JSON.parse(s.dataKey.decrypt(r.sealed_payload).toString('utf8')) as StoredEvent<T>),
  }));
};

export const auditActions = async (s: TestServer, entityId: string) =>
  (await s.store.query<{ action: string }>(sql`select action from audit_log where entity_id = ${entityId} order by id`)).map(
    (r) => r.action,
  );
