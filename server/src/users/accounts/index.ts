import { actorOf, recordAudit, type Actor } from '../../platform/audit.js';
import type { RoleTable } from '../../platform/auth/roles.js';
import { PmsError } from '../../platform/errors/pms-error.js';
import { PARTNER_BASE, type App, type Module } from '../../platform/http/app.js';
import { v1 } from '../../platform/http/envelope.js';
import { RequestEnvelope } from '../../partners/envelope-schema.js';
import { userAccountSettings } from '../settings.js';
import { embeddedProvider, keycloakProvider, PARTNER_ROLES, type AccountProvider } from './providers.js';

export { PARTNER_ROLES };
import { UserRegistration, type MosipUserView, type UserRegistrationInput } from './schemas.js';

/** The embedded "realm": every role some endpoint admits, as Keycloak would list them. */
const rolesOf = (table: RoleTable) => new Set([...Object.values(table).flat(), ...PARTNER_ROLES]);

export function createAccountService(provider: AccountProvider | undefined) {
  return {
    async register(input: UserRegistrationInput, actor: Actor): Promise<MosipUserView> {
      if (!provider) throw PmsError.of('PMS_USER_002');
      const role = input.role?.trim() ? input.role : null;
      if (role && !PARTNER_ROLES.includes(role) && !actor.roles.includes('PARTNER_ADMIN')) throw PmsError.of('PMS_USER_001', role);
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
      return { userId: input.userName, mobile: null, mail: null, langCode: null, userPassword: null, name: null, role: granted, rid: null, token: null };
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
export const userAccountsModule = (env: Record<string, string | undefined> = process.env): Module => (app, deps) => {
  const accounts = createAccountService(providerFor(app, deps, env));
  app.post(`${PARTNER_BASE}/users`, {
    config: { pms: { access: 'postusers' } },
    schema: {
      tags: ['users'],
      summary: 'Create a user account in the identity provider',
      body: RequestEnvelope(UserRegistration),
    },
  }, async (req) => v1(await accounts.register(req.body.request, actorOf(req))));
};
