import type { FastifyBaseLogger } from 'fastify';
import { insertAccount, type Profile, type ProfileAttributes } from '../../identity/accounts.js';
import { hashPassword } from '../../identity/passwords.js';
import { sql } from '../../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../../platform/db/store.js';
import { PmsError } from '../../platform/errors/pms-error.js';
import type { KeycloakAdminSettings } from '../settings.js';
import { createKeycloakAdmin, KeycloakRefused, KeycloakUnavailable, type KeycloakAdmin } from './keycloak-admin.js';

/**
 * The partner roles: MOSIP lets any of these callers create a user (`UserController`, roles
 * hard-coded), and they may hand out these roles. Any other role — PARTNER_ADMIN,
 * POLICYMANAGER, a platform service role — only a partner admin may grant: MOSIP lets an
 * AUTH_PARTNER create a PARTNER_ADMIN account, which is a privilege escalation.
 */
export const PARTNER_ROLES: readonly string[] = [
  'MISP_PARTNER',
  'AUTH_PARTNER',
  'CREDENTIAL_PARTNER',
  'ONLINE_VERIFICATION_PARTNER',
  'DEVICE_PROVIDER',
  'FTM_PROVIDER',
  'ABIS_PARTNER',
  'MANUAL_ADJUDICATION',
  'SDK_PARTNER',
];

export interface NewAccount {
  userName: string;
  firstName?: string | null;
  lastName?: string | null;
  contactNo: string;
  emailID: string;
  organizationName?: string | null;
  partnerId?: string | null;
  userPassword: string;
  /** The role to grant when the provider knows it. */
  role?: string | null;
}

/** Runs inside the transaction that records the new account (the audit row). */
export type OnCreated = (q: Queryable, grantedRole: string | null) => Promise<void>;

export interface AccountProvider {
  readonly kind: 'embedded' | 'keycloak';
  /** Creates the account and answers the role actually granted. */
  create(account: NewAccount, onCreated: OnCreated): Promise<string | null>;
}

/** MOSIP answers every refusal from Keycloak, duplicates included, with its SERVER_ERROR. */
const refused = () => PmsError.of('PMS_ATH_500');

// Serialises account creation in the embedded store, so two requests for one e-mail address
// cannot both pass the check (the table has no unique e-mail index). Creations are rare.
const ACCOUNT_LOCK = 91090101;

/**
 * What the embedded provider keeps of MOSIP's request, under the names of the Keycloak
 * attributes MOSIP's portal reads. The request carries no partner type; a granted partner role
 * names one (each is also a partner type code, as PARTNER_ADMIN is), so the portal can register
 * the new user's organisation at first login.
 */
export function embeddedProfile(a: NewAccount, granted: string | null): Profile {
  const attributes: ProfileAttributes = { phoneNumber: a.contactNo, mobile: a.contactNo };
  if (a.organizationName) attributes.organizationName = a.organizationName;
  if (a.partnerId) attributes.partnerId = a.partnerId;
  if (granted && (PARTNER_ROLES.includes(granted) || granted === 'PARTNER_ADMIN')) attributes.partnerType = granted;
  return { firstName: a.firstName?.trim() || null, lastName: a.lastName?.trim() || null, locale: null, attributes };
}

/** The embedded provider's accounts (`idp_account`): the new user can log in at once. */
export function embeddedProvider(store: Store, knownRoles: ReadonlySet<string>, log: FastifyBaseLogger): AccountProvider {
  return {
    kind: 'embedded',
    async create(a, onCreated) {
      // Hashing takes a fifth of a second: done before the transaction, never inside the lock.
      const passwordHash = await hashPassword(a.userPassword);
      const granted = a.role && knownRoles.has(a.role) ? a.role : null;
      try {
        await store.tx(async (q) => {
          await q.exec(sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK})`);
          // Keycloak treats usernames and e-mail addresses case-insensitively; so does this check.
          const taken = await q.one<{ field: string }>(sql`
            select case when lower(username) = lower(${a.userName}) then 'username' else 'email' end as field
            from idp_account where lower(username) = lower(${a.userName}) or lower(email) = lower(${a.emailID}) limit 1`);
          if (taken) {
            log.info({ field: taken.field }, 'user creation refused: an account exists with the same %s', taken.field);
            throw refused();
          }
          await insertAccount(q, {
            username: a.userName,
            email: a.emailID,
            roles: granted ? [granted] : [],
            passwordHash,
            ...embeddedProfile(a, granted),
          });
          await onCreated(q, granted);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'idp_account_username_key')) throw refused();
        throw err;
      }
      return granted;
    },
  };
}

function keycloakUser(a: NewAccount) {
  const attributes: Record<string, string[]> = { mobile: [a.contactNo] };
  if (a.organizationName) attributes.organizationName = [a.organizationName];
  if (a.partnerId) attributes.partnerId = [a.partnerId];
  return {
    username: a.userName,
    email: a.emailID,
    // MOSIP drops lastName on the way to Keycloak; it is sent here.
    ...(a.firstName ? { firstName: a.firstName } : {}),
    ...(a.lastName ? { lastName: a.lastName } : {}),
    enabled: true as const,
    attributes,
    credentials: [{ type: 'password' as const, value: a.userPassword, temporary: false as const }],
  };
}

/**
 * Keycloak's admin API. The role is mapped only when the realm has it (MOSIP logs and goes on).
 * If mapping an existing role fails, the new user is removed again, so a failed request
 * leaves no account behind (MOSIP keeps the role-less user and reports an error).
 */
export function keycloakProvider(
  store: Store,
  settings: KeycloakAdminSettings,
  log: FastifyBaseLogger,
  admin: KeycloakAdmin = createKeycloakAdmin(settings),
): AccountProvider {
  async function grant(userId: string, role: string | null | undefined): Promise<string | null> {
    if (!role) return null;
    const found = await admin.realmRole(role);
    if (!found) {
      log.warn({ role }, 'realm role not found in Keycloak: user created without it');
      return null;
    }
    await admin.mapRealmRole(userId, found);
    return found.name;
  }

  async function undo(userId: string) {
    await admin
      .deleteUser(userId)
      .catch((err: Error) => log.error({ err: err.message, keycloakUserId: userId }, 'could not remove a half-created Keycloak user'));
  }

  return {
    kind: 'keycloak',
    async create(a, onCreated) {
      try {
        const id = await admin.createUser(keycloakUser(a));
        let granted: string | null;
        try {
          granted = await grant(id, a.role);
          await store.tx((q) => onCreated(q, granted));
        } catch (err) {
          await undo(id);
          throw err;
        }
        return granted;
      } catch (err) {
        if (err instanceof KeycloakUnavailable) {
          log.error({ err: err.message }, 'Keycloak admin API unavailable');
          throw PmsError.of('PMS_KKS_001');
        }
        if (err instanceof KeycloakRefused) {
          log.warn({ status: err.status, reason: err.reason }, 'Keycloak refused the user creation');
          throw refused();
        }
        throw err;
      }
    },
  };
}
