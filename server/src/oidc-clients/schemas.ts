import { Type, type Static, type TSchema } from '../platform/vendor/typebox.js';
import { ListQueryProps } from '../platform/search/index.js';

/**
 * MOSIP's request shapes (docs/oidc-clients.md) with MOSIP's bean-validation rules (PMS_COR_001).
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
  Type.Union([
    Type.Null(),
    Type.String({
      pattern: '^$|^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
      'x-message': "must match yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
    }),
  ]),
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

/**
 * eSignet's per-client settings and the userinfo encryption key: optional on the OAuth (v2)
 * shapes, so MOSIP's callers that omit them are unaffected. Their content is checked in the
 * service against eSignet's own schema, answering eSignet's `invalid_additional_config`.
 */
const AdditionalConfigField = Type.Optional(
  Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())], {
    description:
      "eSignet's additionalConfig (v3): userinfo_response_type, purpose, signup_banner_required, forgot_pwd_link_required, consent_expire_in_mins, require_pushed_authorization_requests, dpop_bound_access_tokens, require_pkce. On update: absent keeps the stored settings, null clears them.",
  }),
);
const EncKeyField = Type.Optional(
  Type.Union([Type.Null(), Jwk], {
    description: 'Public JWK (RSA or EC P-256) eSignet encrypts userinfo to; required when userinfo_response_type is JWE.',
  }),
);

/** The settings both create and update take (one allow-list, so a GET can be PUT back). */
const settingsProps = { additionalConfig: AdditionalConfigField, encPublicKey: EncKeyField };

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
export const CreateV2 = Type.Object({ ...createProps, clientNameLangMap: CreateLangMap, ...settingsProps });

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
export const UpdateV2 = Type.Object({ ...updateProps, clientNameLangMap: LangMap, ...settingsProps });

/**
 * PATCH (ours, eSignet's partial-update semantics): every field optional, absent ones kept.
 * `clientNameLangMap` changes only the languages it names; a language set to null is removed.
 */
export const PatchV2 = Type.Object({
  logoUri: Type.Optional(updateProps.logoUri),
  redirectUris: Type.Optional(updateProps.redirectUris),
  status: Type.Optional(updateProps.status),
  grantTypes: Type.Optional(updateProps.grantTypes),
  clientName: Type.Optional(updateProps.clientName),
  clientAuthMethods: Type.Optional(updateProps.clientAuthMethods),
  clientNameLangMap: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))),
  ...settingsProps,
});

/** The fields an update takes, as the service sees them after a PATCH is merged. */
export const UPDATE_FIELDS = [
  'logoUri',
  'redirectUris',
  'status',
  'grantTypes',
  'clientName',
  'clientAuthMethods',
  'clientNameLangMap',
  'additionalConfig',
  'encPublicKey',
] as const;

export type CreateV1Body = Static<typeof CreateV1>;
export type CreateV2Body = Static<typeof CreateV2>;
export type CreateBody = CreateV1Body & { clientNameLangMap?: Record<string, string> } & SettingsBody;
export type UpdateBody = Static<typeof UpdateV1> & { clientNameLangMap?: Record<string, string> } & SettingsBody;
export type PatchBody = Static<typeof PatchV2>;
/** `additionalConfig` / `encPublicKey` as received (content checked in the service). */
export interface SettingsBody {
  additionalConfig?: Record<string, unknown> | null;
  encPublicKey?: Record<string, unknown> | null;
}

export const ClientIdParam = Type.Object({ client_id: Type.String() });

/** A setting's effective value (absent counts as false, as eSignet reads it). */
const BoolFilter = (key: string) => Type.Union([Type.Literal('true'), Type.Literal('false')], { description: `effective ${key}` });

export const ClientListQuery = Type.Object({
  ...ListQueryProps,
  partnerId: Type.Optional(Type.String({ maxLength: 256 })),
  orgName: Type.Optional(Type.String({ maxLength: 256 })),
  policyGroupName: Type.Optional(Type.String({ maxLength: 256 })),
  policyName: Type.Optional(Type.String({ maxLength: 256 })),
  clientName: Type.Optional(Type.String({ maxLength: 1024 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  // Ours (admins looking for misconfigured clients): exact matches unless stated.
  policyId: Type.Optional(Type.String({ maxLength: 36 })),
  authMethod: Type.Optional(Type.String({ maxLength: 128, description: 'clients having this client auth method' })),
  grantType: Type.Optional(Type.String({ maxLength: 128, description: 'clients having this grant type' })),
  redirectHost: Type.Optional(Type.String({ maxLength: 255, description: 'clients with a redirect URI on this host (case-insensitive)' })),
  par: Type.Optional(BoolFilter('require_pushed_authorization_requests')),
  dpop: Type.Optional(BoolFilter('dpop_bound_access_tokens')),
  pkce: Type.Optional(BoolFilter('require_pkce')),
  userinfoResponseType: Type.Optional(
    Type.Union([Type.Literal('JWS'), Type.Literal('JWE')], { description: 'effective userinfo format (absent setting: JWS)' }),
  ),
  createdFrom: Type.Optional(Type.String({ format: 'date-time', description: 'created at or after' })),
  createdTo: Type.Optional(Type.String({ format: 'date-time', description: 'created before' })),
});
export type ClientListQueryT = Static<typeof ClientListQuery>;
