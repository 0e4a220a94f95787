import type { Adapter, AdapterPayload } from 'oidc-provider';
import { sql, type Sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

/** Models whose records belong to a grant and go when the grant is revoked. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
// Expired rows are swept now and then on write rather than by a timer nobody owns.
const SWEEP_EVERY = 50;

interface Row {
  payload: AdapterPayload;
  consumed: number | null;
}

/**
 * oidc-provider's storage on our store (PGlite or PostgreSQL) instead of its in-memory
 * default: sign-ins survive a restart and any instance can finish a flow another began.
 */
export function storeAdapter(store: Store): (model: string) => Adapter {
  let writes = 0;
  return (model: string): Adapter => {
    const findWhere = async (where: Sql) => {
      const row = await store.one<Row>(sql`
        select payload, extract(epoch from consumed_at)::int as consumed from idp_state
        where model = ${model} and ${where} and (expires_at is null or expires_at > now())`);
      if (!row) return undefined;
      return row.consumed ? { ...row.payload, consumed: row.consumed } : row.payload;
    };
    return {
      async upsert(id, payload, expiresIn) {
        const grantId = GRANTABLE.has(model) ? (payload.grantId ?? null) : null;
        const expires = typeof expiresIn === 'number' ? new Date(Date.now() + expiresIn * 1000).toISOString() : null;
        await store.exec(sql`
          insert into idp_state (model, id, payload, grant_id, uid, user_code, expires_at)
          values (${model}, ${id}, ${JSON.stringify(payload)}::jsonb, ${grantId}, ${payload.uid ?? null}, ${payload.userCode ?? null}, ${expires}::timestamptz)
          on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
            user_code = excluded.user_code, expires_at = excluded.expires_at`);
        if (++writes % SWEEP_EVERY === 0) await store.exec(sql`delete from idp_state where expires_at < now() - interval '1 hour'`);
      },
      find: (id) => findWhere(sql`id = ${id}`),
      findByUid: (uid) => findWhere(sql`uid = ${uid}`),
      findByUserCode: (userCode) => findWhere(sql`user_code = ${userCode}`),
      async consume(id) {
        await store.exec(sql`update idp_state set consumed_at = now() where model = ${model} and id = ${id}`);
      },
      async destroy(id) {
        await store.exec(sql`delete from idp_state where model = ${model} and id = ${id}`);
      },
      async revokeByGrantId(grantId) {
        await store.exec(sql`delete from idp_state where grant_id = ${grantId}`);
      },
    };
  };
}
