import { recordAudit, type Actor } from '../platform/audit.js';
import { canChange } from '../platform/auth/access.js';
import type { Queryable } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { mosipNow } from '../platform/http/envelope.js';
import { newId } from '../platform/ids.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { findPartner, findPartnerType, lockPartner, type PartnerRow } from '../partners/index.js';
import type { PartnerCertUploadResult } from './answers.js';
import type { Certification, CertifiedKey } from './certification.js';
import { approveWithCertificate, insertPartnerCert } from './repository.js';
import type { TrustDeps } from './service.js';
import { allowedDomain, readPartnerCertificate } from './upload-input.js';

/** MOSIP's publisher of partner certificate events (docs/events.md). */
const PARTNER_SERVICE_PUBLISHER: Publisher = {
  name: 'PartnerServiceImpl',
  namespace: 'io.mosip.pmp.partner.service.impl.PartnerServiceImpl',
};

export interface PartnerCertUploadInput {
  partnerId: string;
  certificateData: string;
  partnerDomain: string;
}

const acceptsCertificate = (p: PartnerRow) => p.approval_status === 'InProgress' || p.is_active;

/** PMS's pre-checks of a partner certificate upload, in MOSIP's order (spec 3.1), ownership first. */
async function partnerForUpload(q: Queryable, partnerId: string, actor: Actor): Promise<PartnerRow> {
  const partner = await findPartner(q, partnerId);
  if (!partner) throw PmsError.of('PMS_PRT_005');
  if (!canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
  if (!acceptsCertificate(partner)) throw PmsError.of('PMS_PMP_016');
  const type = await findPartnerType(q, partner.partner_type_code);
  if (!type) throw PmsError.of('PMS_PRT_010');
  if (type.is_policy_required && !partner.policy_group_id) throw PmsError.of('PMS_PRT_054');
  return partner;
}

interface Upload {
  certificateId: string;
  partner: PartnerRow;
  certified: CertifiedKey;
  /** The domain as the caller wrote it, which MOSIP's event carries. */
  requestedDomain: string;
}

/** Stores the certificate, approves and activates the partner and tells consumers, in one transaction. */
async function recordUpload(q: Queryable, upload: Upload, actor: Actor, publicUrl: string): Promise<void> {
  const { certificateId, partner, certified } = upload;
  const current = await lockPartner(q, partner.id);
  // Deactivated while the certificate was being checked: the deactivation stands.
  if (!current || !acceptsCertificate(current)) throw PmsError.of('PMS_PMP_016');
  await insertPartnerCert(
    q,
    {
      certId: certificateId,
      partnerId: partner.id,
      domain: certified.domain,
      orgName: partner.name,
      partnerType: partner.partner_type_code,
      issuerId: certified.issuerId,
      original: certified.original,
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
    certChainDatashareUrl: `${publicUrl}/v1/partnermanager/partners/certificate-chains/${certificateId}`,
    partnerDomain: upload.requestedDomain,
  });
  await recordAudit(q, actor, {
    action: 'partner-certificate.upload',
    entityType: 'partner',
    entityId: partner.id,
    detail: { certificateId, partnerDomain: certified.domain, thumbprint: certified.original.thumbprint, approvalStatus: 'approved' },
  });
}

export function createPartnerCertUpload(deps: Pick<TrustDeps, 'store' | 'settings' | 'publicUrl'>, { certifyCertificate }: Certification) {
  async function uploadPartnerCert(input: PartnerCertUploadInput, actor: Actor): Promise<PartnerCertUploadResult> {
    const partner = await partnerForUpload(deps.store, input.partnerId, actor);
    const cert = readPartnerCertificate(input.certificateData);
    const domain = allowedDomain(deps.settings.domains, input.partnerDomain);
    const certified = await certifyCertificate(cert, domain, partner.name);
    const upload = { certificateId: newId(), partner, certified, requestedDomain: input.partnerDomain };
    await deps.store.tx((q) => recordUpload(q, upload, actor, deps.publicUrl));
    return { signedCertificateData: certified.leaf.pem, certificateId: upload.certificateId, timestamp: mosipNow() };
  }

  return { uploadPartnerCert };
}
