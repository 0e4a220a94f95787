import { recordAudit, systemActor } from '../platform/audit.js';
import type { LoginGuardSettings } from '../platform/config.js';
import { sql } from '../platform/db/sql.js';
import type { Queryable, Store } from '../platform/db/store.js';

type Scope = 'account' | 'address';

/**
 * Brute-force protection for the embedded provider's password form, as Keycloak's: after
 * `maxAccountFailures` wrong passwords for one account within the window, that account is
 * locked for `lockoutSeconds` (a right password does not help meanwhile); after
 * `maxAddressFailures` from one client address, that address is. Counted in the store, so
 * every instance sees the same counts. Failures and lockouts leave audit rows.
 */
export function createLoginGuard(store: Store, settings: LoginGuardSettings) {
  const limitOf = (scope: Scope) => (scope === 'account' ? settings.maxAccountFailures : settings.maxAddressFailures);
  const subjects = (username: string, address: string): Array<[Scope, string]> => [
    ['account', username.toLowerCase()],
    ['address', address],
  ];

  /** Counts one failure; answers whether it starts a lockout. */
  async function recordFailure(q: Queryable, scope: Scope, subject: string): Promise<boolean> {
    await q.exec(
      sql`insert into login_failure (scope, subject, failures) values (${scope}, ${subject}, 0) on conflict (scope, subject) do nothing`,
    );
    const cur = (await q.one<{ failures: number; stale: boolean; locked: boolean }>(sql`
      select failures,
             coalesce(window_start < now() - make_interval(secs => ${settings.windowSeconds}) or locked_until <= now(), false) as stale,
             coalesce(locked_until > now(), false) as locked
      from login_failure where scope = ${scope} and subject = ${subject} for update`))!;
    if (cur.locked) return false;
    // A new window starts when the last one is over or a lockout has run out.
    const failures = cur.stale ? 1 : cur.failures + 1;
    const lockNow = failures >= limitOf(scope);
    await q.exec(sql`
      update login_failure set failures = ${failures},
        window_start = ${cur.stale ? sql`now()` : sql`window_start`},
        locked_until = ${lockNow ? sql`now() + make_interval(secs => ${settings.lockoutSeconds})` : sql`null`}
      where scope = ${scope} and subject = ${subject}`);
    return lockNow;
  }

  return {
    /** Seconds until the account or the address may try again, or 0. */
    async lockedFor(username: string, address: string): Promise<number> {
      const row = await store.one<{ wait: number | null }>(sql`
        select ceil(extract(epoch from max(locked_until) - now()))::int as wait from login_failure
        where locked_until > now() and ((scope = 'account' and subject = ${username.toLowerCase()}) or (scope = 'address' and subject = ${address}))`);
      return row?.wait ?? 0;
    },

    async failed(username: string, address: string, requestId: string): Promise<void> {
      await store.tx(async (q) => {
        const actor = { ...systemActor, userId: 'anonymous', requestId };
        await recordAudit(q, actor, {
          action: 'login.failure',
          entityType: 'idp_account',
          entityId: username,
          outcome: 'failure',
          detail: { address },
        });
        for (const [scope, subject] of subjects(username, address)) {
          if (await recordFailure(q, scope, subject)) {
            await recordAudit(q, actor, {
              action: 'login.lockout',
              entityType: scope === 'account' ? 'idp_account' : 'client_address',
              entityId: subject,
              outcome: 'failure',
              detail: { lockoutSeconds: settings.lockoutSeconds },
            });
          }
        }
      });
    },

    /** A right password ends the account's run of failures (the address's count stays). */
    async succeeded(username: string): Promise<void> {
      await store.exec(sql`delete from login_failure where scope = 'account' and subject = ${username.toLowerCase()}`);
    },
  };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;
