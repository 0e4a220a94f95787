import { Type, type Static } from '../platform/vendor/typebox.js';
import { FilterValuesAnswer, LegacyPage, Nullable, NullableString, Open, PageV2 } from '../platform/http/response-schemas.js';

/**
 * What the policy-request routes answer, inside MOSIP's envelopes; the list service returns the
 * item type declared here.
 */

export const Submitted = Type.Object({ mappingkey: Type.String(), message: Type.String() });

export const RequestsOfPartner = Type.Array(
  Type.Object({
    apiKeyReqID: Type.String(),
    apiKeyRequestStatus: Type.String(),
    partnerApiKey: Type.Null({ description: 'never returned by a read' }),
    apikeyStatus: NullableString(),
    validityTill: NullableString(),
  }),
);

const ApikeyRequest = Type.Object({
  partnerID: Type.String(),
  status: Type.String(),
  organizationName: Type.String(),
  policyId: Type.String(),
  policyDesc: Type.String(),
  apiKeyReqNo: Type.String(),
});
export const ApikeyRequestAnswer = ApikeyRequest;
export const ApikeyRequests = Type.Object({ apikeyRequests: Type.Array(ApikeyRequest) });

const ListItem = Type.Object({
  id: Type.String(),
  partnerId: Type.String(),
  partnerStatus: Type.String(),
  orgName: NullableString(),
  policyName: NullableString(),
  policyGroupId: NullableString(),
  policyGroupName: NullableString(),
  partnerComment: NullableString(),
  status: Type.String(),
  createdDateTime: NullableString(),
  partnerType: Type.String(),
  policyId: Type.String(),
  updatedDateTime: NullableString(),
  policyDescription: NullableString(),
  policyGroupDescription: NullableString(),
  adminComment: NullableString(),
});
export type RequestListItem = Static<typeof ListItem>;
export const RequestListPage = PageV2(ListItem);

export const RequestSearchPage = LegacyPage(
  Type.Object({
    apikeyRequestId: Type.String(),
    partnerId: Type.String(),
    partnerName: NullableString(),
    policyId: Type.String(),
    policyName: NullableString(),
    requestDatetimes: NullableString(),
    requestDetail: NullableString(),
    statusCode: Type.String(),
    crBy: NullableString(),
    crDtimes: NullableString(),
    updBy: NullableString(),
    updDtimes: NullableString(),
    isDeleted: Nullable(Type.Boolean()),
    delDtimes: NullableString(),
  }),
);
export type RequestSearchItem = Static<typeof RequestSearchPage>['data'] extends (infer I)[] | null ? I : never;

export { FilterValuesAnswer };

export const ExtractorsAnswer = Type.Object({
  extractors: Type.Array(
    Type.Object({
      attributeName: Type.String(),
      biometric: Type.String(),
      extractor: Type.Object({ provider: Type.String(), version: NullableString() }),
    }),
  ),
});

export const CredentialTypePolicy = Type.Object({
  partnerId: Type.String(),
  credentialType: Type.String(),
  policyId: Type.String(),
  policyName: Type.String(),
  policyDesc: NullableString(),
  policyType: Type.String(),
  publishDate: NullableString(),
  validTill: NullableString(),
  status: Type.String(),
  version: NullableString(),
  schema: NullableString(),
  is_Active: Type.Boolean(),
  cr_by: NullableString(),
  cr_dtimes: NullableString(),
  up_by: NullableString(),
  upd_dtimes: NullableString(),
  policies: Open('the policy document'),
});
