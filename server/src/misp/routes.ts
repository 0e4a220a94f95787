import { RequestEnvelope } from '../platform/http/request-envelope.js';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1 } from '../platform/http/envelope.js';
import { FilterValuesAnswer, v1Responses } from '../platform/http/response-schemas.js';
import {
  LicenseAnswer,
  LicenseCreate,
  LicenseFilterValues,
  LicenseList,
  LicensePage,
  LicenseSearch,
  LicenseUpdate,
  MispIdParam,
} from './schemas.js';
import type { MispService } from './service.js';

export function mispRoutes(app: App, misps: MispService): void {
  const tags = ['misp licenses'];
  const M = `${PARTNER_BASE}/misps`;

  app.post(
    M,
    {
      config: { pms: { access: 'postmisplicense' } },
      schema: {
        body: RequestEnvelope(LicenseCreate),
        response: v1Responses(LicenseAnswer),
        tags,
        summary: 'Generate a MISP’s license key (shown in this answer)',
      },
    },
    async (req) => v1(await misps.generate(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    M,
    {
      config: { pms: { access: 'putmisplicense' } },
      schema: {
        body: RequestEnvelope(LicenseUpdate),
        response: v1Responses(LicenseAnswer),
        tags,
        summary: 'Activate or deactivate a license',
      },
    },
    async (req) => v1(await misps.update(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    M,
    {
      config: { pms: { access: 'getmisplicense' } },
      schema: { response: v1Responses(LicenseList), tags, summary: 'Licenses: admins all, a MISP its own (keys masked)' },
    },
    async (req) => v1(await misps.list(actorOf(req))),
  );

  app.get(
    `${M}/:mispId/licenseKey`,
    {
      config: { pms: { access: 'getmisplicensekey' } },
      schema: {
        params: MispIdParam,
        response: v1Responses(LicenseAnswer),
        tags,
        summary: 'The valid license of a MISP, or a new key in its place',
      },
    },
    async (req) => v1(await misps.getOrRegenerate(req.params.mispId, actorOf(req))),
  );

  app.post(
    `${M}/search`,
    {
      config: { pms: { access: 'postmispsearch' } },
      schema: { body: RequestEnvelope(LicenseSearch), response: v1Responses(LicensePage), tags, summary: 'Legacy license search' },
    },
    async (req) => v1(await misps.search(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${M}/filtervalues`,
    {
      config: { pms: { access: 'postmispfiltervalues' } },
      schema: {
        body: RequestEnvelope(LicenseFilterValues),
        response: v1Responses(FilterValuesAnswer),
        tags,
        summary: 'Legacy license filter values',
      },
    },
    async (req) => v1(await misps.filterValues(req.body.request, actorOf(req)), echoIds(req)),
  );
}
