import { Type, type Static } from 'typebox';
import { ListQueryProps, SearchDtoProps } from '../platform/search/index.js';
import { MAX_CERT_CHARS } from '../trust/index.js';

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
