import { Type, type Static } from '../platform/vendor/typebox.js';
import { FilterValueDtoProps, SearchDtoProps } from '../platform/search/index.js';
import { LegacyPage, Nullable, NullableString } from '../platform/http/response-schemas.js';
import { NotBlank } from '../platform/http/request-envelope.js';

export const LicenseCreate = Type.Object({ providerId: NotBlank(36) });
export type LicenseCreate = Static<typeof LicenseCreate>;

/** `MISPLicenseUpdateDto`: MOSIP fails with a generic error on a missing status; ours says which field. */
export const LicenseUpdate = Type.Object({ providerId: NotBlank(36), licenseKey: NotBlank(128), licenseKeyStatus: NotBlank(32) });
export type LicenseUpdate = Static<typeof LicenseUpdate>;

export const MispIdParam = Type.Object({ mispId: Type.String({ maxLength: 256 }) });
export const LicenseSearch = Type.Object(SearchDtoProps);
export const LicenseFilterValues = Type.Object(FilterValueDtoProps);

// Answers.

/** A license as its MISP sees it right after generation, update or regeneration (the key in clear). */
export const LicenseAnswer = Type.Object({
  providerId: Type.String(),
  licenseKey: Type.String(),
  licenseKeyStatus: Type.String(),
  licenseKeyExpiry: NullableString(),
});
export type LicenseAnswer = Static<typeof LicenseAnswer>;

/** MOSIP's `MISPLicenseEntity` JSON (list and search); the key masked. */
export const LicenseEntityView = Type.Object({
  mispId: Type.String(),
  policyId: NullableString(),
  licenseKey: Type.String(),
  validFromDate: NullableString(),
  validToDate: NullableString(),
  isActive: Type.Boolean(),
  createdBy: NullableString(),
  createdDateTime: NullableString(),
  updatedBy: NullableString(),
  updatedDateTime: NullableString(),
  isDeleted: Nullable(Type.Boolean()),
  deletedDateTime: NullableString(),
});
export type LicenseEntityView = Static<typeof LicenseEntityView>;

export const LicenseList = Type.Array(LicenseEntityView);
export const LicensePage = LegacyPage(LicenseEntityView);
