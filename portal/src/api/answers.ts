// Generated from the served OpenAPI document by test/unit/contract.test.ts (UPDATE_CONTRACT=1);
// do not edit: change the server route’s response schema and regenerate.

/** The `response` of each endpoint of src/api/endpoints.ts, as the server declares it. */
export interface Answers {
  systemConfig: Record<string, string> | null;
  consentGet: {
    userId: string;
    consentGiven: boolean;
    consentGivenDateTime: string | null;
  } | null;
  consentGive: {
    userId: string;
    consentGiven: boolean;
    consentGivenDateTime: string | null;
  } | null;
  emailVerify: {
    emailExists: boolean;
    policyRequiredPartnerTypes: Array<string>;
  } | null;
  registerPartner: {
    partnerId: string;
    status: string;
  } | null;
  partner: {
    partnerID: string;
    status: string;
    organizationName: string;
    contactNumber: string | null;
    emailId: string | null;
    address: string | null;
    partnerType: string;
    policyGroup: string | null;
    isActive: boolean;
    logoUrl?: string | null;
  } | null;
  updatePartner: {
    partnerId: string;
    status: string;
  } | null;
  partnerStatus: {
    message: string;
  } | null;
  adminPartners: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      partnerId: string;
      partnerType: string;
      orgName: string;
      policyGroupId: string | null;
      policyGroupName: string | null;
      emailAddress: string | null;
      certificateUploadStatus: string;
      status: string;
      isActive: boolean;
      createdDateTime: string | null;
    }>;
  } | null;
  adminPartner: {
    partnerId: string;
    approvalStatus: string;
    createdDateTime: string | null;
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
  } | null;
  myCertificates: Array<{
    partnerId: string;
    partnerType: string;
    isCertificateAvailable: boolean;
    certificateIssuedTo?: string | null;
    certificateUploadDateTime?: string | null;
    certificateExpiryDateTime?: string | null;
    isPartnerActive: boolean;
  }> | null;
  uploadPartnerCert: {
    signedCertificateData: string;
    certificateId: string;
    timestamp: string;
  } | null;
  certificateData: {
    caSignedCertificateData: string;
    isCaSignedCertificateExpired: boolean;
    mosipSignedCertificateData: string;
    isMosipSignedCertificateExpired: boolean;
  } | null;
  uploadCaCert: {
    status: "Upload Success." | "Partial Upload Success." | "Upload Failed.";
    timestamp: string;
  } | null;
  trustCertificates: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      caCertificateType: string;
      certId: string;
      partnerDomain: string;
      issuedTo: string;
      issuedBy: string;
      certThumbprint: string;
      validFromDate: string | null;
      validTillDate: string | null;
      uploadTime: string | null;
      status: boolean;
    }>;
  } | null;
  trustCertificateFile: {
    p7bFile: string;
    timestamp: string;
  } | null;
  groupCreate: {
    id: string;
    name: string;
    desc: string;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
  } | null;
  groupGet: {
    policyGroup: {
      id: string;
      crBy: string;
      crDtimes: string | null;
      delDtimes: string | null;
      desc: string;
      isActive: boolean;
      isDeleted: boolean | null;
      name: string;
      updBy: string | null;
      updDtimes: string | null;
      userId: string;
    };
    policies: Array<{
      policyId: string;
      policyName: string;
      policyDesc: string;
      publishDate: string | null;
      validTill: string | null;
      status: string;
      version: string;
      schema: string | null;
      is_Active: boolean;
      cr_by: string;
      cr_dtimes: string | null;
      up_by: string | null;
      upd_dtimes: string | null;
      policies: Record<string, unknown>;
    }>;
  } | null;
  groupUpdate: {
    id: string;
    name: string;
    desc: string;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
  } | null;
  groupDeactivate: {
    policyGroupId: string;
    isActive: boolean;
  } | null;
  groupSearch: {
    fromRecord: number;
    toRecord: number;
    totalRecord: number;
    data: Array<{
      id: string;
      crBy: string;
      crDtimes: string | null;
      delDtimes: string | null;
      desc: string;
      isActive: boolean;
      isDeleted: boolean | null;
      name: string;
      updBy: string | null;
      updDtimes: string | null;
      userId: string;
    }> | null;
  } | null;
  groupsActive: Array<{
    id: string;
    description: string;
    name: string;
  }> | null;
  policyCreate: {
    id: string;
    policyGroupName: string;
    name: string;
    desc: string;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
  } | null;
  policyGet: {
    policyGroupId: string;
    policyGroupName: string;
    policyGroupDesc: string;
    policyGroupStatus: boolean;
    policyGroup_cr_by: string;
    policyGroup_cr_dtimes: string | null;
    policyGroup_up_by: string | null;
    policyGroup_upd_dtimes: string | null;
    policyId: string;
    policyName: string;
    policyDesc: string;
    policyType: string;
    publishDate: string | null;
    validTill: string | null;
    status: string;
    version: string;
    schema: string | null;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
    policies: Record<string, unknown>;
  } | null;
  policyUpdate: {
    id: string;
    policyGroupName: string;
    name: string;
    desc: string;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
  } | null;
  policyPublish: {
    policyGroupId: string;
    policyGroupName: string;
    policyGroupDesc: string;
    policyGroupStatus: boolean;
    policyGroup_cr_by: string;
    policyGroup_cr_dtimes: string | null;
    policyGroup_up_by: string | null;
    policyGroup_upd_dtimes: string | null;
    policyId: string;
    policyName: string;
    policyDesc: string;
    policyType: string;
    publishDate: string | null;
    validTill: string | null;
    status: string;
    version: string;
    schema: string | null;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
    policies: Record<string, unknown>;
  } | null;
  policyDeactivate: {
    policyId: string;
    isActive: boolean;
  } | null;
  policyClone: {
    id: string;
    policyGroupName: string;
    name: string;
    desc: string;
    is_Active: boolean;
    cr_by: string;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
  } | null;
  policies: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      policyId: string;
      policyName: string;
      policyDescription: string;
      policyGroupId: string;
      policyGroupName: string;
      status: "draft" | "activated" | "deactivated";
      createdDateTime: string | null;
    }>;
  } | null;
  activePoliciesOfGroup: Array<{
    policyGroupId: string;
    policyGroupName: string;
    id: string;
    name: string;
    descr: string;
    policyType: string;
  }> | null;
  partnersV3: Array<{
    partnerId: string;
    partnerType: string;
    policyGroupId: string | null;
    policyGroupName: string | null;
    policyGroupDescription: string | null;
  }> | null;
  requestPolicy: {
    mappingkey: string;
    message: string;
  } | null;
  decideRequest: string | null;
  policyRequests: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      id: string;
      partnerId: string;
      partnerStatus: string;
      orgName: string | null;
      policyName: string | null;
      policyGroupId: string | null;
      policyGroupName: string | null;
      partnerComment: string | null;
      status: string;
      createdDateTime: string | null;
      partnerType: string;
      policyId: string;
      updatedDateTime: string | null;
      policyDescription: string | null;
      policyGroupDescription: string | null;
      adminComment: string | null;
    }>;
  } | null;
  extractorsGet: {
    extractors: Array<{
      attributeName: string;
      biometric: string;
      extractor: {
        provider: string;
        version: string | null;
      };
    }>;
  } | null;
  extractorsAdd: string | null;
  credentialTypeMap: string | null;
  credentialTypeGet: {
    partnerId: string;
    credentialType: string;
    policyId: string;
    policyName: string;
    policyDesc: string | null;
    policyType: string;
    publishDate: string | null;
    validTill: string | null;
    status: string;
    version: string | null;
    schema: string | null;
    is_Active: boolean;
    cr_by: string | null;
    cr_dtimes: string | null;
    up_by: string | null;
    upd_dtimes: string | null;
    policies: Record<string, unknown>;
  } | null;
  apiKeys: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      partnerId: string;
      apiKeyLabel: string;
      orgName: string | null;
      policyName: string | null;
      policyId: string;
      policyDescription: string | null;
      policyGroupId: string | null;
      policyGroupName: string | null;
      policyGroupDescription: string | null;
      status: string | null;
      createdDateTime: string | null;
      expiryDateTime: string | null;
    }>;
  } | null;
  generateApiKey: {
    apiKey: string;
    label: string;
    partnerId: string;
    policyId: string;
  } | null;
  apiKeyStatus: string | null;
  oauthClients: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
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
      policyId: string;
      grantTypes: Array<string>;
      clientAuthMethods: Array<string>;
      redirectUris: Array<string>;
      additionalConfig: Record<string, unknown> | null;
    }>;
  } | null;
  oauthCreate: {
    clientId: string;
    status: "ACTIVE" | "INACTIVE";
    esignetStatus: string;
  } | null;
  oauthGet: {
    id: string;
    name: string;
    policyId: string;
    policyName: string;
    relyingPartyId: string;
    logoUri: string;
    redirectUris: Array<string>;
    publicKey: string;
    claims: Array<string>;
    acrValues: Array<string>;
    status: string;
    grantTypes: Array<string>;
    clientAuthMethods: Array<string>;
    esignetStatus: string;
    clientName: string;
    clientNameLangMap: Record<string, string> | null;
    additionalConfig: Record<string, unknown> | null;
    encPublicKey: Record<string, unknown> | null;
  } | null;
  oauthUpdate: {
    clientId: string;
    status: "ACTIVE" | "INACTIVE";
    esignetStatus: string;
  } | null;
  oauthPatch: {
    clientId: string;
    status: "ACTIVE" | "INACTIVE";
    esignetStatus: string;
  } | null;
  oauthExport: null | null;
  sbis: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
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
    }>;
  } | null;
  sbiCreate: {
    id: string;
  } | null;
  sbiStatus: string | null;
  sbiDeactivate: {
    sbiId: string;
    sbiVersion: string;
    status: string;
    isActive: boolean;
    deactivatedDevices: number;
    rejectedDevices: number;
  } | null;
  sbiDevices: Array<{
    deviceId: string;
    deviceTypeCode: string;
    deviceSubTypeCode: string;
    deviceProviderId: string;
    make: string;
    model: string;
    status: string;
    isActive: boolean;
    createdDateTime: string | null;
  }> | null;
  sbiAddDevice: {
    id: string;
  } | null;
  devices: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
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
    }>;
  } | null;
  deviceApproval: boolean | null;
  deviceDeactivate: {
    deviceId: string;
    status: string;
    isActive: boolean;
  } | null;
  ftmChips: Array<{
    ftmId: string;
    partnerId: string;
    partnerStatus: string | null;
    make: string | null;
    model: string | null;
    status: string | null;
    isActive: boolean;
    isCertificateAvailable: boolean;
    isCertificateExpired: boolean;
    certificateUploadDateTime: string | null;
    certificateExpiryDateTime: string | null;
    createdDateTime: string | null;
  }> | null;
  ftmCreate: {
    id: string;
  } | null;
  ftmStatus: string | null;
  ftmUploadCert: {
    signedCertificateData: string;
    certificateId: string;
    timestamp: string;
  } | null;
  ftmDeactivate: {
    ftmId: string;
    status: string;
    isActive: boolean;
  } | null;
  ftmCertificateData: {
    caSignedCertificateData: string | null;
    isCaSignedCertificateExpired: boolean;
    caSignedCertUploadDateTime: string | null;
    caSignedCertExpiryDateTime: string | null;
    mosipSignedCertificateData: string | null;
    isMosipSignedCertificateExpired: boolean;
    mosipSignedCertUploadDateTime: string | null;
    mosipSignedCertExpiryDateTime: string | null;
  } | null;
  ftmAdminList: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      ftmId: string;
      partnerId: string;
      orgName: string | null;
      make: string | null;
      model: string | null;
      status: string | null;
      isActive: boolean;
      isCertificateAvailable: boolean;
      createdDateTime: string | null;
    }>;
  } | null;
  mispLicenses: Array<{
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
    isDeleted: boolean | null;
    deletedDateTime: string | null;
  }> | null;
  mispGenerate: {
    providerId: string;
    licenseKey: string;
    licenseKeyStatus: string;
    licenseKeyExpiry: string | null;
  } | null;
  mispUpdate: {
    providerId: string;
    licenseKey: string;
    licenseKeyStatus: string;
    licenseKeyExpiry: string | null;
  } | null;
  mispLicenseKey: {
    providerId: string;
    licenseKey: string;
    licenseKeyStatus: string;
    licenseKeyExpiry: string | null;
  } | null;
  mispSearch: {
    fromRecord: number;
    toRecord: number;
    totalRecord: number;
    data: Array<{
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
      isDeleted: boolean | null;
      deletedDateTime: string | null;
    }> | null;
  } | null;
  expiryNotices: {
    pageNo: number;
    pageSize: number;
    totalResults: number;
    data: Array<{
      id: string;
      itemType: string;
      itemId: string;
      itemLabel: string | null;
      partnerId: string;
      expiryDateTime: string | null;
      notifiedDateTime: string | null;
      expired: boolean;
    }>;
  } | null;
}
