import { Type, type Static } from '../platform/vendor/typebox.js';
import { FilterValuesAnswer, LegacyPage, Nullable, NullableString, Open, PageV2 } from '../platform/http/response-schemas.js';

/**
 * What the policy manager's routes answer, inside MOSIP's envelopes (its DTOs' field names,
 * mixed styles included). The view functions in views.ts return these schemas' types.
 */

export const GroupEntity = Type.Object({
  id: Type.String(),
  crBy: Type.String(),
  crDtimes: NullableString(),
  delDtimes: NullableString(),
  desc: Type.String(),
  isActive: Type.Boolean(),
  isDeleted: Nullable(Type.Boolean()),
  name: Type.String(),
  updBy: NullableString(),
  updDtimes: NullableString(),
  userId: Type.String(),
});

/** `PolicyGroupCreateResponseDto`. */
export const GroupResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  desc: Type.String(),
  is_Active: Type.Boolean(),
  cr_by: Type.String(),
  cr_dtimes: NullableString(),
  up_by: NullableString(),
  upd_dtimes: NullableString(),
});

/** `PolicyCreateResponseDto`. */
export const PolicyCreateResponse = Type.Object({
  id: Type.String(),
  policyGroupName: Type.String(),
  name: Type.String(),
  desc: Type.String(),
  is_Active: Type.Boolean(),
  cr_by: Type.String(),
  cr_dtimes: NullableString(),
  up_by: NullableString(),
  upd_dtimes: NullableString(),
});

const PolicyCommon = {
  policyId: Type.String(),
  policyName: Type.String(),
  policyDesc: Type.String(),
};
const PolicyTail = {
  publishDate: NullableString(),
  validTill: NullableString(),
  status: Type.String({ description: 'PUBLISHED or DRAFTED' }),
  version: Type.String(),
  schema: NullableString(),
  is_Active: Type.Boolean(),
  cr_by: Type.String(),
  cr_dtimes: NullableString(),
  up_by: NullableString(),
  upd_dtimes: NullableString(),
  policies: Open('the policy document'),
};

/** `PolicyDto`, inside group views. */
export const PolicyDto = Type.Object({ ...PolicyCommon, ...PolicyTail });

/** `PolicyResponseDto`: the full policy view. */
export const PolicyView = Type.Object({
  policyGroupId: Type.String(),
  policyGroupName: Type.String(),
  policyGroupDesc: Type.String(),
  policyGroupStatus: Type.Boolean(),
  policyGroup_cr_by: Type.String(),
  policyGroup_cr_dtimes: NullableString(),
  policyGroup_up_by: NullableString(),
  policyGroup_upd_dtimes: NullableString(),
  ...PolicyCommon,
  policyType: Type.String(),
  ...PolicyTail,
});

export const GroupWithPolicies = Type.Object({ policyGroup: GroupEntity, policies: Type.Array(PolicyDto) });

export const ActiveGroups = Type.Array(Type.Object({ id: Type.String(), description: Type.String(), name: Type.String() }));

export const ActivePoliciesOfGroup = Type.Array(
  Type.Object({
    policyGroupId: Type.String(),
    policyGroupName: Type.String(),
    id: Type.String(),
    name: Type.String(),
    descr: Type.String(),
    policyType: Type.String(),
  }),
);

export const GroupDeactivated = Type.Object({ policyGroupId: Type.String(), isActive: Type.Boolean() });
export const PolicyDeactivated = Type.Object({ policyId: Type.String(), isActive: Type.Boolean() });
export const StatusMessage = Type.Object({ message: Type.String() });
export const ConfigValue = Type.Object({ key: Type.String(), value: Type.Unknown() });

/** `SearchAuthPolicy`: the legacy search item, the policy JSON as a string. */
export const PolicySearchItem = Type.Object({
  id: Type.String(),
  crBy: Type.String(),
  crDtimes: NullableString(),
  delDtimes: NullableString(),
  desc: Type.String(),
  isActive: Type.Boolean(),
  isDeleted: Nullable(Type.Boolean()),
  name: Type.String(),
  policies: Type.String(),
  updBy: NullableString(),
  updDtimes: NullableString(),
  validFromDate: NullableString(),
  validToDate: NullableString(),
  version: Type.String(),
  policyType: Type.String(),
  schema: NullableString(),
  policyGroupId: Type.String(),
  policyGroupName: Type.String(),
});

export const PolicyListItem = Type.Object({
  policyId: Type.String(),
  policyName: Type.String(),
  policyDescription: Type.String(),
  policyGroupId: Type.String(),
  policyGroupName: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('activated'), Type.Literal('deactivated')]),
  createdDateTime: NullableString(),
});

export const GroupSearchPage = LegacyPage(GroupEntity);
export const PolicySearchPage = LegacyPage(PolicySearchItem);
export const PolicyListPage = PageV2(PolicyListItem);
export { FilterValuesAnswer };

export type GroupEntityView = Static<typeof GroupEntity>;
export type GroupResponseView = Static<typeof GroupResponse>;
export type PolicyCreateView = Static<typeof PolicyCreateResponse>;
export type PolicyDtoView = Static<typeof PolicyDto>;
export type PolicyFullView = Static<typeof PolicyView>;
export type PolicySearchView = Static<typeof PolicySearchItem>;
export type PolicyListView = Static<typeof PolicyListItem>;
