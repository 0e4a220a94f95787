import { Type, type Static } from '../platform/vendor/typebox.js';
import { Nullable, NullableString, Open, PageV2 } from '../platform/http/response-schemas.js';

/**
 * What the OIDC-client routes answer, inside MOSIP's envelopes. The service's result types are
 * these schemas' types (service.ts), so the served OpenAPI, the serializer and the code agree.
 */

const Status = Type.Union([Type.Literal('ACTIVE'), Type.Literal('INACTIVE')]);
const EsignetStatus = Type.String({ description: 'ours: REGISTERED, or NOT_REGISTERED when no eSignet is configured' });

export const ClientAnswer = Type.Object({ clientId: Type.String(), status: Status, esignetStatus: EsignetStatus });

export const ClientDetailAnswer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  policyId: Type.String(),
  policyName: Type.String(),
  relyingPartyId: Type.String(),
  logoUri: Type.String(),
  redirectUris: Type.Array(Type.String()),
  publicKey: Type.String(),
  claims: Type.Array(Type.String()),
  acrValues: Type.Array(Type.String()),
  status: Type.String(),
  grantTypes: Type.Array(Type.String()),
  clientAuthMethods: Type.Array(Type.String()),
  esignetStatus: EsignetStatus,
  clientName: Type.String({ description: 'ours: the plain name, as an update takes it back' }),
  clientNameLangMap: Nullable(Type.Record(Type.String(), Type.String())),
  additionalConfig: Nullable(Open("eSignet's per-client settings")),
  encPublicKey: Nullable(Open('the userinfo encryption key (JWK)')),
});

const Summary = Type.Object({
  partnerId: Type.String(),
  orgName: NullableString(),
  policyGroupId: NullableString(),
  policyGroupName: NullableString(),
  policyGroupDescription: NullableString(),
  policyName: NullableString(),
  policyDescription: NullableString(),
  clientId: Type.String(),
  clientName: Type.String(),
  status: Type.String(),
  updatedDateTime: NullableString(),
  createdDateTime: NullableString(),
  esignetStatus: EsignetStatus,
  policyId: Type.String(),
  grantTypes: Type.Array(Type.String()),
  clientAuthMethods: Type.Array(Type.String()),
  redirectUris: Type.Array(Type.String()),
  additionalConfig: Nullable(Open("eSignet's per-client settings")),
});
export const ClientPage = PageV2(Summary);

export type ClientResponse = Static<typeof ClientAnswer>;
export type ClientDetail = Static<typeof ClientDetailAnswer>;
export type ClientSummary = Static<typeof Summary>;

export const CsvText = Type.String({ description: 'text/csv; the total is in x-total-count' });
