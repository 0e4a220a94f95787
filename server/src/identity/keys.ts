import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_MEMBERS } from '@pms/rules/oidc';
import { exportJWK, generateKeyPair, type JWK } from '../platform/vendor/jose.js';
import { randomUUID } from 'node:crypto';
import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import type { DataKey } from '../platform/keys/data-key.js';

/** The embedded provider's signing keys: private JWKs (for oidc-provider and the token CLI). */
export interface SigningKeys {
  /** Private JWKs, newest first; the first one signs. */
  keys: JWK[];
}

const FORMAT = 'pms-idp-jwks/v1';

interface KeyFile {
  format: typeof FORMAT;
  /** The JWKS as JSON, sealed with the data key: a copied file is useless without the key. */
  sealed: string;
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'idp-jwks.json');
}

/** Only what a verifier needs: never hand out a private member. */
export function publicJwks(keys: SigningKeys): { keys: JWK[] } {
  return {
    keys: keys.keys.map((k) => {
      const pub: JWK = { ...k };
      for (const m of PRIVATE_MEMBERS) delete pub[m];
      return pub;
    }),
  };
}

async function generate(): Promise<SigningKeys> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { keys: [{ ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' }] };
}

function unseal(sealed: string, dataKey: DataKey, where: string): SigningKeys {
  let plain: Buffer;
  try {
    plain = dataKey.decrypt(sealed);
  } catch {
    throw new Error(`${where} was sealed with another data key (PMS_DATA_KEY changed, or not the same on every instance?)`);
  }
  const jwks = JSON.parse(plain.toString('utf8')) as SigningKeys;
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error(`${where} holds no keys`);
  return jwks;
}

function read(file: string, dataKey: DataKey): SigningKeys {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyFile>;
  if (parsed.format !== FORMAT || typeof parsed.sealed !== 'string') {
    throw new Error(`${file} is not an identity provider key file`);
  }
  return unseal(parsed.sealed, dataKey, file);
}

function keyFileBody(sealed: string): string {
  return JSON.stringify({ format: FORMAT, sealed } satisfies KeyFile) + '\n';
}

function privateKeyDir(dataDir: string): string {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * On PostgreSQL the keys live in the store, so every instance signs and verifies with the same
 * ones and no file is copied by hand. The first instance to start puts them there: the keys of
 * an existing key file (tokens already issued stay valid), else new ones. The file is then
 * rewritten from the store, for the token CLI on that host.
 */
export async function loadSharedSigningKeys(store: Store, dataDir: string, dataKey: DataKey): Promise<SigningKeys> {
  const file = keyFilePath(dataDir);
  let row = await store.one<{ sealed: string }>(sql`select sealed from idp_signing_key where id = 1`);
  if (!row) {
    const mine = existsSync(file) ? read(file, dataKey) : await generate();
    await store.exec(
      sql`insert into idp_signing_key (id, sealed) values (1, ${dataKey.encrypt(JSON.stringify(mine))}) on conflict (id) do nothing`,
    );
    row = (await store.one<{ sealed: string }>(sql`select sealed from idp_signing_key where id = 1`))!;
  }
  const keys = unseal(row.sealed, dataKey, 'the identity provider keys in the database');
  const current = existsSync(file) ? read(file, dataKey) : undefined;
  if (current?.keys[0]?.kid !== keys.keys[0]?.kid) {
    privateKeyDir(dataDir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, keyFileBody(row.sealed), { mode: 0o600 });
    renameSync(tmp, file);
  }
  return keys;
}

/**
 * Loads the signing keys from `<dataDir>/keys/idp-jwks.json`, generating them on first start.
 * The file is written whole under a temporary name and hard-linked into place (which fails if
 * the file exists), so a crash never leaves half a key file and when two processes race
 * the loser reads the winner's keys.
 */
export async function loadSigningKeys(dataDir: string, dataKey: DataKey): Promise<SigningKeys> {
  const file = keyFilePath(dataDir);
  if (existsSync(file)) return read(file, dataKey);
  privateKeyDir(dataDir);
  const fresh = await generate();
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, keyFileBody(dataKey.encrypt(JSON.stringify(fresh))), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return read(file, dataKey);
  } finally {
    unlinkSync(tmp);
  }
  return fresh;
}
