import {
  ApikeyRequestAnswer,
  ApikeyRequests,
  CredentialTypePolicy,
  ExtractorsAnswer,
  FilterValuesAnswer,
  RequestListPage,
  RequestSearchPage,
  RequestsOfPartner,
  Submitted,
} from './answers.js';
import { ConfirmationText, v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import { RequestEnvelope } from '../platform/http/request-envelope.js';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1, v2 } from '../platform/http/envelope.js';
import type { ExtractorService } from './extractors.js';
import {
  ApiKeyParam,
  CredentialPolicyParams,
  CredentialTypeParams,
  Decision,
  Extractors,
  MappingKeyParam,
  PartnerIdParam,
  PartnerPolicyParams,
  PolicyMap,
  RequestFilterValues,
  RequestListQuery,
  RequestSearch,
} from './schemas.js';
import type { PolicyRequestService } from './service.js';

/** MOSIP's fixed ids on these reads (spec 2.2). */
export const RETRIEVE = { id: 'mosip.partnermanagement.partners.retrieve', version: '1.0' };
const LIST_ID = 'mosip.pms.all.partner.policy.mapping.requests.get';

export function policyRequestRoutes(app: App, requests: PolicyRequestService, extractors: ExtractorService): void {
  const tags = ['policy requests'];
  const P = `${PARTNER_BASE}/partners`;

  app.post(
    `${P}/:partnerId/policy/map`,
    {
      config: { pms: { access: 'postpartnerspolicymap' } },
      schema: {
        params: PartnerIdParam,
        body: RequestEnvelope(PolicyMap),
        tags,
        response: v1Responses(Submitted),
        summary: 'Ask for a policy of the partner’s group',
      },
    },
    async (req) => v1(await requests.submit(req.params.partnerId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/policy/:mappingkey`,
    {
      config: { pms: { access: 'putpartnerspolicymapping' } },
      schema: {
        params: MappingKeyParam,
        body: RequestEnvelope(Decision),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Approve or reject a policy request, with an optional comment the partner can read',
      },
    },
    async (req) => v1(await requests.decide(req.params.mappingkey, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    `${P}/:partnerId/apikey/request`,
    {
      config: { pms: { access: 'getpartnersapikeyrequest' } },
      schema: {
        params: PartnerIdParam,
        tags,
        response: v1Responses(RequestsOfPartner),
        summary: 'A partner’s policy requests, with the state of the key of approved ones',
      },
    },
    async (req) => v1(await requests.requestsOfPartner(req.params.partnerId, actorOf(req)), RETRIEVE),
  );

  app.get(
    `${P}/apikey`,
    {
      config: { pms: { access: 'getpartnersapikey' } },
      schema: { tags, response: v1Responses(ApikeyRequests), summary: 'Every policy request (deprecated in MOSIP)' },
    },
    async () => v1(await requests.allApikeyRequests(), RETRIEVE),
  );

  app.get(
    `${P}/apikey/:apikey`,
    {
      config: { pms: { access: 'getpartnersapikey' } },
      schema: {
        params: ApiKeyParam,
        tags,
        response: v1Responses(ApikeyRequestAnswer),
        summary: 'One policy request by its id (MOSIP names the parameter apikey)',
      },
    },
    async (req) => v1(await requests.apikeyRequest(req.params.apikey), RETRIEVE),
  );

  app.get(
    `${PARTNER_BASE}/partner-policy-requests`,
    {
      config: { pms: { access: 'getallpartnerpolicymappingrequests', apiId: LIST_ID } },
      schema: {
        querystring: RequestListQuery,
        tags,
        response: v2Responses(RequestListPage),
        summary: 'Policy requests: partners see their own, admins all; paging, sorting and filters in the database',
      },
    },
    async (req) => v2(await requests.list(req.query, actorOf(req)), LIST_ID),
  );

  app.post(
    `${P}/apikey/request/search`,
    {
      config: { pms: { access: 'postpartnersapikeyrequestsearch' } },
      schema: {
        body: RequestEnvelope(RequestSearch),
        tags,
        response: v1Responses(RequestSearchPage),
        summary: 'Legacy policy request search',
      },
    },
    async (req) => v1(await requests.search(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/apikey/request/filtervalues`,
    {
      config: { pms: { access: 'postpartnersapikeyrequestfiltervalues' } },
      schema: {
        body: RequestEnvelope(RequestFilterValues),
        tags,
        response: v1Responses(FilterValuesAnswer),
        summary: 'Legacy policy request filter values',
      },
    },
    async (req) => v1(await requests.filterValues(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/:partnerId/bioextractors/:policyId`,
    {
      config: { pms: { access: 'postpartnersbioextractors' } },
      schema: {
        params: PartnerPolicyParams,
        body: RequestEnvelope(Extractors),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Add or replace biometric extractors before approval',
      },
    },
    async (req) =>
      v1(await extractors.addExtractors(req.params.partnerId, req.params.policyId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    `${P}/:partnerId/bioextractors/:policyId`,
    {
      config: { pms: { access: 'getpartnersbioextractors' } },
      schema: {
        params: PartnerPolicyParams,
        tags,
        response: v1Responses(ExtractorsAnswer),
        summary: 'Biometric extractors of a partner and policy',
      },
    },
    async (req) => v1(await extractors.getExtractors(req.params.partnerId, req.params.policyId, actorOf(req))),
  );

  app.post(
    `${P}/:partnerId/credentialtype/:credentialType/policies/:policyName`,
    {
      config: { pms: { access: 'postpartnerscredentialtypepolicies' } },
      schema: {
        params: CredentialPolicyParams,
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Map a credential type to a policy for a partner',
      },
    },
    async (req) =>
      v1(await extractors.mapCredentialType(req.params.partnerId, req.params.credentialType, req.params.policyName, actorOf(req))),
  );

  app.get(
    `${P}/:partnerId/credentialtype/:credentialType/policies`,
    {
      config: { pms: { access: 'getpartnerscredentialtypepolicies' } },
      schema: {
        params: CredentialTypeParams,
        tags,
        response: v1Responses(CredentialTypePolicy),
        summary: 'The policy mapped to a credential type for a partner',
      },
    },
    async (req) => v1(await extractors.credentialTypePolicy(req.params.partnerId, req.params.credentialType, actorOf(req))),
  );
}
