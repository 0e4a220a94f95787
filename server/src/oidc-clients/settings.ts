import {
  ConfigError,
  readBool,
  readEsignetApi,
  readInt,
  readList,
  readStr,
  type Config,
  type EsignetApiLevel,
  type Env,
} from '../platform/config.js';

/**
 * OIDC-client settings. Read with the shared readers of platform/config.ts (a wrong value
 * stops the start naming the variable).
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | PMS_OIDC_CLIENT_AVAILABLE | true | MOSIP's `mosip.pms.oidc.client.available` feature flag |
 * | PMS_CLAIMS_MAPPING | bundled identity-mapping.json | claim mapping file: http(s) URL or file path |
 * | PMS_AMR_ACR_MAPPING | bundled amr-acr-mapping.json | AMR/ACR mapping file: http(s) URL or file path |
 * | PMS_ESIGNET_CONFIG_URL | eSignet's default claims | eSignet discovery document (`claims_supported`): URL or file path |
 * | PMS_ESIGNET_BASE_URL … _TOKEN_URL, _CLIENT_ID, _CLIENT_SECRET | (config.ts) | eSignet client-management API and its service token |
 * | PMS_ESIGNET_TIMEOUT_MS | 10000 | time allowed for each call to eSignet or its token endpoint |
 * | PMS_OIDC_GRANT_TYPES | authorization_code | grant types eSignet supports (`mosip.esignet.supported.grant.types`) |
 * | PMS_OIDC_CLIENT_AUTH_METHODS | private_key_jwt | client auth methods eSignet supports |
 * | PMS_OIDC_RECONCILE_MS | 30000 | how often the reconciler looks for unfinished eSignet operations |
 * | PMS_ESIGNET_CLIENT_API | patch | newest client API the eSignet serves: v2, v3 or patch (config.ts) |
 */
export interface OidcSettings {
  available: boolean;
  /** URL or file path; undefined = the bundled copy. */
  claimsMapping?: string;
  amrAcrMapping?: string;
  /** URL or file path of a discovery document; undefined = eSignet's default `claims_supported`. */
  esignetConfig?: string;
  /** Undefined: no eSignet; clients are stored as not registered with any eSignet. */
  esignet?: { baseUrl: string; tokenUrl?: string; clientId?: string; clientSecret?: string };
  timeoutMs: number;
  grantTypes: string[];
  clientAuthMethods: string[];
  reconcileMs: number;
  /** What the configured eSignet's client API can take (settings it cannot are refused). */
  esignetApi: EsignetApiLevel;
}

/** A URL (http/https) or a file path; anything with another scheme is a mistake. */
function source(env: Env, name: string): string | undefined {
  const raw = readStr(env, name);
  if (raw === undefined) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && scheme !== 'file') {
    throw new ConfigError(`${name} must be an http(s) URL or a file path, got "${raw}"`);
  }
  return raw;
}

export function oidcSettings(env: Env = process.env, esignet: Partial<Config['esignet']> = {}): OidcSettings {
  return {
    available: readBool(env, 'PMS_OIDC_CLIENT_AVAILABLE', true),
    claimsMapping: source(env, 'PMS_CLAIMS_MAPPING'),
    amrAcrMapping: source(env, 'PMS_AMR_ACR_MAPPING'),
    esignetConfig: source(env, 'PMS_ESIGNET_CONFIG_URL'),
    esignet: esignet.baseUrl
      ? { baseUrl: esignet.baseUrl, tokenUrl: esignet.tokenUrl, clientId: esignet.clientId, clientSecret: esignet.clientSecret }
      : undefined,
    timeoutMs: readInt(env, 'PMS_ESIGNET_TIMEOUT_MS', 10_000, 50, 300_000),
    grantTypes: readList(env, 'PMS_OIDC_GRANT_TYPES', 'authorization_code'),
    clientAuthMethods: readList(env, 'PMS_OIDC_CLIENT_AUTH_METHODS', 'private_key_jwt'),
    reconcileMs: readInt(env, 'PMS_OIDC_RECONCILE_MS', 30_000, 10, 86_400_000),
    esignetApi: esignet.api ?? readEsignetApi(env),
  };
}
