import { Type } from '../platform/vendor/typebox.js';
import { actorOf } from '../platform/audit.js';
import { POLICY_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1, v2 } from '../platform/http/envelope.js';
import { v1Responses, v2Responses, v2ResponsesWithV1Errors } from '../platform/http/response-schemas.js';
import {
  ActiveGroups,
  ActivePoliciesOfGroup,
  ConfigValue,
  FilterValuesAnswer,
  GroupDeactivated,
  GroupResponse,
  GroupSearchPage,
  GroupWithPolicies,
  PolicyCreateResponse,
  PolicyDeactivated,
  PolicyListPage,
  PolicySearchPage,
  PolicyView,
  StatusMessage,
} from './answers.js';
import { configValue } from './config-keys.js';
import {
  Envelope,
  GroupCreate,
  GroupFilterValues,
  GroupSearch,
  GroupUpdate,
  LegacyStatus,
  PolicyClone,
  PolicyCreate,
  PolicyFilterValues,
  PolicyListQuery,
  PolicySearch,
  PolicyUpdate,
} from './schemas.js';
import { V2Envelope } from '../platform/http/v2-request.js';
import { DEACTIVATE_GROUP_ID, DEACTIVATE_POLICY_ID, type PolicyService } from './service.js';

const P = `${POLICY_BASE}/policies`;
const Id = Type.String({ maxLength: 256 });
const groupTags = { tags: ['policy groups'] };
const policyTags = { tags: ['policies'] };
const GROUPS_API_ID = 'mosip.pms.policy.groups.get';
const POLICIES_API_ID = 'mosip.pms.policies.get';

/** The policy manager's routes: policy groups and policies; each calls the service only. */
export function policyRoutes(app: App, service: PolicyService): void {
  // ── Policy groups ──
  app.post(
    `${P}/group/new`,
    {
      config: { pms: { access: 'postpoliciesgroupnew' } },
      schema: { ...groupTags, body: Envelope(GroupCreate), response: v1Responses(GroupResponse) },
    },
    async (req) => v1(await service.createGroup(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/group/:policygroupId`,
    {
      config: { pms: { access: 'putpoliciesgrouppolicygroupid' } },
      schema: {
        ...groupTags,
        params: Type.Object({ policygroupId: Id }),
        body: Envelope(GroupUpdate),
        response: v1Responses(GroupResponse),
      },
    },
    async (req) => v1(await service.updateGroup(req.params.policygroupId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.patch(
    `${P}/group/:policyGroupId`,
    {
      config: { pms: { access: 'patchdeactivatepolicygroup', apiId: DEACTIVATE_GROUP_ID } },
      schema: { ...groupTags, params: Type.Object({ policyGroupId: Id }), body: V2Envelope, response: v2Responses(GroupDeactivated) },
    },
    async (req) => v2(await service.deactivateGroup(req.params.policyGroupId, req.body, actorOf(req)), DEACTIVATE_GROUP_ID),
  );

  app.get(
    `${P}/group/all`,
    { config: { pms: { access: 'getpoliciesgroupall' } }, schema: { ...groupTags, response: v1Responses(Type.Array(GroupWithPolicies)) } },
    async () => v1(await service.getAllGroups()),
  );

  app.get(
    `${P}/group/:policygroupId`,
    {
      config: { pms: { access: 'getpoliciesgrouppolicygroupid' } },
      schema: { ...groupTags, params: Type.Object({ policygroupId: Id }), response: v1Responses(GroupWithPolicies) },
    },
    async (req) => v1(await service.getGroup(req.params.policygroupId)),
  );

  app.get(
    `${P}/policy-groups`,
    { config: { pms: { access: 'getpolicygroups', apiId: GROUPS_API_ID } }, schema: { ...groupTags, response: v2Responses(ActiveGroups) } },
    async () => v2(await service.activeGroups(), GROUPS_API_ID),
  );

  app.get(
    `${P}/active/group/:groupName`,
    {
      config: { pms: { access: 'getactivegroupgroupname' } },
      schema: { ...groupTags, params: Type.Object({ groupName: Id }), response: v1Responses(ActivePoliciesOfGroup) },
    },
    async (req) => v1(await service.activePoliciesOfGroup(req.params.groupName)),
  );

  app.post(
    `${P}/group/search`,
    {
      config: { pms: { access: 'postpoliciesgroupsearch' } },
      schema: { ...groupTags, body: Envelope(GroupSearch), response: v1Responses(GroupSearchPage) },
    },
    async (req) => v1(await service.searchGroups(req.body.request), echoIds(req)),
  );

  app.post(
    `${P}/group/filtervalues`,
    {
      config: { pms: { access: 'postpoliciesgroupfiltervalues' } },
      schema: { ...groupTags, body: Envelope(GroupFilterValues), response: v1Responses(FilterValuesAnswer) },
    },
    async (req) => v1(await service.groupFilterValues(req.body.request), echoIds(req)),
  );

  // ── Policies ──
  app.post(
    P,
    {
      config: { pms: { access: 'postpolicies' } },
      schema: { ...policyTags, body: Envelope(PolicyCreate), response: v1Responses(PolicyCreateResponse) },
    },
    async (req) => v1(await service.createPolicy(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/:policyId`,
    {
      config: { pms: { access: 'putpoliciespolicyid' } },
      schema: {
        ...policyTags,
        params: Type.Object({ policyId: Id }),
        body: Envelope(PolicyUpdate),
        response: v1Responses(PolicyCreateResponse),
      },
    },
    async (req) => v1(await service.updatePolicy(req.params.policyId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/:policyId/group/:policygroupId/publish`,
    {
      config: { pms: { access: 'postpoliciespolicyidgrouppublish' } },
      schema: { ...policyTags, params: Type.Object({ policyId: Id, policygroupId: Id }), response: v1Responses(PolicyView) },
    },
    async (req) => v1(await service.publishPolicy(req.params.policyId, req.params.policygroupId, actorOf(req))),
  );

  app.patch(
    `${P}/:policyId`,
    {
      config: { pms: { access: 'patchdeactivatepolicy', apiId: DEACTIVATE_POLICY_ID } },
      schema: { ...policyTags, params: Type.Object({ policyId: Id }), body: V2Envelope, response: v2Responses(PolicyDeactivated) },
    },
    async (req) => v2(await service.deactivatePolicy(req.params.policyId, req.body, actorOf(req)), DEACTIVATE_POLICY_ID),
  );

  app.patch(
    `${P}/:policyId/group/:policygroupId`,
    {
      config: { pms: { access: 'patchpoliciespolicyidgrouppolicygroupid' } },
      schema: {
        ...policyTags,
        params: Type.Object({ policyId: Id, policygroupId: Id }),
        body: Envelope(LegacyStatus),
        response: v1Responses(StatusMessage),
      },
    },
    async (req) =>
      v1(await service.legacyStatus(req.params.policyId, req.params.policygroupId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/:policyId/clone`,
    {
      config: { pms: { access: 'postpolicies' } },
      schema: {
        ...policyTags,
        description: 'Not in MOSIP: copies a policy as a draft into another group (the portal offers it).',
        params: Type.Object({ policyId: Id }),
        body: Envelope(PolicyClone),
        response: v1Responses(PolicyCreateResponse),
      },
    },
    async (req) => v1(await service.clonePolicy(req.params.policyId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    P,
    { config: { pms: { access: 'getpolicies' } }, schema: { ...policyTags, response: v1Responses(Type.Array(PolicyView)) } },
    async () => v1(await service.getAllPolicies()),
  );

  // Query-parameter errors come back in the v1 envelope (MOSIP checks them in the controller), results in v2.
  app.get(
    `${P}/v2`,
    {
      config: { pms: { access: 'getallpolicies', apiId: POLICIES_API_ID, errorStyle: 'policy' } },
      schema: { ...policyTags, querystring: PolicyListQuery, response: v2ResponsesWithV1Errors(PolicyListPage) },
    },
    async (req) => v2(await service.listPolicies(req.query), POLICIES_API_ID),
  );

  app.get(
    `${P}/:policyId`,
    {
      config: { pms: { access: 'getpoliciespolicyid' } },
      schema: { ...policyTags, params: Type.Object({ policyId: Id }), response: v1Responses(PolicyView) },
    },
    async (req) => v1(await service.getPolicy(req.params.policyId)),
  );

  app.get(
    `${P}/:policyId/partner/:partnerId`,
    {
      config: { pms: { access: 'getpoliciespolicyid' } },
      schema: { ...policyTags, params: Type.Object({ policyId: Id, partnerId: Id }), response: v1Responses(PolicyView) },
    },
    async (req) => v1(await service.policyForPartner(req.params.policyId, req.params.partnerId)),
  );

  app.post(
    `${P}/search`,
    {
      config: { pms: { access: 'postpoliciessearch' } },
      schema: { ...policyTags, body: Envelope(PolicySearch), response: v1Responses(PolicySearchPage) },
    },
    async (req) => v1(await service.searchPolicies(req.body.request), echoIds(req)),
  );

  app.post(
    `${P}/filtervalues`,
    {
      config: { pms: { access: 'postpoliciesfiltervalues' } },
      schema: { ...policyTags, body: Envelope(PolicyFilterValues), response: v1Responses(FilterValuesAnswer) },
    },
    async (req) => v1(await service.policyFilterValues(req.body.request), echoIds(req)),
  );

  app.get(
    `${P}/config/:key`,
    {
      config: { pms: { access: 'getpoliciesconfigkey' } },
      schema: { ...policyTags, params: Type.Object({ key: Type.String({ maxLength: 256 }) }), response: v1Responses(ConfigValue) },
    },
    async (req) => v1(configValue(req.params.key)),
  );
}
