import { PmsError } from '../platform/errors/pms-error.js';
import { CertInputError, readCertificates, readOneCertificate, type Cert } from './x509.js';

/**
 * Maps a refused input to MOSIP's code. CA uploads report non-base64 text as keymanager's
 * crypto code. Partner (and FTM) certificates go through keymanager's PEM reader, which answers
 * anything it cannot read as a certificate with KER-KMS-013 (docs/mosip-compatibility.md).
 */
function inputError(err: CertInputError, ca: boolean): PmsError {
  switch (err.problem) {
    case 'private-key':
      return PmsError.of('PMS_CRT_001');
    case 'not-certificate':
      return PmsError.detailed('KER-KMS-013', err.message);
    case 'not-base64':
      return ca ? PmsError.of('KER-CRY-003') : PmsError.detailed('KER-KMS-013', err.message);
    case 'unparseable':
    case 'not-pem':
      return PmsError.detailed(ca ? 'KER-PCM-001' : 'KER-KMS-013', err.message);
    default:
      return PmsError.detailed('KER-PCM-001', err.message);
  }
}

function read<T>(fn: () => T, ca: boolean): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CertInputError) throw inputError(err, ca);
    throw err;
  }
}

/** The certificates of a CA upload: PEM, several PEM blocks or a PKCS#7 bundle. */
export const readCaUpload = (text: string): Cert[] => read(() => readCertificates(text, { bundles: true }), true);

/** The one certificate of a partner (or FTM chip) upload. */
export const readPartnerCertificate = (text: string): Cert => read(() => readOneCertificate(text), false);

/** The upload's domain as keymanager reads it: one of the allowed domains, whatever its case. */
export function allowedDomain(domains: string[], raw: string): string {
  const d = raw.trim().toUpperCase();
  if (!domains.includes(d)) throw PmsError.of('KER-PCM-011');
  return d;
}
