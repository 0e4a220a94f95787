import { toIso } from '../platform/search/index.js';
import type { PartnerRow } from '../partners/index.js';
import type { OriginalCertificates, PartnerCertificateSummary, TrustCertificateItem } from './answers.js';
import type { CaRow, PartnerCertRow } from './repository.js';

export const isDeactivated = (p: PartnerRow) => p.approval_status === 'approved' && !p.is_active;

const hasExpired = (notAfter: string, now: number) => new Date(toIso(notAfter) ?? 0).getTime() < now;

/** A stored certificate next to this service's certificate over its key (partners' and FTM chips'). */
type CertificatePair = Pick<PartnerCertRow, 'cert_data' | 'cert_not_after' | 'signed_cert_data' | 'signed_not_after'>;

/** Both certificates, each blanked and flagged once expired. */
export function originalAndResigned(row: CertificatePair, now: number): OriginalCertificates {
  const caExpired = hasExpired(row.cert_not_after, now);
  const signedExpired = hasExpired(row.signed_not_after, now);
  return {
    caSignedCertificateData: caExpired ? '' : row.cert_data,
    isCaSignedCertificateExpired: caExpired,
    mosipSignedCertificateData: signedExpired ? '' : row.signed_cert_data,
    isMosipSignedCertificateExpired: signedExpired,
  };
}

export function certificateSummary(p: PartnerRow, row: PartnerCertRow | undefined): PartnerCertificateSummary {
  const isPartnerActive = !isDeactivated(p);
  if (!row) return { partnerId: p.id, partnerType: p.partner_type_code, isCertificateAvailable: false, isPartnerActive };
  return {
    partnerId: p.id,
    partnerType: p.partner_type_code,
    isCertificateAvailable: true,
    certificateIssuedTo: row.signed_subject_cn,
    certificateUploadDateTime: toIso(row.signed_not_before),
    certificateExpiryDateTime: toIso(row.signed_not_after),
    isPartnerActive,
  };
}

export function trustCertificateItem(r: CaRow, now: number): TrustCertificateItem {
  const from = toIso(r.cert_not_before);
  const till = toIso(r.cert_not_after);
  return {
    caCertificateType: r.ca_cert_type,
    certId: r.cert_id,
    partnerDomain: r.partner_domain,
    issuedTo: r.cert_subject,
    issuedBy: r.cert_issuer,
    certThumbprint: r.cert_thumbprint,
    validFromDate: from,
    validTillDate: till,
    uploadTime: toIso(r.cr_dtimes),
    status: Date.parse(from ?? '') <= now && now <= Date.parse(till ?? ''),
  };
}
