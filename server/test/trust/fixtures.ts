import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { envelope, type TestServer } from '../support/test-server.js';
import type { TestCert } from '../support/certs.js';

export const CA_UPLOAD = '/v1/partnermanager/partners/certificate/ca/upload';
export const CERT_UPLOAD = '/v1/partnermanager/partners/certificate/upload';

export interface PartnerSeed {
  id: string;
  userId?: string;
  name?: string;
  type?: string;
  group?: string | null;
  status?: string;
  active?: boolean;
}

let groups = 0;

/** A policy group row for tests (the policy area owns the real API). */
export async function insertGroup(store: Store, active = true): Promise<string> {
  const id = `grp-${process.pid}-${++groups}-${Math.random().toString(36).slice(2, 6)}`;
  await store.exec(
    sql`insert into policy_group (id, name, descr, user_id, is_active, cr_by) values (${id}, ${id}, 'test group', 'admin', ${active}, 'admin')`,
  );
  return id;
}

/** A partner row as registration leaves it (InProgress, inactive) unless told otherwise. */
export async function insertPartner(store: Store, p: PartnerSeed): Promise<void> {
  await store.exec(sql`
    insert into partner (id, policy_group_id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active, cr_by)
    values (${p.id}, ${p.group ?? null}, ${p.name ?? `Org ${p.id}`}, 'addr', '9999999999', ${`${p.id}@example.org`}, ${p.userId ?? p.id},
            ${p.type ?? 'Device_Provider'}, ${p.status ?? 'InProgress'}, ${p.active ?? false}, 'test')`);
}

export async function uploadCa(s: TestServer, token: string, certificateData: string, partnerDomain = 'AUTH') {
  return s.call('POST', CA_UPLOAD, { token, body: envelope({ certificateData, partnerDomain }) });
}

export async function uploadCas(s: TestServer, token: string, domain: string, ...items: TestCert[]) {
  for (const c of items) {
    const r = await uploadCa(s, token, c.pem, domain);
    if (r.body.response?.status !== 'Upload Success.') throw new Error(`CA upload failed: ${r.text}`);
  }
}

export async function uploadPartnerCert(s: TestServer, token: string, partnerId: string, certificateData: string, partnerDomain = 'AUTH') {
  return s.call('POST', CERT_UPLOAD, { token, body: envelope({ partnerId, certificateData, partnerDomain }) });
}

export const errorOf = (r: { body: { errors?: { errorCode: string; message: string }[] } }) => r.body.errors?.[0];
