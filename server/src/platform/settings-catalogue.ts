/**
 * Every environment variable the service reads, declared once: what it takes, its default and
 * range, whether it is a secret, and what it means. The start-up readers (platform/config.ts)
 * take defaults and ranges from here, and `npm run docs` writes the README's configuration table
 * from here (test/platform/docs.test.ts fails when the README differs).
 */
export interface SettingSpec {
  kind: 'int' | 'bool' | 'list' | 'text' | 'url' | 'source' | 'enum';
  default?: number | boolean | string;
  /** Whole numbers: the range accepted. */
  min?: number;
  max?: number;
  /** Lists: what each item must look like (default: a plain name), and whether none is fine. */
  item?: RegExp;
  allowEmpty?: boolean;
  /** URLs: the schemes accepted (default http and https). */
  protocols?: readonly string[];
  /** Enumerations: the values accepted. */
  values?: readonly string[];
  /** The default as the README states it, where the code computes it. */
  shown?: string;
  /** Never logged or echoed. */
  secret?: boolean;
  meaning: string;
}

/** ISO 639 language codes, as MOSIP names them (eng, ara, fra). */
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

export const SETTINGS = {
  PORT: { kind: 'int', default: 9109, min: 0, max: 65535, meaning: 'HTTP port' },
  HOST: { kind: 'text', default: '0.0.0.0', meaning: 'listen address' },
  PMS_PUBLIC_URL: {
    kind: 'url',
    shown: '`http://localhost:$PORT`',
    meaning: 'the URL browsers and the IdP reach this service at (login redirects, issuer of the embedded IdP)',
  },
  PMS_DATA_DIR: { kind: 'text', default: './data', meaning: 'embedded store, generated data key, embedded IdP keys' },
  DATABASE_URL: {
    kind: 'url',
    protocols: ['postgres:', 'postgresql:'],
    secret: true,
    meaning: '`postgres://…`; when set, PostgreSQL is used instead of the embedded store',
  },
  PMS_DB_POOL_SIZE: { kind: 'int', default: 10, min: 1, max: 200, meaning: 'PostgreSQL connections per instance' },
  PMS_DATA_KEY: {
    kind: 'text',
    shown: 'generated into `$PMS_DATA_DIR/keys/data-key` (mode 0600)',
    secret: true,
    meaning:
      '32 bytes, base64 (`openssl rand -base64 32`). Encrypts signing keys and API keys at rest and keys their HMAC look-ups. Several instances must share it',
  },
  PMS_MAX_BODY_BYTES: {
    kind: 'int',
    default: 1024 * 1024,
    min: 1024,
    max: 64 * 1024 * 1024,
    meaning: 'request body limit (larger: HTTP 413 envelope)',
  },
  PMS_HTTP_HEADERS_TIMEOUT_MS: {
    kind: 'int',
    default: 10_000,
    min: 100,
    max: 600_000,
    meaning: 'the request line and headers must arrive within this, else HTTP 408 and the connection is closed',
  },
  PMS_HTTP_REQUEST_TIMEOUT_MS: {
    kind: 'int',
    default: 30_000,
    min: 100,
    max: 3_600_000,
    meaning:
      'the whole request, headers and body, must arrive within this (a body sent a byte at a time is cut off here), else HTTP 408 and close; at least the headers limit',
  },
  PMS_HTTP_IDLE_TIMEOUT_MS: {
    kind: 'int',
    default: 60_000,
    min: 100,
    max: 3_600_000,
    meaning: 'a connection with no byte in either direction for this long is closed',
  },
  PMS_HTTP_KEEP_ALIVE_TIMEOUT_MS: {
    kind: 'int',
    default: 72_000,
    min: 100,
    max: 3_600_000,
    meaning: "an idle kept-alive connection is closed after this (keep it above a load balancer's idle timeout)",
  },
  PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE: {
    kind: 'int',
    default: 30,
    min: 0,
    max: 1_000_000,
    meaning:
      'requests per caller (token user, else client address), route and minute to routes that create accounts or credentials or try passwords (`POST /users`, the login start and password form, API key and MISP license generation); over it HTTP 429 `PMS_REQ_429` with `Retry-After`; `0`: no limit. Per instance',
  },
  PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE: {
    kind: 'int',
    default: 600,
    min: 0,
    max: 1_000_000,
    meaning:
      'the same for routes that parse certificates, call eSignet or scan tables (certificate uploads, `POST /oauth/client`, every `…/search` and `…/filtervalues`); `0`: no limit',
  },
  PMS_LOGIN_MAX_FAILURES: {
    kind: 'int',
    default: 5,
    min: 1,
    max: 1000,
    meaning: 'wrong passwords for one account (any case of its name) at the embedded identity provider before it is locked out',
  },
  PMS_LOGIN_MAX_ADDRESS_FAILURES: {
    kind: 'int',
    default: 50,
    min: 1,
    max: 100_000,
    meaning: 'failed sign-ins from one client address before that address is locked out',
  },
  PMS_LOGIN_FAILURE_WINDOW_SECONDS: { kind: 'int', default: 900, min: 1, max: 86_400, meaning: 'failures older than this no longer count' },
  PMS_LOGIN_LOCKOUT_SECONDS: {
    kind: 'int',
    default: 300,
    min: 1,
    max: 86_400,
    meaning: 'how long a lockout lasts (the right password is refused meanwhile); counted in the store, so shared by all instances',
  },
  LOG_LEVEL: {
    kind: 'enum',
    default: 'info',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    meaning: 'how much the service logs (JSON lines on standard output)',
  },
  PMS_AUTH_ISSUER: { kind: 'url', shown: '— (embedded IdP)', meaning: 'trusted token issuer, e.g. a Keycloak realm URL' },
  PMS_AUTH_JWKS_URL: {
    kind: 'url',
    shown: 'discovery `jwks_uri`, else `<issuer>/protocol/openid-connect/certs`',
    meaning: "where the issuer's keys are",
  },
  PMS_AUTH_AUDIENCE: { kind: 'text', shown: '— (embedded IdP: `pms`)', meaning: 'required `aud` of access tokens' },
  PMS_AUTH_CLIENT_ID: { kind: 'text', default: 'mosip-pmp-client', meaning: 'OIDC client the login flow uses' },
  PMS_AUTH_CLIENT_SECRET: { kind: 'text', secret: true, meaning: 'its secret (confidential client); unset: public client with PKCE' },
  PMS_LOGIN_REDIRECT_ORIGINS: {
    kind: 'text',
    meaning: "extra origins (comma-separated) login/logout may return to; the public URL's origin is always allowed",
  },
  PMS_COOKIE_SECURE: { kind: 'bool', shown: '`true` when the public URL is https', meaning: '`Secure` flag of the `Authorization` cookie' },
  PMS_VALIDATE_TOKEN_RETURNS_TOKEN: {
    kind: 'bool',
    default: true,
    meaning:
      "`validateToken` answers the caller's access token, as MOSIP does (MOSIP's portal needs it); `false` answers `token: null` — for deployments that use only this service's portal (see \"Using MOSIP's portal\")",
  },
  PMS_WEBSUB_HUB_URL: {
    kind: 'url',
    meaning:
      'WebSub hub events are delivered to (register the topic, then publish). Unset: events stay in the outbox, visible at `/outbox/events`, never dropped',
  },
  PMS_OUTBOX_POLL_MS: { kind: 'int', default: 1000, min: 10, max: 600_000, meaning: 'pause between outbox polls when nothing is waiting' },
  PMS_OUTBOX_MAX_BACKOFF_MS: {
    kind: 'int',
    default: 300_000,
    min: 10,
    max: 86_400_000,
    meaning: 'cap of the retry delay (exponential with jitter)',
  },
  PMS_OUTBOX_BATCH_SIZE: { kind: 'int', default: 20, min: 1, max: 1000, meaning: 'events claimed per poll' },
  PMS_PARTNER_DOMAINS: {
    kind: 'list',
    default: 'AUTH,DEVICE,FTM,MISP',
    item: /^[A-Za-z0-9_]{1,36}$/,
    meaning: 'partner certificate domains of the trust store',
  },
  PMS_PARTNER_CERT_MIN_VALIDITY_DAYS: {
    kind: 'int',
    default: 335,
    min: 0,
    max: 36500,
    meaning: 'validity a partner certificate must have left',
  },
  PMS_CA_CERT_MIN_VALIDITY_MONTHS: { kind: 'int', default: 12, min: 0, max: 1200, meaning: 'validity a CA certificate must have left' },
  PMS_SIGNED_CERT_VALIDITY_DAYS: {
    kind: 'int',
    default: 365,
    min: 1,
    max: 36500,
    meaning: "lifetime of the certificate this service issues over a partner's key",
  },
  PMS_RESIGN_FTM_CERTS: { kind: 'bool', default: false, meaning: 're-sign FTM certificates too (MOSIP returns the original chain)' },
  PMS_MANDATORY_LANGUAGES: {
    kind: 'list',
    default: 'eng',
    item: LANGUAGE_CODE,
    meaning: 'mandatory languages of the deployment (ISO 639 codes); registration stores the first',
  },
  PMS_OPTIONAL_LANGUAGES: {
    kind: 'list',
    default: 'ara,fra',
    item: LANGUAGE_CODE,
    allowEmpty: true,
    meaning: 'optional languages of the deployment; may be empty',
  },
  PMS_BIOEXTRACTORS_REQUIRED_PARTNER_TYPES: {
    kind: 'list',
    default: 'Credential_Partner,Online_Verification_Partner',
    meaning: "approval of these types' requests needs biometric extractors",
  },
  PMS_ALLOWED_CREDENTIAL_TYPES: {
    kind: 'list',
    default: 'auth,qrcode,euin,reprint,vercred,opencrvs',
    meaning: 'credential types a policy may be mapped to',
  },
  PMS_CREDENTIAL_MAPPING_PARTNER_TYPES: {
    kind: 'list',
    default: 'Credential_Partner,Online_Verification_Partner,Auth_Partner',
    meaning: 'partner types that may map credential types',
  },
  PMS_SEED_MOSIP_DEFAULTS: {
    kind: 'bool',
    default: false,
    meaning:
      "seed MOSIP's default partners, requests, extractors, credential types and its well-known API keys at start (for MOSIP's own services in a dev deployment; the keys are public strings)",
  },
  PMS_API_KEY_VALIDITY_DAYS: { kind: 'int', default: 365, min: 1, max: 999999, meaning: 'validity of a generated API key (MOSIP: 999999)' },
  PMS_MISP_PARTNER_TYPE: { kind: 'text', default: 'MISP_Partner', meaning: 'partner type that holds MISP licenses' },
  PMS_MISP_LICENSE_VALIDITY_DAYS: { kind: 'int', default: 365, min: 1, max: 999999, meaning: 'validity of a MISP license key' },
  PMS_EXPIRY_CHECK_ENABLED: {
    kind: 'bool',
    default: true,
    meaning: 'the scheduled check for expiring API keys, licenses and certificates',
  },
  PMS_EXPIRY_CHECK_INTERVAL_MINUTES: {
    kind: 'int',
    default: 1440,
    min: 1,
    max: 10080,
    meaning: 'time between checks (the first runs one interval after start)',
  },
  PMS_EXPIRY_NOTICE_DAYS: { kind: 'int', default: 3, min: 1, max: 3650, meaning: 'items expiring within this many days get a notice' },
  PMS_SBI_EXPIRY_MAX_YEARS: { kind: 'int', default: 10, min: 1, max: 999, meaning: "how far ahead an SBI's expiry date may lie" },
  PMS_SBI_CREATED_MAX_YEARS: { kind: 'int', default: 10, min: 1, max: 999, meaning: "how far back an SBI's creation date may lie" },
  PMS_ESIGNET_BASE_URL: {
    kind: 'url',
    meaning:
      "eSignet's base, e.g. `https://esignet.example/v1/esignet`; unset: OIDC clients are stored as `NOT_REGISTERED` with any eSignet",
  },
  PMS_ESIGNET_TOKEN_URL: {
    kind: 'url',
    meaning: "token endpoint of the client-credentials login for eSignet's client-management API (token cached until expiry)",
  },
  PMS_ESIGNET_CLIENT_ID: { kind: 'text', meaning: 'client of that login' },
  PMS_ESIGNET_CLIENT_SECRET: { kind: 'text', secret: true, meaning: 'its secret' },
  PMS_ESIGNET_CLIENT_API: {
    kind: 'enum',
    default: 'patch',
    values: ['v2', 'v3', 'patch'],
    meaning:
      'the newest client-management API the eSignet serves: `v2` (eSignet 1.4–1.5), `v3` (1.6–1.7, `additionalConfig`), `patch` (1.8+, PATCH and `encPublicKey`); settings it cannot take are refused with `PMS_OIDC_007`',
  },
  PMS_ESIGNET_TIMEOUT_MS: {
    kind: 'int',
    default: 10_000,
    min: 50,
    max: 300_000,
    meaning: 'time allowed for each call to eSignet or its token endpoint',
  },
  PMS_ESIGNET_CONFIG_URL: {
    kind: 'source',
    shown: "eSignet's default `claims_supported`",
    meaning: "eSignet's discovery document (URL or file path)",
  },
  PMS_CLAIMS_MAPPING: {
    kind: 'source',
    shown: 'bundled `identity-mapping.json`',
    meaning: 'KYC attribute → OIDC claim mapping (URL or file path)',
  },
  PMS_AMR_ACR_MAPPING: {
    kind: 'source',
    shown: 'bundled `amr-acr-mapping.json`',
    meaning: 'auth type → AMR → ACR mapping (URL or file path)',
  },
  PMS_OIDC_CLIENT_AVAILABLE: { kind: 'bool', default: true, meaning: "MOSIP's OIDC feature flag" },
  PMS_OIDC_GRANT_TYPES: { kind: 'list', default: 'authorization_code', meaning: 'grant types the eSignet supports' },
  PMS_OIDC_CLIENT_AUTH_METHODS: { kind: 'list', default: 'private_key_jwt', meaning: 'client authentication methods the eSignet supports' },
  PMS_OIDC_RECONCILE_MS: {
    kind: 'int',
    default: 30_000,
    min: 10,
    max: 86_400_000,
    meaning: 'how often unfinished eSignet operations are finished or undone',
  },
  PMS_KEYCLOAK_ADMIN_URL: {
    kind: 'url',
    shown: '`<base>/admin/realms/<realm>` from the issuer',
    meaning: "Keycloak's admin API, for `POST /users`",
  },
  PMS_KEYCLOAK_TOKEN_URL: {
    kind: 'url',
    shown: '`<issuer>/protocol/openid-connect/token`',
    meaning: 'where the service token for it comes from',
  },
  PMS_KEYCLOAK_ADMIN_CLIENT_ID: {
    kind: 'text',
    meaning: 'a confidential client with realm-management `manage-users` and `view-realm`; unset with Keycloak: `POST /users` is refused',
  },
  PMS_KEYCLOAK_ADMIN_CLIENT_SECRET: { kind: 'text', secret: true, meaning: 'its secret' },
  PMS_KEYCLOAK_TIMEOUT_MS: { kind: 'int', default: 10_000, min: 100, max: 120_000, meaning: 'time allowed for each call to Keycloak' },
  PMS_BENCH_CEILING: {
    kind: 'bool',
    default: false,
    meaning: '`npm run bench` only: serves the bare insert route throughput is compared with',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/**
 * Variables read by pattern rather than by name: one per endpoint key, as MOSIP's
 * `mosip.role.pms.<key>` properties.
 */
export const SETTING_PATTERNS = [
  {
    name: 'PMS_ROLE_<KEY>',
    shown: "MOSIP's lists",
    meaning:
      "replaces the roles of one endpoint, e.g. `PMS_ROLE_POSTPOLICIESGROUPNEW=POLICYMANAGER` (keys are MOSIP's `mosip.role.pms.<key>`, see `server/src/platform/auth/roles.ts`)",
  },
] as const;

const fmt = (n: number) => (Number.isInteger(n) && n >= 10_000 ? n.toLocaleString('en-US').replaceAll(',', ' ') : String(n));

/** What a variable accepts, in words. */
function accepts(s: SettingSpec): string {
  const secret = s.secret ? '; secret' : '';
  switch (s.kind) {
    case 'int':
      return `whole number ${fmt(s.min!)}–${fmt(s.max!)}${secret}`;
    case 'bool':
      return `\`true\` or \`false\`${secret}`;
    case 'list':
      return `comma-separated list${s.allowEmpty ? ' (may be empty)' : ''}${secret}`;
    case 'url':
      return `${s.protocols ? s.protocols.map((p) => `\`${p}\``).join(' or ') : 'http(s)'} URL${secret}`;
    case 'enum':
      return `${s.values!.map((v) => `\`${v}\``).join(', ')}${secret}`;
    case 'source':
      return `http(s) URL or file path${secret}`;
    default:
      return `text${secret}`;
  }
}

/** The README's configuration table, written by `npm run docs` from the declarations above. */
export function settingsTable(): string {
  const rows = Object.entries(SETTINGS as Record<string, SettingSpec>).map(([name, s]) => {
    const shown = s.shown ?? (s.default === undefined || s.default === '' ? '—' : `\`${String(s.default)}\``);
    return `| \`${name}\` | ${shown} | ${accepts(s)} | ${s.meaning} |`;
  });
  for (const p of SETTING_PATTERNS) rows.push(`| \`${p.name}\` | ${p.shown} | comma-separated roles | ${p.meaning} |`);
  return ['| variable | default | accepts | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
