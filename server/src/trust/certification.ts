import { PmsError } from '../platform/errors/pms-error.js';
import { anchorsOfDomain, type Anchor } from './anchors.js';
import type { TrustDeps } from './service.js';
import { allowedDomain, readPartnerCertificate } from './upload-input.js';
import { isSelfSigned, p7bOf, trustPath, type Cert } from './x509.js';

const DAY = 86_400_000;

type Deps = Pick<TrustDeps, 'store' | 'keys' | 'settings'>;

/** A certificate that passed the partner checks, with this service's certificate over its key. */
export interface CertifiedKey {
  domain: string;
  original: Cert;
  signed: Cert;
  signingKeyId: string;
  /** The trust-store CA that issued the original. */
  issuerId: string;
  /** What consumers receive, as for partner certificates (spec 3.2): PKCS#7, base64url. */
  chain: string;
  /** First certificate of `chain`. */
  leaf: Cert;
}

export interface CertifyInput {
  certificateData: string;
  partnerDomain: string;
  organizationName: string;
}

/** Keymanager's partner certificate rules (spec 3.2), in its order; answers the trust path. */
async function checkPartnerCert(deps: Deps, cert: Cert, domain: string, organization: string, now: Date): Promise<Anchor[]> {
  const { partnerCertMinValidityDays } = deps.settings;
  if (cert.notBefore > now) throw PmsError.of('KER-PMS-020');
  if (cert.notAfter < now) throw PmsError.detailed('KER-PCM-004', `expired ${cert.notAfter.toISOString()}`);
  if (cert.notAfter.getTime() - now.getTime() < partnerCertMinValidityDays * DAY) {
    throw PmsError.detailed('KER-PCM-004', `at least ${partnerCertMinValidityDays} days of validity are required`);
  }
  if (isSelfSigned(cert)) throw PmsError.of('KER-PCM-015');
  const path = trustPath(cert, await anchorsOfDomain(deps.store, domain), now);
  if (!path) throw PmsError.of('KER-PCM-006');
  if (cert.version < 3) throw PmsError.detailed('KER-PCM-007', `X.509 v${cert.version}`);
  if (cert.subjectOrg !== organization) throw PmsError.of('KER-PCM-008');
  if (cert.keyType === 'RSA' && (cert.keyBits ?? 0) < 2048) throw PmsError.of('KER-PCM-013');
  if (!/^SHA(256|384|512)with(RSA|ECDSA)$/.test(cert.signatureAlgorithm)) throw PmsError.detailed('KER-PCM-014', cert.signatureAlgorithm);
  return path;
}

export function createCertification(deps: Deps) {
  /** Checks `cert` as `organization`'s certificate in `domain`, then issues this service's certificate over its key. */
  async function certifyCertificate(cert: Cert, domain: string, organization: string): Promise<CertifiedKey> {
    const path = await checkPartnerCert(deps, cert, domain, organization, new Date());
    const { cert: signed, key } = await deps.keys.resign(cert, domain, deps.settings.signedCertValidityDays);
    const root = await deps.keys.root();
    // What consumers receive (spec 3.2): the re-signed chain, or for FTM the partner's own chain.
    const keepOriginal = domain === 'FTM' && !deps.settings.resignFtmCerts;
    const chainCerts = keepOriginal ? [cert, ...path.map((a) => a.cert)] : [signed, key.cert, root.cert];
    return {
      domain,
      original: cert,
      signed,
      signingKeyId: key.id,
      issuerId: (path[0] as Anchor).certId,
      chain: p7bOf(chainCerts),
      leaf: chainCerts[0] as Cert,
    };
  }

  async function certify(input: CertifyInput): Promise<CertifiedKey> {
    const cert = readPartnerCertificate(input.certificateData);
    const domain = allowedDomain(deps.settings.domains, input.partnerDomain);
    return certifyCertificate(cert, domain, input.organizationName);
  }

  return { certify, certifyCertificate };
}

export type Certification = ReturnType<typeof createCertification>;
