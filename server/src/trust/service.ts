import { recordAudit, type Actor } from '../platform/audit.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { type Queryable, type Store } from '../platform/db/store.js';
import { mosipNow } from '../platform/http/envelope.js';
import { newId } from '../platform/ids.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { type PageResponseV2 } from '../platform/search/index.js';
import { canChange } from '../platform/auth/access.js';
import { findPartner, findPartnerType, lockPartner, type PartnerRow } from '../partners/index.js';
import { approveWithCertificate, insertPartnerCert, type TrustListQuery } from './repository.js';
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
import { uploadCa } from './ca-upload.js';
import { allowedDomain, readPartnerCertificate } from './upload-input.js';

/** MOSIP's publisher of partner certificate events (docs/events.md). */
export const PARTNER_SERVICE_PUBLISHER: Publisher = {
  name: 'PartnerServiceImpl',
  namespace: 'io.mosip.pmp.partner.service.impl.PartnerServiceImpl',
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
    uploadCa: (input, actor) => uploadCa(deps, input, actor),
    uploadPartnerCert,
    partnerCertificate: (partnerId, actor) => partnerCertificate(store, partnerId, actor),
    originalCertificates: (partnerId, actor) => originalCertificates(store, partnerId, actor),
    certificatesOfCaller: (actor) => certificatesOfCaller(store, actor),
    listTrustCertificates: (query) => listTrustCertificates(store, query),
    downloadTrustCertificate: (certificateId) => downloadTrustCertificate(store, certificateId),
    certificateChain: (certificateId) => certificateChain(store, certificateId),
  };
}
