import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PmsError } from '../platform/errors/pms-error.js';
import bundledAmrAcr from './data/amr-acr-mapping.json' with { type: 'json' };
import bundledIdentity from './data/identity-mapping.json' with { type: 'json' };
import { parseAmrAcrMapping, parseClaimMapping, type AmrAcrMapping, type ClaimMapping } from './derivation.js';
import type { OidcSettings } from './settings.js';

/**
 * Where derivation inputs come from: each mapping file is a URL, a file path or the bundled
 * copy, loaded on first use and kept for the life of the process (as MOSIP does; a failed load
 * is not kept, so the next create tries again). `claims_supported` comes from eSignet's
 * discovery document, re-read every few minutes rather than on every create.
 */

/** eSignet's repository default `claims_supported` (docs/oidc-clients.md, "eSignet's answers"). */
export const DEFAULT_CLAIMS_SUPPORTED = [
  'name',
  'address',
  'gender',
  'birthdate',
  'picture',
  'email',
  'phone_number',
  'individual_id',
  'phone_number_verified',
  'registration_type',
  'updated_at',
];

const DISCOVERY_TTL_MS = 5 * 60_000;

export interface DerivationSources {
  claimMapping(): Promise<ClaimMapping>;
  amrAcrMapping(): Promise<AmrAcrMapping>;
  claimsSupported(): Promise<string[]>;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function readSource(location: string, timeoutMs: number): Promise<unknown> {
  if (isUrl(location)) {
    const res = await fetch(location, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${location}`);
    return res.json();
  }
  const path = location.startsWith('file://') ? fileURLToPath(location) : location;
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Caches a successful load forever; a failure is thrown to this caller and retried by the next. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((err: unknown) => {
      value = undefined;
      throw err;
    });
    return value;
  };
}

export function createSources(
  settings: Pick<OidcSettings, 'claimsMapping' | 'amrAcrMapping' | 'esignetConfig' | 'timeoutMs'>,
): DerivationSources {
  const claimMapping = once(async () => {
    if (!settings.claimsMapping) return parseClaimMapping(bundledIdentity);
    const doc = await readSource(settings.claimsMapping, settings.timeoutMs).catch(() => {
      throw PmsError.of('PMS-MSD-393');
    });
    return parseClaimMapping(doc);
  });
  const amrAcrMapping = once(async () => {
    if (!settings.amrAcrMapping) return parseAmrAcrMapping(bundledAmrAcr);
    const doc = await readSource(settings.amrAcrMapping, settings.timeoutMs).catch(() => {
      throw PmsError.of('PMS-MSD-394', 'failed to fetch acr values from mapping file');
    });
    return parseAmrAcrMapping(doc);
  });

  let discovery: { claims: string[]; at: number } | undefined;
  async function claimsSupported(): Promise<string[]> {
    if (!settings.esignetConfig) return DEFAULT_CLAIMS_SUPPORTED;
    if (discovery && Date.now() - discovery.at < DISCOVERY_TTL_MS) return discovery.claims;
    let doc: unknown;
    try {
      doc = await readSource(settings.esignetConfig, settings.timeoutMs);
    } catch {
      throw PmsError.of('PMS_KKS_001');
    }
    const claims = (doc as { claims_supported?: unknown } | null)?.claims_supported;
    if (!Array.isArray(claims) || !claims.every((c) => typeof c === 'string')) throw PmsError.of('PMS_OIDC_006');
    discovery = { claims, at: Date.now() };
    return claims;
  }

  return { claimMapping, amrAcrMapping, claimsSupported };
}
