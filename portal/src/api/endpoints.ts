import type { Endpoint } from './http.js';

const PM = '/v1/partnermanager';
const POL = '/v1/policymanager';

/**
 * Every server endpoint the portal calls, in one table. test/unit/contract.test.ts checks each
 * against the OpenAPI document the server serves, so a renamed or removed route fails a test
 * instead of a screen.
 */
export const endpoints = {
  validateToken: { method: 'GET', path: `${PM}/authorize/admin/validateToken` },
  systemConfig: { method: 'GET', path: `${PM}/system-config` },
  consentGet: { method: 'GET', path: `${PM}/users/user-consent` },
  consentGive: { method: 'POST', path: `${PM}/users/user-consent` },

  // partners
  emailVerify: { method: 'PUT', path: `${PM}/partners/email/verify`, request: { envelope: 'v1' } },
  registerPartner: { method: 'POST', path: `${PM}/partners/v2`, request: { envelope: 'v1', id: 'mosip.pms.register.partner.post' } },
  partner: { method: 'GET', path: `${PM}/partners/{partnerId}` },
  updatePartner: { method: 'PUT', path: `${PM}/partners/v2/{partnerId}`, request: { envelope: 'v1' } },
  partnerStatus: { method: 'PATCH', path: `${PM}/partners/{partnerId}`, request: { envelope: 'v1' } },
  adminPartners: { method: 'GET', path: `${PM}/admin-partners` },
  adminPartner: { method: 'GET', path: `${PM}/admin-partners/{partnerId}` },

  // certificates and trust store
  myCertificates: { method: 'GET', path: `${PM}/partners/partner-certificates-details` },
  uploadPartnerCert: { method: 'POST', path: `${PM}/partners/certificate/upload`, request: { envelope: 'v1' } },
  certificateData: { method: 'GET', path: `${PM}/partners/{partnerId}/certificate-data` },
  uploadCaCert: { method: 'POST', path: `${PM}/partners/certificate/ca/upload`, request: { envelope: 'v1' } },
  trustCertificates: { method: 'GET', path: `${PM}/trust-chain-certificates` },
  trustCertificateFile: { method: 'GET', path: `${PM}/trust-chain-certificates/{certificateId}/certificateFile` },

  // policy groups
  groupCreate: {
    method: 'POST',
    path: `${POL}/policies/group/new`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.policyGroup.create' },
  },
  groupGet: { method: 'GET', path: `${POL}/policies/group/{policygroupId}` },
  groupUpdate: {
    method: 'PUT',
    path: `${POL}/policies/group/{policygroupId}`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.policyGroup.update' },
  },
  groupDeactivate: {
    method: 'PATCH',
    path: `${POL}/policies/group/{policyGroupId}`,
    request: { envelope: 'v2', id: 'mosip.pms.deactivate.policy.group.patch' },
  },
  groupSearch: {
    method: 'POST',
    path: `${POL}/policies/group/search`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.policyGroup.search' },
  },
  groupsActive: { method: 'GET', path: `${POL}/policies/policy-groups` },

  // policies
  policyCreate: { method: 'POST', path: `${POL}/policies`, request: { envelope: 'v1', id: 'mosip.partnermanagement.policy.create' } },
  policyGet: { method: 'GET', path: `${POL}/policies/{policyId}` },
  policyUpdate: {
    method: 'PUT',
    path: `${POL}/policies/{policyId}`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.policy.update' },
  },
  policyPublish: { method: 'POST', path: `${POL}/policies/{policyId}/group/{policygroupId}/publish` },
  policyDeactivate: {
    method: 'PATCH',
    path: `${POL}/policies/{policyId}`,
    request: { envelope: 'v2', id: 'mosip.pms.deactivate.policy.patch' },
  },
  policyClone: {
    method: 'POST',
    path: `${POL}/policies/{policyId}/clone`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.policy.clone' },
  },
  policies: { method: 'GET', path: `${POL}/policies/v2` },
  activePoliciesOfGroup: { method: 'GET', path: `${POL}/policies/active/group/{groupName}` },

  // policy requests (partner–policy mappings)
  partnersV3: { method: 'GET', path: `${PM}/partners/v3` },
  requestPolicy: {
    method: 'POST',
    path: `${PM}/partners/{partnerId}/policy/map`,
    request: { envelope: 'v1', id: 'mosip.pms.partner.policy.map' },
  },
  decideRequest: {
    method: 'PUT',
    path: `${PM}/partners/policy/{mappingkey}`,
    request: { envelope: 'v1', id: 'mosip.pms.partner.policy.decide' },
  },
  policyRequests: { method: 'GET', path: `${PM}/partner-policy-requests` },

  // credential partners: biometric extractors (before approval) and credential types (after)
  extractorsGet: { method: 'GET', path: `${PM}/partners/{partnerId}/bioextractors/{policyId}` },
  extractorsAdd: {
    method: 'POST',
    path: `${PM}/partners/{partnerId}/bioextractors/{policyId}`,
    request: { envelope: 'v1', id: 'mosip.pms.partner.bioextractors.post' },
  },
  credentialTypeMap: { method: 'POST', path: `${PM}/partners/{partnerId}/credentialtype/{credentialType}/policies/{policyName}` },
  credentialTypeGet: { method: 'GET', path: `${PM}/partners/{partnerId}/credentialtype/{credentialType}/policies` },

  // API keys
  apiKeys: { method: 'GET', path: `${PM}/partner-api-keys` },
  generateApiKey: {
    method: 'PATCH',
    path: `${PM}/partners/{partnerId}/generate/apikey`,
    request: { envelope: 'v1', id: 'mosip.pms.generate.apikey' },
  },
  apiKeyStatus: {
    method: 'PATCH',
    path: `${PM}/partners/{partnerId}/policy/{policyId}/apiKey/status`,
    request: { envelope: 'v1', id: 'mosip.pms.apikey.status' },
  },

  // OIDC (OAuth) clients
  oauthClients: { method: 'GET', path: `${PM}/oauth/client` },
  oauthCreate: { method: 'POST', path: `${PM}/oauth/client`, request: { envelope: 'v1', id: 'mosip.pms.oauth.client.create' } },
  oauthGet: { method: 'GET', path: `${PM}/oauth/client/{client_id}` },
  oauthUpdate: { method: 'PUT', path: `${PM}/oauth/client/{client_id}`, request: { envelope: 'v1', id: 'mosip.pms.oauth.client.update' } },
  oauthPatch: { method: 'PATCH', path: `${PM}/oauth/client/{client_id}`, request: { envelope: 'v1', id: 'mosip.pms.oauth.client.patch' } },
  oauthExport: { method: 'GET', path: `${PM}/oauth/client/export` },

  // SBIs and devices
  sbis: { method: 'GET', path: `${PM}/securebiometricinterface` },
  sbiCreate: { method: 'POST', path: `${PM}/securebiometricinterface`, request: { envelope: 'v1', id: 'mosip.pms.sbi.create' } },
  sbiStatus: { method: 'PATCH', path: `${PM}/securebiometricinterface`, request: { envelope: 'v1', id: 'mosip.pms.sbi.status' } },
  sbiDeactivate: {
    method: 'PATCH',
    path: `${PM}/securebiometricinterface/{sbiId}`,
    request: { envelope: 'v2', id: 'mosip.pms.deactivate.sbi.patch' },
  },
  sbiDevices: { method: 'GET', path: `${PM}/securebiometricinterface/{sbiId}/devices` },
  sbiAddDevice: {
    method: 'POST',
    path: `${PM}/securebiometricinterface/{sbiId}/devices`,
    request: { envelope: 'v2', id: 'mosip.pms.add.device.to.sbi.id.post' },
  },
  devices: { method: 'GET', path: `${PM}/devicedetail` },
  deviceApproval: {
    method: 'POST',
    path: `${PM}/devicedetail/{deviceId}/approval`,
    request: { envelope: 'v2', id: 'mosip.pms.approval.mapping.device.to.sbi.post' },
  },
  deviceDeactivate: {
    method: 'PATCH',
    path: `${PM}/devicedetail/{deviceId}`,
    request: { envelope: 'v2', id: 'mosip.pms.deactivate.device.patch' },
  },

  // FTM chips (MOSIP spells the resource "ftpchipdetail")
  ftmChips: { method: 'GET', path: `${PM}/ftpchipdetail` },
  ftmCreate: {
    method: 'POST',
    path: `${PM}/ftpchipdetail`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.ftpchipdetail.create' },
  },
  ftmStatus: {
    method: 'PATCH',
    path: `${PM}/ftpchipdetail`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.ftpchipdetail.status' },
  },
  ftmUploadCert: {
    method: 'POST',
    path: `${PM}/ftpchipdetail/uploadcertificate`,
    request: { envelope: 'v1', id: 'mosip.partnermanagement.ftpchipdetail.uploadcertificate' },
  },
  ftmDeactivate: {
    method: 'PATCH',
    path: `${PM}/ftpchipdetail/{ftmId}`,
    request: { envelope: 'v2', id: 'mosip.pms.deactivate.ftm.patch' },
  },
  ftmCertificateData: { method: 'GET', path: `${PM}/ftpchipdetail/{ftmId}/certificate-data` },
  ftmAdminList: { method: 'GET', path: `${PM}/ftpchipdetail/v2` },

  // MISP licenses
  mispLicenses: { method: 'GET', path: `${PM}/misps` },
  mispGenerate: { method: 'POST', path: `${PM}/misps`, request: { envelope: 'v1', id: 'mosip.partnermanagement.misp.license.generate' } },
  mispUpdate: { method: 'PUT', path: `${PM}/misps`, request: { envelope: 'v1', id: 'mosip.partnermanagement.misp.license.update' } },
  mispLicenseKey: { method: 'GET', path: `${PM}/misps/{mispId}/licenseKey` },
  mispSearch: { method: 'POST', path: `${PM}/misps/search`, request: { envelope: 'v1', id: 'mosip.partnermanagement.misp.search' } },

  // Keys, licenses and certificates about to expire (ours)
  expiryNotices: { method: 'GET', path: `${PM}/expiry-notices` },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
