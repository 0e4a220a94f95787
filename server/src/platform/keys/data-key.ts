import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The service's data key: encrypts secrets at rest (signing keys, API keys) and keys the
 * HMACs that look them up. Each purpose gets its own sub-key (HKDF), so a key used to
 * encrypt is never also used to MAC.
 */
export class DataKey {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(private readonly master: Buffer) {
    if (master.length !== 32) throw new Error('the data key must be 32 bytes');
    this.encKey = this.derive('pms/encrypt/v1');
    this.macKey = this.derive('pms/hmac/v1');
  }

  derive(purpose: string, length = 32): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), purpose, length));
  }

  /** AES-256-GCM; the text form is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string | Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(text: string): Buffer {
    const [version, iv, tag, body] = text.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a value sealed by this data key');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  hmac(value: string): string {
    return createHmac('sha256', this.macKey).update(value).digest('hex');
  }
}

/**
 * PMS_DATA_KEY when set (required for several instances: they must share it); otherwise a
 * key generated once and kept in `<dataDir>/keys/data-key`, readable by this user only.
 */
export function loadDataKey(configured: string | undefined, dataDir: string): { key: DataKey; source: 'config' | 'file' | 'generated' } {
  if (configured) return { key: new DataKey(Buffer.from(configured, 'base64')), source: 'config' };
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'data-key');
  if (existsSync(file)) return { key: new DataKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')), source: 'file' };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fresh = randomBytes(32);
  writeFileSync(file, fresh.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key: new DataKey(fresh), source: 'generated' };
}
