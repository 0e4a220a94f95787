import { splitStoredName } from '@pms/rules/oidc';
import type { Actor } from '../platform/audit.js';
import { isAdmin } from '../platform/auth/access.js';
import { sql, type Sql } from '../platform/db/sql.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { containsFilter, exactFilter, runList, toIso, type ListPlan, type PageResponseV2 } from '../platform/search/index.js';
import type { ClientDetail, ClientSummary } from './answers.js';
import { parseStoredKey } from './client-settings.js';
import { clientList, clientListSelect, findClientDetail, partnersOwnedBy, type ClientListRow } from './repository.js';
import { CLIENT_ID } from './request-checks.js';
import type { ClientListQueryT } from './schemas.js';
import type { ServiceDeps } from './service.js';

/** The host of a URI: after "scheme://" and any user part, up to the first / ? # or :port (IPv6 in brackets). */
const REDIRECT_HOST = String.raw`^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)`;

/** An effective boolean setting: an absent key is false, as eSignet reads it. */
function settingFilter(key: string, value: 'true' | 'false' | undefined): Sql | undefined {
  if (value === undefined) return undefined;
  const effective = sql`coalesce((c.additional_config ->> ${key}::text)::boolean, false)`;
  return value === 'true' ? effective : sql`not ${effective}`;
}

/** The list's filters: MOSIP's (contains, status) and ours for finding misconfigured clients. */
function listFilters(query: ClientListQueryT): (Sql | undefined)[] {
  const host = query.redirectHost?.trim().toLowerCase();
  return [
    containsFilter(sql`c.rp_id`, query.partnerId),
    containsFilter(sql`p.name`, query.orgName),
    containsFilter(sql`g.name`, query.policyGroupName),
    containsFilter(sql`ap.name`, query.policyName),
    containsFilter(sql`c.name`, query.clientName),
    exactFilter(sql`c.status`, query.status),
    exactFilter(sql`c.policy_id`, query.policyId),
    query.authMethod ? sql`${query.authMethod}::text = any(c.auth_methods)` : undefined,
    query.grantType ? sql`${query.grantType}::text = any(c.grant_types)` : undefined,
    // The host of each redirect URI: after "scheme://", up to the first / ? # or :port.
    host
      ? sql`exists (select 1 from unnest(c.redirect_uris) u where lower(substring(u from ${REDIRECT_HOST}::text)) = ${host}::text)`
      : undefined,
    settingFilter('require_pushed_authorization_requests', query.par),
    settingFilter('dpop_bound_access_tokens', query.dpop),
    settingFilter('require_pkce', query.pkce),
    query.userinfoResponseType
      ? sql`coalesce(c.additional_config ->> 'userinfo_response_type', 'JWS') = ${query.userinfoResponseType}::text`
      : undefined,
    query.createdFrom ? sql`c.cr_dtimes >= ${query.createdFrom}::timestamptz` : undefined,
    query.createdTo ? sql`c.cr_dtimes < ${query.createdTo}::timestamptz` : undefined,
  ];
}

function summaryOf(r: ClientListRow): ClientSummary {
  return {
    partnerId: r.rp_id,
    orgName: r.org_name,
    policyGroupId: r.group_id,
    policyGroupName: r.group_name,
    policyGroupDescription: r.group_descr,
    policyName: r.policy_name,
    policyDescription: r.policy_descr,
    clientId: r.id,
    clientName: r.name,
    status: r.status,
    updatedDateTime: toIso(r.upd_dtimes),
    createdDateTime: toIso(r.cr_dtimes),
    esignetStatus: r.esignet_status,
    policyId: r.policy_id,
    grantTypes: r.grant_types,
    clientAuthMethods: r.auth_methods,
    redirectUris: r.redirect_uris,
    additionalConfig: r.additional_config,
  };
}

/** One client by id, and the list (MOSIP's search over clients with ours filters). */
export function createClientReads(deps: Pick<ServiceDeps, 'store'>, requireFeature: () => void) {
  const { store } = deps;

  async function get(clientId: string, actor: Actor): Promise<ClientDetail> {
    requireFeature();
    // The client, its policy's name and the caller's partners in one round trip.
    const c = CLIENT_ID.test(clientId) ? await findClientDetail(store, clientId, isAdmin(actor) ? undefined : actor.userId) : undefined;
    if (!c) throw PmsError.of('PMS_ESI_004');
    if (!isAdmin(actor)) {
      if (c.owned.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
      if (!c.owned.includes(c.rp_id)) throw PmsError.of('PMS_POLICY_ERROR_011');
    }
    const stored = splitStoredName(c.name);
    return {
      id: c.id,
      name: c.name,
      policyId: c.policy_id,
      policyName: c.policy_name ?? '',
      relyingPartyId: c.rp_id,
      logoUri: c.logo_uri,
      redirectUris: c.redirect_uris,
      publicKey: c.public_key,
      claims: c.claims,
      acrValues: c.acr_values,
      status: c.status,
      grantTypes: c.grant_types,
      clientAuthMethods: c.auth_methods,
      esignetStatus: c.esignet_status,
      clientName: stored.name,
      clientNameLangMap: stored.langMap ?? null,
      additionalConfig: c.additional_config,
      encPublicKey: parseStoredKey(c.enc_public_key),
    };
  }

  /** Non-admins see their partners' clients; each of their partners must have a named group (MOSIP's list checks). */
  async function partnerScope(actor: Actor): Promise<string[] | undefined> {
    if (isAdmin(actor)) return undefined;
    const mine = await partnersOwnedBy(store, actor.userId);
    if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
    for (const p of mine) {
      if (!p.id) throw PmsError.of('PMS_CERTIFICATE_ERROR_003');
      if (!p.policy_group_id) throw PmsError.of('PMS_POLICY_ERROR_005');
      if (!p.group_name) throw PmsError.of('PMS_POLICY_ERROR_001');
    }
    return mine.map((p) => p.id);
  }

  async function list(query: ClientListQueryT, plan: ListPlan, actor: Actor): Promise<PageResponseV2<ClientSummary>> {
    const scope = await partnerScope(actor);
    try {
      return await runList<ClientListRow, ClientSummary>(store, clientList, plan, {
        select: clientListSelect,
        where: [scope ? sql`c.rp_id = any(${scope}::text[])` : undefined, ...listFilters(query)],
        map: summaryOf,
      });
    } catch (err) {
      if (err instanceof PmsError) throw err;
      throw PmsError.of('PMS_POLICY_ERROR_006');
    }
  }

  return { get, list };
}
