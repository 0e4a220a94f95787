import {
  AdminPartnerDetails,
  AdminPartnerPage,
  EmailCheck,
  FilterValuesAnswer,
  LegacyPartners,
  MyPartners,
  PartnerDetails,
  PartnerSearchPage,
  PartnerTypeSearchPage,
  Registered,
  StatusMessage,
} from './answers.js';
import { ConfirmationText, v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import { Type } from '../platform/vendor/typebox.js';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1, v2 } from '../platform/http/envelope.js';
import type { AdminService } from './admin.js';
import { RequestEnvelope } from '../platform/http/request-envelope.js';
import {
  AdminListQuery,
  ContactAdd,
  EmailVerify,
  PartnerFilterValues,
  PartnerIdParam,
  PartnerSearch,
  PartnerTypeQuery,
  PartnerTypeSearch,
  RegisterV1,
  RegisterV2,
  StatusUpdate,
  UpdateV1,
  UpdateV2,
  V3Query,
} from './schemas.js';
import type { PartnerService } from './service.js';

/** MOSIP's fixed ids on partner reads (spec 2.2). */
const RETRIEVE = { id: 'mosip.partnermanagement.partners.retrieve', version: '1.0' };

const callerOf = (req: FastifyRequest) => ({ ...actorOf(req), email: req.principal?.email });

export function partnerRoutes(app: App, partners: PartnerService, admin: AdminService): void {
  const tags = ['partners'];
  const P = `${PARTNER_BASE}/partners`;

  app.post(
    P,
    {
      config: { pms: { access: 'authenticated' } },
      schema: { body: RequestEnvelope(RegisterV1), tags, response: v1Responses(Registered), summary: 'Register a partner (v1)' },
    },
    async (req) => v1(await partners.register(req.body.request, callerOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/v2`,
    {
      config: { pms: { access: 'authenticated' } },
      schema: {
        body: RequestEnvelope(RegisterV2),
        tags,
        response: v1Responses(Registered),
        summary: 'Register a partner (v2: logo and additional info)',
      },
    },
    async (req) => v1(await partners.register(req.body.request, callerOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/email/verify`,
    {
      config: { pms: { access: 'authenticated' } },
      schema: {
        body: RequestEnvelope(EmailVerify),
        tags,
        response: v1Responses(EmailCheck),
        summary: 'Is this e-mail registered; which partner types need a policy group',
      },
    },
    async (req) => v1(await partners.verifyEmail(req.body.request.emailId), echoIds(req)),
  );

  app.get(
    `${P}/v3`,
    {
      config: { pms: { access: 'getpartnersv3', apiId: 'mosip.pms.partners.v3.get' } },
      schema: {
        querystring: V3Query,
        tags,
        response: v2Responses(MyPartners),
        summary: "The caller's partners by status, type and policy group",
      },
    },
    async (req) => v2(await partners.partnersV3(req.query, actorOf(req)), 'mosip.pms.partners.v3.get'),
  );

  app.get(
    P,
    {
      config: { pms: { access: 'getpartners' } },
      schema: {
        querystring: PartnerTypeQuery,
        tags,
        response: v1Responses(LegacyPartners),
        summary: 'All partners, or those of one type (deprecated in MOSIP)',
      },
    },
    async (req) => v1(await admin.legacyList(req.query.partnerType, false), RETRIEVE),
  );

  app.get(
    `${P}/v2`,
    {
      config: { pms: { access: 'getpartnersnew' } },
      schema: {
        querystring: PartnerTypeQuery,
        tags,
        response: v1Responses(LegacyPartners),
        summary: 'All partners with logo and additional info (deprecated in MOSIP)',
      },
    },
    async (req) => v1(await admin.legacyList(req.query.partnerType, true), RETRIEVE),
  );

  app.get(
    `${P}/:partnerId`,
    {
      config: { pms: { access: 'getpartnerspartnerid' } },
      schema: { params: PartnerIdParam, tags, response: v1Responses(PartnerDetails), summary: 'One partner' },
    },
    async (req) => v1(await partners.getPartner(req.params.partnerId, actorOf(req)), RETRIEVE),
  );

  app.put(
    `${P}/:partnerId`,
    {
      config: { pms: { access: 'putpartners' } },
      schema: {
        params: PartnerIdParam,
        body: RequestEnvelope(UpdateV1),
        tags,
        response: v1Responses(Registered),
        summary: 'Update address and contact number',
      },
    },
    async (req) => v1(await partners.update(req.params.partnerId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/v2/:partnerId`,
    {
      config: { pms: { access: 'putpartnersnew' } },
      schema: {
        params: PartnerIdParam,
        body: RequestEnvelope(UpdateV2),
        tags,
        response: v1Responses(Registered),
        summary: 'Update profile; fields not sent keep their value',
      },
    },
    async (req) => v1(await partners.update(req.params.partnerId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/:partnerId/contact/add`,
    {
      config: { pms: { access: 'postpartnerscontactadd' } },
      schema: {
        params: PartnerIdParam,
        body: RequestEnvelope(ContactAdd),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Add or update a contact',
      },
    },
    async (req) => v1(await partners.addContact(req.params.partnerId, req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${P}/:partnerId/policygroup/:policygroupName`,
    {
      config: { pms: { access: 'putpartnerspolicygroup' } },
      schema: {
        params: Type.Object({ partnerId: Type.String({ maxLength: 256 }), policygroupName: Type.String({ maxLength: 128 }) }),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Assign a policy group (before approval)',
      },
    },
    async (req) => v1(await partners.assignPolicyGroup(req.params.partnerId, req.params.policygroupName, actorOf(req))),
  );

  app.patch(
    `${P}/:partnerId`,
    {
      config: { pms: { access: 'patchpartners' } },
      schema: {
        params: PartnerIdParam,
        body: RequestEnvelope(StatusUpdate),
        tags,
        response: v1Responses(StatusMessage),
        summary: 'Activate or deactivate a partner (deactivation is final)',
      },
    },
    async (req) => v1(await admin.changeStatus(req.params.partnerId, req.body.request.status, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/search`,
    {
      config: { pms: { access: 'postpartnerssearch' } },
      schema: { body: RequestEnvelope(PartnerSearch), tags, response: v1Responses(PartnerSearchPage), summary: 'Legacy partner search' },
    },
    async (req) => v1(await admin.search(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${P}/partnertype/search`,
    {
      config: { pms: { access: 'postpartnerspartnertypesearch' } },
      schema: {
        body: RequestEnvelope(PartnerTypeSearch),
        tags,
        response: v1Responses(PartnerTypeSearchPage),
        summary: 'Legacy partner type search',
      },
    },
    async (req) => v1(await admin.typeSearch(req.body.request), echoIds(req)),
  );

  app.post(
    `${P}/filtervalues`,
    {
      config: { pms: { access: 'postpartnersfiltervalues' } },
      schema: {
        body: RequestEnvelope(PartnerFilterValues),
        tags,
        response: v1Responses(FilterValuesAnswer),
        summary: 'Legacy partner filter values',
      },
    },
    async (req) => v1(await admin.filterValues(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    `${PARTNER_BASE}/admin-partners`,
    {
      config: { pms: { access: 'getadminpartners', apiId: 'mosip.pms.admin.partners.get' } },
      schema: {
        querystring: AdminListQuery,
        tags,
        response: v2Responses(AdminPartnerPage),
        summary: 'Admin partner list: server-side paging, sorting and filters',
      },
    },
    async (req) => v2(await admin.adminList(req.query), 'mosip.pms.admin.partners.get'),
  );

  app.get(
    `${PARTNER_BASE}/admin-partners/:partnerId`,
    {
      config: { pms: { access: 'getpartnerdetails', apiId: 'mosip.pms.partner.details.get' } },
      schema: {
        params: PartnerIdParam,
        tags,
        response: v2Responses(AdminPartnerDetails),
        summary: 'Admin partner details with certificate dates',
      },
    },
    async (req) => v2(await admin.adminDetails(req.params.partnerId, actorOf(req)), 'mosip.pms.partner.details.get'),
  );
}
