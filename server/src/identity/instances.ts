import { randomUUID } from 'node:crypto';
import { ConfigError } from '../platform/config.js';
import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';

/** An instance not seen for this long is taken to be gone (a crash leaves its row behind). */
const GONE_AFTER_S = 30;
const BEAT_MS = 10_000;

export interface InstanceRegistration {
  stop(): Promise<void>;
}

/**
 * Instances of the embedded identity provider on one PostgreSQL must all serve one issuer
 * (PMS_PUBLIC_URL): a token names its issuer, and an instance with another one rejects it, so
 * half the requests behind a load balancer would fail. Each running instance records its
 * issuer and renews the record; one that starts while another issuer is live is refused with a
 * message saying what to set. The embedded store serves one process, so nothing to check there.
 */
export async function registerIssuer(
  store: Store,
  issuer: string,
  log: { warn(obj: object, msg: string): void },
): Promise<InstanceRegistration> {
  if (store.engine !== 'postgres') return { stop: async () => undefined };
  const id = randomUUID();
  await store.tx(async (q) => {
    // One start at a time, so two instances with different URLs cannot both pass.
    await q.exec(sql`select pg_advisory_xact_lock(91090014)`);
    await q.exec(sql`delete from idp_instance where seen_at < now() - make_interval(secs => ${GONE_AFTER_S})`);
    const other = await q.one<{ issuer: string }>(sql`select issuer from idp_instance where issuer <> ${issuer} limit 1`);
    if (other) {
      throw new ConfigError(
        `PMS_PUBLIC_URL must be the same on every instance sharing this database with the embedded identity provider: ` +
          `a running instance serves the issuer ${other.issuer}, this one would serve ${issuer}. ` +
          `Set the same PMS_PUBLIC_URL everywhere (to change it, stop every instance first; a crashed one is forgotten after ${GONE_AFTER_S} s).`,
      );
    }
    await q.exec(sql`insert into idp_instance (id, issuer) values (${id}, ${issuer})`);
  });
  const timer = setInterval(() => {
    store
      .exec(sql`update idp_instance set seen_at = now() where id = ${id}`)
      .catch((err: Error) => log.warn({ err: err.message }, 'identity provider: could not renew this instance record'));
  }, BEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await store.exec(sql`delete from idp_instance where id = ${id}`).catch(() => undefined);
    },
  };
}
