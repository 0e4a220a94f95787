import type { Answers } from './answers.js';

/**
 * Shapes the portal reads and sends. The server's answers are generated from its response
 * schemas (answers.ts, checked against the served OpenAPI document by
 * test/unit/contract.test.ts): the names below only give them the screens' words.
 */

/** An endpoint's answer on success. */
export type Answer<K extends keyof Answers> = NonNullable<Answers[K]>;
/** One row of an endpoint's paged answer. */
export type ItemOf<K extends keyof Answers> = Answer<K> extends { data: Array<infer I> | null } ? I : never;

export interface Identity {
  userId: string;
  mail: string | null;
  name: string | null;
  /** MOSIP's "A,B," form. */
  role: string;
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

export interface GroupInput {
  name: string;
  desc: string;
}

export interface PolicyInput {
  policyGroupName: string;
  policyType: 'Auth' | 'DataShare';
  name: string;
  desc: string;
  version: string;
  policies: unknown;
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

export type RequestStatus = 'InProgress' | 'approved' | 'rejected';

// The server's answers, by the names the screens use.
export type SystemConfig = Answer<'systemConfig'>;
export type Consent = Answer<'consentGet'>;
export type PolicyGroup = Answer<'groupGet'>['policyGroup'];
export type GroupWithPolicies = Answer<'groupGet'>;
export type ActiveGroup = Answer<'groupsActive'>[number];
export type PolicyListItem = ItemOf<'policies'>;
export type PolicyDetail = Answer<'policyGet'>;
export type EmailCheck = Answer<'emailVerify'>;
export type PartnerProfile = Answer<'partner'>;
export type AdminPartnerItem = ItemOf<'adminPartners'>;
export type AdminPartnerDetail = Answer<'adminPartner'>;
export type CertificateSummary = Answer<'myCertificates'>[number];
export type CertificateData = Answer<'certificateData'>;
export type TrustCertificate = ItemOf<'trustCertificates'>;
export type MyPartner = Answer<'partnersV3'>[number];
export type GroupPolicy = Answer<'activePoliciesOfGroup'>[number];
export type PolicyRequest = ItemOf<'policyRequests'>;
export type ApiKeyItem = ItemOf<'apiKeys'>;
export type GeneratedKey = Answer<'generateApiKey'>;
export type OidcClientItem = ItemOf<'oauthClients'>;
export type OidcClientDetail = Answer<'oauthGet'>;
export type SbiItem = ItemOf<'sbis'>;
export type SbiDevice = Answer<'sbiDevices'>[number];
export type DeviceItem = ItemOf<'devices'>;
export type FtmChip = Answer<'ftmChips'>[number];
export type ExpiryNotice = ItemOf<'expiryNotices'>;
export type FtmChipAdminItem = ItemOf<'ftmAdminList'>;
export type FtmCertificateData = Answer<'ftmCertificateData'>;
export type MispLicense = Answer<'mispLicenses'>[number];
export type MispLicenseKey = Answer<'mispLicenseKey'>;
export type Extractors = Answer<'extractorsGet'>;
export type Extractor = Answer<'extractorsGet'>['extractors'][number];
export type CredentialTypePolicy = Answer<'credentialTypeGet'>;
export type PolicyStatus = PolicyListItem['status'];
