import { Type } from '../platform/vendor/typebox.js';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1, v2 } from '../platform/http/envelope.js';
import { RequestEnvelope } from '../platform/http/request-envelope.js';
import { V2Envelope } from '../platform/http/v2-request.js';
import { MAX_CERT_CHARS } from '../trust/index.js';
import { ConfirmationText, v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import {
  AdminChipPage,
  ChipCertUpload,
  ChipCertificate,
  ChipCertificateData,
  ChipCreate,
  ChipId,
  ChipIdParam,
  ChipListQuery,
  ChipSearchPage,
  ChipStatus,
  ChipUpdate,
  Deactivated,
  FtmIdParam,
  MyChips,
  Search,
  UploadAnswer,
} from './schemas.js';
import { FTM_API, type FtmService } from './service.js';

/** FTM chips (`/ftpchipdetail`, MOSIP's spelling): legacy CRUD, certificate upload, revamp views. */
export function ftmRoutes(app: App, ftm: FtmService): void {
  const tags = ['ftm chips'];
  const F = `${PARTNER_BASE}/ftpchipdetail`;

  app.post(
    F,
    {
      config: { pms: { access: 'postftpchipdetail' } },
      schema: {
        body: RequestEnvelope(ChipCreate),
        response: v1Responses(ChipId),
        tags,
        summary: 'Register an FTM chip make/model (pending certificate upload)',
      },
    },
    async (req) => v1(await ftm.create(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    F,
    {
      config: { pms: { access: 'putftpchipdetail' } },
      schema: { body: RequestEnvelope(ChipUpdate), response: v1Responses(ChipId), tags, summary: 'Update an FTM chip make/model' },
    },
    async (req) => v1(await ftm.update(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.patch(
    F,
    {
      config: { pms: { access: 'patchftpchipdetail' } },
      schema: {
        body: RequestEnvelope(ChipStatus),
        response: v1Responses(ConfirmationText),
        tags,
        summary: 'Approve (true) or reject (false) an FTM chip',
      },
    },
    async (req) => v1(await ftm.setStatus(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${F}/uploadcertificate`,
    {
      config: { pms: { access: 'postftpchipdetailuploadcertificate' } },
      bodyLimit: MAX_CERT_CHARS + 4096,
      schema: {
        body: RequestEnvelope(ChipCertUpload),
        response: v1Responses(UploadAnswer),
        tags,
        summary: "Upload a chip's CA-signed certificate (FTM domain); the chip goes to pending approval",
      },
    },
    async (req) => v1(await ftm.uploadCertificate(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.get(
    `${F}/getPartnerCertificate/:ftpChipDetailId`,
    {
      config: { pms: { access: 'getftpchipdetailgetpartnercertificate' } },
      schema: {
        params: ChipIdParam,
        response: v1Responses(ChipCertificate),
        tags,
        summary: "The chip's certificate as re-signed by this service",
      },
    },
    async (req) => v1(await ftm.certificate(req.params.ftpChipDetailId, actorOf(req))),
  );

  app.post(
    `${F}/search`,
    {
      config: { pms: { access: 'postftpchipdetailsearch' } },
      schema: { body: RequestEnvelope(Search), response: v1Responses(ChipSearchPage), tags, summary: 'Legacy FTM chip search' },
    },
    async (req) => v1(await ftm.search(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.patch(
    `${F}/:ftmId`,
    {
      config: { pms: { access: 'patchdeactivateftm', apiId: FTM_API.deactivate } },
      schema: {
        params: FtmIdParam,
        body: V2Envelope,
        response: v2Responses(Deactivated),
        tags,
        summary: 'Deactivate an approved FTM chip',
      },
    },
    async (req) => v2(await ftm.deactivate(req.params.ftmId, req.body, actorOf(req)), FTM_API.deactivate),
  );

  app.get(
    `${F}/:ftmId/certificate-data`,
    {
      config: { pms: { access: 'getoriginalftmcertificate', apiId: FTM_API.certificateData } },
      schema: {
        params: FtmIdParam,
        response: v2Responses(ChipCertificateData),
        tags,
        summary: 'CA-signed and re-signed chip certificates with their dates, blanked when expired',
      },
    },
    async (req) => v2(await ftm.certificateData(req.params.ftmId, actorOf(req)), FTM_API.certificateData),
  );

  app.get(
    F,
    {
      config: { pms: { access: 'getftmchipdetails', apiId: FTM_API.mine } },
      schema: { response: v2Responses(MyChips), tags, summary: "The caller's FTM chips" },
    },
    async (req) => v2(await ftm.mine(actorOf(req)), FTM_API.mine),
  );

  app.get(
    `${F}/v2`,
    {
      config: { pms: { access: 'getpartnersftmchipdetails', apiId: FTM_API.adminList } },
      schema: {
        querystring: ChipListQuery,
        response: v2Responses(AdminChipPage),
        tags,
        summary: 'All FTM chips (admin), paged, sorted and filtered',
      },
    },
    async (req) => v2(await ftm.adminList(req.query), FTM_API.adminList),
  );

  // Where CA_CERTIFICATE_UPLOADED points consumers (MOSIP: a datashare URL): public like a
  // datashare link; the id is a random UUID.
  app.get(
    `${F}/certificate-chains/:certificateId`,
    {
      config: { pms: { access: 'public' } },
      schema: {
        params: Type.Object({ certificateId: Type.String({ maxLength: 64 }) }),
        tags,
        response: { 200: Type.String({ description: 'PKCS#7 chain, base64url (text/plain)' }), 404: Type.String() },
        summary: 'PKCS#7 chain of an uploaded chip certificate (base64url)',
      },
    },
    async (req, reply) => {
      const chain = await ftm.chainOf(req.params.certificateId);
      if (chain === undefined) return reply.status(404).type('text/plain').send('not found');
      return reply.type('text/plain').send(chain);
    },
  );
}
