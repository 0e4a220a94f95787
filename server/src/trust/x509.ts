// @peculiar/x509 reads decorator metadata when it loads: reflect-metadata must come first.
import 'reflect-metadata';
import * as px from '@peculiar/x509';
import { createHash, createPrivateKey, createPublicKey, X509Certificate as NodeX509, webcrypto } from 'node:crypto';

px.cryptoProvider.set(webcrypto as unknown as Parameters<typeof px.cryptoProvider.set>[0]);

export { px };

/** Why an uploaded text is not usable as a certificate; the service maps each to MOSIP's code. */
export type CertInputProblem =
  | 'private-key' // a private key was pasted: refused, never stored or logged
  | 'not-certificate' // PEM of some other kind (public key, CSR …)
  | 'not-base64' // neither PEM nor base64 text
  | 'unparseable' // base64/PEM that does not decode to a certificate
  | 'not-pem' // a bare DER certificate where PEM is required
  | 'multiple'; // a chain where one certificate was expected

export class CertInputError extends Error {
  constructor(
    readonly problem: CertInputProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** One parsed certificate with the facts the checks need, computed once. */
export interface Cert {
  der: Buffer;
  pem: string;
  peculiar: px.X509Certificate;
  node: NodeX509;
  subject: string;
  issuer: string;
  subjectOrg: string | undefined;
  subjectCn: string | undefined;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** X.509 version as written in the certificate: 1, 2 or 3. */
  version: number;
  /** Basic constraints cA; undefined when the extension is absent. */
  isCa: boolean | undefined;
  /** Key usage bits (KeyUsageFlags); undefined when the extension is absent. */
  keyUsage: number | undefined;
  keyType: string;
  keyBits: number | undefined;
  namedCurve: string | undefined;
  /** Java-style name, e.g. SHA256withRSA, the form keymanager checks and shows. */
  signatureAlgorithm: string;
  /** SHA-1 of the DER, hex: MOSIP's certificate thumbprint (an identifier only). */
  thumbprint: string;
  /** SHA-256 of the DER, hex: what duplicates are detected by. */
  fingerprint: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function toPem(der: Buffer | ArrayBuffer, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der as ArrayBuffer).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function looksLikePrivateKeyDer(der: Buffer): boolean {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this kind of private key
    }
  }
  return false;
}

function looksLikePrivateJwk(text: string): boolean {
  if (!text.startsWith('{')) return false;
  try {
    const v = JSON.parse(text) as unknown;
    const keys = Array.isArray((v as { keys?: unknown }).keys) ? (v as { keys: unknown[] }).keys : [v];
    return keys.some((k) => typeof k === 'object' && k !== null && 'd' in k);
  } catch {
    return false;
  }
}

function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact)) throw new CertInputError('not-base64', 'the data is neither PEM nor base64 text');
  return Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Signature algorithm in Java's naming, which keymanager's "starts with SHA2" rule reads. */
function javaSignatureName(cert: px.X509Certificate): string {
  try {
    const alg = cert.signatureAlgorithm as { name: string; hash?: { name: string } };
    const hash = (alg.hash?.name ?? '').replace('-', '');
    if (alg.name === 'RSASSA-PKCS1-v1_5') return `${hash}withRSA`;
    if (alg.name === 'ECDSA') return `${hash}withECDSA`;
    if (alg.name === 'RSA-PSS') return 'RSASSA-PSS';
    return alg.name;
  } catch {
    return 'unknown';
  }
}

/** The version field of TBSCertificate: an explicit [0] tag when present, else v1. */
function versionOf(der: Buffer): number {
  const skipHeader = (at: number): number => {
    const len = der[at + 1] ?? 0;
    return at + 2 + (len & 0x80 ? len & 0x7f : 0);
  };
  const tbs = skipHeader(0);
  const first = skipHeader(tbs);
  if (der[first] !== 0xa0) return 1;
  const intAt = skipHeader(first);
  return (der[intAt + 2] ?? 0) + 1;
}

export function parseCertDer(der: Buffer): Cert {
  let peculiar: px.X509Certificate;
  let node: NodeX509;
  try {
    peculiar = new px.X509Certificate(new Uint8Array(der));
    node = new NodeX509(der);
  } catch {
    throw new CertInputError('unparseable', 'the data does not decode to an X.509 certificate');
  }
  const bc = peculiar.getExtension(px.BasicConstraintsExtension);
  const ku = peculiar.getExtension(px.KeyUsagesExtension);
  const key = createPublicKey({ key: Buffer.from(peculiar.publicKey.rawData), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  return {
    der,
    pem: toPem(der),
    peculiar,
    node,
    subject: peculiar.subject,
    issuer: peculiar.issuer,
    subjectOrg: peculiar.subjectName.getField('O')[0],
    subjectCn: peculiar.subjectName.getField('CN')[0],
    serial: peculiar.serialNumber,
    notBefore: peculiar.notBefore,
    notAfter: peculiar.notAfter,
    version: versionOf(der),
    isCa: bc ? bc.ca : undefined,
    keyUsage: ku ? ku.usages : undefined,
    keyType: (key.asymmetricKeyType ?? 'unknown').toUpperCase(),
    keyBits: details.modulusLength,
    namedCurve: details.namedCurve,
    signatureAlgorithm: javaSignatureName(peculiar),
    thumbprint: createHash('sha1').update(der).digest('hex'),
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

function parseP7b(der: Buffer): Cert[] {
  let bundle: px.X509Certificates;
  try {
    bundle = new px.X509Certificates(new Uint8Array(der));
  } catch {
    throw new CertInputError('unparseable', 'the data is neither a certificate nor a PKCS#7 certificate bundle');
  }
  if (bundle.length === 0) throw new CertInputError('unparseable', 'the PKCS#7 bundle holds no certificate');
  return bundle.map((c) => parseCertDer(Buffer.from(c.rawData)));
}

/**
 * Reads what a caller uploaded: PEM certificate(s), or (when `bundles` is allowed) a base64 /
 * base64url PKCS#7 bundle as keymanager accepts for CA uploads. A private key anywhere in the
 * input is refused outright, so it is never parsed further, stored or echoed.
 */
export function readCertificates(input: string, opts: { bundles: boolean }): Cert[] {
  const text = input.trim();
  if (looksLikePrivateJwk(text)) throw new CertInputError('private-key', 'the data is a private key');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1] ?? '', body: m[2] ?? '' }));
  if (blocks.some((b) => b.label.includes('PRIVATE KEY')) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new CertInputError('private-key', 'the data contains a private key');
  }
  if (blocks.length > 0) {
    const certs: Cert[] = [];
    for (const b of blocks) {
      if (b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE') certs.push(parseCertDer(decodeBase64(b.body)));
      else if (opts.bundles && (b.label === 'PKCS7' || b.label === 'CERTIFICATE CHAIN')) certs.push(...parseP7b(decodeBase64(b.body)));
      else throw new CertInputError('not-certificate', `a PEM "${b.label}" block is not a certificate`);
    }
    return certs;
  }
  if (text.includes('-----BEGIN')) throw new CertInputError('unparseable', 'the PEM block is incomplete');
  const der = decodeBase64(text);
  if (looksLikePrivateKeyDer(der)) throw new CertInputError('private-key', 'the data is a private key');
  if (opts.bundles) {
    try {
      return parseP7b(der);
    } catch (err) {
      if (!(err instanceof CertInputError)) throw err;
    }
  }
  // A bare DER certificate: recognisable, but MOSIP's contract is PEM.
  try {
    parseCertDer(der);
  } catch {
    throw new CertInputError('unparseable', 'the data does not decode to an X.509 certificate');
  }
  throw new CertInputError('not-pem', 'the certificate must be sent in PEM form (-----BEGIN CERTIFICATE-----)');
}

/** Exactly one certificate (partner uploads). */
export function readOneCertificate(input: string): Cert {
  const certs = readCertificates(input, { bundles: false });
  if (certs.length !== 1) throw new CertInputError('multiple', `expected one certificate, found ${certs.length}`);
  return certs[0] as Cert;
}

/** Issuer equals subject and the certificate's own key verifies its signature (key usage aside). */
export function isSelfSigned(c: Cert): boolean {
  try {
    return c.node.subject === c.node.issuer && c.node.verify(c.node.publicKey);
  } catch {
    return false;
  }
}

/** `issuer` issued `child`: names and key identifiers match, key usage allows signing, signature verifies. */
export function issuedBy(child: Cert, issuer: Cert): boolean {
  try {
    return child.node.checkIssued(issuer.node) && child.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}

export function validAt(c: Cert, at: Date): boolean {
  return c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
}

/** A certificate that may sign others: cA set (v3), key usage allowing keyCertSign when present. */
export function canSignCertificates(c: Cert): boolean {
  if (c.version < 3 || c.isCa !== true) return false;
  return c.keyUsage === undefined || (c.keyUsage & px.KeyUsageFlags.keyCertSign) !== 0;
}

/**
 * The trust path from `leaf` up to a self-signed root among `anchors` (which hold a domain's
 * roots and intermediates), leaf excluded, root last; null when none. At most `maxDepth` CA
 * certificates, as keymanager's PKIX builder (max path length 4). Every CA on the path must
 * be currently valid and allowed to sign certificates.
 */
export function trustPath<T extends { cert: Cert }>(leaf: Cert, anchors: T[], at: Date, maxDepth = 4): T[] | null {
  const usable = anchors.filter((a) => validAt(a.cert, at) && canSignCertificates(a.cert));
  const walk = (c: Cert, path: T[]): T[] | null => {
    if (path.length >= maxDepth) return null;
    for (const a of usable) {
      if (path.includes(a) || a.cert.fingerprint === c.fingerprint) continue;
      if (!issuedBy(c, a.cert)) continue;
      const next = [...path, a];
      if (isSelfSigned(a.cert)) return next;
      const found = walk(a.cert, next);
      if (found) return found;
    }
    return null;
  };
  return walk(leaf, []);
}

/** A certs-only PKCS#7 bundle, base64url as keymanager returns it. */
export function p7bOf(certs: Cert[]): string {
  const bundle = new px.X509Certificates(certs.map((c) => c.peculiar));
  return Buffer.from(bundle.export('raw')).toString('base64url');
}

export function certFromPem(pem: string): Cert {
  return readOneCertificate(pem);
}
