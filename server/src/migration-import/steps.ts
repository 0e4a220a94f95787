import { caCertificates, chipCertificates, partnerCertificates } from './mappers/certificates.js';
import { devices, deviceSbis, ftmChips, sbis } from './mappers/devices.js';
import { oidcClients } from './mappers/oidc.js';
import { consents, contacts, legacyMisps, partners } from './mappers/partners.js';
import { policies, policyGroups } from './mappers/policies.js';
import { deviceSubTypes, deviceTypes, partnerTypes } from './mappers/reference.js';
import { apiKeys, bioExtractors, credentialTypes, mispLicenses, policyRequests } from './mappers/requests.js';
import type { TableImport } from './types.js';

/**
 * The order tables are imported in: what a row refers to comes before it. Certificates come
 * right after partners so that API key events (--emit-events) carry the partner's certificate.
 */
export const steps: TableImport[] = [
  partnerTypes,
  policyGroups,
  policies,
  partners,
  legacyMisps,
  contacts,
  consents,
  caCertificates,
  partnerCertificates,
  policyRequests,
  apiKeys,
  mispLicenses,
  bioExtractors,
  credentialTypes,
  deviceTypes,
  deviceSubTypes,
  sbis,
  devices,
  deviceSbis,
  ftmChips,
  chipCertificates,
  oidcClients,
];
