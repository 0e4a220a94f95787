import { type Actor } from '../platform/audit.js';
import { canRead, isAdmin } from '../platform/auth/access.js';
import type { Queryable } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { mosipNow } from '../platform/http/envelope.js';
import { findPartner, partnersOfUser, type PartnerRow } from '../partners/index.js';
import type { OriginalCertificates, PartnerCertificate, PartnerCertificateSummary } from './answers.js';
import { findPartnerCert, type PartnerCertRow } from './repository.js';
import type { TrustDeps } from './service.js';
import { certificateSummary, isDeactivated, originalAndResigned } from './views.js';

async function currentCert(store: Queryable, partner: PartnerRow): Promise<PartnerCertRow> {
  if (!partner.certificate_alias) throw PmsError.variant('certificateNotUploaded');
  const row = await findPartnerCert(store, partner.certificate_alias);
  if (!row) throw PmsError.variant('certificateNotUploaded');
  return row;
}

export function createPartnerCertReads({ store }: Pick<TrustDeps, 'store'>) {
  async function partnerCertificate(partnerId: string, actor: Actor): Promise<PartnerCertificate> {
    const partner = await findPartner(store, partnerId);
    if (!partner) throw PmsError.of('PMS_PRT_005');
    if (!canRead(actor, partner)) throw PmsError.of('PMS_PRT_055');
    const row = await currentCert(store, partner);
    return { certificateData: row.signed_cert_data, timestamp: mosipNow() };
  }

  async function originalCertificates(partnerId: string, actor: Actor): Promise<OriginalCertificates> {
    if (!isAdmin(actor)) {
      const mine = await partnersOfUser(store, actor.userId);
      if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
      if (!mine.some((p) => p.id === partnerId)) throw PmsError.of('PMS_CERTIFICATE_ERROR_007');
    }
    const partner = await findPartner(store, partnerId);
    if (!partner) throw PmsError.of('PMS_PRT_005');
    const row = await currentCert(store, partner);
    if (isDeactivated(partner)) throw PmsError.of('PMS_CERTIFICATE_ERROR_009');
    return originalAndResigned(row, Date.now());
  }

  async function certificatesOfCaller(actor: Actor): Promise<PartnerCertificateSummary[]> {
    const mine = await partnersOfUser(store, actor.userId);
    if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
    const out: PartnerCertificateSummary[] = [];
    for (const p of mine)
      out.push(certificateSummary(p, p.certificate_alias ? await findPartnerCert(store, p.certificate_alias) : undefined));
    return out;
  }

  /** The PKCS#7 chain `CA_CERTIFICATE_UPLOADED` points consumers to. */
  async function certificateChain(certificateId: string): Promise<string | undefined> {
    return (await findPartnerCert(store, certificateId))?.signed_chain;
  }

  return { partnerCertificate, originalCertificates, certificatesOfCaller, certificateChain };
}
