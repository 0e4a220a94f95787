/**
 * MOSIP's default role lists per endpoint (`mosip.role.pms.<key>` in
 * partner-management-default.properties). An endpoint passes when the caller has any one of
 * its roles. `PMS_ROLE_<KEY>=A,B` replaces a list (see config.ts). Keys are added here by
 * each area as it is built; an endpoint naming an unknown key fails at start-up.
 */
export const defaultRoles: Record<string, readonly string[]> = {
  // Ours: MISP_PARTNER is added to the five onboarding lists (certificate upload and read, "my
  // partners", policy-group partners, consent). MOSIP lets a MISP partner generate a license
  // only once its partner is active, which only a certificate upload makes it, yet its lists
  // leave the MISP partner out of the upload: a MISP could never onboard itself (docs/roles.md).
  postpartnersbioextractors: [
    'PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'CREDENTIAL_ISSUANCE',
    'CREATE_SHARE',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST /partners/{id}/bioextractors/{policyId}; GET same
  getpartnersbioextractors: [
    'PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'CREDENTIAL_ISSUANCE',
    'CREATE_SHARE',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST /partners/{id}/bioextractors/{policyId}; GET same
  postpartnerscredentialtypepolicies: [
    'PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'CREDENTIAL_ISSUANCE',
    'CREATE_SHARE',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST/GET credential type policies
  getpartnerscredentialtypepolicies: [
    'PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'CREDENTIAL_ISSUANCE',
    'CREATE_SHARE',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST/GET credential type policies
  postpartnerscontactadd: [
    'PARTNER',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'MISP_PARTNER',
  ], // POST /partners/{id}/contact/add
  putpartners: [
    'PARTNER',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'MISP_PARTNER',
  ], // PUT /partners/{id}; PUT /partners/v2/{id}
  putpartnersnew: [
    'PARTNER',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'MISP_PARTNER',
  ], // PUT /partners/{id}; PUT /partners/v2/{id}
  getpartnerspartnerid: [
    'PARTNER',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'RESIDENT',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'MANUAL_ADJUDICATION',
    'MISP_PARTNER',
  ], // GET /partners/{id}
  getpartnersapikeyrequest: [
    'PARTNER',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
  ], // GET /partners/{id}/apikey/request
  postpartnerscacertificateupload: ['PARTNERMANAGER', 'PARTNER_ADMIN'], // POST /partners/certificate/ca/upload
  postpartnerscertificateupload: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'CREDENTIAL_PARTNER',
    'CREDENTIAL_ISSUANCE',
    'ID_AUTHENTICATION',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'MISP_PARTNER',
  ], // POST /partners/certificate/upload
  getpartnerscertificate: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'CREDENTIAL_PARTNER',
    'CREDENTIAL_ISSUANCE',
    'CREATE_SHARE',
    'ID_AUTHENTICATION',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'MISP_PARTNER',
  ], // GET /partners/{id}/certificate; GET /partners/{id}/certificate-data
  getpartnercertificates: [
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'MISP_PARTNER',
  ], // GET /partners/partner-certificates-details
  getpartnersv3: [
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'PARTNER_ADMIN',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
    'MISP_PARTNER',
  ], // GET /partners/v3
  postpartnerssearch: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'PARTNER_ADMIN',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST /partners/search
  postpartnerspartnertypesearch: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'PARTNER_ADMIN',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST /partners/partnertype/search
  postpartnersfiltervalues: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'ABIS_PARTNER',
  ], // POST /partners/filtervalues
  postpartnersapikeyrequestfiltervalues: [
    'PARTNER',
    'PARTNER_ADMIN',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
    'ABIS_PARTNER',
  ], // POST /partners/apikey/request/filtervalues
  postpartnersapikeyrequestsearch: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST /partners/apikey/request/search
  postpartnersapikeysearch: [
    'PARTNER',
    'PMS_USER',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
  ], // POST /partners/apikey/search
  putpartnerspolicygroup: ['PARTNER', 'PMS_USER', 'AUTH_PARTNER', 'CREDENTIAL_PARTNER', 'PARTNER_ADMIN', 'ONLINE_VERIFICATION_PARTNER'], // PUT /partners/{id}/policygroup/{name}
  postpartnerspolicymap: [
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'CREDENTIAL_PARTNER',
    'CREDENTIAL_ISSUANCE',
    'ONLINE_VERIFICATION_PARTNER',
    'PARTNER_ADMIN',
  ], // POST /partners/{id}/policy/map
  patchpartnersgenerateapikey: ['AUTH_PARTNER', 'ABIS_PARTNER', 'CREDENTIAL_PARTNER', 'CREDENTIAL_ISSUANCE', 'ONLINE_VERIFICATION_PARTNER'], // PATCH /partners/{id}/generate/apikey
  putpartnersapikeypolicies: ['PARTNERMANAGER', 'PARTNER_ADMIN'], // PUT /partners/{id}/apikey/{apikey}/policies
  patchpartners: ['PARTNERMANAGER', 'PARTNER_ADMIN'], // PATCH /partners/{id}
  getpartners: [
    'PARTNERMANAGER',
    'PARTNER_ADMIN',
    'partnermanager',
    'ID_AUTHENTICATION',
    'REGISTRATION_PROCESSOR',
    'RESIDENT',
    'CREDENTIAL_ISSUANCE',
    'ID_REPOSITORY',
  ], // GET /partners; GET /partners/v2
  getpartnersnew: [
    'PARTNERMANAGER',
    'PARTNER_ADMIN',
    'partnermanager',
    'ID_AUTHENTICATION',
    'REGISTRATION_PROCESSOR',
    'RESIDENT',
    'CREDENTIAL_ISSUANCE',
    'ID_REPOSITORY',
  ], // GET /partners; GET /partners/v2
  getpartnersapikey: ['PARTNERMANAGER', 'PARTNER_ADMIN'], // GET /partners/{id}/apikey/{apikey}; GET /partners/apikey; GET /partners/apikey/{x}
  putpartnerspolicymapping: ['PARTNERMANAGER', 'PARTNER_ADMIN'], // PUT /partners/policy/{mappingkey}
  patchpartnerspolicyapikeystatus: [
    'PARTNERMANAGER',
    'PARTNER_ADMIN',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'CREDENTIAL_ISSUANCE',
    'ONLINE_VERIFICATION_PARTNER',
  ], // PATCH /partners/{id}/policy/{policyId}/apiKey/status
  getpartnerdetails: ['PARTNER_ADMIN'], // GET /admin-partners/{id}
  getadminpartners: ['PARTNER_ADMIN'], // GET /admin-partners
  getallpartnerpolicymappingrequests: [
    'PARTNER_ADMIN',
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
  ], // GET /partner-policy-requests
  getpartnersapikeyrequests: ['PARTNER_ADMIN', 'AUTH_PARTNER'], // GET /partner-api-keys
  gettrustcertificates: ['PARTNER_ADMIN'], // GET /trust-chain-certificates; GET …/{certificateId}/certificateFile
  getdownloadtrustcertificates: ['PARTNER_ADMIN'], // GET /trust-chain-certificates; GET …/{certificateId}/certificateFile
  postmisplicense: ['MISP_PARTNER', 'MISP', 'PARTNERMANAGER', 'PARTNER_ADMIN'], // POST/PUT/GET /misps; POST /misps/filtervalues; POST /misps/search
  putmisplicense: ['MISP_PARTNER', 'MISP', 'PARTNERMANAGER', 'PARTNER_ADMIN'], // POST/PUT/GET /misps; POST /misps/filtervalues; POST /misps/search
  getmisplicense: ['MISP_PARTNER', 'MISP', 'PARTNERMANAGER', 'PARTNER_ADMIN'], // POST/PUT/GET /misps; POST /misps/filtervalues; POST /misps/search
  postmispfiltervalues: ['MISP_PARTNER', 'MISP', 'PARTNERMANAGER', 'PARTNER_ADMIN'], // POST/PUT/GET /misps; POST /misps/filtervalues; POST /misps/search
  postmispsearch: ['MISP_PARTNER', 'MISP', 'PARTNERMANAGER', 'PARTNER_ADMIN'], // POST/PUT/GET /misps; POST /misps/filtervalues; POST /misps/search
  getmisplicensekey: ['PARTNERMANAGER', 'PARTNER_ADMIN'], // GET /misps/{mispId}/licenseKey
  // POST /users: MOSIP hard-codes this list on UserController (no property); the key makes it overridable.
  postusers: [
    'MISP_PARTNER',
    'PARTNER_ADMIN',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'SDK_PARTNER',
  ], // POST /users
  userconsent: [
    'AUTH_PARTNER',
    'ABIS_PARTNER',
    'SDK_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'POLICYMANAGER',
    'MISP_PARTNER',
  ], // POST/GET /users/user-consent
  postpoliciesgroupnew: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  putpoliciesgrouppolicygroupid: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  postpolicies: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  postpoliciespolicyidgrouppublish: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  putpoliciespolicyid: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  patchpoliciespolicyidgrouppolicygroupid: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  getpolicies: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  getpoliciespolicyid: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  getpoliciesgrouppolicygroupid: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  getpoliciesgroupall: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  postpoliciessearch: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  getpoliciesconfigkey: ['PARTNER_ADMIN', 'POLICYMANAGER'], // POST /policies/group/new; PUT /policies/group/{id}; POST /policies; POST …/publish; PUT /policies/{id}; PATCH /policies/{id}/group/{gid}; GET /policies; GET /policies/{id}; GET /policies/{id}/partner/{pid}; GET /policies/group/{id}; GET /policies/group/all; POST /policies/search; GET /policies/config/{key}
  postpoliciesgroupsearch: ['PARTNER_ADMIN', 'AUTH_PARTNER', 'CREDENTIAL_PARTNER', 'POLICYMANAGER'], // POST /policies/group/search
  postpoliciesgroupfiltervalues: [
    'PARTNER_ADMIN',
    'PARTNER',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'POLICYMANAGER',
    'ABIS_PARTNER',
    'FTM_PROVIDER',
    'ONLINE_VERIFICATION_PARTNER',
    'MANUAL_ADJUDICATION',
  ], // POST /policies/group/filtervalues
  postpoliciesfiltervalues: ['PARTNER_ADMIN', 'PARTNER', 'AUTH_PARTNER', 'CREDENTIAL_PARTNER', 'POLICYMANAGER'], // POST /policies/filtervalues
  getactivegroupgroupname: [
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'PARTNER_ADMIN',
    'ONLINE_VERIFICATION_PARTNER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'POLICYMANAGER',
  ], // GET /policies/active/group/{groupName}
  getpolicygroups: [
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'PARTNER_ADMIN',
    'POLICYMANAGER',
  ], // GET /policies/policy-groups
  getallpolicies: ['PARTNER_ADMIN', 'POLICYMANAGER'], // GET /policies/v2; PATCH /policies/{id}; PATCH /policies/group/{id}
  patchdeactivatepolicy: ['PARTNER_ADMIN', 'POLICYMANAGER'], // GET /policies/v2; PATCH /policies/{id}; PATCH /policies/group/{id}
  patchdeactivatepolicygroup: ['PARTNER_ADMIN', 'POLICYMANAGER'], // GET /policies/v2; PATCH /policies/{id}; PATCH /policies/group/{id}
  // Devices, SBIs and FTM chips (issue 8, certificates.md 9.1).
  postftpchipdetail: ['PARTNER_ADMIN', 'FTM_PROVIDER'], // POST /ftpchipdetail
  putftpchipdetail: ['PARTNER_ADMIN', 'FTM_PROVIDER'], // PUT /ftpchipdetail
  patchftpchipdetail: ['PARTNER_ADMIN'], // PATCH /ftpchipdetail
  postftpchipdetailuploadcertificate: ['PARTNER_ADMIN', 'FTM_PROVIDER'], // POST /ftpchipdetail/uploadcertificate
  getftpchipdetailgetpartnercertificate: ['PARTNER_ADMIN', 'FTM_PROVIDER'], // GET /ftpchipdetail/getPartnerCertificate/{id}
  postftpchipdetailsearch: ['PARTNER_ADMIN', 'FTM_PROVIDER'], // POST /ftpchipdetail/search
  patchdeactivateftm: ['FTM_PROVIDER', 'PARTNER_ADMIN'], // PATCH /ftpchipdetail/{ftmId}
  getoriginalftmcertificate: ['FTM_PROVIDER', 'PARTNER_ADMIN'], // GET /ftpchipdetail/{ftmId}/certificate-data
  getftmchipdetails: ['FTM_PROVIDER', 'PARTNER_ADMIN'], // GET /ftpchipdetail
  getpartnersftmchipdetails: ['PARTNER_ADMIN'], // GET /ftpchipdetail/v2
  postsecurebiometricinterface: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /securebiometricinterface
  putsecurebiometricinterface: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // PUT /securebiometricinterface
  patchsecurebiometricinterface: ['PARTNER_ADMIN'], // PATCH /securebiometricinterface
  postsecurebiometricinterfacesearch: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /securebiometricinterface/search
  postsecurebiometricinterfacefiltervalues: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /securebiometricinterface/filtervalues
  putsecurebiometricinterfacedevicedetailsmap: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // PUT /securebiometricinterface/devicedetails/map
  putsecurebiometricinterfacedevicedetailsmapremove: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // PUT /securebiometricinterface/devicedetails/map/remove
  postsecurebiometricinterfacedevicedetailsmapsearch: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /securebiometricinterface/devicedetails/map/search
  postadddevicetosbi: ['DEVICE_PROVIDER', 'PARTNER_ADMIN'], // POST /securebiometricinterface/{sbiId}/devices
  getsbidetails: ['DEVICE_PROVIDER', 'PARTNER_ADMIN'], // GET /securebiometricinterface/{sbiId}/devices
  patchdeactivatesbi: ['DEVICE_PROVIDER', 'PARTNER_ADMIN'], // PATCH /securebiometricinterface/{sbiId}
  getallsbidetails: ['PARTNER_ADMIN', 'DEVICE_PROVIDER'], // GET /securebiometricinterface
  postdevicedetail: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /devicedetail
  putdevicedetail: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // PUT /devicedetail
  patchdevicedetail: ['PARTNER_ADMIN'], // PATCH /devicedetail
  postdevicedetailsearch: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /devicedetail/search
  postdevicedetaildevicetypesearch: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /devicedetail/deviceType/search
  postdevicedetailfiltervalues: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /devicedetail/filtervalues
  postdevicedetaildevicetypefiltervalues: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /devicedetail/deviceType/filtervalues
  postdevicedetaildevicesubtypefiltervalues: ['PARTNER_ADMIN', 'DEVICE_PROVIDER', 'FTM_PROVIDER'], // POST /devicedetail/deviceSubType/filtervalues
  patchdeactivatedevice: ['DEVICE_PROVIDER', 'PARTNER_ADMIN'], // PATCH /devicedetail/{deviceId}
  postdevicewithsbimapping: ['PARTNER_ADMIN'], // POST /devicedetail/{id}/approval
  getalldevicedetails: ['PARTNER_ADMIN'], // GET /devicedetail
  // Expiry notices (ours, issue 5): partners read their own, admins all.
  getexpirynotices: [
    'PARTNER_ADMIN',
    'PARTNERMANAGER',
    'AUTH_PARTNER',
    'CREDENTIAL_PARTNER',
    'ONLINE_VERIFICATION_PARTNER',
    'ABIS_PARTNER',
    'MANUAL_ADJUDICATION',
    'MISP_PARTNER',
    'DEVICE_PROVIDER',
    'FTM_PROVIDER',
    'SDK_PARTNER',
  ], // GET /expiry-notices
  getoauthpartnersclients: ['PARTNER_ADMIN', 'AUTH_PARTNER'], // GET /oauth/client (OIDC client list)
  // Operations (ours, not MOSIP's): outbox and audit views.
  getoutboxevents: ['PARTNER_ADMIN'], // GET /outbox/events
  getauditevents: ['PARTNER_ADMIN'], // GET /audit/events
};

export type RoleTable = Record<string, readonly string[]>;

export function roleTable(overrides: Record<string, string[]>): RoleTable {
  const table: Record<string, readonly string[]> = { ...defaultRoles };
  for (const [key, roles] of Object.entries(overrides)) {
    if (!(key in table)) throw new Error(`PMS_ROLE_${key.toUpperCase()} names no known endpoint role key`);
    table[key] = roles;
  }
  return table;
}
