import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { envelope, type TestServer } from '../support/test-server.js';

export const BASE = '/v1/partnermanager';

let seq = 0;
export const uniq = (p: string) => `${p}-${process.pid.toString(36)}-${(++seq).toString(36)}`;

/** A partner row owned by user `u-<id>`. */
export async function partner(
  store: Store,
  o: { type?: string; active?: boolean; status?: string } = {},
): Promise<{ id: string; user: string; name: string }> {
  const id = uniq('dp');
  const name = `Org ${id}`;
  await store.exec(sql`
    insert into partner (id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active, cr_by)
    values (${id}, ${name}, 'addr', '9999999999', ${`${id}@example.org`}, ${`u-${id}`}, ${o.type ?? 'Device_Provider'},
            ${o.status ?? 'approved'}, ${o.active ?? true}, 'test')`);
  return { id, user: `u-${id}`, name };
}

/** MOSIP's date-time format, `days` from now. */
export const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A v2 request envelope with the right id, today's requestTime and version 1.0. */
export const v2env = (id: string, request: unknown) => ({
  id,
  version: '1.0',
  requestTime: new Date().toISOString(),
  metadata: {},
  request,
});

export const errorOf = (r: { body: { errors?: { errorCode: string; message: string }[] } }) => r.body.errors?.[0];

export async function createSbi(s: TestServer, token: string, providerId: string, over: Record<string, unknown> = {}) {
  return s.call('POST', `${BASE}/securebiometricinterface`, {
    token,
    body: envelope({
      swBinaryHash: 'hash-1',
      swVersion: uniq('v'),
      swCreateDateTime: at(-1),
      swExpiryDateTime: at(400),
      providerId,
      ...over,
    }),
  });
}

/** An SBI row in any state, straight into the store. */
export async function insertSbi(
  store: Store,
  providerId: string,
  o: { status?: string; active?: boolean; expiryDays?: number } = {},
): Promise<string> {
  const id = uniq('sbi');
  await store.exec(sql`
    insert into secure_biometric_interface (id, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, provider_id, partner_org_name, cr_by)
    values (${id}, convert_to('h', 'UTF8'), ${id}, now() - interval '10 days', now() + (${o.expiryDays ?? 400} || ' days')::interval,
            ${o.status ?? 'approved'}, ${o.active ?? true}, ${providerId}, 'Org', 'test')`);
  return id;
}

export const device = (providerId: string, over: Record<string, unknown> = {}) => ({
  deviceProviderId: providerId,
  deviceTypeCode: 'Finger',
  deviceSubTypeCode: 'Slap',
  make: uniq('make'),
  model: uniq('model'),
  ...over,
});

export async function addDevice(s: TestServer, token: string, sbiId: string, body: Record<string, unknown>) {
  return s.call('POST', `${BASE}/securebiometricinterface/${sbiId}/devices`, {
    token,
    body: v2env('mosip.pms.add.device.to.sbi.id.post', body),
  });
}

export const deviceRow = (store: Store, id: string) =>
  store.one<{ approval_status: string; is_active: boolean; make: string }>(
    sql`select approval_status, is_active, make from device_detail where id = ${id}`,
  );

export const sbiRow = (store: Store, id: string) =>
  store.one<{ approval_status: string; is_active: boolean; sw_version: string }>(
    sql`select approval_status, is_active, sw_version from secure_biometric_interface where id = ${id}`,
  );

export const count = async (
  store: Store,
  table: 'device_detail' | 'device_detail_sbi' | 'secure_biometric_interface' | 'ftp_chip_detail',
) => (await store.one<{ n: number }>(sql`select count(*)::int as n from ${sql.ident(table)}`))?.n ?? 0;

export const audits = (store: Store, entityId: string) =>
  store.query<{ action: string; actor: string }>(sql`select action, actor from audit_log where entity_id = ${entityId} order by id`);
