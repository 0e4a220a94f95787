/**
 * Test certificates made on the spot: CA roots, intermediates and partner (leaf) certificates,
 * with RSA or EC keys, any validity window, and the broken variants the checks must catch.
 * Nothing here is checked in, so nothing expires.
 *
 *   const root = await certs.root({ cn: 'Test Root' });
 *   const ca = await certs.intermediate(root);
 *   const leaf = await certs.leaf(ca, { org: 'Acme' });
 *   leaf.pem            // PEM text to upload
 *   await leaf.privateKeyPem()   // for "pasted a private key by mistake" cases
 */
import 'reflect-metadata';
import * as px from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

px.cryptoProvider.set(webcrypto as unknown as Parameters<typeof px.cryptoProvider.set>[0]);

/** @peculiar/x509, loaded after reflect-metadata: import it from here, never directly. */
export { px };

type CryptoKeyPair = webcrypto.CryptoKeyPair;

export type KeySpec = { type: 'rsa'; bits?: number } | { type: 'ec'; curve?: 'P-256' | 'P-384' | 'P-521' };
export type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface CertOptions {
  /** Subject common name; a unique default otherwise. */
  cn?: string;
  /** Subject organisation (O=), which keymanager compares to the partner's organisation name. */
  org?: string;
  /** Extra subject attributes, e.g. `C=IN, OU=Unit` (appended after CN and O). */
  extraSubject?: string;
  key?: KeySpec;
  /** Reuse a key pair (e.g. two certificates for the same key). */
  keys?: CryptoKeyPair;
  hash?: Hash;
  notBefore?: Date;
  notAfter?: Date;
  /** Basic constraints: default true for root / intermediate, false for leaves; null omits the extension. */
  ca?: boolean | null;
  pathLength?: number;
  /** Key usage flags (px.KeyUsageFlags); null omits the extension. */
  keyUsage?: number | null;
}

export interface TestCert {
  pem: string;
  der: Buffer;
  cert: px.X509Certificate;
  keys: CryptoKeyPair;
  subject: string;
  /** The PKCS#8 private key as PEM. */
  privateKeyPem(): Promise<string>;
}

const DAY = 86_400_000;
export const daysFromNow = (n: number): Date => new Date(Date.now() + n * DAY);

let counter = 0;
const uniqueName = (kind: string) => `${kind} ${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export async function generateKeys(spec: KeySpec = { type: 'ec' }, hash: Hash = 'SHA-256'): Promise<CryptoKeyPair> {
  if (spec.type === 'rsa') {
    return (await webcrypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: spec.bits ?? 2048, publicExponent: new Uint8Array([1, 0, 1]), hash },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
  }
  return (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: spec.curve ?? 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

function signingAlgorithm(keys: CryptoKeyPair, hash: Hash) {
  return keys.privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash } : { name: 'RSASSA-PKCS1-v1_5', hash };
}

/** An RSA key signs with the hash it was made for: re-import it when another hash is asked for (SHA-1 cases). */
async function signerFor(keys: CryptoKeyPair, hash: Hash): Promise<webcrypto.CryptoKey> {
  const alg = keys.privateKey.algorithm as { name: string; hash?: { name: string } };
  if (alg.name !== 'RSASSA-PKCS1-v1_5' || alg.hash?.name === hash) return keys.privateKey;
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
}

function subjectOf(kind: string, o: CertOptions): string {
  const parts = [`CN=${o.cn ?? uniqueName(kind)}`];
  if (o.org !== undefined) parts.push(`O=${o.org}`);
  if (o.extraSubject) parts.push(o.extraSubject);
  return parts.join(', ');
}

async function wrap(cert: px.X509Certificate, keys: CryptoKeyPair): Promise<TestCert> {
  const der = Buffer.from(cert.rawData);
  return {
    pem: cert.toString('pem'),
    der,
    cert,
    keys,
    subject: cert.subject,
    async privateKeyPem() {
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
      return px.PemConverter.encode(pkcs8, 'PRIVATE KEY');
    },
  };
}

async function extensionsFor(o: CertOptions, defaults: { ca: boolean; keyUsage: number }, keys: CryptoKeyPair, issuerKeys: CryptoKeyPair) {
  const ext: px.Extension[] = [];
  const ca = o.ca === undefined ? defaults.ca : o.ca;
  if (ca !== null) ext.push(new px.BasicConstraintsExtension(ca, ca ? o.pathLength : undefined, true));
  const ku = o.keyUsage === undefined ? defaults.keyUsage : o.keyUsage;
  if (ku !== null) ext.push(new px.KeyUsagesExtension(ku, true));
  ext.push(await px.SubjectKeyIdentifierExtension.create(keys.publicKey));
  ext.push(await px.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey));
  return ext;
}

const CA_USAGE = px.KeyUsageFlags.keyCertSign | px.KeyUsageFlags.cRLSign | px.KeyUsageFlags.digitalSignature;
const LEAF_USAGE = px.KeyUsageFlags.digitalSignature | px.KeyUsageFlags.keyEncipherment;

async function selfSigned(kind: string, o: CertOptions, defaults: { ca: boolean; keyUsage: number }): Promise<TestCert> {
  const hash = o.hash ?? 'SHA-256';
  const keys = o.keys ?? (await generateKeys(o.key, hash));
  const cert = await px.X509CertificateGenerator.createSelfSigned({
    name: subjectOf(kind, o),
    keys: keys,
    notBefore: o.notBefore ?? daysFromNow(-1),
    notAfter: o.notAfter ?? daysFromNow(3650),
    signingAlgorithm: signingAlgorithm(keys, hash),
    extensions: await extensionsFor(o, defaults, keys, keys),
  });
  return wrap(cert, keys);
}

async function issued(
  kind: string,
  issuer: TestCert,
  o: CertOptions,
  defaults: { ca: boolean; keyUsage: number },
  validDays: number,
): Promise<TestCert> {
  const hash = o.hash ?? 'SHA-256';
  const keys = o.keys ?? (await generateKeys(o.key, hash));
  const cert = await px.X509CertificateGenerator.create({
    subject: subjectOf(kind, o),
    issuer: issuer.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: await signerFor(issuer.keys, hash),
    notBefore: o.notBefore ?? daysFromNow(-1),
    notAfter: o.notAfter ?? daysFromNow(validDays),
    signingAlgorithm: signingAlgorithm(issuer.keys, hash),
    extensions: await extensionsFor(o, defaults, keys, issuer.keys),
  });
  return wrap(cert, keys);
}

export const certs = {
  /** A self-signed CA root (10 years by default). */
  root: (o: CertOptions = {}) => selfSigned('Test Root CA', o, { ca: true, keyUsage: CA_USAGE }),
  /** A CA certificate issued by `issuer` (5 years by default). */
  intermediate: (issuer: TestCert, o: CertOptions = {}) => issued('Test Sub CA', issuer, o, { ca: true, keyUsage: CA_USAGE }, 1825),
  /** A partner (end-entity) certificate issued by `issuer` (2 years by default). */
  leaf: (issuer: TestCert, o: CertOptions = {}) => issued('Test Partner', issuer, o, { ca: false, keyUsage: LEAF_USAGE }, 730),
  /** An end-entity certificate that signs itself (refused as a partner certificate). */
  selfSignedLeaf: (o: CertOptions = {}) => selfSigned('Self Signed Partner', o, { ca: false, keyUsage: LEAF_USAGE }),
};

/** Several certificates as one PEM text (a chain pasted where one certificate was expected). */
export const pemChain = (...items: TestCert[]): string => items.map((c) => c.pem.trim()).join('\n') + '\n';

/** A certs-only PKCS#7 bundle, base64url as keymanager accepts for CA uploads. */
export function p7b(...items: TestCert[]): string {
  return Buffer.from(new px.X509Certificates(items.map((c) => c.cert)).export('raw')).toString('base64url');
}

/** Reads a PEM / base64url p7b text back into certificates (to inspect what the service returned). */
export function parseCertificates(text: string): px.X509Certificate[] {
  if (text.includes('-----BEGIN CERTIFICATE-----')) return px.PemConverter.decode(text).map((d) => new px.X509Certificate(d));
  return [...new px.X509Certificates(Buffer.from(text, 'base64url'))];
}
