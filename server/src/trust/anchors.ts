import type { Queryable } from '../platform/db/store.js';
import { caCertsOfDomain } from './repository.js';
import { readOneCertificate, type Cert } from './x509.js';

/** A CA of the trust store with its parsed certificate: what trust paths are built from. */
export interface Anchor {
  certId: string;
  cert: Cert;
}

export async function anchorsOfDomain(q: Queryable, domain: string): Promise<Anchor[]> {
  const rows = await caCertsOfDomain(q, domain);
  return rows.map((row) => ({ certId: row.cert_id, cert: readOneCertificate(row.cert_data) }));
}
