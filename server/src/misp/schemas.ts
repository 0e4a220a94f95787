import { Type, type Static } from 'typebox';
import { FilterValueDtoProps, SearchDtoProps } from '../platform/search/index.js';
import { NotBlank } from '../platform/http/request-envelope.js';

export const LicenseCreate = Type.Object({ providerId: NotBlank(36) });
export type LicenseCreate = Static<typeof LicenseCreate>;

/** `MISPLicenseUpdateDto`: MOSIP fails with a generic error on a missing status; ours says which field. */
export const LicenseUpdate = Type.Object({ providerId: NotBlank(36), licenseKey: NotBlank(128), licenseKeyStatus: NotBlank(32) });
export type LicenseUpdate = Static<typeof LicenseUpdate>;

export const MispIdParam = Type.Object({ mispId: Type.String({ maxLength: 256 }) });
export const LicenseSearch = Type.Object(SearchDtoProps);
export const LicenseFilterValues = Type.Object(FilterValueDtoProps);
