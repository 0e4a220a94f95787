import { Type, type Static, type TSchema } from '../platform/vendor/typebox.js';
import { AuditColumns, LegacyPage, Nullable, NullableString, PageV2 } from '../platform/http/response-schemas.js';
import { FilterValueDtoProps, ListQueryProps, SearchDtoProps } from '../platform/search/index.js';

// MOSIP's @NotBlank / @Size texts on the device DTOs.
const blank = { 'x-message': 'value is empty or null' };
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...blank });
/** MOSIP's LocalDateTime wire format, yyyy-MM-dd'T'HH:mm:ss.SSS'Z' (fractions and zone optional here). */
const DateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?$',
  maxLength: 40,
  'x-message': "must be a date-time as yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
});
const Ignored = Type.Optional(Type.Unknown());

export const SbiCreate = Type.Object({
  swBinaryHash: Text(36),
  swVersion: Text(64),
  swCreateDateTime: DateTime,
  swExpiryDateTime: DateTime,
  providerId: Text(36),
  // Older MOSIP clients send these; they change nothing.
  deviceDetailId: Ignored,
  isItForRegistrationDevice: Ignored,
});
export type SbiCreate = Static<typeof SbiCreate>;

export const SbiUpdate = Type.Object({
  id: Text(36),
  swBinaryHash: Text(36),
  swVersion: Text(64),
  swCreateDateTime: DateTime,
  swExpiryDateTime: DateTime,
  isActive: Type.Boolean(),
  providerId: Type.Optional(Type.Union([Type.String({ maxLength: 36 }), Type.Null()])),
  deviceDetailId: Ignored,
  isItForRegistrationDevice: Ignored,
});
export type SbiUpdate = Static<typeof SbiUpdate>;

export const StatusUpdate = Type.Object({ id: Text(36), approvalStatus: Text(36) });
export type StatusUpdate = Static<typeof StatusUpdate>;

export const MappingInput = Type.Object({ deviceDetailId: Text(36), sbiId: Text(36) });
export type MappingInput = Static<typeof MappingInput>;

export const DeviceCreate = Type.Object({
  id: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 36, pattern: '^\\S+$' }), Type.Null()])),
  deviceProviderId: Text(36),
  deviceTypeCode: Text(36),
  deviceSubTypeCode: Text(36),
  make: Text(36),
  model: Text(36),
  partnerOrganizationName: Ignored,
  isItForRegistrationDevice: Ignored,
});
export type DeviceCreate = Static<typeof DeviceCreate>;

export const DeviceUpdate = Type.Object({
  id: Text(36),
  deviceTypeCode: Text(36),
  deviceSubTypeCode: Text(36),
  make: Text(36),
  model: Text(36),
  deviceProviderId: Ignored,
  partnerOrganizationName: Ignored,
  isItForRegistrationDevice: Ignored,
});
export type DeviceUpdate = Static<typeof DeviceUpdate>;

/** v2 envelope (`RequestWrapperV2`) whose `request`, when sent, is validated field by field. */
export const V2With = <T extends TSchema>(request: T) =>
  Type.Object({
    id: Type.Optional(Type.Unknown()),
    version: Type.Optional(Type.Unknown()),
    requestTime: Type.Optional(Type.Unknown()),
    metadata: Type.Optional(Type.Unknown()),
    request: Type.Optional(request),
  });

export const DeviceApproval = Type.Object({
  partnerId: Type.Optional(Type.Union([Type.String({ maxLength: 36 }), Type.Null()])),
  sbiId: Type.Optional(Type.Union([Type.String({ maxLength: 36 }), Type.Null()])),
  status: Type.Optional(Type.Union([Type.String({ maxLength: 36 }), Type.Null()])),
});
export type DeviceApproval = Static<typeof DeviceApproval>;

export const Search = Type.Object(SearchDtoProps);
export const FilterValues = Type.Object(FilterValueDtoProps);

const Filter = Type.Optional(Type.String({ maxLength: 256 }));

export const SbiListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Filter,
  orgName: Filter,
  sbiId: Filter,
  sbiVersion: Filter,
  status: Filter,
  sbiExpiryStatus: Filter,
});
export type SbiListQuery = Static<typeof SbiListQuery>;

export const DeviceListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Filter,
  orgName: Filter,
  deviceType: Filter,
  deviceSubType: Filter,
  status: Filter,
  make: Filter,
  model: Filter,
  sbiId: Filter,
  sbiVersion: Filter,
  deviceId: Filter,
});
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const IdParam = (name: string) => Type.Object({ [name]: Type.String({ maxLength: 36 }) });

// What the routes answer (inside MOSIP's envelopes): declared in the order the services build
// them, nullable where a column may be null (platform/http/response-schemas.ts).

export const IdAnswer = Type.Object({ id: Type.String() });

export const SbiSearchPage = LegacyPage(
  Type.Object({
    id: Type.String(),
    swBinaryHash: Type.String({ description: 'base64, as Jackson writes a byte[]' }),
    swVersion: Type.String(),
    swCreateDateTime: NullableString(),
    swExpiryDateTime: NullableString(),
    approvalStatus: Type.String(),
    isActive: Type.Boolean(),
    providerId: Type.String(),
    partnerOrganizationName: NullableString(),
    ...AuditColumns,
  }),
);

export const MappingSearchPage = LegacyPage(
  Type.Object({
    crBy: NullableString(),
    crDtimes: NullableString(),
    deviceDetailId: Type.String(),
    deviceSubTypeCode: NullableString(),
    deviceTypeCode: NullableString(),
    make: NullableString(),
    model: NullableString(),
    providerId: NullableString(),
    providerName: NullableString(),
    sbiId: Type.String(),
    swBinaryHash: Type.String(),
    swVersion: NullableString(),
  }),
);

export const DeviceSearchPage = LegacyPage(
  Type.Object({
    id: Type.String(),
    deviceProviderId: Type.String(),
    deviceTypeCode: Type.String(),
    deviceSubTypeCode: Type.String(),
    make: Type.String(),
    model: Type.String(),
    partnerOrganizationName: NullableString(),
    approvalStatus: Type.String(),
    isActive: Type.Boolean(),
    ...AuditColumns,
  }),
);

export const SubTypeSearchPage = LegacyPage(
  Type.Object({
    code: Type.String(),
    deviceType: NullableString(),
    name: NullableString(),
    desciption: Nullable(Type.String({ description: 'MOSIP’s spelling' })),
    active: Nullable(Type.Boolean()),
    isDeleted: Nullable(Type.Boolean()),
    crBy: NullableString(),
    crDtimes: NullableString(),
    delDtimes: NullableString(),
    updBy: NullableString(),
    updDtimes: NullableString(),
  }),
);

export const SbiDevices = Type.Array(
  Type.Object({
    deviceId: Type.String(),
    deviceTypeCode: Type.String(),
    deviceSubTypeCode: Type.String(),
    deviceProviderId: Type.String(),
    make: Type.String(),
    model: Type.String(),
    status: Type.String(),
    isActive: Type.Boolean(),
    createdDateTime: NullableString(),
  }),
);

export const SbiDeactivated = Type.Object({
  sbiId: Type.String(),
  sbiVersion: Type.String(),
  status: Type.String(),
  isActive: Type.Boolean(),
  deactivatedDevices: Type.Number(),
  rejectedDevices: Type.Number(),
});

export const SbiListPage = PageV2(
  Type.Object({
    partnerId: Type.String(),
    orgName: NullableString(),
    sbiId: Type.String(),
    sbiVersion: Type.String(),
    status: Type.String(),
    isActive: Type.Boolean(),
    sbiCreatedDateTime: NullableString(),
    sbiExpiryDateTime: NullableString(),
    createdDateTime: NullableString(),
    countOfAssociatedDevices: Type.Number(),
    countOfApprovedDevices: Type.Number(),
    countOfPendingDevices: Type.Number(),
    sbiExpiryStatus: Type.String(),
  }),
);

export const DeviceDeactivated = Type.Object({ deviceId: Type.String(), status: Type.String(), isActive: Type.Boolean() });

export const DeviceListPage = PageV2(
  Type.Object({
    deviceId: Type.String(),
    partnerId: Type.String(),
    orgName: NullableString(),
    deviceType: Type.String(),
    deviceSubType: Type.String(),
    status: Type.String(),
    isActive: Type.Boolean(),
    make: Type.String(),
    model: Type.String(),
    createdDateTime: NullableString(),
    sbiId: NullableString(),
    sbiVersion: NullableString(),
  }),
);

export type SbiListItem = Static<typeof SbiListPage>['data'][number];
export type DeviceListItem = Static<typeof DeviceListPage>['data'][number];
