import { RequestEnvelope } from '../platform/http/request-envelope.js';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1, v2 } from '../platform/http/envelope.js';
import { RETRIEVE } from '../policy-requests/index.js';
import { v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import {
  GenerateKey,
  GeneratedKey,
  KeyListPage,
  KeyListQuery,
  KeyPolicy,
  KeySearch,
  KeySearchPage,
  KeyStatus,
  PartnerIdParam,
  PartnerKeyParams,
  PartnerPolicyParams,
  StatusMessage,
  SwapAnswer,
  SwapPolicy,
} from './schemas.js';
import type { ApiKeyService } from './service.js';

const LIST_ID = 'mosip.pms.all.api.key.requests.get';

export function apiKeyRoutes(app: App, keys: ApiKeyService): void {
  const tags = ['api keys'];
  const P = `${PARTNER_BASE}/partners`;

  app.patch(
    `${P}/:partnerId/generate/apikey`,
    {
      config: { pms: { access: 'patchpartnersgenerateapikey' } },
      schema: {
        params: PartnerIdParam,
        body: RequestEnvelope(GenerateKey),
        response: v1Responses(GeneratedKey),
        tags,
        summary: 'Generate an API key for an approved policy; the key is shown only in this answer',
      },
    },
    async (req) => v1(await keys.generate(req.params.partnerId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.patch(
    `${P}/:partnerId/policy/:policyId/apiKey/status`,
    {
      config: { pms: { access: 'patchpartnerspolicyapikeystatus' } },
      schema: {
        params: PartnerPolicyParams,
        body: RequestEnvelope(KeyStatus),
        response: v1Responses(StatusMessage),
        tags,
        summary: 'Activate or deactivate a key (owner or admin)',
      },
    },
    async (req) => v1(await keys.changeStatus(req.params.partnerId, req.params.policyId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/:partnerId/apikey/:apikey/policies`,
    {
      config: { pms: { access: 'putpartnersapikeypolicies' } },
      schema: {
        params: PartnerKeyParams,
        body: RequestEnvelope(SwapPolicy),
        response: v1Responses(SwapAnswer),
        tags,
        summary: 'Move a key to another policy of the partner’s group',
      },
    },
    async (req) => v1(await keys.swapPolicy(req.params.partnerId, req.params.apikey, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    `${P}/:partnerId/apikey/:apikey`,
    {
      config: { pms: { access: 'getpartnersapikey' } },
      schema: { params: PartnerKeyParams, response: v1Responses(KeyPolicy), tags, summary: 'The policy a key grants' },
    },
    async (req) => v1(await keys.keyPolicy(req.params.partnerId, req.params.apikey), RETRIEVE),
  );

  app.get(
    `${PARTNER_BASE}/partner-api-keys`,
    {
      config: { pms: { access: 'getpartnersapikeyrequests', apiId: LIST_ID } },
      schema: {
        querystring: KeyListQuery,
        response: v2Responses(KeyListPage),
        tags,
        summary: 'Auth partners’ API keys (never the key values): paging, sorting and filters in the database',
      },
    },
    async (req) => v2(await keys.list(req.query, actorOf(req)), LIST_ID),
  );

  app.post(
    `${P}/apikey/search`,
    {
      config: { pms: { access: 'postpartnersapikeysearch' } },
      schema: {
        body: RequestEnvelope(KeySearch),
        response: v1Responses(KeySearchPage),
        tags,
        summary: 'Legacy API key search (no key values)',
      },
    },
    async (req) => v1(await keys.search(req.body.request, actorOf(req)), echoIds(req)),
  );
}
