import { actorOf, recordAudit, type Actor } from '../../platform/audit.js';
import { sql } from '../../platform/db/sql.js';
import type { Queryable } from '../../platform/db/store.js';
import type { RoleTable } from '../../platform/auth/roles.js';
import { PmsError } from '../../platform/errors/pms-error.js';
import { PARTNER_BASE, type App, type Module } from '../../platform/http/app.js';
import { v1 } from '../../platform/http/envelope.js';
import { RequestEnvelope } from '../../platform/http/request-envelope.js';
import { userAccountSettings } from '../settings.js';
import { embeddedProvider, keycloakProvider, PARTNER_ROLES, type AccountProvider } from './providers.js';

export { PARTNER_ROLES };
import { v1Responses } from '../../platform/http/response-schemas.js';
import { MosipUser, UserRegistration, type MosipUserView, type UserRegistrationInput } from './schemas.js';

/** The embedded "realm": every role some endpoint admits, as Keycloak would list them. */
const rolesOf = (table: RoleTable) => new Set([...Object.values(table).flat(), ...PARTNER_ROLES]);

/**
 * Whether a user name already stands for someone in this service: partners belong to the user
 * name in the token that registered them, and consent is recorded per user name. An account
 * created under such a name — for a seeded partner, one registered by a script, one whose
 * account was deleted — would inherit them, so any caller could take a partner over.
 */
async function nameInUse(q: Queryable, userName: string): Promise<'partner owner' | 'consent holder' | undefined> {
  const row = await q.one<{ what: 'partner owner' | 'consent holder' }>(sql`
    select 'partner owner' as what from partner where lower(user_id) = lower(${userName})
    union all
    select 'consent holder' from user_details where lower(user_id) = lower(${userName})
    limit 1`);
  return row?.what;
}

export function createAccountService(
  provider: AccountProvider | undefined,
  store: Queryable,
  log: { info(obj: object, msg: string): void },
) {
  return {
    async register(input: UserRegistrationInput, actor: Actor): Promise<MosipUserView> {
      if (!provider) throw PmsError.of('PMS_USER_002');
      const role = input.role?.trim() ? input.role : null;
      if (role && !PARTNER_ROLES.includes(role) && !actor.roles.includes('PARTNER_ADMIN')) throw PmsError.of('PMS_USER_001', role);
      const inUse = await nameInUse(store, input.userName);
      if (inUse) {
        // Answered like any taken name (MOSIP's answer to a duplicate), so it reveals no more.
        log.info({ userName: input.userName, inUse, actor: actor.userId }, 'user creation refused: the name is in use');
        throw PmsError.of('PMS_ATH_500');
      }
      const granted = await provider.create({ ...input, role }, (q, grantedRole) =>
        // Who was created and with what; never the password, e-mail or phone number.
        recordAudit(q, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: input.userName,
          detail: {
            provider: provider.kind,
            requestedRole: role,
            grantedRole,
            partnerId: input.partnerId ?? null,
            organizationName: input.organizationName ?? null,
          },
        }),
      );
      return {
        userId: input.userName,
        mobile: null,
        mail: null,
        langCode: null,
        userPassword: null,
        name: null,
        role: granted,
        rid: null,
        token: null,
      };
    },
  };
}

function providerFor(app: App, deps: Parameters<Module>[1], env: Record<string, string | undefined>): AccountProvider | undefined {
  const settings = userAccountSettings(deps.config.auth.issuer, env);
  if (settings.mode === 'embedded') return embeddedProvider(deps.store, rolesOf(deps.roles), app.log);
  if (settings.admin) return keycloakProvider(deps.store, settings.admin, app.log);
  app.log.warn('POST /users is off: set PMS_KEYCLOAK_ADMIN_CLIENT_ID and PMS_KEYCLOAK_ADMIN_CLIENT_SECRET to create users in Keycloak');
  return undefined;
}

/**
 * `POST /users`: creates a login account in the identity provider the service trusts — the
 * embedded one's store, or Keycloak's admin API. Settings are read (and checked) at start.
 */
export const userAccountsModule =
  (env: Record<string, string | undefined> = process.env): Module =>
  (app, deps) => {
    const accounts = createAccountService(providerFor(app, deps, env), deps.store, app.log);
    app.post(
      `${PARTNER_BASE}/users`,
      {
        config: { pms: { access: 'postusers' } },
        schema: {
          tags: ['users'],
          summary: 'Create a user account in the identity provider',
          body: RequestEnvelope(UserRegistration),
          response: v1Responses(MosipUser),
        },
      },
      async (req) => v1(await accounts.register(req.body.request, actorOf(req))),
    );
  };
