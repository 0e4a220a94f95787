import { recordAudit, type Actor } from '../platform/audit.js';
import { isUniqueViolation, type Queryable } from '../platform/db/store.js';
import { type ErrorCode } from '../platform/errors/catalogue.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { mosipNow } from '../platform/http/envelope.js';
import { newId } from '../platform/ids.js';
import { anchorsOfDomain, type Anchor } from './anchors.js';
import type { CaUploadResult } from './answers.js';
import { insertCaCert, lockCaDomain } from './repository.js';
import type { TrustDeps } from './service.js';
import { allowedDomain, readCaUpload } from './upload-input.js';
import { canSignCertificates, isSelfSigned, trustPath, type Cert } from './x509.js';

export interface CaUploadInput {
  certificateData: string;
  partnerDomain: string;
}

interface Refusal {
  code: ErrorCode;
  detail?: string;
}

type Verdict = Refusal | { type: 'ROOT' | 'INTERMEDIATE'; issuerId: string | null };

interface Target {
  domain: string;
  now: Date;
  minValidityMonths: number;
  actor: Actor;
}

/** One upload's CAs as they are checked and stored into a domain. */
interface Batch extends Target {
  q: Queryable;
  /** The domain's stored CAs plus those accepted earlier in the same upload. */
  anchors: Anchor[];
  stored: string[];
  failures: Refusal[];
}

const addMonths = (d: Date, months: number) => {
  const out = new Date(d.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
};

/** Keymanager's per-certificate CA checks: the refusal, or what to store. */
function checkCa(cert: Cert, batch: Batch): Verdict {
  const { anchors, now, minValidityMonths } = batch;
  if (anchors.some((a) => a.cert.fingerprint === cert.fingerprint)) return { code: 'KER-PCM-003' };
  if (cert.version < 3) return { code: 'KER-PCM-007', detail: `X.509 v${cert.version}` };
  if (cert.notBefore > now) return { code: 'KER-PMS-020' };
  if (cert.notAfter < now) return { code: 'KER-PCM-004', detail: `expired ${cert.notAfter.toISOString()}` };
  if (cert.notAfter < addMonths(now, minValidityMonths)) {
    return { code: 'KER-PCM-017', detail: `at least ${minValidityMonths} months of validity are required` };
  }
  if (!canSignCertificates(cert)) {
    return {
      code: 'KER-PCM-018',
      detail: 'a CA certificate needs basic constraints cA=true and, when key usage is present, keyCertSign',
    };
  }
  if (isSelfSigned(cert)) return { type: 'ROOT', issuerId: null };
  const path = trustPath(cert, anchors, now);
  if (!path) return { code: 'KER-PCM-005' };
  return { type: 'INTERMEDIATE', issuerId: (path[0] as Anchor).certId };
}

/** Stores or refuses each certificate whose issuer is known by now; answers those still waiting for theirs. */
async function round(pending: Cert[], batch: Batch): Promise<Cert[]> {
  const waiting: Cert[] = [];
  for (const cert of pending) {
    const verdict = checkCa(cert, batch);
    if ('code' in verdict && verdict.code === 'KER-PCM-005') waiting.push(cert);
    else if ('code' in verdict) batch.failures.push(verdict);
    else {
      const certId = newId();
      await insertCaCert(batch.q, { certId, domain: batch.domain, type: verdict.type, issuerId: verdict.issuerId, cert }, batch.actor);
      batch.anchors.push({ certId, cert });
      batch.stored.push(certId);
    }
  }
  return waiting;
}

async function storeInIssuerOrder(q: Queryable, certs: Cert[], target: Target): Promise<Pick<Batch, 'stored' | 'failures'>> {
  const batch: Batch = { ...target, q, anchors: await anchorsOfDomain(q, target.domain), stored: [], failures: [] };
  // Roots before the certificates they issue, whatever order the caller used; a
  // certificate whose issuer is still pending waits for the next round.
  let pending = [...certs].reverse();
  while (pending.length > 0) {
    const waiting = await round(pending, batch);
    if (waiting.length === pending.length) break;
    pending = waiting;
  }
  for (const _ of pending) batch.failures.push({ code: 'KER-PCM-005' });
  return batch;
}

function uploadStatus(stored: number, failed: number): CaUploadResult['status'] {
  if (stored === 0) return 'Upload Failed.';
  return failed === 0 ? 'Upload Success.' : 'Partial Upload Success.';
}

export function createCaUpload(deps: Pick<TrustDeps, 'store' | 'settings'>) {
  async function uploadCa(input: CaUploadInput, actor: Actor): Promise<CaUploadResult> {
    const certs = readCaUpload(input.certificateData);
    const domain = allowedDomain(deps.settings.domains, input.partnerDomain);
    const now = new Date();
    try {
      return await deps.store.tx(async (q) => {
        // One CA upload per domain at a time: chain decisions read what the other would write.
        await lockCaDomain(q, domain);
        const target = { domain, now, minValidityMonths: deps.settings.caCertMinValidityMonths, actor };
        const { stored, failures } = await storeInIssuerOrder(q, certs, target);
        if (certs.length === 1 && failures[0]) throw PmsError.detailed(failures[0].code, failures[0].detail);
        await recordAudit(q, actor, {
          action: 'ca-certificate.upload',
          entityType: 'ca_certificate',
          entityId: domain,
          outcome: stored.length > 0 ? 'success' : 'failure',
          detail: { partnerDomain: domain, stored, failures: failures.map((f) => f.code) },
        });
        return { status: uploadStatus(stored.length, failures.length), timestamp: mosipNow() };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uk_ca_cert_domain_fingerprint')) throw PmsError.of('KER-PCM-003');
      throw err;
    }
  }

  return { uploadCa };
}
