import { effectiveSettings, type AdditionalConfig } from '@pms/rules/oidc';
import { ClientAnswer, ClientDetailAnswer, ClientPage, CsvText } from './answers.js';
import { ErrorResponse, v1Responses, v2ResponsesWithV1Errors } from '../platform/http/response-schemas.js';
import { actorOf } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { mosipNow, v1, v2 } from '../platform/http/envelope.js';
import { planList } from '../platform/search/index.js';
import { MAX_PAGE_SIZE } from '../platform/search/legacy.js';
import { clientList } from './repository.js';
import { toCsv, type CsvColumn } from '../platform/http/csv.js';
import { ClientEnvelope, ClientIdParam, ClientListQuery, CreateV1, CreateV2, PatchV2, UpdateV1, UpdateV2 } from './schemas.js';
import type { ClientSummary, OidcClientService } from './service.js';

/** Rows an export holds at most (the first ones in the list's order); the header says if cut. */
export const EXPORT_MAX_ROWS = 10_000;

const on = (v: boolean) => (v ? 'yes' : 'no');
const effective = (r: ClientSummary) => effectiveSettings(r.additionalConfig as AdditionalConfig | null);

/** The export's columns: what the admin list shows, plus the settings its filters look at. */
const CSV_COLUMNS: CsvColumn<ClientSummary>[] = [
  { header: 'clientId', value: (r) => r.clientId },
  { header: 'clientName', value: (r) => r.clientName },
  { header: 'partnerId', value: (r) => r.partnerId },
  { header: 'orgName', value: (r) => r.orgName },
  { header: 'policyGroupName', value: (r) => r.policyGroupName },
  { header: 'policyName', value: (r) => r.policyName },
  { header: 'status', value: (r) => r.status },
  { header: 'esignetStatus', value: (r) => r.esignetStatus },
  { header: 'grantTypes', value: (r) => r.grantTypes.join(' ') },
  { header: 'clientAuthMethods', value: (r) => r.clientAuthMethods.join(' ') },
  { header: 'redirectUris', value: (r) => r.redirectUris.join(' ') },
  { header: 'par', value: (r) => on(effective(r).require_pushed_authorization_requests) },
  { header: 'dpop', value: (r) => on(effective(r).dpop_bound_access_tokens) },
  { header: 'pkce', value: (r) => on(effective(r).require_pkce) },
  { header: 'userinfoResponseType', value: (r) => effective(r).userinfo_response_type },
  { header: 'createdDateTime', value: (r) => r.createdDateTime },
  { header: 'updatedDateTime', value: (r) => r.updatedDateTime },
];

/** Newest first when the caller gives no sort (MOSIP: database order). */
const DEFAULT_ORDER = sql`c.cr_dtimes desc`;

/** The list's API id (`mosip.pms.api.id.oauth.partners.clients.get`). */
export const LIST_API_ID = 'mosip.pms.oauth.partners.clients.get';

/**
 * Spec/oidc-clients.md 2: E1–E6 are open to any authenticated caller (ownership is checked in
 * the service, as in MOSIP); the list needs `getoauthpartnersclients`. Success envelopes carry
 * `id`/`version` null (1.3); the list answers in the v2 envelope (1.4).
 */
export function oidcClientRoutes(app: App, service: OidcClientService): void {
  const tags = ['oidc clients'];
  const auth = { pms: { access: 'authenticated' } } as const;

  app.post(
    `${PARTNER_BASE}/oidc/client`,
    {
      config: auth,
      schema: {
        body: ClientEnvelope(CreateV1),
        tags,
        response: v1Responses(ClientAnswer),
        summary: 'Create an OIDC client in eSignet from an approved Auth policy (v1, deprecated)',
      },
    },
    async (req) => v1(await service.create('v1', req.body.request, actorOf(req))),
  );

  app.put(
    `${PARTNER_BASE}/oidc/client/:client_id`,
    {
      config: auth,
      schema: {
        params: ClientIdParam,
        body: ClientEnvelope(UpdateV1),
        tags,
        response: v1Responses(ClientAnswer),
        summary: 'Update or deactivate an OIDC client (v1, deprecated)',
      },
    },
    async (req) => v1(await service.update('v1', req.params.client_id, req.body.request, actorOf(req))),
  );

  app.get(
    `${PARTNER_BASE}/oidc/client/:client_id`,
    {
      config: auth,
      schema: { params: ClientIdParam, tags, response: v1Responses(ClientDetailAnswer), summary: 'One OIDC client (v1, deprecated)' },
    },
    async (req) => v1(await service.get(req.params.client_id, actorOf(req))),
  );

  app.post(
    `${PARTNER_BASE}/oauth/client`,
    {
      config: auth,
      schema: {
        body: ClientEnvelope(CreateV2),
        tags,
        response: v1Responses(ClientAnswer),
        summary: 'Create an OAuth client with names per language',
      },
    },
    async (req) => v1(await service.create('v2', req.body.request, actorOf(req))),
  );

  app.put(
    `${PARTNER_BASE}/oauth/client/:client_id`,
    {
      config: auth,
      schema: {
        params: ClientIdParam,
        body: ClientEnvelope(UpdateV2),
        tags,
        response: v1Responses(ClientAnswer),
        summary: 'Update an OAuth client, or deactivate it (status INACTIVE, final)',
      },
    },
    async (req) => v1(await service.update('v2', req.params.client_id, req.body.request, actorOf(req))),
  );

  app.patch(
    `${PARTNER_BASE}/oauth/client/:client_id`,
    {
      config: auth,
      schema: {
        params: ClientIdParam,
        body: ClientEnvelope(PatchV2),
        tags,
        response: v1Responses(ClientAnswer),
        summary: 'Change some fields of an OAuth client (ours): absent fields keep their values, names change per language',
      },
    },
    async (req) => v1(await service.patch(req.params.client_id, req.body.request, actorOf(req))),
  );

  // Before the `:client_id` route: a fixed segment wins in Fastify's router.
  app.get(
    `${PARTNER_BASE}/oauth/client/export`,
    {
      config: { pms: { access: 'getoauthpartnersclients', errorStyle: 'partner' } },
      schema: {
        querystring: ClientListQuery,
        tags,
        // The CSV, or a parameter error in the partner envelope (HTTP 200, as the list answers it).
        response: { 200: { content: { 'text/csv': { schema: CsvText }, 'application/json': { schema: ErrorResponse } } } },
        summary: 'The OIDC client list as CSV (ours): same filters and order, every page up to 10,000 rows',
      },
    },
    async (req, reply) => {
      service.requireFeature();
      const { pageNo: _p, pageSize: _s, ...rest } = req.query;
      // Page by page in the list's order (a page holds at most MAX_PAGE_SIZE rows).
      const rows: ClientSummary[] = [];
      let total = 0;
      for (let pageNo = 0; rows.length < EXPORT_MAX_ROWS; pageNo++) {
        const query = { ...rest, pageNo, pageSize: MAX_PAGE_SIZE };
        const page = await service.list(query, planList(clientList, query, { pairing: true, defaultOrder: DEFAULT_ORDER }), actorOf(req));
        total = page.totalResults;
        rows.push(...page.data);
        if (page.data.length < MAX_PAGE_SIZE) break;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="oidc-clients.csv"')
        .header('x-total-count', String(total))
        .send(toCsv(CSV_COLUMNS, rows.slice(0, EXPORT_MAX_ROWS)));
    },
  );

  app.get(
    `${PARTNER_BASE}/oauth/client/:client_id`,
    {
      config: auth,
      schema: { params: ClientIdParam, tags, response: v1Responses(ClientDetailAnswer), summary: 'One OAuth client' },
    },
    async (req) => v1(await service.get(req.params.client_id, actorOf(req))),
  );

  // Feature flag and parameter checks answer in the partner service's envelope; errors from the
  // service itself in the v2 envelope with the list's id (spec 1.5 shapes 1 and 4).
  app.get(
    `${PARTNER_BASE}/oauth/client`,
    {
      config: { pms: { access: 'getoauthpartnersclients', errorStyle: 'partner' } },
      schema: {
        querystring: ClientListQuery,
        tags,
        response: v2ResponsesWithV1Errors(ClientPage),
        summary: 'OIDC clients of the caller’s partners (all for admins), paged, sorted and filtered',
      },
    },
    async (req, reply) => {
      service.requireFeature();
      const plan = planList(clientList, req.query, { pairing: true, defaultOrder: DEFAULT_ORDER });
      try {
        return v2(await service.list(req.query, plan, actorOf(req)), LIST_API_ID);
      } catch (err) {
        if (!(err instanceof PmsError)) throw err;
        return reply.send({
          id: LIST_API_ID,
          version: '1.0',
          responseTime: mosipNow(),
          metadata: null,
          response: null,
          errors: [{ errorCode: err.code, message: err.message }],
        });
      }
    },
  );
}
