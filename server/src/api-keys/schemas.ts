import { Type, type Static } from '../platform/vendor/typebox.js';
import { ListQueryProps, SearchDtoProps } from '../platform/search/index.js';
import { LegacyPage, Nullable, NullableString, PageV2 } from '../platform/http/response-schemas.js';
import { NotBlank } from '../platform/http/request-envelope.js';

const Id = Type.String({ maxLength: 256 });

/** `APIKeyGenerateRequestDto`; the label fits MOSIP's label column (36). */
export const GenerateKey = Type.Object({ policyName: NotBlank(128), label: NotBlank(36) });
export type GenerateKey = Static<typeof GenerateKey>;

/** `APIkeyStatusUpdateRequestDto`. */
export const KeyStatus = Type.Object({ label: NotBlank(36), status: NotBlank(32) });
export type KeyStatus = Static<typeof KeyStatus>;

/** `PartnersPolicyMappingRequest`. */
export const SwapPolicy = Type.Object({ oldPolicyID: Type.String({ maxLength: 36 }), newPolicyID: Type.String({ maxLength: 36 }) });
export type SwapPolicy = Static<typeof SwapPolicy>;

export const PartnerIdParam = Type.Object({ partnerId: Id });
export const PartnerPolicyParams = Type.Object({ partnerId: Id, policyId: Id });
export const PartnerKeyParams = Type.Object({ partnerId: Id, apikey: Id });

/** `GET /partner-api-keys` (spec 6.4). */
export const KeyListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Type.Optional(Type.String({ maxLength: 256 })),
  apiKeyLabel: Type.Optional(Type.String({ maxLength: 256 })),
  orgName: Type.Optional(Type.String({ maxLength: 256 })),
  policyName: Type.Optional(Type.String({ maxLength: 256 })),
  policyGroupName: Type.Optional(Type.String({ maxLength: 256 })),
  status: Type.Optional(Type.String({ maxLength: 36 })),
});
export type KeyListQuery = Static<typeof KeyListQuery>;

export const KeySearch = Type.Object(SearchDtoProps);

// Answers.

/** The new key, shown only in this answer. */
export const GeneratedKey = Type.Object({ apiKey: Type.String(), label: Type.String(), partnerId: Type.String(), policyId: Type.String() });
export type GeneratedKey = Static<typeof GeneratedKey>;

export const StatusMessage = Type.String({ description: 'MOSIP’s confirmation text' });
export const SwapAnswer = Type.Object({ message: Type.String() });
export type SwapAnswer = Static<typeof SwapAnswer>;

export const KeyPolicy = Type.Object({ partnerID: Type.String(), policyId: Type.String() });
export type KeyPolicy = Static<typeof KeyPolicy>;

/** An item of `GET /partner-api-keys`: never the key value. */
export const KeyListItem = Type.Object({
  partnerId: Type.String(),
  apiKeyLabel: Type.String(),
  orgName: NullableString(),
  policyName: NullableString(),
  policyId: Type.String(),
  policyDescription: NullableString(),
  policyGroupId: NullableString(),
  policyGroupName: NullableString(),
  policyGroupDescription: NullableString(),
  status: NullableString(),
  createdDateTime: NullableString(),
  expiryDateTime: NullableString(),
});
export type KeyListItem = Static<typeof KeyListItem>;
export const KeyListPage = PageV2(KeyListItem);

/** An item of the legacy search (`PartnerPolicy` entity JSON): never the key value. */
export const KeySearchItem = Type.Object({
  label: Type.String(),
  partnerId: Type.String(),
  partnerName: NullableString(),
  policyId: Type.String(),
  validFromDatetime: NullableString(),
  validToDatetime: NullableString(),
  isActive: Type.Boolean(),
  isDeleted: Nullable(Type.Boolean()),
  crBy: NullableString(),
  crDtimes: NullableString(),
  updBy: NullableString(),
  updDtimes: NullableString(),
  delDtimes: NullableString(),
});
export type KeySearchItem = Static<typeof KeySearchItem>;
export const KeySearchPage = LegacyPage(KeySearchItem);
