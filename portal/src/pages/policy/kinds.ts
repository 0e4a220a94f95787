/** The two policy kinds the portal manages, by URL segment. */
export const KINDS = {
  auth: { type: 'Auth', titleKey: 'policy.authTitle' },
  datashare: { type: 'DataShare', titleKey: 'policy.datashareTitle' },
} as const;
export type Kind = keyof typeof KINDS;
export const isKind = (k: string | undefined): k is Kind => k === 'auth' || k === 'datashare';
export const kindOfType = (type: string): Kind => (type.toLowerCase() === 'auth' ? 'auth' : 'datashare');

/** Starting documents: valid against the server's schemas, for the author to adjust. */
export const TEMPLATES: Record<Kind, unknown> = {
  auth: {
    authTokenType: 'policy',
    allowedAuthTypes: [
      { authType: 'otp', authSubType: '', mandatory: false },
      { authType: 'demo', authSubType: '', mandatory: false },
      { authType: 'bio', authSubType: 'FACE', mandatory: false },
    ],
    allowedKycAttributes: [{ attributeName: 'fullName' }, { attributeName: 'dateOfBirth' }, { attributeName: 'gender' }],
    kycLanguages: ['eng'],
  },
  datashare: {
    dataSharePolicies: {
      typeOfShare: 'Data Share',
      validForInMinutes: '30',
      transactionsAllowed: '2',
      encryptionType: 'Partner Based',
      shareDomain: 'datashare.datashare',
      source: 'ID Repository',
    },
    shareableAttributes: [{ attributeName: 'fullName', source: [{ attribute: 'fullName' }], encrypted: false }],
  },
};
