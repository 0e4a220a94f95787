import { randomUUID } from 'node:crypto';
import { sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import { verifyPassword } from './passwords.js';

export interface Account {
  sub: string;
  username: string;
  email: string;
  name: string;
  roles: string[];
}

interface Seed {
  username: string;
  name: string;
  roles: string[];
  /** scrypt hash of the documented demo password `Welcome@123` (see hashPassword). */
  passwordHash: string;
}

/**
 * The accounts a fresh embedded provider starts with. Partner usernames are the partner ids
 * they will register under, as MOSIP expects (the partner id is the token's user id).
 * Hashes are computed once ahead of time so a first start does not spend seconds on scrypt.
 */
export const SEEDED_ACCOUNTS: readonly Seed[] = [
  { username: 'partneradmin', name: 'Partner Admin', roles: ['PARTNER_ADMIN', 'PARTNERMANAGER'], passwordHash: 'scrypt$32768$8$3$9gs_yrpuHVVOWa1xXbT0uA$aE54o1pa8J5Hwwa_EA1_0DHgn8Jn1LT3wqKrea54lj4' },
  { username: 'policymanager', name: 'Policy Manager', roles: ['POLICYMANAGER'], passwordHash: 'scrypt$32768$8$3$VUtj6RUy2i1BfwhKCKI8NA$_8lNNHodEddohGHhM2jqEOJZPeDC_UsYf0BzXNamAOM' },
  { username: 'authpartner1', name: 'Auth Partner One', roles: ['AUTH_PARTNER'], passwordHash: 'scrypt$32768$8$3$IGdxNGnrVf4u7YUqRPvFGQ$1rCasEaVQII9TGEYngH3EqJK72YQhhJ1gfhjDic7tBg' },
  { username: 'deviceprovider1', name: 'Device Provider One', roles: ['DEVICE_PROVIDER'], passwordHash: 'scrypt$32768$8$3$M2CxEbUKcYqQP722GUcbPQ$SbyHKxtXbm7nRGPYX7uryN5c8zbxCW18PMiAPGxw6R4' },
  { username: 'ftmprovider1', name: 'FTM Provider One', roles: ['FTM_PROVIDER'], passwordHash: 'scrypt$32768$8$3$WYrzmMG4AGGQdo7gd8AP6Q$30B4Zjgh7L8hhIR_bA87GdaNkndBuypWURCwnH4kkyM' },
  { username: 'credentialpartner1', name: 'Credential Partner One', roles: ['CREDENTIAL_PARTNER'], passwordHash: 'scrypt$32768$8$3$t7LNYTXXKvS9zSo9oP_fSQ$Q7NPklBohoyqoe1MTl1xbXYfvmVXZhBtmZclYFLRvXE' },
  { username: 'mispartner1', name: 'MISP Partner One', roles: ['MISP_PARTNER'], passwordHash: 'scrypt$32768$8$3$LHjnbPJ9sa7mxgZXXMcYQA$K8kYrwb7kGWUQ3DaFKTwZOpcyfVaqDoJwVAUVVKIVgk' },
];

export const SEEDED_EMAIL_DOMAIN = 'pms.example.org';

/** Inserts the seeded accounts that are missing; an operator's changes to existing ones stay. */
export async function seedAccounts(q: Queryable): Promise<void> {
  for (const s of SEEDED_ACCOUNTS) {
    await q.exec(sql`
      insert into idp_account (sub, username, email, name, roles, password_hash)
      values (${randomUUID()}, ${s.username}, ${`${s.username}@${SEEDED_EMAIL_DOMAIN}`}, ${s.name}, ${s.roles}, ${s.passwordHash})
      on conflict (username) do nothing`);
  }
}

/** A new active account (POST /users in embedded mode); the caller checks for duplicates first. */
export async function insertAccount(q: Queryable, a: Omit<Account, 'sub'> & { passwordHash: string }): Promise<string> {
  const sub = randomUUID();
  await q.exec(sql`
    insert into idp_account (sub, username, email, name, roles, password_hash)
    values (${sub}, ${a.username}, ${a.email}, ${a.name}, ${a.roles}, ${a.passwordHash})`);
  return sub;
}

const COLUMNS = sql`sub::text as sub, username, email, name, roles`;

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

/** The claims Keycloak puts in a MOSIP access token, which the verifier reads. */
export function keycloakClaims(a: Pick<Account, 'username' | 'email' | 'name' | 'roles'>) {
  return {
    preferred_username: a.username,
    email: a.email,
    name: a.name,
    realm_access: { roles: [...a.roles] },
  };
}
