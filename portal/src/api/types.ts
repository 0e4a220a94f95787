/**
 * Shapes of the server's answers, as the portal reads them. Requests are checked against the
 * OpenAPI document (test/unit/contract.test.ts); answers against the real server by the browser tests.
 */

export interface Identity {
  userId: string;
  mail: string | null;
  name: string | null;
  /** MOSIP's "A,B," form. */
  role: string;
}

export type SystemConfig = Record<string, string>;

export interface Consent {
  userId: string;
  consentGiven: boolean;
  consentGivenDateTime: string | null;
}

export interface Page<T> {
  pageNo: number;
  pageSize: number;
  totalResults: number;
  data: T[];
}

/** Legacy `POST …/search` answer. */
export interface LegacyPage<T> {
  fromRecord: number;
  toRecord: number;
  totalRecord: number;
  data: T[];
}

export interface SearchRequest {
  filters: Array<{ columnName: string; type: 'contains' | 'equals' | 'startsWith' | 'between'; value: string }>;
  sort: Array<{ sortField: string; sortType: 'ASC' | 'DESC' }>;
  pagination: { pageStart: number; pageFetch: number };
}

export interface PolicyGroup {
  id: string;
  name: string;
  desc: string;
  isActive: boolean;
  crBy: string | null;
  crDtimes: string | null;
  updBy: string | null;
  updDtimes: string | null;
}

/** `GET /policies/group/{id}`: the group and its policies (MOSIP's PolicyWithAuthPolicyDto). */
export interface GroupWithPolicies {
  policyGroup: PolicyGroup;
  policies: Array<{
    policyId: string;
    policyName: string;
    policyDesc: string;
    status: string;
    is_Active: boolean;
    publishDate: string | null;
  }>;
}

export interface ActiveGroup {
  id: string;
  name: string;
  description: string;
}

export interface GroupInput {
  name: string;
  desc: string;
}

export type PolicyStatus = 'draft' | 'activated' | 'deactivated';

export interface PolicyListItem {
  policyId: string;
  policyName: string;
  policyDescription: string;
  policyGroupId: string;
  policyGroupName: string;
  status: PolicyStatus;
  createdDateTime: string;
}

export interface PolicyDetail {
  policyGroupId: string;
  policyGroupName: string;
  policyGroupDesc: string;
  policyGroupStatus: boolean;
  policyId: string;
  policyName: string;
  policyDesc: string;
  policyType: string;
  publishDate: string | null;
  validTill: string | null;
  status: 'DRAFTED' | 'PUBLISHED' | string;
  version: string;
  schema: string | null;
  is_Active: boolean;
  cr_by: string | null;
  cr_dtimes: string | null;
  up_by: string | null;
  upd_dtimes: string | null;
  policies: unknown;
}

export interface PolicyInput {
  policyGroupName: string;
  policyType: 'Auth' | 'DataShare';
  name: string;
  desc: string;
  version: string;
  policies: unknown;
}

export interface EmailCheck {
  emailExists: boolean;
  policyRequiredPartnerTypes: string[];
}

export interface PartnerRegistration {
  partnerId: string;
  organizationName: string;
  address: string;
  contactNumber: string;
  emailId: string;
  partnerType: string;
  policyGroup: string | null;
  langCode: string | null;
  logoUrl?: string | null;
}

export interface PartnerProfile {
  partnerID: string;
  partnerType: string;
  organizationName: string;
  address: string;
  contactNumber: string;
  emailId: string;
  status: string;
  policyGroup: string | null;
  isActive: boolean;
  logoUrl?: string | null;
}

export interface AdminPartnerItem {
  partnerId: string;
  partnerType: string;
  orgName: string;
  policyGroupId: string | null;
  policyGroupName: string | null;
  emailAddress: string | null;
  certificateUploadStatus: 'uploaded' | 'not_uploaded';
  status: string;
  isActive: boolean;
  createdDateTime: string;
}

export interface AdminPartnerDetail {
  partnerId: string;
  approvalStatus: string;
  createdDateTime: string;
  partnerType: string;
  organizationName: string;
  contactNumber: string | null;
  policyGroupName: string | null;
  policyGroupDescription: string | null;
  emailId: string | null;
  certificateUploadDateTime: string | null;
  certificateExpiryDateTime: string | null;
  isCertificateAvailable: boolean;
  isActive: boolean;
}

export interface CertificateSummary {
  partnerId: string;
  partnerType: string;
  isCertificateAvailable: boolean;
  certificateIssuedTo?: string | null;
  certificateUploadDateTime?: string | null;
  certificateExpiryDateTime?: string | null;
  isPartnerActive: boolean;
}

export interface CertificateData {
  caSignedCertificateData: string;
  isCaSignedCertificateExpired: boolean;
  mosipSignedCertificateData: string;
  isMosipSignedCertificateExpired: boolean;
}

export interface TrustCertificate {
  caCertificateType: 'ROOT' | 'INTERMEDIATE' | string;
  certId: string;
  partnerDomain: string;
  issuedTo: string;
  issuedBy: string;
  certThumbprint: string;
  validFromDate: string | null;
  validTillDate: string | null;
  uploadTime: string | null;
  status: boolean;
}

export interface MyPartner {
  partnerId: string;
  partnerType: string;
  policyGroupId: string | null;
  policyGroupName: string | null;
  policyGroupDescription: string | null;
}

export interface GroupPolicy {
  policyGroupId: string;
  policyGroupName: string;
  id: string;
  name: string;
  descr: string;
  policyType: string;
}

export type RequestStatus = 'InProgress' | 'approved' | 'rejected';

export interface PolicyRequest {
  id: string;
  partnerId: string;
  partnerStatus: string;
  orgName: string;
  policyName: string | null;
  policyGroupId: string | null;
  policyGroupName: string | null;
  partnerComment: string | null;
  status: RequestStatus | string;
  createdDateTime: string;
  partnerType: string;
  policyId: string;
  updatedDateTime: string | null;
  policyDescription: string | null;
  policyGroupDescription: string | null;
  adminComment: string | null;
}

export interface ApiKeyItem {
  partnerId: string;
  apiKeyLabel: string;
  orgName: string;
  policyName: string;
  policyId: string;
  policyDescription: string | null;
  policyGroupId: string | null;
  policyGroupName: string | null;
  policyGroupDescription: string | null;
  status: 'activated' | 'deactivated' | 'expired' | string;
  createdDateTime: string;
  expiryDateTime: string | null;
}

export interface GeneratedKey {
  apiKey: string;
  label: string;
  partnerId: string;
  policyId: string;
}

export interface OidcClientItem {
  partnerId: string;
  orgName: string | null;
  policyGroupId: string | null;
  policyGroupName: string | null;
  policyGroupDescription: string | null;
  policyName: string | null;
  policyDescription: string | null;
  clientId: string;
  clientName: string;
  status: string;
  updatedDateTime: string | null;
  createdDateTime: string | null;
  esignetStatus: string;
  policyId?: string;
  grantTypes?: string[];
  clientAuthMethods?: string[];
  redirectUris?: string[];
  additionalConfig?: Record<string, unknown> | null;
}

export interface OidcClientDetail {
  id: string;
  name: string;
  policyId: string;
  policyName: string;
  relyingPartyId: string;
  logoUri: string;
  redirectUris: string[];
  publicKey: string;
  claims: string[];
  acrValues: string[];
  status: string;
  grantTypes: string[];
  clientAuthMethods: string[];
  esignetStatus: string;
  clientName?: string;
  clientNameLangMap?: Record<string, string> | null;
  additionalConfig?: Record<string, unknown> | null;
  encPublicKey?: Record<string, unknown> | null;
}

export interface SbiItem {
  partnerId: string;
  orgName: string | null;
  sbiId: string;
  sbiVersion: string;
  status: string;
  isActive: boolean;
  sbiCreatedDateTime: string | null;
  sbiExpiryDateTime: string | null;
  createdDateTime: string | null;
  countOfAssociatedDevices: number;
  countOfApprovedDevices: number;
  countOfPendingDevices: number;
  sbiExpiryStatus: string;
}

export interface SbiDevice {
  deviceId: string;
  deviceTypeCode: string;
  deviceSubTypeCode: string;
  deviceProviderId: string;
  make: string;
  model: string;
  status: string;
  isActive: boolean;
  createdDateTime: string | null;
}

export interface DeviceItem {
  deviceId: string;
  partnerId: string;
  orgName: string | null;
  deviceType: string;
  deviceSubType: string;
  status: string;
  isActive: boolean;
  make: string;
  model: string;
  createdDateTime: string | null;
  sbiId: string | null;
  sbiVersion: string | null;
}

/** `GET /ftpchipdetail`: the caller's chips; `status` is the stored approval state. */
export interface FtmChip {
  ftmId: string;
  partnerId: string;
  partnerStatus: string | null;
  make: string;
  model: string;
  status: 'pending_cert_upload' | 'pending_approval' | 'approved' | 'rejected' | string;
  isActive: boolean;
  isCertificateAvailable: boolean;
  isCertificateExpired: boolean;
  certificateUploadDateTime: string | null;
  certificateExpiryDateTime: string | null;
  createdDateTime: string | null;
}

/** `GET /ftpchipdetail/v2` (admin): `status` is derived ("deactivated" = approved but inactive). */
/** `GET /expiry-notices` item: what the daily expiry check recorded. */
export interface ExpiryNotice {
  id: string;
  itemType: 'PARTNER_CERTIFICATE' | 'API_KEY' | 'MISP_LICENSE';
  itemId: string;
  itemLabel: string | null;
  partnerId: string;
  expiryDateTime: string;
  notifiedDateTime: string;
  expired: boolean;
}

export interface FtmChipAdminItem {
  ftmId: string;
  partnerId: string;
  orgName: string | null;
  make: string;
  model: string;
  status: string;
  isActive: boolean;
  isCertificateAvailable: boolean;
  createdDateTime: string | null;
}

export interface FtmCertificateData {
  caSignedCertificateData: string;
  isCaSignedCertificateExpired: boolean;
  caSignedCertUploadDateTime: string | null;
  caSignedCertExpiryDateTime: string | null;
  mosipSignedCertificateData: string;
  isMosipSignedCertificateExpired: boolean;
  mosipSignedCertUploadDateTime: string | null;
  mosipSignedCertExpiryDateTime: string | null;
}

/** A license as lists show it: the key masked. */
export interface MispLicense {
  mispId: string;
  policyId: string | null;
  licenseKey: string;
  validFromDate: string | null;
  validToDate: string | null;
  isActive: boolean;
  createdBy: string | null;
  createdDateTime: string | null;
  updatedBy: string | null;
  updatedDateTime: string | null;
}

/** `POST /misps` and `GET /misps/{id}/licenseKey`: the full key, shown once. */
export interface MispLicenseKey {
  providerId: string;
  licenseKey: string;
  licenseKeyStatus: string;
  licenseKeyExpiry: string | null;
}

/** `ExtractorsDto`: which extractor produces each biometric attribute of a credential. */
export interface Extractor {
  attributeName: string;
  biometric: string;
  extractor: { provider: string; version: string | null };
}
export interface Extractors {
  extractors: Extractor[];
}

/** The policy a credential type is issued under for a partner. */
export interface CredentialTypePolicy {
  partnerId: string;
  credentialType: string;
  policyId: string;
  policyName: string;
  policyType: string;
}
