import { PmsError } from '../platform/errors/pms-error.js';
import { mosipNow } from '../platform/http/envelope.js';
import { type PageResponseV2 } from '../platform/search/index.js';
import type { TrustCertificateItem, TrustDownload } from './answers.js';
import { findCaCert, trustCertificatePage, type TrustListQuery } from './repository.js';
import type { TrustDeps } from './service.js';
import { trustCertificateItem } from './views.js';
import { p7bOf, readOneCertificate, type Cert } from './x509.js';

export function createTrustStoreReads({ store }: Pick<TrustDeps, 'store'>) {
  async function listTrustCertificates(query: TrustListQuery): Promise<PageResponseV2<TrustCertificateItem>> {
    const now = Date.now();
    return trustCertificatePage(store, query, (r) => trustCertificateItem(r, now));
  }

  async function downloadTrustCertificate(certificateId: string): Promise<TrustDownload> {
    if (certificateId.trim() === '') throw PmsError.of('PMS_CERTIFICATE_ERROR_012');
    const chain: Cert[] = [];
    let row = await findCaCert(store, certificateId.trim());
    if (!row) throw PmsError.of('KER-PMS-019');
    // The certificate and its issuers up to the root, as stored (bounded like the path check).
    for (let depth = 0; row && depth < 8; depth++) {
      chain.push(readOneCertificate(row.cert_data));
      row = row.issuer_id ? await findCaCert(store, row.issuer_id) : undefined;
    }
    return { p7bFile: p7bOf(chain), timestamp: mosipNow() };
  }

  return { listTrustCertificates, downloadTrustCertificate };
}
