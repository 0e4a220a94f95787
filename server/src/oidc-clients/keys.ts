import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import { PRIVATE_MEMBERS } from '@pms/rules/oidc';
import { PmsError } from '../platform/errors/pms-error.js';

/**
 * A client's public key: parsed as MOSIP parses it (Nimbus: PMS_ESI_007 when it is not a
 * key), then held to what eSignet can use, which MOSIP leaves to fail later:
 * - private members are refused by name and never stored or forwarded (MOSIP keeps them);
 * - RSA from 2048 to 4096 bits (a larger key overflows eSignet's public_key column);
 * - EC only on P-256, the curve of ES256, eSignet's one EC signing algorithm;
 * - OKP keys, which eSignet refuses, are refused here with eSignet's own code.
 */

export type PublicJwk = Record<string, unknown> & { kty: 'RSA' | 'EC' | 'OKP' };

/** Members Nimbus keeps for every key type, in the order we store them. */
const COMMON_MEMBERS = ['use', 'key_ops', 'alg', 'kid', 'x5u', 'x5t', 'x5t#S256', 'x5c', 'exp', 'nbf', 'iat'] as const;
const TYPE_MEMBERS: Record<PublicJwk['kty'], readonly string[]> = { RSA: ['e', 'n'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'] };
const B64URL = /^[A-Za-z0-9_-]+$/;

/** eSignet's `public_key` column is varchar(1024); the stored key text must fit. */
export const MAX_KEY_TEXT = 1024;
export const MIN_RSA_BITS = 2048;
export const MAX_RSA_BITS = 4096;

/** Short Weierstrass curves y² = x³ − 3x + b (mod p) with their coordinate sizes. */
const CURVES: Record<string, { p: bigint; b: bigint; bytes: number }> = {
  'P-256': {
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    bytes: 32,
  },
  'P-384': {
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    bytes: 48,
  },
  'P-521': {
    p: 2n ** 521n - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    bytes: 66,
  },
};
const OKP_CURVES: Record<string, number> = { Ed25519: 32, Ed448: 57, X25519: 32, X448: 56 };

const notAKey = () => PmsError.of('PMS_ESI_007');

function b64url(jwk: Record<string, unknown>, member: string): Buffer {
  const v = jwk[member];
  if (typeof v !== 'string' || !B64URL.test(v)) throw notAKey();
  return Buffer.from(v, 'base64url');
}

const toBigInt = (b: Buffer): bigint => (b.length === 0 ? 0n : BigInt(`0x${b.toString('hex')}`));

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

export function onCurve(crv: string, x: Buffer, y: Buffer): boolean {
  const c = CURVES[crv];
  if (!c || x.length !== c.bytes || y.length !== c.bytes) return false;
  const X = toBigInt(x);
  const Y = toBigInt(y);
  if (X >= c.p || Y >= c.p) return false;
  return mod(Y * Y - (X * X * X - 3n * X + c.b), c.p) === 0n;
}

function checkCommonMembers(jwk: Record<string, unknown>): void {
  for (const m of ['use', 'alg', 'kid', 'x5u', 'x5t', 'x5t#S256'] as const) {
    if (m in jwk && typeof jwk[m] !== 'string') throw notAKey();
  }
  if ('key_ops' in jwk && !(Array.isArray(jwk.key_ops) && jwk.key_ops.every((o) => typeof o === 'string'))) throw notAKey();
  if ('x5c' in jwk && !(Array.isArray(jwk.x5c) && jwk.x5c.every((c) => typeof c === 'string'))) throw notAKey();
  for (const m of ['exp', 'nbf', 'iat'] as const) {
    if (m in jwk && !Number.isInteger(jwk[m])) throw notAKey();
  }
}

function checkRsa(jwk: Record<string, unknown>): void {
  const n = b64url(jwk, 'n');
  const e = toBigInt(b64url(jwk, 'e'));
  if (toBigInt(n) < 3n || e < 3n || e % 2n === 0n) throw notAKey();
}

function checkEc(jwk: Record<string, unknown>): void {
  const crv = jwk.crv;
  if (typeof crv !== 'string') throw notAKey();
  const x = b64url(jwk, 'x');
  const y = b64url(jwk, 'y');
  // Nimbus knows secp256k1 too; it is refused below as a curve eSignet cannot use.
  if (crv === 'secp256k1') return;
  if (!onCurve(crv, x, y)) throw notAKey();
}

function checkOkp(jwk: Record<string, unknown>): void {
  const crv = jwk.crv;
  if (typeof crv !== 'string' || !(crv in OKP_CURVES)) throw notAKey();
  if (b64url(jwk, 'x').length !== OKP_CURVES[crv]) throw notAKey();
}

/** Step 3 of create: is this a JWK at all (PMS_ESI_007), and does it carry a private part. */
export function parseJwk(input: Record<string, unknown>): PublicJwk {
  const kty = input.kty;
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    // `oct` parses in Nimbus; its only material is the secret `k`.
    if (kty === 'oct' && 'k' in input) throw PmsError.of('PMS_OIDC_001', 'k');
    throw notAKey();
  }
  checkCommonMembers(input);
  if (kty === 'RSA') checkRsa(input);
  else if (kty === 'EC') checkEc(input);
  else checkOkp(input);
  const secrets = PRIVATE_MEMBERS.filter((m) => m in input);
  if (secrets.length > 0) throw PmsError.of('PMS_OIDC_001', secrets.join(', '));
  return input as PublicJwk;
}

const invalidKey = (reason: string) => PmsError.of('invalid_public_key', `request.publicKey: invalid_public_key (${reason})`);

/** What eSignet can register and later verify client assertions with. */
export function checkUsableByEsignet(jwk: PublicJwk): void {
  for (const m of ['alg', 'use'] as const) {
    if (m in jwk && (jwk[m] as string).trim() === '') throw invalidKey(`${m} must not be blank`);
  }
  if (jwk.kty === 'OKP') throw invalidKey('eSignet accepts RSA and EC keys only');
  if (jwk.kty === 'EC' && jwk.crv !== 'P-256') throw invalidKey(`curve ${String(jwk.crv)} cannot be used; use P-256 (ES256)`);
  if (jwk.kty === 'RSA') {
    const bits = rsaBits(jwk);
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) throw PmsError.of('PMS_OIDC_002', bits);
  }
}

export function rsaBits(jwk: PublicJwk): number {
  const n = Buffer.from(jwk.n as string, 'base64url');
  const hex = toBigInt(n).toString(2);
  return hex === '0' ? 0 : hex.length;
}

/** The key text PMS stores and forwards: the public members Nimbus knows, unknown ones dropped. */
export function storedKey(jwk: PublicJwk): Record<string, unknown> {
  const out: Record<string, unknown> = { kty: jwk.kty };
  for (const m of [...TYPE_MEMBERS[jwk.kty], ...COMMON_MEMBERS]) if (m in jwk) out[m] = jwk[m];
  return out;
}

/** The key bytes of spec 4.2.1: SubjectPublicKeyInfo DER for RSA and EC, the raw `x` for OKP. */
/** SubjectPublicKeyInfo DER up to the uncompressed point, for id-ecPublicKey on prime256v1. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

export function keyBytes(jwk: PublicJwk): Buffer {
  if (jwk.kty === 'OKP') return Buffer.from(jwk.x as string, 'base64url');
  // The common case, written out: the same bytes as the KeyObject export below, without the
  // cost of importing a key (a measurable share of a create).
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    const x = b64url(jwk, 'x');
    const y = b64url(jwk, 'y');
    if (!onCurve('P-256', x, y)) throw notAKey();
    return Buffer.concat([P256_SPKI_PREFIX, Buffer.from([4]), x, y]);
  }
  try {
    return createPublicKey({ key: storedKey(jwk) as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  } catch {
    throw notAKey();
  }
}

/** spec 4.2.2: base64url-no-pad(SHA-256(ASCII(padded standard base64 of the key bytes))). */
export function clientIdOf(jwk: PublicJwk): string {
  const text = keyBytes(jwk).toString('base64');
  return createHash('sha256').update(text, 'ascii').digest('base64url');
}
