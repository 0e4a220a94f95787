import { Type, type Static } from 'typebox';
import { ListQueryProps, SearchDtoProps } from '../platform/search/index.js';
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
