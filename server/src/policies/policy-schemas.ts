/**
 * The runtime policy schemas MOSIP serves from its config repository (mosip-config:
 * auth-policy-schema.json, data-share-policy-schema.json, misp-policy-schema.json), as
 * docs/policy-schemas.md describes them. Embedded rather than downloaded on every
 * call: the schema is part of the contract, not a runtime setting.
 */
type JsonSchema = Record<string, unknown>;

const str = { type: 'string' };
const bool = { type: 'boolean' };

export const authPolicySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['authTokenType', 'allowedAuthTypes', 'allowedKycAttributes'],
  properties: {
    authTokenType: { type: 'string', enum: ['random', 'partner', 'policy'] },
    allowedAuthTypes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['authType', 'mandatory'],
        properties: { authType: str, mandatory: bool, authSubType: str },
      },
    },
    allowedKycAttributes: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['attributeName'], properties: { attributeName: str } },
    },
    kycLanguages: { type: 'array', items: str },
  },
};

// `filter` is validated positionally (draft-04 tuple form); later elements are unconstrained.
const sourceFilter = {
  type: 'array',
  items: [
    { type: 'object', properties: { type: str } },
    { type: 'object', properties: { type: str, subType: { type: 'array', items: [str, str] } } },
    { type: 'object', properties: { language: str } },
  ],
};

export const dataSharePolicySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['dataSharePolicies', 'shareableAttributes'],
  properties: {
    dataSharePolicies: {
      type: 'object',
      required: ['typeOfShare', 'validForInMinutes', 'transactionsAllowed', 'encryptionType', 'shareDomain', 'source'],
      properties: {
        typeOfShare: { type: 'string', enum: ['Data Share', 'direct'] },
        validForInMinutes: str,
        transactionsAllowed: str,
        encryptionType: { type: 'string', enum: ['Partner Based', 'none'] },
        shareDomain: str,
        source: str,
        protocol: str,
      },
    },
    shareableAttributes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['attributeName', 'source', 'encrypted'],
        properties: {
          attributeName: str,
          source: {
            type: 'array',
            items: { type: 'object', required: ['attribute'], properties: { attribute: str, filter: sourceFilter } },
          },
          encrypted: bool,
          group: str,
          format: str,
        },
      },
    },
  },
};

export const mispPolicySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['allowAuthRequestDelegation', 'allowKycRequestDelegation', 'allowKeyBindingDelegation'],
  properties: {
    allowAuthRequestDelegation: bool,
    allowKycRequestDelegation: bool,
    allowKeyBindingDelegation: bool,
    trustBindedAuthVerificationToken: bool,
    allowVciRequestDelegation: bool,
  },
};

/**
 * `pmp.allowed.policy.types` and the schema of each (`pmp.<type>.policy.schema`). Keys are
 * lower-case: MOSIP matches the type case-insensitively but stores it as sent.
 */
export const policyTypeSchemas: Record<string, JsonSchema> = {
  auth: authPolicySchema,
  datashare: dataSharePolicySchema,
  credentialissuance: dataSharePolicySchema,
  misp: mispPolicySchema,
};

export const ALLOWED_POLICY_TYPES = 'Auth,DataShare,CredentialIssuance,MISP';
