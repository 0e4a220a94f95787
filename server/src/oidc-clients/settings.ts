import {
  readEsignetApi,
  type Config,
  type EsignetApiLevel,
  type Env,
  intSetting,
  boolSetting,
  listSetting,
  sourceSetting,
} from '../platform/config.js';

/**
 * OIDC-client settings. Read with the shared readers of platform/config.ts (a wrong value
 * stops the start naming the variable).
 * The variables, their defaults and ranges: platform/settings-catalogue.ts.
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

export function oidcSettings(env: Env = process.env, esignet: Partial<Config['esignet']> = {}): OidcSettings {
  return {
    available: boolSetting(env, 'PMS_OIDC_CLIENT_AVAILABLE'),
    claimsMapping: sourceSetting(env, 'PMS_CLAIMS_MAPPING'),
    amrAcrMapping: sourceSetting(env, 'PMS_AMR_ACR_MAPPING'),
    esignetConfig: sourceSetting(env, 'PMS_ESIGNET_CONFIG_URL'),
    esignet: esignet.baseUrl
      ? { baseUrl: esignet.baseUrl, tokenUrl: esignet.tokenUrl, clientId: esignet.clientId, clientSecret: esignet.clientSecret }
      : undefined,
    timeoutMs: intSetting(env, 'PMS_ESIGNET_TIMEOUT_MS'),
    grantTypes: listSetting(env, 'PMS_OIDC_GRANT_TYPES'),
    clientAuthMethods: listSetting(env, 'PMS_OIDC_CLIENT_AUTH_METHODS'),
    reconcileMs: intSetting(env, 'PMS_OIDC_RECONCILE_MS'),
    esignetApi: esignet.api ?? readEsignetApi(env),
  };
}
