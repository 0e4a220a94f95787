import { randomBytes, webcrypto } from 'node:crypto';
import { sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { newId } from '../platform/ids.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { parseCertDer, px, type Cert } from './x509.js';

type CryptoKey = webcrypto.CryptoKey;

const DAY = 86_400_000;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
/** Keys are replaced this long before they expire, so a fresh certificate never outlives its issuer's key by surprise. */
const RENEW_BEFORE_DAYS = 30;

interface KeyPurpose {
  applicationId: 'ROOT' | 'PMS';
  referenceId: string;
}

export interface SigningKey {
  id: string;
  cert: Cert;
  privateKey: CryptoKey;
}

interface KeyRow {
  id: string;
  private_key_cipher: string;
  certificate: string;
  not_after: string;
}

const serial = () => {
  const b = randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f; // positive INTEGER
  return b.toString('hex');
};

/**
 * This service's signing keys, as keymanager's ROOT and PMS application keys: RSA-2048,
 * SHA256withRSA. Made on first use, sealed with the data key in `signing_key`, cached in
 * memory as non-extractable keys. The private key is never returned by any endpoint.
 */
export class SigningKeys {
  private readonly cache = new Map<string, Promise<SigningKey>>();

  constructor(
    private readonly store: Store,
    private readonly dataKey: DataKey,
    private readonly org = 'Partner Management Service',
  ) {}

  /** The key that re-signs partner certificates of `domain`, issued by the ROOT key. */
  forDomain(domain: string): Promise<SigningKey> {
    return this.get({ applicationId: 'PMS', referenceId: domain });
  }

  root(): Promise<SigningKey> {
    return this.get({ applicationId: 'ROOT', referenceId: '' });
  }

  private get(p: KeyPurpose): Promise<SigningKey> {
    const k = `${p.applicationId}/${p.referenceId}`;
    const cached = this.cache.get(k);
    if (cached) {
      return cached.then((key) => {
        if (key.cert.notAfter.getTime() - Date.now() > RENEW_BEFORE_DAYS * DAY) return key;
        this.cache.delete(k);
        return this.get(p);
      });
    }
    const loading = this.loadOrCreate(p).catch((err: unknown) => {
      this.cache.delete(k);
      throw err;
    });
    this.cache.set(k, loading);
    return loading;
  }

  private async loadOrCreate(p: KeyPurpose): Promise<SigningKey> {
    const existing = await this.active(this.store, p);
    if (existing && new Date(existing.not_after).getTime() - Date.now() > RENEW_BEFORE_DAYS * DAY) return this.open(existing);
    const issuer = p.applicationId === 'PMS' ? await this.root() : undefined;
    const fresh = await this.generate(p, issuer);
    try {
      await this.store.tx(async (q) => {
        if (existing)
          await q.exec(
            sql`update signing_key set is_active = false, upd_by = 'system', upd_dtimes = now() where id = ${existing.id} and is_active`,
          );
        await q.exec(sql`
          insert into signing_key (id, application_id, reference_id, private_key_cipher, certificate, not_before, not_after, is_active, cr_by)
          values (${fresh.id}, ${p.applicationId}, ${p.referenceId}, ${fresh.cipher}, ${fresh.cert.pem},
                  ${fresh.cert.notBefore.toISOString()}, ${fresh.cert.notAfter.toISOString()}, true, 'system')`);
      });
    } catch (err) {
      // Another instance made it first: use theirs.
      if (!isUniqueViolation(err, 'uk_signing_key_active')) throw err;
      const winner = await this.active(this.store, p);
      if (!winner) throw err;
      return this.open(winner);
    }
    return { id: fresh.id, cert: fresh.cert, privateKey: fresh.privateKey };
  }

  private active(q: Queryable, p: KeyPurpose): Promise<KeyRow | undefined> {
    return q.one<KeyRow>(sql`
      select id, private_key_cipher, certificate, not_after from signing_key
      where application_id = ${p.applicationId} and reference_id = ${p.referenceId} and is_active`);
  }

  private async open(row: KeyRow): Promise<SigningKey> {
    const pkcs8 = this.dataKey.decrypt(row.private_key_cipher);
    const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA, false, ['sign']);
    pkcs8.fill(0);
    const der = Buffer.from(row.certificate.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    return { id: row.id, cert: parseCertDer(der), privateKey };
  }

  private async generate(p: KeyPurpose, issuer: SigningKey | undefined) {
    const keys = (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const now = Date.now();
    const isRoot = p.applicationId === 'ROOT';
    const name = isRoot ? `CN=PMS ROOT, O=${this.org}` : `CN=PMS ${p.referenceId}, OU=PMS, O=${this.org}`;
    const notAfter = new Date(now + (isRoot ? 3650 : 1095) * DAY);
    const usage = px.KeyUsageFlags.keyCertSign | px.KeyUsageFlags.cRLSign | px.KeyUsageFlags.digitalSignature;
    const signer = issuer?.privateKey ?? keys.privateKey;
    const extensions = [
      new px.BasicConstraintsExtension(true, isRoot ? undefined : 0, true),
      new px.KeyUsagesExtension(usage, true),
      await px.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await px.AuthorityKeyIdentifierExtension.create(issuer ? issuer.cert.peculiar.publicKey : keys.publicKey),
    ];
    const cert = await px.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: name,
      issuer: issuer ? issuer.cert.peculiar.subjectName : name,
      notBefore: new Date(now - 60_000),
      notAfter: issuer && issuer.cert.notAfter < notAfter ? issuer.cert.notAfter : notAfter,
      publicKey: keys.publicKey,
      signingKey: signer,
      signingAlgorithm: RSA,
      extensions,
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
    const cipher = this.dataKey.encrypt(pkcs8);
    const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA, false, ['sign']);
    pkcs8.fill(0);
    return { id: newId(), cipher, cert: parseCertDer(Buffer.from(cert.rawData)), privateKey };
  }

  /**
   * Issues this service's certificate over a partner's key: the partner's subject and public
   * key, signed by the domain's PMS key, valid from now for `validityDays` (never past the
   * issuer's own expiry). For AUTH the key may also encipher, as keymanager allows.
   */
  async resign(partner: Cert, domain: string, validityDays: number): Promise<{ cert: Cert; key: SigningKey }> {
    const key = await this.forDomain(domain);
    const now = Date.now();
    let usage = px.KeyUsageFlags.digitalSignature | px.KeyUsageFlags.nonRepudiation;
    if (domain === 'AUTH') usage |= px.KeyUsageFlags.keyEncipherment | px.KeyUsageFlags.dataEncipherment;
    const notAfter = new Date(Math.min(now + validityDays * DAY, key.cert.notAfter.getTime()));
    const cert = await px.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: partner.peculiar.subjectName,
      issuer: key.cert.peculiar.subjectName,
      notBefore: new Date(now - 60_000),
      notAfter,
      publicKey: partner.peculiar.publicKey,
      signingKey: key.privateKey,
      signingAlgorithm: RSA,
      extensions: [
        new px.BasicConstraintsExtension(false, undefined, true),
        new px.KeyUsagesExtension(usage, true),
        await px.SubjectKeyIdentifierExtension.create(partner.peculiar.publicKey),
        await px.AuthorityKeyIdentifierExtension.create(key.cert.peculiar.publicKey),
      ],
    });
    return { cert: parseCertDer(Buffer.from(cert.rawData)), key };
  }
}
