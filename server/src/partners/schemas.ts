import { Type, type Static } from '../platform/vendor/typebox.js';
import { FilterValueDtoProps, ListQueryProps, SearchDtoProps } from '../platform/search/index.js';

/** MOSIP's @NotBlank with a size: blank, missing and over-long all read "value is empty or null"-style via PMS_COR_001. */
const NotBlank = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength, pattern: '\\S' });
const Opt = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

/**
 * `PartnerRequest` (v1). The partner id is held to 36 characters and no spaces by the service
 * (PMS_PRT_052 / PMS_PRT_066, in MOSIP's order); the schema only bounds absurd input.
 */
const RegisterCommon = {
  partnerId: NotBlank(256),
  policyGroup: Opt(Type.String({ maxLength: 128 })),
  organizationName: NotBlank(128),
  address: NotBlank(2000),
  contactNumber: NotBlank(16),
  emailId: NotBlank(254),
  partnerType: NotBlank(36),
  langCode: Opt(Type.String({ maxLength: 36 })),
};
export const RegisterV1 = Type.Object(RegisterCommon);
export const RegisterV2 = Type.Object({
  ...RegisterCommon,
  logoUrl: Opt(Type.String({ maxLength: 256 })),
  additionalInfo: Type.Optional(Type.Unknown()),
});
export type RegisterInput = Static<typeof RegisterV2>;

export const UpdateV1 = Type.Object({ address: NotBlank(2000), contactNumber: NotBlank(16) });
/** v2: fields left out keep their stored value (MOSIP's v1 update clears logo and additional info). */
export const UpdateV2 = Type.Object({
  address: NotBlank(2000),
  contactNumber: NotBlank(16),
  logoUrl: Opt(Type.String({ maxLength: 256 })),
  additionalInfo: Type.Optional(Type.Unknown()),
});
export type UpdateInput = Static<typeof UpdateV2>;

export const ContactAdd = Type.Object({
  address: NotBlank(2000),
  contactNumber: NotBlank(64),
  emailId: NotBlank(254),
  is_Active: Type.Boolean(),
});
export type ContactInput = Static<typeof ContactAdd>;

/** EmailVerificationRequestDto has no constraint: an empty or blank address reaches the format check (PMS_PRT_012). */
export const EmailVerify = Type.Object({ emailId: Type.String({ maxLength: 254 }) });
export const StatusUpdate = Type.Object({ status: NotBlank(32) });

export const PartnerIdParam = Type.Object({ partnerId: Type.String({ maxLength: 256 }) });

export const V3Query = Type.Object({
  status: Type.String({ minLength: 1, maxLength: 36 }),
  policyGroupAvailable: Type.Optional(Type.Boolean()),
  partnerType: Type.Optional(Type.String({ maxLength: 36 })),
});

export const PartnerTypeQuery = Type.Object({ partnerType: Type.Optional(Type.String({ maxLength: 36 })) });

export const AdminListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Type.Optional(Type.String({ maxLength: 256 })),
  partnerType: Type.Optional(Type.String({ maxLength: 36 })),
  orgName: Type.Optional(Type.String({ maxLength: 256 })),
  emailAddress: Type.Optional(Type.String({ maxLength: 256 })),
  policyGroupName: Type.Optional(Type.String({ maxLength: 256 })),
  certificateUploadStatus: Type.Optional(Type.String({ maxLength: 16 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type AdminListQueryT = Static<typeof AdminListQuery>;

export const PartnerSearch = Type.Object({ ...SearchDtoProps, partnerType: Type.String({ minLength: 1, maxLength: 36 }) });
export const PartnerTypeSearch = Type.Object(SearchDtoProps);
export const PartnerFilterValues = Type.Object(FilterValueDtoProps);
