import { Type, type Static, type TSchema, type TUnsafe } from '../vendor/typebox.js';

/**
 * Response schemas: what a route may answer, in MOSIP's envelopes. Fastify compiles each into a
 * serializer once, at start (fast-json-stringify), so a field the schema does not name never
 * leaves the server, and the served OpenAPI shows the shape.
 *
 * Serializer rules to keep in mind when writing one (they differ from JSON.stringify):
 * - keys come out in the schema's order, so declare them in the order the service builds them;
 * - a required property the value lacks is a 500: mark anything a service may leave out
 *   `Type.Optional`;
 * - `nullable: true` (OpenAPI 3.0) rather than a union with null, which the serializer would
 *   have to try branch by branch on every answer;
 * - open-ended MOSIP parts (policy documents, claims maps) are `Open()`: written as they are.
 */

/** `T | null`, declared the way OpenAPI 3.0 and the serializer both read cheaply. */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> =>
  Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

export const NullableString = () => Nullable(Type.String());

/** A part of an answer MOSIP leaves open (JSON documents, maps): serialised as it is. */
export const Open = (description?: string) => Type.Record(Type.String(), Type.Unknown(), description ? { description } : {});

/** MOSIP's plain confirmation answers ("Success", "… approved successfully."). */
export const ConfirmationText = Type.String({ description: 'MOSIP’s confirmation text' });

/** The audit columns MOSIP's entities serialise, in their order (legacy search items). */
export const AuditColumns = {
  crBy: NullableString(),
  crDtimes: NullableString(),
  updBy: NullableString(),
  updDtimes: NullableString(),
  isDeleted: Nullable(Type.Boolean()),
  delDtimes: NullableString(),
};

export const ErrorItemSchema = Type.Object({ errorCode: NullableString(), message: Type.String() });

/** MOSIP's v1 envelope (`responsetime`) around `response`. */
export const V1Response = <T extends TSchema>(response: T) =>
  Type.Object({
    id: NullableString(),
    version: NullableString(),
    responsetime: Type.String(),
    metadata: Type.Null(),
    response: Nullable(response),
    errors: Type.Array(ErrorItemSchema),
  });

/** MOSIP's v2 (revamp) envelope (`responseTime`) around `response`. */
export const V2Response = <T extends TSchema>(response: T) =>
  Type.Object({
    id: NullableString(),
    version: NullableString(),
    responseTime: Type.String(),
    metadata: Type.Null(),
    response: Nullable(response),
    errors: Type.Array(ErrorItemSchema),
  });

/**
 * The error envelope of a 4xx/5xx answer: v1 routes say `responsetime`, v2 routes
 * `responseTime` (see `errorEnvelope` in `app.ts`); `response` is always null.
 */
export const ErrorResponse = Type.Object(
  {
    id: NullableString(),
    version: NullableString(),
    responsetime: Type.Optional(Type.String()),
    responseTime: Type.Optional(Type.String()),
    metadata: Type.Null(),
    response: Type.Null(),
    errors: Type.Array(ErrorItemSchema),
  },
  { description: 'MOSIP error envelope' },
);

/**
 * The `response` block of a route: MOSIP answers business errors with HTTP 200 in the same
 * envelope (`response: null`, `errors` filled), so 200 covers both; other statuses carry the
 * error envelope.
 */
export const v1Responses = <T extends TSchema>(response: T) =>
  ({ 200: V1Response(response), '4xx': ErrorResponse, '5xx': ErrorResponse }) as const;

export const v2Responses = <T extends TSchema>(response: T) =>
  ({ 200: V2Response(response), '4xx': ErrorResponse, '5xx': ErrorResponse }) as const;

/**
 * A v2 route whose errors come in a v1 envelope (MOSIP's `GET /oauth/client` parameter checks,
 * in the partner service's envelope with HTTP 200; `GET /policies/v2`, the policy service's):
 * one object with either time field, rather than a union the serializer would have to test
 * branch by branch on every page it writes.
 */
export const v2ResponsesWithV1Errors = <T extends TSchema>(response: T) =>
  ({
    200: Type.Object({
      id: NullableString(),
      version: NullableString(),
      responseTime: Type.Optional(Type.String()),
      responsetime: Type.Optional(Type.String({ description: 'parameter errors (partner envelope)' })),
      metadata: Type.Null(),
      response: Nullable(response),
      errors: Type.Array(ErrorItemSchema),
    }),
    '4xx': ErrorResponse,
    '5xx': ErrorResponse,
  }) as const;

/** Legacy search page (`PageResponseDto`): `data` is null when nothing matched. */
export const LegacyPage = <T extends TSchema>(item: T) =>
  Type.Object({ fromRecord: Type.Number(), toRecord: Type.Number(), totalRecord: Type.Number(), data: Nullable(Type.Array(item)) });

export const FilterValuesAnswer = Type.Object({
  filters: Type.Array(Type.Object({ fieldID: Type.String(), fieldValue: NullableString(), fieldCode: NullableString() })),
});

/** Revamp list page (`PageResponseV2Dto`). */
export const PageV2 = <T extends TSchema>(item: T) =>
  Type.Object({ pageNo: Type.Number(), pageSize: Type.Number(), totalResults: Type.Number(), data: Type.Array(item) });
