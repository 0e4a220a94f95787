import { randomUUID } from 'node:crypto';
import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import { verifyPassword } from './passwords.js';

/**
 * Keycloak user attributes MOSIP's portal reads from the access token (its realm maps each to a
 * claim of the same name). Only these are issued as claims: an attribute can never stand in for
 * a standard claim such as `sub` or `iss`.
 */
export const PROFILE_ATTRIBUTES = ['partnerType', 'organizationName', 'addressTest', 'phoneNumber', 'mobile', 'partnerId'] as const;
export type ProfileAttribute = (typeof PROFILE_ATTRIBUTES)[number];
export type ProfileAttributes = Partial<Record<ProfileAttribute, string>>;

/** What Keycloak keeps for a user besides the login: names, locale, attributes. */
export interface Profile {
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  attributes: ProfileAttributes;
}

export interface Account extends Profile {
  sub: string;
  username: string;
  email: string;
  name: string;
  roles: string[];
}

interface Seed {
  username: string;
  roles: string[];
  profile: Profile;
  /** scrypt hash of the documented demo password `Welcome@123` (see hashPassword). */
  passwordHash: string;
}

/** One seeded account: MOSIP's realm attributes for a partner of that organisation. */
function seed(
  username: string,
  roles: string[],
  [firstName, lastName]: [string, string],
  partnerType: string | null,
  [organizationName, addressTest, phoneNumber]: [string, string, string],
  passwordHash: string,
): Seed {
  const attributes: ProfileAttributes = { organizationName, addressTest, phoneNumber };
  if (partnerType) attributes.partnerType = partnerType;
  return { username, roles, profile: { firstName, lastName, locale: 'eng', attributes }, passwordHash };
}

/**
 * The accounts a fresh embedded provider starts with. Partner usernames are the partner ids
 * they will register under, as MOSIP expects (the partner id is the token's user id); their
 * attributes are what MOSIP's portal registers the partner with at first login.
 * Hashes are computed once ahead of time so a first start does not spend seconds on scrypt.
 */
export const SEEDED_ACCOUNTS: readonly Seed[] = [
  seed(
    'partneradmin',
    ['PARTNER_ADMIN', 'PARTNERMANAGER'],
    ['Partner', 'Admin'],
    'PARTNER_ADMIN',
    ['National ID Authority', '12 Registry Road, Capital City', '9876543210'],
    'scrypt$32768$8$3$9gs_yrpuHVVOWa1xXbT0uA$aE54o1pa8J5Hwwa_EA1_0DHgn8Jn1LT3wqKrea54lj4',
  ),
  seed(
    'policymanager',
    ['POLICYMANAGER'],
    ['Policy', 'Manager'],
    null,
    ['National ID Authority', '12 Registry Road, Capital City', '9876543211'],
    'scrypt$32768$8$3$VUtj6RUy2i1BfwhKCKI8NA$_8lNNHodEddohGHhM2jqEOJZPeDC_UsYf0BzXNamAOM',
  ),
  // MOSIP's portal opens its policy-manager screens only to users holding both roles.
  seed(
    'policyadmin',
    ['PARTNER_ADMIN', 'POLICYMANAGER'],
    ['Policy', 'Administrator'],
    'PARTNER_ADMIN',
    ['National ID Authority', '12 Registry Road, Capital City', '9876543212'],
    'scrypt$32768$8$3$FLUl7HGZ2HJ78kcouaGgXw$okgV4NeE66PQ6mi_ZbE8ugxLU1t9sU_7JrKAwT49hpk',
  ),
  seed(
    'authpartner1',
    ['AUTH_PARTNER'],
    ['Asha', 'Rao'],
    'AUTH_PARTNER',
    ['Secure Bank Ltd', '4 Market Street, Capital City', '9123456780'],
    'scrypt$32768$8$3$IGdxNGnrVf4u7YUqRPvFGQ$1rCasEaVQII9TGEYngH3EqJK72YQhhJ1gfhjDic7tBg',
  ),
  seed(
    'deviceprovider1',
    ['DEVICE_PROVIDER'],
    ['Daniel', 'Okafor'],
    'DEVICE_PROVIDER',
    ['Biometrix Devices Inc', '77 Industrial Park, Port Town', '9123456781'],
    'scrypt$32768$8$3$M2CxEbUKcYqQP722GUcbPQ$SbyHKxtXbm7nRGPYX7uryN5c8zbxCW18PMiAPGxw6R4',
  ),
  seed(
    'ftmprovider1',
    ['FTM_PROVIDER'],
    ['Fatima', 'Mensah'],
    'FTM_PROVIDER',
    ['ChipSafe Security', '9 Silicon Avenue, Port Town', '9123456782'],
    'scrypt$32768$8$3$WYrzmMG4AGGQdo7gd8AP6Q$30B4Zjgh7L8hhIR_bA87GdaNkndBuypWURCwnH4kkyM',
  ),
  seed(
    'credentialpartner1',
    ['CREDENTIAL_PARTNER'],
    ['Carlos', 'Mendes'],
    'CREDENTIAL_PARTNER',
    ['CardPrint Services', '31 Press Lane, Capital City', '9123456783'],
    'scrypt$32768$8$3$t7LNYTXXKvS9zSo9oP_fSQ$Q7NPklBohoyqoe1MTl1xbXYfvmVXZhBtmZclYFLRvXE',
  ),
  seed(
    'mispartner1',
    ['MISP_PARTNER'],
    ['Mei', 'Lin'],
    'MISP_PARTNER',
    ['Trust Network Services', '5 Exchange Square, Capital City', '9123456784'],
    'scrypt$32768$8$3$LHjnbPJ9sa7mxgZXXMcYQA$K8kYrwb7kGWUQ3DaFKTwZOpcyfVaqDoJwVAUVVKIVgk',
  ),
];

export const SEEDED_EMAIL_DOMAIN = 'pms.example.org';

const fullName = (p: Pick<Profile, 'firstName' | 'lastName'>, fallback: string) =>
  [p.firstName, p.lastName].filter((n) => n?.trim()).join(' ') || fallback;

export interface NewAccount extends Profile {
  username: string;
  email: string;
  roles: string[];
  passwordHash: string;
}

const INSERT_ACCOUNT = sql`insert into idp_account (sub, username, email, name, roles, password_hash, first_name, last_name, locale, attributes) values`;

const accountValues = (sub: string, a: NewAccount) =>
  sql`(${sub}, ${a.username}, ${a.email}, ${fullName(a, a.username)}, ${a.roles}, ${a.passwordHash}, ${a.firstName}, ${a.lastName}, ${a.locale}, ${JSON.stringify(a.attributes)}::jsonb)`;

/**
 * Inserts the seeded accounts that are missing; an operator's changes to existing ones stay.
 * Seeded accounts from before profiles were kept get theirs, as long as they have none.
 */
export async function seedAccounts(q: Queryable): Promise<void> {
  for (const s of SEEDED_ACCOUNTS) {
    const account = {
      username: s.username,
      email: `${s.username}@${SEEDED_EMAIL_DOMAIN}`,
      roles: s.roles,
      passwordHash: s.passwordHash,
      ...s.profile,
    };
    await q.exec(sql`${INSERT_ACCOUNT} ${accountValues(randomUUID(), account)}
      on conflict (username) do update
        set first_name = excluded.first_name, last_name = excluded.last_name, locale = excluded.locale, attributes = excluded.attributes
        where idp_account.attributes = '{}'::jsonb and idp_account.first_name is null`);
  }
}

/** A new active account (POST /users in embedded mode); the caller checks for duplicates first. */
export async function insertAccount(q: Queryable, a: NewAccount): Promise<string> {
  const sub = randomUUID();
  await q.exec(sql`${INSERT_ACCOUNT} ${accountValues(sub, a)}`);
  return sub;
}

const COLUMNS = sql`sub::text as sub, username, email, name, roles, first_name as "firstName", last_name as "lastName", locale, attributes`;

export async function findAccountBySub(q: Queryable, sub: string): Promise<Account | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(sub)) return undefined;
  return q.one<Account>(sql`select ${COLUMNS} from idp_account where sub = ${sub}::uuid and is_active`);
}

// A fixed hash to compare against when the user does not exist, so a wrong username costs
// the same time as a wrong password and response times do not reveal which accounts exist.
const DUMMY_HASH = SEEDED_ACCOUNTS[0]!.passwordHash;

/** The account, or undefined for an unknown user, a disabled one or a wrong password. */
export async function authenticate(q: Queryable, username: string, password: string): Promise<Account | undefined> {
  const row = await q.one<Account & { password_hash: string }>(
    sql`select ${COLUMNS}, password_hash from idp_account where username = ${username} and is_active`,
  );
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) return undefined;
  const { password_hash: _hash, ...account } = row;
  return account;
}

/** The attributes an account may be issued with: the known names, string values only. */
function profileClaims(attributes: unknown): ProfileAttributes {
  const out: ProfileAttributes = {};
  if (!attributes || typeof attributes !== 'object') return out;
  for (const name of PROFILE_ATTRIBUTES) {
    const v = (attributes as Record<string, unknown>)[name];
    if (typeof v === 'string' && v !== '') out[name] = v;
  }
  return out;
}

/**
 * The claims Keycloak puts in a MOSIP access token: the user's names, e-mail, locale, realm
 * roles, and the realm's user attributes (MOSIP's portal builds its profile from them).
 */
export function keycloakClaims(a: Pick<Account, 'username' | 'email' | 'name' | 'roles'> & Partial<Profile>) {
  return {
    ...profileClaims(a.attributes),
    preferred_username: a.username,
    email: a.email,
    name: a.name,
    ...(a.firstName ? { given_name: a.firstName } : {}),
    ...(a.lastName ? { family_name: a.lastName } : {}),
    ...(a.locale ? { locale: a.locale } : {}),
    realm_access: { roles: [...a.roles] },
  };
}
