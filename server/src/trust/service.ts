import { recordAudit, type Actor } from '../platform/audit.js';
import { type ErrorCode } from '../platform/errors/catalogue.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { mosipNow } from '../platform/http/envelope.js';
import { newId } from '../platform/ids.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { type PageResponseV2 } from '../platform/search/index.js';
import { canChange } from '../platform/auth/access.js';
import { findPartner, findPartnerType, lockPartner, type PartnerRow } from '../partners/index.js';
import { approveWithCertificate, insertCaCert, insertPartnerCert, lockCaDomain, type TrustListQuery } from './repository.js';
import type {
  CaUploadResult,
  OriginalCertificates,
  PartnerCertificate,
  PartnerCertificateSummary,
  PartnerCertUploadResult,
  TrustCertificateItem,
  TrustDownload,
} from './answers.js';
import type { TrustSettings } from './settings.js';
import type { SigningKeys } from './signing-keys.js';
import { certificateChain, certificatesOfCaller, originalCertificates, partnerCertificate } from './partner-cert-reads.js';
import { downloadTrustCertificate, listTrustCertificates } from './trust-store-reads.js';
import { certify, certifyCertificate, type CertifiedKey } from './certification.js';
import { anchorsOfDomain, type Anchor } from './anchors.js';
import { allowedDomain, readCaUpload, readPartnerCertificate } from './upload-input.js';
import { canSignCertificates, isSelfSigned, trustPath, type Cert } from './x509.js';

/** MOSIP's publisher of partner certificate events (docs/events.md). */
export const PARTNER_SERVICE_PUBLISHER: Publisher = {
  name: 'PartnerServiceImpl',
  namespace: 'io.mosip.pmp.partner.service.impl.PartnerServiceImpl',
};

const addMonths = (d: Date, months: number) => {
  const out = new Date(d.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
};

export type { CaUploadResult, OriginalCertificates, PartnerCertificateSummary, TrustCertificateItem };

export interface TrustService {
  uploadCa(input: { certificateData: string; partnerDomain: string }, actor: Actor): Promise<CaUploadResult>;
  uploadPartnerCert(
    input: { partnerId: string; certificateData: string; partnerDomain: string },
    actor: Actor,
  ): Promise<PartnerCertUploadResult>;
  partnerCertificate(partnerId: string, actor: Actor): Promise<PartnerCertificate>;
  originalCertificates(partnerId: string, actor: Actor): Promise<OriginalCertificates>;
  certificatesOfCaller(actor: Actor): Promise<PartnerCertificateSummary[]>;
  listTrustCertificates(query: TrustListQuery): Promise<PageResponseV2<TrustCertificateItem>>;
  downloadTrustCertificate(certificateId: string): Promise<TrustDownload>;
  certificateChain(certificateId: string): Promise<string | undefined>;
  /**
   * Keymanager's partner-certificate checks and re-signing for a key held by something other
   * than a partner (an FTM chip): the caller stores the result. Added for the FTM area.
   */
  certify(input: { certificateData: string; partnerDomain: string; organizationName: string }): Promise<CertifiedKey>;
}

export function createTrustService(deps: { store: Store; keys: SigningKeys; settings: TrustSettings; publicUrl: string }): TrustService {
  const { store, settings } = deps;

  /**
   * Keymanager's per-certificate CA checks. Returns the error code for a refused certificate,
   * or what to store. `anchors` holds the domain's stored CAs plus those accepted earlier in
   * the same upload.
   */
  function checkCa(
    cert: Cert,
    anchors: Anchor[],
    now: Date,
  ): { code: ErrorCode; detail?: string } | { type: 'ROOT' | 'INTERMEDIATE'; issuerId: string | null } {
    if (anchors.some((a) => a.cert.fingerprint === cert.fingerprint)) return { code: 'KER-PCM-003' };
    if (cert.version < 3) return { code: 'KER-PCM-007', detail: `X.509 v${cert.version}` };
    if (cert.notBefore > now) return { code: 'KER-PMS-020' };
    if (cert.notAfter < now) return { code: 'KER-PCM-004', detail: `expired ${cert.notAfter.toISOString()}` };
    if (cert.notAfter < addMonths(now, settings.caCertMinValidityMonths)) {
      return { code: 'KER-PCM-017', detail: `at least ${settings.caCertMinValidityMonths} months of validity are required` };
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

  async function uploadCa(input: { certificateData: string; partnerDomain: string }, actor: Actor): Promise<CaUploadResult> {
    const certs = readCaUpload(input.certificateData);
    const domain = allowedDomain(settings.domains, input.partnerDomain);
    const single = certs.length === 1;
    const now = new Date();
    try {
      return await store.tx(async (q) => {
        // One CA upload per domain at a time: chain decisions read what the other would write.
        await lockCaDomain(q, domain);
        const anchors = await anchorsOfDomain(q, domain);
        // Roots before the certificates they issue, whatever order the caller used; a
        // certificate whose issuer is still pending waits for the next round.
        let pending = [...certs].reverse();
        const stored: string[] = [];
        const failures: { code: ErrorCode; detail?: string }[] = [];
        for (let progress = true; progress && pending.length > 0;) {
          progress = false;
          const waiting: Cert[] = [];
          for (const cert of pending) {
            const verdict = checkCa(cert, anchors, now);
            if ('code' in verdict && verdict.code === 'KER-PCM-005') {
              waiting.push(cert);
              continue;
            }
            progress = true;
            if ('code' in verdict) {
              failures.push(verdict);
              continue;
            }
            const row = { certId: newId(), domain, type: verdict.type, issuerId: verdict.issuerId, cert };
            await insertCaCert(q, row, actor);
            anchors.push({ certId: row.certId, cert });
            stored.push(row.certId);
          }
          pending = waiting;
        }
        for (const _ of pending) failures.push({ code: 'KER-PCM-005' });
        if (single && failures[0]) throw PmsError.detailed(failures[0].code, failures[0].detail);
        await recordAudit(q, actor, {
          action: 'ca-certificate.upload',
          entityType: 'ca_certificate',
          entityId: domain,
          outcome: stored.length > 0 ? 'success' : 'failure',
          detail: { partnerDomain: domain, stored, failures: failures.map((f) => f.code) },
        });
        let status: CaUploadResult['status'] = 'Upload Failed.';
        if (stored.length > 0) status = failures.length === 0 ? 'Upload Success.' : 'Partial Upload Success.';
        return { status, timestamp: mosipNow() };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uk_ca_cert_domain_fingerprint')) throw PmsError.of('KER-PCM-003');
      throw err;
    }
  }

  /** PMS's pre-checks of a partner certificate upload, in MOSIP's order (spec 3.1), ownership first. */
  async function partnerForUpload(q: Queryable, partnerId: string, actor: Actor): Promise<PartnerRow> {
    const partner = await findPartner(q, partnerId);
    if (!partner) throw PmsError.of('PMS_PRT_005');
    if (!canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
    if (partner.approval_status !== 'InProgress' && !partner.is_active) throw PmsError.of('PMS_PMP_016');
    const type = await findPartnerType(q, partner.partner_type_code);
    if (!type) throw PmsError.of('PMS_PRT_010');
    if (type.is_policy_required && !partner.policy_group_id) throw PmsError.of('PMS_PRT_054');
    return partner;
  }

  async function uploadPartnerCert(input: { partnerId: string; certificateData: string; partnerDomain: string }, actor: Actor) {
    const partner = await partnerForUpload(store, input.partnerId, actor);
    const cert = readPartnerCertificate(input.certificateData);
    const domain = allowedDomain(settings.domains, input.partnerDomain);
    const certified = await certifyCertificate(deps, cert, domain, partner.name);
    const certificateId = newId();
    await store.tx(async (q) => {
      const current = await lockPartner(q, partner.id);
      // Deactivated while the certificate was being checked: the deactivation stands.
      if (!current || (current.approval_status !== 'InProgress' && !current.is_active)) throw PmsError.of('PMS_PMP_016');
      await insertPartnerCert(
        q,
        {
          certId: certificateId,
          partnerId: partner.id,
          domain,
          orgName: partner.name,
          partnerType: partner.partner_type_code,
          issuerId: certified.issuerId,
          original: cert,
          signed: certified.signed,
          signingKeyId: certified.signingKeyId,
          chain: certified.chain,
        },
        actor,
      );
      await approveWithCertificate(q, partner.id, certificateId, actor);
      await enqueueEvent(q, 'PARTNER_UPDATED', PARTNER_SERVICE_PUBLISHER, {
        partnerData: { partnerId: partner.id, partnerName: partner.name, certificateData: certified.leaf.pem, partnerStatus: 'ACTIVE' },
      });
      await enqueueEvent(q, 'CA_CERTIFICATE_UPLOADED', PARTNER_SERVICE_PUBLISHER, {
        certChainDatashareUrl: `${deps.publicUrl}/v1/partnermanager/partners/certificate-chains/${certificateId}`,
        partnerDomain: input.partnerDomain,
      });
      await recordAudit(q, actor, {
        action: 'partner-certificate.upload',
        entityType: 'partner',
        entityId: partner.id,
        detail: { certificateId, partnerDomain: domain, thumbprint: cert.thumbprint, approvalStatus: 'approved' },
      });
    });
    return { signedCertificateData: certified.leaf.pem, certificateId, timestamp: mosipNow() };
  }

  return {
    certify: (input) => certify(deps, input),
    uploadCa,
    uploadPartnerCert,
    partnerCertificate: (partnerId, actor) => partnerCertificate(store, partnerId, actor),
    originalCertificates: (partnerId, actor) => originalCertificates(store, partnerId, actor),
    certificatesOfCaller: (actor) => certificatesOfCaller(store, actor),
    listTrustCertificates: (query) => listTrustCertificates(store, query),
    downloadTrustCertificate: (certificateId) => downloadTrustCertificate(store, certificateId),
    certificateChain: (certificateId) => certificateChain(store, certificateId),
  };
}
