import { Type, type Static, type TSchema } from 'typebox';
import { ListQueryProps } from '../platform/search/index.js';

/**
 * Request shapes of spec/oidc-clients.md 3 with MOSIP's bean-validation rules (PMS_COR_001).
 * Rules that need more than a schema (a non-empty key object, URL checks, language keys) run
 * first thing in the service and answer in the same form.
 */

const NotBlank = (opts: { maxLength?: number; 'x-missing'?: string } = {}) => Type.String({ minLength: 1, pattern: '\\S', ...opts });
/** Create's fields are @NotBlank / @NotEmpty alone, so an absent one fails with that text (spec 3.1, 3.2). */
const BLANK = { 'x-missing': 'must not be blank' };
const EMPTY = { 'x-missing': 'must not be empty' };
const List = (min: number, max: number) => Type.Array(Type.String(), { minItems: min, maxItems: max });
/** Update's `redirectUris`: each element `@NotBlank` as well. */
const NotBlankList = (min: number, max: number) => Type.Array(NotBlank(), { minItems: min, maxItems: max });

/** MOSIP's `requesttime`: absent, null and "" pass; any other text must be yyyy-MM-dd'T'HH:mm:ss.SSS'Z'. */
const RequestTime = Type.Optional(
  Type.Union([Type.Null(), Type.String({ pattern: '^$|^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$', 'x-message': "must match yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" })]),
);

export const ClientEnvelope = <T extends TSchema>(request: T) =>
  Type.Object({
    id: Type.Optional(Type.Unknown()),
    version: Type.Optional(Type.Unknown()),
    requesttime: RequestTime,
    metadata: Type.Optional(Type.Unknown()),
    request,
  });

/** A JWK: an object whose members are all non-null (emptiness is checked in the service). */
const Jwk = Type.Record(Type.String(), Type.Unknown({ not: { type: 'null' }, 'x-message': 'must not be null' }), EMPTY);
const LangMap = Type.Record(Type.String(), Type.String());
const CreateLangMap = Type.Record(Type.String(), Type.String(), EMPTY);

const createProps = {
  name: NotBlank({ maxLength: 256, ...BLANK }),
  policyId: NotBlank({ maxLength: 36, ...BLANK }),
  publicKey: Jwk,
  authPartnerId: NotBlank({ maxLength: 100, ...BLANK }),
  logoUri: NotBlank({ maxLength: 2048, ...BLANK }),
  redirectUris: List(1, 5),
  grantTypes: List(1, 3),
  clientAuthMethods: List(1, 3),
};

export const CreateV1 = Type.Object(createProps);
export const CreateV2 = Type.Object({ ...createProps, clientNameLangMap: CreateLangMap });

const STATUS = '^([Aa][Cc][Tt][Ii][Vv][Ee]|[Ii][Nn][Aa][Cc][Tt][Ii][Vv][Ee])$';

const updateProps = {
  logoUri: NotBlank({ maxLength: 2048 }),
  redirectUris: NotBlankList(1, 5),
  status: Type.String({ pattern: STATUS, 'x-message': 'must match "(ACTIVE)|(INACTIVE)"' }),
  grantTypes: List(1, 3),
  clientName: NotBlank(),
  clientAuthMethods: List(1, 3),
};

export const UpdateV1 = Type.Object(updateProps);
export const UpdateV2 = Type.Object({ ...updateProps, clientNameLangMap: LangMap });

export type CreateV1Body = Static<typeof CreateV1>;
export type CreateV2Body = Static<typeof CreateV2>;
export type CreateBody = CreateV1Body & { clientNameLangMap?: Record<string, string> };
export type UpdateBody = Static<typeof UpdateV1> & { clientNameLangMap?: Record<string, string> };

export const ClientIdParam = Type.Object({ client_id: Type.String() });

export const ClientListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Type.Optional(Type.String({ maxLength: 256 })),
  orgName: Type.Optional(Type.String({ maxLength: 256 })),
  policyGroupName: Type.Optional(Type.String({ maxLength: 256 })),
  policyName: Type.Optional(Type.String({ maxLength: 256 })),
  clientName: Type.Optional(Type.String({ maxLength: 1024 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
});
export type ClientListQueryT = Static<typeof ClientListQuery>;
