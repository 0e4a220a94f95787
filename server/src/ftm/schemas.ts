import { Type, type Static } from '../platform/vendor/typebox.js';
import { ListQueryProps, SearchDtoProps } from '../platform/search/index.js';
import { MAX_CERT_CHARS } from '../trust/index.js';
import { AuditColumns, LegacyPage, NullableString, PageV2 } from '../platform/http/response-schemas.js';

const blank = { 'x-message': 'value is empty or null' };
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...blank });
const Ignored = Type.Optional(Type.Unknown());

export const ChipCreate = Type.Object({ ftpProviderId: Text(36), make: Text(36), model: Text(36), isItForRegistrationDevice: Ignored });
export type ChipCreate = Static<typeof ChipCreate>;

export const ChipUpdate = Type.Object({ ftpChipDetailId: Text(36), make: Text(36), model: Text(36), isItForRegistrationDevice: Ignored });
export type ChipUpdate = Static<typeof ChipUpdate>;

export const ChipStatus = Type.Object({
  ftpChipDetailId: Text(36),
  approvalStatus: Type.Boolean({ 'x-message': 'must not be null' }),
  isItForRegistrationDevice: Ignored,
});
export type ChipStatus = Static<typeof ChipStatus>;

/** MOSIP's field name `ftpChipDeatilId` (sic) is kept: clients send it spelt that way. */
export const ChipCertUpload = Type.Object({
  ftpProviderId: Text(36),
  ftpChipDeatilId: Text(36),
  certificateData: Text(MAX_CERT_CHARS),
  organizationName: Text(128),
  partnerDomain: Text(36),
  isItForRegistrationDevice: Ignored,
});
export type ChipCertUpload = Static<typeof ChipCertUpload>;

export const Search = Type.Object(SearchDtoProps);

const Filter = Type.Optional(Type.String({ maxLength: 256 }));
export const ChipListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Filter,
  orgName: Filter,
  ftmId: Filter,
  make: Filter,
  model: Filter,
  status: Filter,
});
export type ChipListQuery = Static<typeof ChipListQuery>;

export const FtmIdParam = Type.Object({ ftmId: Type.String({ maxLength: 36 }) });
export const ChipIdParam = Type.Object({ ftpChipDetailId: Type.String({ maxLength: 36 }) });

// Answers.

export const ChipId = Type.Object({ id: Type.String() });
export const UploadAnswer = Type.Object({ signedCertificateData: Type.String(), certificateId: Type.String(), timestamp: Type.String() });
export type UploadAnswer = Static<typeof UploadAnswer>;
export const ChipCertificate = Type.Object({ certificateData: NullableString(), timestamp: Type.String() });
export type ChipCertificate = Static<typeof ChipCertificate>;

/** `FTPChipDetail` entity JSON of the legacy search. */
export const ChipSearchItem = Type.Object({
  ftpChipDetailId: Type.String(),
  ftpProviderId: Type.String(),
  make: NullableString(),
  model: NullableString(),
  certificateAlias: NullableString(),
  partnerOrganizationName: NullableString(),
  approvalStatus: NullableString(),
  isActive: Type.Boolean(),
  ...AuditColumns,
});
export type ChipSearchItem = Static<typeof ChipSearchItem>;
export const ChipSearchPage = LegacyPage(ChipSearchItem);

export const Deactivated = Type.Object({ ftmId: Type.String(), status: Type.String(), isActive: Type.Boolean() });

export const ChipCertificateData = Type.Object({
  caSignedCertificateData: NullableString(),
  isCaSignedCertificateExpired: Type.Boolean(),
  caSignedCertUploadDateTime: NullableString(),
  caSignedCertExpiryDateTime: NullableString(),
  mosipSignedCertificateData: NullableString(),
  isMosipSignedCertificateExpired: Type.Boolean(),
  mosipSignedCertUploadDateTime: NullableString(),
  mosipSignedCertExpiryDateTime: NullableString(),
});

export const MyChip = Type.Object({
  ftmId: Type.String(),
  partnerId: Type.String(),
  partnerStatus: NullableString(),
  make: NullableString(),
  model: NullableString(),
  status: NullableString(),
  isActive: Type.Boolean(),
  isCertificateAvailable: Type.Boolean(),
  isCertificateExpired: Type.Boolean(),
  certificateUploadDateTime: NullableString(),
  certificateExpiryDateTime: NullableString(),
  createdDateTime: NullableString(),
});
export type MyChip = Static<typeof MyChip>;
export const MyChips = Type.Array(MyChip);

export const AdminChip = Type.Object({
  ftmId: Type.String(),
  partnerId: Type.String(),
  orgName: NullableString(),
  make: NullableString(),
  model: NullableString(),
  status: NullableString(),
  isActive: Type.Boolean(),
  isCertificateAvailable: Type.Boolean(),
  createdDateTime: NullableString(),
});
export type AdminChip = Static<typeof AdminChip>;
export const AdminChipPage = PageV2(AdminChip);
