import { Type, type Static } from '../platform/vendor/typebox.js';
import { NotBlank } from '../platform/http/request-envelope.js';
import { FilterValueDtoProps, ListQueryProps, SearchDtoProps } from '../platform/search/index.js';

/** MOSIP's @NotNull on a string: present, possibly empty. */
const NotNull = (maxLength: number) => Type.String({ maxLength });
const Id = Type.String({ maxLength: 256 });

/** `PartnerPolicyMappingRequest` (spec 5.1). */
export const PolicyMap = Type.Object({ policyName: NotNull(128), useCaseDescription: NotNull(4000) });
export type PolicyMap = Static<typeof PolicyMap>;

/** `StatusRequestDto` (spec 5.2) plus ours: the admin's comment, which the partner can read. */
export const Decision = Type.Object({
  status: NotBlank(32),
  comment: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
});
export type Decision = Static<typeof Decision>;

export const PartnerIdParam = Type.Object({ partnerId: Id });
export const MappingKeyParam = Type.Object({ mappingkey: Id });
export const ApiKeyParam = Type.Object({ apikey: Id });
export const PartnerPolicyParams = Type.Object({ partnerId: Id, policyId: Id });
export const CredentialTypeParams = Type.Object({ partnerId: Id, credentialType: Type.String({ maxLength: 128 }) });
export const CredentialPolicyParams = Type.Object({
  partnerId: Id,
  credentialType: Type.String({ maxLength: 128 }),
  policyName: Type.String({ maxLength: 128 }),
});

/** `ExtractorsDto` (spec 4.6). */
export const Extractors = Type.Object({
  extractors: Type.Array(
    Type.Object({
      attributeName: NotBlank(128),
      biometric: NotBlank(130),
      extractor: Type.Object({ provider: NotBlank(128), version: Type.Optional(Type.Union([Type.String({ maxLength: 8 }), Type.Null()])) }),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});
export type Extractors = Static<typeof Extractors>;

/** `GET /partner-policy-requests` (spec 5.4). */
export const RequestListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Type.Optional(Type.String({ maxLength: 256 })),
  partnerComment: Type.Optional(Type.String({ maxLength: 4000 })),
  orgName: Type.Optional(Type.String({ maxLength: 256 })),
  policyId: Type.Optional(Type.String({ maxLength: 256 })),
  policyName: Type.Optional(Type.String({ maxLength: 256 })),
  policyGroupName: Type.Optional(Type.String({ maxLength: 256 })),
  partnerType: Type.Optional(Type.String({ maxLength: 36 })),
  status: Type.Optional(Type.String({ maxLength: 36 })),
});
export type RequestListQuery = Static<typeof RequestListQuery>;

export const RequestSearch = Type.Object(SearchDtoProps);
export const RequestFilterValues = Type.Object(FilterValueDtoProps);
