import { Type, type Static } from '../platform/vendor/typebox.js';
import { NullableString, PageV2 } from '../platform/http/response-schemas.js';

/**
 * What the trust-store routes answer, inside MOSIP's envelopes. The service's return types are
 * these schemas' types, so the served OpenAPI, the serializer and the code say one thing.
 */

export const CaUploadAnswer = Type.Object({
  status: Type.Union([Type.Literal('Upload Success.'), Type.Literal('Partial Upload Success.'), Type.Literal('Upload Failed.')]),
  timestamp: Type.String(),
});
export type CaUploadResult = Static<typeof CaUploadAnswer>;

export const PartnerCertUploadAnswer = Type.Object({
  signedCertificateData: Type.String(),
  certificateId: Type.String(),
  timestamp: Type.String(),
});
export type PartnerCertUploadResult = Static<typeof PartnerCertUploadAnswer>;

export const PartnerCertificateAnswer = Type.Object({ certificateData: Type.String(), timestamp: Type.String() });
export type PartnerCertificate = Static<typeof PartnerCertificateAnswer>;

export const OriginalCertificatesAnswer = Type.Object({
  caSignedCertificateData: Type.String({ description: 'empty once expired' }),
  isCaSignedCertificateExpired: Type.Boolean(),
  mosipSignedCertificateData: Type.String({ description: 'empty once expired' }),
  isMosipSignedCertificateExpired: Type.Boolean(),
});
export type OriginalCertificates = Static<typeof OriginalCertificatesAnswer>;

export const PartnerCertificateSummaryItem = Type.Object({
  partnerId: Type.String(),
  partnerType: Type.String(),
  isCertificateAvailable: Type.Boolean(),
  certificateIssuedTo: Type.Optional(NullableString()),
  certificateUploadDateTime: Type.Optional(NullableString()),
  certificateExpiryDateTime: Type.Optional(NullableString()),
  isPartnerActive: Type.Boolean(),
});
export type PartnerCertificateSummary = Static<typeof PartnerCertificateSummaryItem>;
export const PartnerCertificateSummaries = Type.Array(PartnerCertificateSummaryItem);

export const TrustCertificate = Type.Object({
  caCertificateType: Type.String(),
  certId: Type.String(),
  partnerDomain: Type.String(),
  issuedTo: Type.String(),
  issuedBy: Type.String(),
  certThumbprint: Type.String(),
  validFromDate: NullableString(),
  validTillDate: NullableString(),
  uploadTime: NullableString(),
  status: Type.Boolean({ description: 'valid now' }),
});
export type TrustCertificateItem = Static<typeof TrustCertificate>;
export const TrustCertificatePage = PageV2(TrustCertificate);

export const TrustDownloadAnswer = Type.Object({ p7bFile: Type.String(), timestamp: Type.String() });
export type TrustDownload = Static<typeof TrustDownloadAnswer>;

/** The public chain link: PKCS#7 as base64url text, or "not found". */
export const ChainText = Type.String({ description: 'PKCS#7 chain, base64url (text/plain)' });
