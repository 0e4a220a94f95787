import { Type } from '../platform/vendor/typebox.js';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { v1, v2 } from '../platform/http/envelope.js';
import { v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import { ListQueryProps } from '../platform/search/index.js';
import { RequestEnvelope } from '../platform/http/request-envelope.js';
import {
  CaUploadAnswer,
  ChainText,
  OriginalCertificatesAnswer,
  PartnerCertificateAnswer,
  PartnerCertificateSummaries,
  PartnerCertUploadAnswer,
  TrustCertificatePage,
  TrustDownloadAnswer,
} from './answers.js';
import type { TrustService } from './service.js';

/**
 * Upload limits. A certificate is a few KiB; a CA bundle of a dozen certificates stays well
 * under 256 KiB. Longer input is refused by validation before any parsing.
 */
export const MAX_CERT_CHARS = 64 * 1024;
export const MAX_CA_BUNDLE_CHARS = 256 * 1024;

const NotBlank = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

const CaUpload = Type.Object({
  certificateData: NotBlank(MAX_CA_BUNDLE_CHARS),
  partnerDomain: NotBlank(36),
});

const PartnerCertUpload = Type.Object({
  partnerId: NotBlank(36),
  certificateData: NotBlank(MAX_CERT_CHARS),
  partnerDomain: NotBlank(36),
});

const PartnerIdParam = Type.Object({ partnerId: Type.String({ maxLength: 256 }) });

const TrustListQuery = Type.Object({
  ...ListQueryProps,
  caCertificateType: Type.Optional(Type.String({ maxLength: 16 })),
  certificateId: Type.Optional(Type.String({ maxLength: 64 })),
  partnerDomain: Type.Optional(Type.String({ maxLength: 36 })),
  issuedTo: Type.Optional(Type.String({ maxLength: 256 })),
  issuedBy: Type.Optional(Type.String({ maxLength: 256 })),
});

export function trustRoutes(app: App, service: TrustService): void {
  const tags = ['certificates'];

  app.post(
    `${PARTNER_BASE}/partners/certificate/ca/upload`,
    {
      config: { pms: { access: 'postpartnerscacertificateupload' } },
      bodyLimit: MAX_CA_BUNDLE_CHARS + 4096,
      schema: {
        body: RequestEnvelope(CaUpload),
        tags,
        response: v1Responses(CaUploadAnswer),
        summary: 'Upload a CA root or intermediate certificate (PEM) or a PKCS#7 bundle to a domain trust store',
      },
    },
    async (req) => v1(await service.uploadCa(req.body.request, actorOf(req))),
  );

  app.post(
    `${PARTNER_BASE}/partners/certificate/upload`,
    {
      config: { pms: { access: 'postpartnerscertificateupload' } },
      bodyLimit: MAX_CERT_CHARS + 4096,
      schema: {
        body: RequestEnvelope(PartnerCertUpload),
        tags,
        response: v1Responses(PartnerCertUploadAnswer),
        summary: "Upload a partner's CA-signed certificate; approves and activates the partner",
      },
    },
    async (req) => v1(await service.uploadPartnerCert(req.body.request, actorOf(req))),
  );

  app.get(
    `${PARTNER_BASE}/partners/partner-certificates-details`,
    {
      config: { pms: { access: 'getpartnercertificates', apiId: 'mosip.pms.partner.certificates.get' } },
      schema: { tags, response: v2Responses(PartnerCertificateSummaries), summary: "Certificate status of each of the caller's partners" },
    },
    async (req) => v2(await service.certificatesOfCaller(actorOf(req)), 'mosip.pms.partner.certificates.get'),
  );

  app.get(
    `${PARTNER_BASE}/partners/:partnerId/certificate`,
    {
      config: { pms: { access: 'getpartnerscertificate' } },
      schema: {
        params: PartnerIdParam,
        tags,
        response: v1Responses(PartnerCertificateAnswer),
        summary: "The partner's certificate as re-signed by this service",
      },
    },
    async (req) => v1(await service.partnerCertificate(req.params.partnerId, actorOf(req))),
  );

  app.get(
    `${PARTNER_BASE}/partners/:partnerId/certificate-data`,
    {
      config: { pms: { access: 'getpartnerscertificate', apiId: 'mosip.pms.original.partner.certificate.get' } },
      schema: {
        params: PartnerIdParam,
        tags,
        response: v2Responses(OriginalCertificatesAnswer),
        summary: 'The CA-signed and the re-signed certificate, blanked when expired',
      },
    },
    async (req) => v2(await service.originalCertificates(req.params.partnerId, actorOf(req)), 'mosip.pms.original.partner.certificate.get'),
  );

  app.get(
    `${PARTNER_BASE}/trust-chain-certificates`,
    {
      config: { pms: { access: 'gettrustcertificates', apiId: 'mosip.pms.trust.certificates.get' } },
      schema: {
        querystring: TrustListQuery,
        tags,
        response: v2Responses(TrustCertificatePage),
        summary: 'Trust store: CA roots and intermediates, paged, sorted and filtered',
      },
    },
    async (req) => v2(await service.listTrustCertificates(req.query), 'mosip.pms.trust.certificates.get'),
  );

  app.get(
    `${PARTNER_BASE}/trust-chain-certificates/:certificateId/certificateFile`,
    {
      config: { pms: { access: 'getdownloadtrustcertificates', apiId: 'mosip.pms.download.trust.certificates.get' } },
      schema: {
        params: Type.Object({ certificateId: Type.String({ maxLength: 64 }) }),
        tags,
        response: v2Responses(TrustDownloadAnswer),
        summary: 'A trust certificate with its path to the root, as PKCS#7',
      },
    },
    async (req) => v2(await service.downloadTrustCertificate(req.params.certificateId), 'mosip.pms.download.trust.certificates.get'),
  );

  // Where CA_CERTIFICATE_UPLOADED points consumers (MOSIP: a datashare URL). Certificates are
  // public, and the id is a random UUID, so no token is needed — as with a datashare link.
  app.get(
    `${PARTNER_BASE}/partners/certificate-chains/:certificateId`,
    {
      config: { pms: { access: 'public' } },
      schema: {
        params: Type.Object({ certificateId: Type.String({ maxLength: 64 }) }),
        tags,
        response: { 200: ChainText, 404: Type.String() },
        summary: 'PKCS#7 chain of an uploaded partner certificate (base64url)',
      },
    },
    async (req, reply) => {
      const chain = await service.certificateChain(req.params.certificateId);
      if (chain === undefined) return reply.status(404).type('text/plain').send('not found');
      return reply.type('text/plain').send(chain);
    },
  );
}
