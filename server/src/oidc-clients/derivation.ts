import { PmsError } from '../platform/errors/pms-error.js';

/**
 * What a client may ask eSignet for, derived from the partner's Auth policy with the two
 * mapping files (docs/oidc-clients.md, "Claims and ACR values"). MOSIP collects
 * results in Java hash sets; here the order is the mapping files' own order, so the same
 * policy always gives the same arrays.
 */

export interface ClaimMapping {
  /** claim → attribute list, in the file's order. */
  identity: [claim: string, attributes: string[]][];
}

export interface AmrAcrMapping {
  /** AMR name → factor types, in the file's order. */
  amr: [name: string, types: string[]][];
  /** ACR → AMR names, in the file's order. */
  acrAmr: [acr: string, amrs: string[]][];
}

export interface PolicyAuthType {
  authType: string;
  mandatory: boolean;
}

export interface AuthPolicyRules {
  kycAttributes: string[];
  authTypes: PolicyAuthType[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `identity-mapping.json`; only `identity` is read. Anything unusable → PMS-MSD-393. */
export function parseClaimMapping(doc: unknown): ClaimMapping {
  const fail = () => PmsError.of('PMS-MSD-393');
  if (!isObject(doc) || !isObject(doc.identity)) throw fail();
  const identity: ClaimMapping['identity'] = [];
  for (const [claim, entry] of Object.entries(doc.identity)) {
    if (!isObject(entry) || typeof entry.value !== 'string') throw fail();
    identity.push([claim, entry.value.split(',')]);
  }
  return { identity };
}

/** `amr-acr-mapping.json`: `amr` problems → PMS-MSD-395, `acr_amr` problems → PMS-MSD-394. */
export function parseAmrAcrMapping(doc: unknown): AmrAcrMapping {
  const amrFail = () => PmsError.of('PMS-MSD-395');
  const acrFail = () => PmsError.of('PMS-MSD-394', 'failed to fetch acr values from mapping file');
  if (!isObject(doc)) throw acrFail();
  if (!isObject(doc.acr_amr)) throw acrFail();
  const acrAmr: AmrAcrMapping['acrAmr'] = [];
  for (const [acr, names] of Object.entries(doc.acr_amr)) {
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw acrFail();
    acrAmr.push([acr, names as string[]]);
  }
  if (!isObject(doc.amr)) throw amrFail();
  const amr: AmrAcrMapping['amr'] = [];
  for (const [name, factors] of Object.entries(doc.amr)) {
    if (!Array.isArray(factors) || !factors.every((f) => isObject(f) && typeof f.type === 'string')) throw amrFail();
    amr.push([name, factors.map((f) => (f as { type: string }).type)]);
  }
  return { amr, acrAmr };
}

const badPolicy = (policyId: string, reason: string) => PmsError.of('PMS_OIDC_004', policyId, reason);

/**
 * The two arrays of an Auth policy document. MOSIP fails with a Java exception (errorCode
 * null) on a policy without them or with a non-boolean `mandatory`; here each is named.
 * A missing `mandatory` counts as false (docs/oidc-clients.md).
 */
export function policyRules(policyId: string, policyText: string): AuthPolicyRules {
  return rulesOfPolicy(policyId, parsePolicy(policyId, policyText));
}

/** The policy document as JSON; text that is not JSON is PMS_OIDC_004. */
export function parsePolicy(policyId: string, policyText: string): unknown {
  try {
    return JSON.parse(policyText);
  } catch {
    throw badPolicy(policyId, 'the policy document is not JSON');
  }
}

/** policyRules on a document already parsed. */
export function rulesOfPolicy(policyId: string, doc: unknown): AuthPolicyRules {
  if (!isObject(doc)) throw badPolicy(policyId, 'the policy document is not a JSON object');
  const kyc = doc.allowedKycAttributes;
  const auth = doc.allowedAuthTypes;
  if (!Array.isArray(kyc)) throw badPolicy(policyId, 'allowedKycAttributes is missing or not an array');
  if (!Array.isArray(auth)) throw badPolicy(policyId, 'allowedAuthTypes is missing or not an array');
  const kycAttributes = kyc.map((a, i) => {
    if (!isObject(a) || typeof a.attributeName !== 'string')
      throw badPolicy(policyId, `allowedKycAttributes[${i}].attributeName is not text`);
    return a.attributeName;
  });
  const authTypes = auth.map((a, i) => {
    if (!isObject(a) || typeof a.authType !== 'string') throw badPolicy(policyId, `allowedAuthTypes[${i}].authType is not text`);
    if (a.mandatory !== undefined && typeof a.mandatory !== 'boolean')
      throw badPolicy(policyId, `allowedAuthTypes[${i}].mandatory is not true or false`);
    return { authType: a.authType, mandatory: a.mandatory === true };
  });
  return { kycAttributes, authTypes };
}

/**
 * Claims (spec 4.3): the supported claims found in the mapping, keyed by attribute list (a
 * later supported claim with the same list replaces an earlier one, as in MOSIP); a claim is
 * granted when any of its attributes is allowed, case-insensitively. Empty → PMS_ESI_005.
 */
export function deriveClaims(kycAttributes: string[], claimsSupported: string[], mapping: ClaimMapping): string[] {
  const allowed = new Set(kycAttributes.map((a) => a.toLowerCase()));
  const byList = new Map<string, string>();
  const attributesOf = new Map(mapping.identity);
  for (const c of claimsSupported) {
    const attrs = attributesOf.get(c);
    if (attrs) byList.set(attrs.join(','), c);
  }
  const surviving = new Set(byList.values());
  const claims = mapping.identity
    .filter(([claim, attrs]) => surviving.has(claim) && attrs.some((a) => allowed.has(a.toLowerCase())))
    .map(([claim]) => claim);
  if (claims.length === 0) throw PmsError.of('PMS_ESI_005');
  return claims;
}

/**
 * ACR values (spec 4.4): a mandatory auth type refuses the policy (PMS_ESI_003); an AMR is met
 * when all its factor types are allowed; an ACR when all its AMRs are met. Empty → PMS_ESI_006.
 */
export function deriveAcrs(authTypes: PolicyAuthType[], mapping: AmrAcrMapping): string[] {
  if (authTypes.some((a) => a.mandatory)) throw PmsError.of('PMS_ESI_003');
  const allowed = new Set(authTypes.map((a) => a.authType.toLowerCase()));
  const met = new Set(mapping.amr.filter(([, types]) => types.every((t) => allowed.has(t.toLowerCase()))).map(([name]) => name));
  const acrs = mapping.acrAmr.filter(([, amrs]) => amrs.every((n) => met.has(n))).map(([acr]) => acr);
  if (acrs.length === 0) throw PmsError.of('PMS_ESI_006');
  return acrs;
}
