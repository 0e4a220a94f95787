import type { Actor } from '../platform/audit.js';
import type { Store } from '../platform/db/store.js';
import type { PageResponseV2 } from '../platform/search/index.js';
import type {
  CaUploadResult,
  OriginalCertificates,
  PartnerCertificate,
  PartnerCertificateSummary,
  PartnerCertUploadResult,
  TrustCertificateItem,
  TrustDownload,
} from './answers.js';
import { createCaUpload, type CaUploadInput } from './ca-upload.js';
import { createCertification, type CertifiedKey, type CertifyInput } from './certification.js';
import { createPartnerCertReads } from './partner-cert-reads.js';
import { createPartnerCertUpload, type PartnerCertUploadInput } from './partner-cert-upload.js';
import type { TrustListQuery } from './repository.js';
import type { TrustSettings } from './settings.js';
import type { SigningKeys } from './signing-keys.js';
import { createTrustStoreReads } from './trust-store-reads.js';

export interface TrustService {
  uploadCa(input: CaUploadInput, actor: Actor): Promise<CaUploadResult>;
  uploadPartnerCert(input: PartnerCertUploadInput, actor: Actor): Promise<PartnerCertUploadResult>;
  partnerCertificate(partnerId: string, actor: Actor): Promise<PartnerCertificate>;
  originalCertificates(partnerId: string, actor: Actor): Promise<OriginalCertificates>;
  certificatesOfCaller(actor: Actor): Promise<PartnerCertificateSummary[]>;
  listTrustCertificates(query: TrustListQuery): Promise<PageResponseV2<TrustCertificateItem>>;
  downloadTrustCertificate(certificateId: string): Promise<TrustDownload>;
  certificateChain(certificateId: string): Promise<string | undefined>;
  /**
   * Keymanager's partner-certificate checks and re-signing for a key held by something other
   * than a partner (an FTM chip): the caller stores the result. Added for the FTM area.
   */
  certify(input: CertifyInput): Promise<CertifiedKey>;
}

export interface TrustDeps {
  store: Store;
  keys: SigningKeys;
  settings: TrustSettings;
  publicUrl: string;
}

export function createTrustService(deps: TrustDeps): TrustService {
  const certification = createCertification(deps);
  const { uploadCa } = createCaUpload(deps);
  const { uploadPartnerCert } = createPartnerCertUpload(deps, certification);
  return {
    uploadCa,
    uploadPartnerCert,
    certify: certification.certify,
    ...createPartnerCertReads(deps),
    ...createTrustStoreReads(deps),
  };
}
