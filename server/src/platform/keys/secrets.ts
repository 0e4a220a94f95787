import { randomInt } from 'node:crypto';
import type { DataKey } from './data-key.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A secret drawn uniformly from 0-9a-zA-Z (MOSIP's MISP license alphabet), from the
 * operating system's CSPRNG. 32 characters carry about 190 bits, 50 about 297: far past the
 * 128 bits that make guessing hopeless. MOSIP's API keys are integers below 10^6.
 */
export function randomSecret(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export const API_KEY_LENGTH = 32;
export const LICENSE_KEY_LENGTH = 50;

/** How a secret is stored: found by its HMAC, given back (to IDA's events) by decryption. */
export interface SealedSecret {
  hmac: string;
  cipher: string;
}

export const seal = (dataKey: DataKey, value: string): SealedSecret => ({ hmac: dataKey.hmac(value), cipher: dataKey.encrypt(value) });

export const unseal = (dataKey: DataKey, cipher: string): string => dataKey.decrypt(cipher).toString('utf8');

/** What lists may show of a secret: its last four characters. */
export const hintOf = (value: string): string => value.slice(-4);
export const masked = (hint: string): string => `****${hint}`;
