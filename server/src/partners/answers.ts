import { Type, type Static } from '../platform/vendor/typebox.js';
import { FilterValuesAnswer, LegacyPage, Nullable, NullableString, PageV2 } from '../platform/http/response-schemas.js';

/**
 * What the partner routes answer, inside MOSIP's envelopes; the list and search services return
 * the item types declared here.
 */

export const Registered = Type.Object({ partnerId: Type.String(), status: Type.String() });
export const StatusMessage = Type.Object({ message: Type.String() });

export const EmailCheck = Type.Object({
  emailExists: Type.Boolean(),
  policyRequiredPartnerTypes: Type.Array(Type.String()),
});

export const MyPartners = Type.Array(
  Type.Object({
    partnerId: Type.String(),
    partnerType: Type.String(),
    policyGroupId: NullableString(),
    policyGroupName: NullableString(),
    policyGroupDescription: NullableString(),
  }),
);

const PartnerViewProps = {
  partnerID: Type.String(),
  status: Type.String({ description: '`active` or `De-active`' }),
  organizationName: Type.String(),
  contactNumber: NullableString(),
  emailId: NullableString(),
  address: NullableString(),
  partnerType: Type.String(),
};
export const PartnerViewItem = Type.Object(PartnerViewProps);
export type PartnerView = Static<typeof PartnerViewItem>;
/** `/partners/v2` adds the logo and additional info to each partner; `/partners` does not. */
const LegacyPartnerItem = Type.Object({
  ...PartnerViewProps,
  logoUrl: Type.Optional(NullableString()),
  additionalInfo: Type.Optional(Type.Unknown({ description: 'the JSON stored at registration' })),
});
export const LegacyPartners = Type.Object({ partners: Type.Array(LegacyPartnerItem) });

export const PartnerDetails = Type.Object({
  ...PartnerViewProps,
  policyGroup: NullableString(),
  isActive: Type.Boolean(),
  logoUrl: Type.Optional(Nullable(Type.String({ description: 'ours: the logo registered or last set' }))),
});

const AdminListItem = Type.Object({
  partnerId: Type.String(),
  partnerType: Type.String(),
  orgName: Type.String(),
  policyGroupId: NullableString(),
  policyGroupName: NullableString(),
  emailAddress: NullableString(),
  certificateUploadStatus: Type.String({ description: '`uploaded` or `not_uploaded`' }),
  status: Type.String(),
  isActive: Type.Boolean(),
  createdDateTime: NullableString(),
});
export type AdminPartnerItem = Static<typeof AdminListItem>;
export const AdminPartnerPage = PageV2(AdminListItem);

export const AdminPartnerDetails = Type.Object({
  partnerId: Type.String(),
  approvalStatus: Type.String(),
  createdDateTime: NullableString(),
  partnerType: Type.String(),
  organizationName: Type.String(),
  contactNumber: NullableString(),
  policyGroupName: NullableString(),
  policyGroupDescription: NullableString(),
  emailId: NullableString(),
  certificateUploadDateTime: NullableString(),
  certificateExpiryDateTime: NullableString(),
  isCertificateAvailable: Type.Boolean(),
  isActive: Type.Boolean(),
});

const SearchItem = Type.Object({
  id: Type.String(),
  address: NullableString(),
  contactNo: NullableString(),
  crBy: NullableString(),
  crDtimes: NullableString(),
  delDtimes: NullableString(),
  emailId: NullableString(),
  isActive: Type.Boolean(),
  isDeleted: Nullable(Type.Boolean()),
  name: Type.String(),
  policyGroupId: NullableString(),
  certificateAlias: NullableString(),
  partnerTypeCode: Type.String(),
  approvalStatus: Type.String(),
  updBy: NullableString(),
  updDtimes: NullableString(),
  userId: NullableString(),
  langCode: NullableString(),
});
export type PartnerSearchItem = Static<typeof SearchItem>;
export const PartnerSearchPage = LegacyPage(SearchItem);

const TypeItem = Type.Object({
  code: Type.String(),
  crBy: NullableString(),
  crDtimes: NullableString(),
  delDtimes: NullableString(),
  isActive: Nullable(Type.Boolean()),
  isDeleted: Nullable(Type.Boolean()),
  partnerDescription: NullableString(),
  updBy: NullableString(),
  updDtimes: NullableString(),
  isPolicyRequired: Nullable(Type.Boolean()),
});
export type PartnerTypeItem = Static<typeof TypeItem>;
export const PartnerTypeSearchPage = LegacyPage(TypeItem);

export { FilterValuesAnswer };
