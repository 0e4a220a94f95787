import { Type, type Static, type TSchema } from '../platform/vendor/typebox.js';
import { FilterValueDtoProps, ListQueryProps, SearchDtoProps } from '../platform/search/index.js';

// MOSIP's @NotBlank/@Size texts: "value is empty or null" for every field of these DTOs.
const blankMsg = { 'x-message': 'value is empty or null' };
const Name = Type.String({ minLength: 1, maxLength: 128, pattern: '\\S', ...blankMsg });
const Desc = Type.String({ minLength: 1, maxLength: 256, pattern: '\\S', ...blankMsg });

/** The v1 request envelope; only `request` is validated (spec 2.2). */
export const Envelope = <T extends TSchema>(request: T) =>
  Type.Object({
    id: Type.Optional(Type.Unknown()),
    version: Type.Optional(Type.Unknown()),
    requesttime: Type.Optional(Type.Unknown()),
    metadata: Type.Optional(Type.Unknown()),
    request,
  });

export const GroupCreate = Type.Object({ name: Name, desc: Desc });
export type GroupCreate = Static<typeof GroupCreate>;

export const GroupUpdate = Type.Object({
  name: Name,
  desc: Desc,
  // Omitted or null reaches the service, which answers as MOSIP does (PMS_POL_056 / PMS_COR_003).
  isActive: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
});
export type GroupUpdate = Static<typeof GroupUpdate>;

/** `policies` is checked by the service, in MOSIP's order, after the type and group checks. */
const PolicyDocument = Type.Optional(Type.Unknown());

export const PolicyCreate = Type.Object({
  policyId: Type.Optional(Type.Union([Type.String({ maxLength: 36, pattern: '^\\S*$' }), Type.Null()])),
  policyGroupName: Name,
  policyType: Type.String({ minLength: 1, maxLength: 128, pattern: '\\S', ...blankMsg }),
  name: Name,
  desc: Desc,
  version: Type.String({ minLength: 1, maxLength: 8, pattern: '\\S', ...blankMsg }),
  policies: PolicyDocument,
});
export type PolicyCreate = Static<typeof PolicyCreate>;

export const PolicyUpdate = Type.Object({
  policyGroupName: Name,
  name: Name,
  desc: Desc,
  version: Type.String({ minLength: 1, maxLength: 8, pattern: '\\S', ...blankMsg }),
  policies: PolicyDocument,
});
export type PolicyUpdate = Static<typeof PolicyUpdate>;

export const PolicyClone = Type.Object({ policyGroupName: Name });
export type PolicyClone = Static<typeof PolicyClone>;

export const LegacyStatus = Type.Object({ status: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])) });
export type LegacyStatus = Static<typeof LegacyStatus>;

export const GroupSearch = Type.Object(SearchDtoProps);
export const PolicySearch = Type.Object({ ...SearchDtoProps, policyType: Type.String({ minLength: 1, maxLength: 128, ...blankMsg }) });
export type PolicySearch = Static<typeof PolicySearch>;
export const GroupFilterValues = Type.Object(FilterValueDtoProps);
export const PolicyFilterValues = Type.Object({
  ...FilterValueDtoProps,
  policyType: Type.String({ minLength: 1, maxLength: 128, ...blankMsg }),
});
export type PolicyFilterValues = Static<typeof PolicyFilterValues>;

export const PolicyListQuery = Type.Object({
  ...ListQueryProps,
  policyType: Type.Optional(Type.String({ maxLength: 128 })),
  policyId: Type.Optional(Type.String({ maxLength: 128 })),
  policyName: Type.Optional(Type.String({ maxLength: 128 })),
  policyDescription: Type.Optional(Type.String({ maxLength: 256 })),
  policyGroupName: Type.Optional(Type.String({ maxLength: 128 })),
  status: Type.Optional(Type.String({ maxLength: 32 })),
});
export type PolicyListQuery = Static<typeof PolicyListQuery>;

export const IdParam = (name: string) => Type.Object({ [name]: Type.String({ maxLength: 256 }) });
