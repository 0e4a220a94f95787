import { logoUriProblem, multiLanguageName, splitStoredName, type AdditionalConfig } from '@pms/rules/oidc';
import { recordAudit, type Actor } from '../platform/audit.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { createBatcher } from '../platform/db/batcher.js';
import { recordWrites, withWrites } from '../platform/db/one-statement.js';
import { sql, type Sql } from '../platform/db/sql.js';
import { enqueueEvent } from '../platform/outbox/events.js';
import { containsFilter, exactFilter, runList, toIso, type ListPlan, type PageResponseV2 } from '../platform/search/index.js';
import { isAdmin } from '../platform/auth/access.js';
import { OIDC_PUBLISHER, type ApplyResult, type Operations } from './consistency.js';
import { deriveAcrs, deriveClaims, parsePolicy, rulesOfPolicy, type AuthPolicyRules } from './derivation.js';
import type { Api } from './esignet-client.js';
import { checkUsableByEsignet, clientIdOf, parseJwk, storedKey } from './keys.js';
import {
  claimOp,
  claimOps,
  clientList,
  clientListSelect,
  createContext,
  findClient,
  findClientDetail,
  findPartnerInfo,
  insertClient,
  partnersOwnedBy,
  updateClient,
  type ClientChanges,
  type ClientListRow,
  type ClientRow,
  type ClientStatus,
  type CreateContext,
  type EsignetCall,
  type NewClient,
  type OpRow,
  type PartnerInfo,
  type PolicyInfo,
} from './repository.js';
import { checkEsignetRules, type EsignetFields } from './rules.js';
import type { ClientDetail, ClientResponse, ClientSummary } from './answers.js';
import type { ClientListQueryT, CreateBody, PatchBody, UpdateBody } from './schemas.js';
import { checkAdditionalConfig, checkCrossFields, checkEsignetCanTake, encKeyText, parseStoredKey, sameJson } from './client-settings.js';
import type { OidcSettings } from './settings.js';
import type { DerivationSources } from './sources.js';
import type { EventPayloads } from '../platform/outbox/topics.js';

export type { ClientDetail, ClientResponse, ClientSummary };

export interface OidcClientService {
  requireFeature(): void;
  create(api: Api, body: CreateBody, actor: Actor): Promise<ClientResponse>;
  update(api: Api, clientId: string, body: UpdateBody, actor: Actor): Promise<ClientResponse>;
  /** Partial update: absent fields keep their stored values. */
  patch(clientId: string, body: PatchBody, actor: Actor): Promise<ClientResponse>;
  get(clientId: string, actor: Actor): Promise<ClientDetail>;
  list(query: ClientListQueryT, plan: ListPlan, actor: Actor): Promise<PageResponseV2<ClientSummary>>;
}

export interface ServiceDeps {
  store: Store;
  settings: OidcSettings;
  sources: DerivationSources;
  /** Undefined when no eSignet is configured: clients are stored as NOT_REGISTERED. */
  operations?: Operations;
}

/** What the create's checks settled: who the client is for and what it may ask. */
interface Decision {
  partner: PartnerInfo;
  policy: PolicyInfo;
  claims: string[];
  acrs: string[];
  certificateData: string;
}

/** A create's request, its key and the caller, before the checks. */
interface Draft {
  api: Api;
  body: CreateBody;
  actor: Actor;
  clientId: string;
  keyText: string;
  key: Record<string, unknown>;
  /** Settings checked against eSignet's schema; undefined on MOSIP's shape (the hot path). */
  settings?: DraftSettings;
}

interface DraftSettings {
  config: AdditionalConfig | null;
  encKeyText: string | null;
}

const REMEMBERED_CONTEXTS = 1_000;

/**
 * Create contexts by caller, partner and policy. A partner creating clients reads the same
 * partner, policy, request and certificate each time; the claim re-validates what is
 * remembered in its own statement (claimOp's `contextVersion`), so nothing is trusted stale.
 */
function createContextMemo() {
  const entries = new Map<string, CreateContext>();
  return {
    get: (key: string) => entries.get(key),
    set(key: string, ctx: CreateContext) {
      entries.delete(key);
      if (entries.size >= REMEMBERED_CONTEXTS) entries.delete(entries.keys().next().value as string);
      entries.set(key, ctx);
    },
  };
}

/** MOSIP's form of a bean-validation failure, for the checks a schema cannot express. */
const invalidField = (message: string, field: string) => PmsError.of('PMS_COR_001', message, field);

/** Ids this service can ever hold (base64url, at most eSignet's 100); others are not found. */
const CLIENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Relays an error code chosen by eSignet, which the catalogue cannot list in advance. */
const relayed = (code: string, message: string) => PmsError.relayed(code, message);

// ---- checks before anything is read ---------------------------------------------------------

function checkLogo(logoUri: string): void {
  const problem = logoUriProblem(logoUri);
  if (problem) throw invalidField(problem, 'request.logoUri');
}

function checkLangMapShape(map: Record<string, string> | undefined): void {
  if (map === undefined) return;
  const entries = Object.entries(map);
  if (entries.length === 0) throw invalidField('must not be empty', 'request.clientNameLangMap');
  for (const [lang, name] of entries) {
    if (lang.length !== 3) throw invalidField('size must be between 3 and 3', `request.clientNameLangMap<K>[${lang}]`);
    if (name.trim() === '') throw invalidField('must not be blank', `request.clientNameLangMap[${lang}]`);
  }
}

function checkCreateShape(body: CreateBody): void {
  if (Object.keys(body.publicKey).length === 0) throw invalidField('must not be empty', 'request.publicKey');
  checkLogo(body.logoUri);
  checkLangMapShape(body.clientNameLangMap);
}

// ---- pieces of the create algorithm (spec 4.1), each one step ------------------------------

function checkCreateOwnership(ctx: CreateContext, actor: Actor, partnerId: string): void {
  if (isAdmin(actor)) return;
  if (ctx.owned.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
  if (!ctx.owned.includes(partnerId)) throw PmsError.of('PMS_POLICY_ERROR_009');
}

function authPartner(ctx: CreateContext, partnerId: string): PartnerInfo {
  const partner = ctx.partner;
  if (!partner) throw PmsError.of('PMS_PRT_058', partnerId);
  if (partner.partner_type_code.toLowerCase() !== 'auth_partner') throw PmsError.of('PMS_PRT_059', partner.partner_type_code);
  if (!partner.is_active) throw PmsError.of('PMS_PMP_016');
  return partner;
}

function authPolicy(ctx: CreateContext): PolicyInfo {
  const policy = ctx.policy;
  if (!policy) throw PmsError.of('PMS_PRT_073');
  if (policy.policy_type !== 'Auth') throw PmsError.of('PMS_PRT_057');
  return policy;
}

/**
 * MOSIP looks the approved request up by the partner's `user_id` (a quirk that only works
 * when user and partner ids coincide); here both lookups use the partner id.
 */
function checkApprovedMapping(ctx: CreateContext): void {
  if (!ctx.mapping.any) throw PmsError.of('PMS_PRT_061');
  if (!ctx.mapping.approved) throw PmsError.of('PMS_ESI_002');
}

/** The partner's current (re-signed) certificate, which OIDC_CLIENT_CREATED carries to IDA. */
function partnerCertificate(ctx: CreateContext): string {
  if (ctx.signedCert === undefined) throw PmsError.variant('certificateNotUploaded');
  return ctx.signedCert;
}

/**
 * A remembered context hands every create the same policy row: its document is parsed once
 * for it (the rules for derivation, the document for the event), not twice per create. Only
 * successes are kept, so a bad document fails every create that reads it.
 */
const parsedPolicies = new WeakMap<PolicyInfo, { rules: AuthPolicyRules; doc: unknown }>();

function parsedPolicy(p: PolicyInfo): { rules: AuthPolicyRules; doc: unknown } {
  let parsed = parsedPolicies.get(p);
  if (!parsed) {
    const doc = parsePolicy(p.id, p.policy_file_id);
    parsed = { rules: rulesOfPolicy(p.id, doc), doc };
    parsedPolicies.set(p, parsed);
  }
  return parsed;
}

function policyData(p: PolicyInfo): Record<string, unknown> {
  return {
    policyId: p.id,
    policy: parsedPolicy(p).doc,
    policyName: p.name,
    policyStatus: p.is_active ? 'ACTIVE' : 'DEACTIVE',
    policyDescription: p.descr,
    policyCommenceOn: toIso(p.valid_from_date),
    policyExpiresOn: toIso(p.valid_to_date),
  };
}

type EventFields = Pick<ClientRow, 'id' | 'name' | 'status' | 'claims' | 'acr_values' | 'auth_methods'> &
  Partial<Pick<ClientRow, 'additional_config'>>;

/** MOSIP's clientData; `additionalConfig` only for clients that have settings (MOSIP's shape otherwise). */
function clientData(r: EventFields): Record<string, unknown> {
  const data: Record<string, unknown> = {
    clientId: r.id,
    clientName: r.name,
    clientStatus: r.status,
    userClaims: r.claims,
    authContextRefs: r.acr_values,
    clientAuthMethods: r.auth_methods,
  };
  if (r.additional_config) data.additionalConfig = r.additional_config;
  return data;
}

function esignetCreateBody(
  api: Api,
  row: NewClient,
  body: CreateBody,
  key: Record<string, unknown>,
  settings?: DraftSettings,
): EsignetCall {
  const request: Record<string, unknown> = {
    clientId: row.id,
    clientName: body.name,
    publicKey: key,
    relyingPartyId: row.rp_id,
    userClaims: row.claims,
    authContextRefs: row.acr_values,
    logoUri: row.logo_uri,
    redirectUris: row.redirect_uris,
    grantTypes: row.grant_types,
    clientAuthMethods: row.auth_methods,
  };
  if (api === 'v2') request.clientNameLangMap = body.clientNameLangMap;
  if (!settings) return { api, body: request };
  request.additionalConfig = settings.config;
  if (settings.encKeyText) request.encPublicKey = parseStoredKey(settings.encKeyText);
  return { api: 'v3', body: request };
}

/**
 * What eSignet is sent to hold a stored row's values (update and undo bodies). With
 * `withSettings` it is a v3 call carrying the settings (null clears them in eSignet).
 */
function esignetUpdateBody(
  row: Pick<ClientRow, 'name' | 'logo_uri' | 'redirect_uris' | 'status' | 'grant_types' | 'claims' | 'acr_values' | 'auth_methods'> &
    Partial<Pick<ClientRow, 'additional_config' | 'enc_public_key'>>,
  withSettings = false,
): EsignetCall {
  // MOSIP sends a v2 client's whole JSON name as `clientName` on a status change; eSignet gets
  // the plain name and its language map instead, so its own name stays well-formed.
  const { name, langMap } = splitStoredName(row.name);
  const request: Record<string, unknown> = {
    logoUri: row.logo_uri,
    redirectUris: row.redirect_uris,
    status: row.status,
    grantTypes: row.grant_types,
    clientName: name,
    userClaims: row.claims,
    authContextRefs: row.acr_values,
    clientAuthMethods: row.auth_methods,
  };
  if (langMap) request.clientNameLangMap = langMap;
  if (withSettings) {
    request.additionalConfig = row.additional_config ?? null;
    if (row.enc_public_key) request.encPublicKey = parseStoredKey(row.enc_public_key);
    return { api: 'v3', body: request };
  }
  return { api: langMap ? 'v2' : 'v1', body: request };
}

type PatchRow = Pick<
  ClientRow,
  'name' | 'logo_uri' | 'redirect_uris' | 'status' | 'grant_types' | 'auth_methods' | 'additional_config' | 'enc_public_key'
>;

/**
 * eSignet's PATCH (1.8+, docs/esignet-client-settings.md "Partial updates") from `from` to `to`:
 * only what differs is sent, so an edit never restates ACRs or claims (esignet #2364: an update
 * may allow fewer ACRs than create did). Undefined when PATCH cannot say it: eSignet skips null
 * fields, so clearing the settings or the encryption key takes a v3 PUT.
 */
export function esignetPatchBody(from: PatchRow, to: PatchRow): EsignetCall | undefined {
  if ((to.additional_config === null && from.additional_config !== null) || (to.enc_public_key === null && from.enc_public_key !== null))
    return undefined;
  const request: Record<string, unknown> = {};
  const was = splitStoredName(from.name);
  const now = splitStoredName(to.name);
  if (now.name !== was.name || !sameJson(now.langMap ?? null, was.langMap ?? null)) {
    request.clientName = now.name;
    if (now.langMap) request.clientNameLangMap = now.langMap;
  }
  if (to.logo_uri !== from.logo_uri) request.logoUri = to.logo_uri;
  if (!sameJson(to.redirect_uris, from.redirect_uris)) request.redirectUris = to.redirect_uris;
  if (!sameJson(to.grant_types, from.grant_types)) request.grantTypes = to.grant_types;
  if (!sameJson(to.auth_methods, from.auth_methods)) request.clientAuthMethods = to.auth_methods;
  if (!sameJson(to.additional_config, from.additional_config)) request.additionalConfig = to.additional_config;
  if (to.enc_public_key !== from.enc_public_key) request.encPublicKey = parseStoredKey(to.enc_public_key);
  // The status is always sent: it is what eSignet answers with, and an edit that changes
  // nothing still gets a well-formed call.
  request.status = to.status;
  return { api: 'patch', body: request };
}

/**
 * Turns the end of an eSignet operation into the caller's answer. PMS's token refused (HTTP
 * 401/403) or not obtained is, for MOSIP, one more HTTP failure: PMS_KKS_001 on create, the
 * update's PMS_PRT_500 wording (spec 4.5, 5.1). eSignet's business errors are relayed.
 */
function answer(result: ApplyResult, kind: 'create' | 'update'): void {
  if (result.kind === 'committed') return;
  const unreachable = result.kind === 'unknown' || result.code === 'PMS_KKS_001';
  if (result.kind === 'refused' && !unreachable) throw relayed(result.code, result.message);
  if (kind === 'update' && unreachable) {
    throw PmsError.variant('keyManagerUnreachable');
  }
  throw PmsError.of(result.kind === 'unknown' ? result.code : 'PMS_KKS_001');
}

// ---- update (spec 5) ------------------------------------------------------------------------

/** Step 7: a status change takes only the status (and a v2 name); otherwise the details change. */
function changesOf(api: Api, c: ClientRow, body: UpdateBody, settings: UpdateSettings): ClientChanges {
  const status = body.status.toUpperCase() as ClientStatus;
  const kept = { additional_config: c.additional_config, enc_public_key: c.enc_public_key };
  const base: ClientChanges =
    status !== c.status
      ? {
          name: c.name,
          logo_uri: c.logo_uri,
          redirect_uris: c.redirect_uris,
          grant_types: c.grant_types,
          auth_methods: c.auth_methods,
          status,
          ...kept,
        }
      : {
          name: body.clientName,
          logo_uri: body.logoUri,
          redirect_uris: body.redirectUris,
          grant_types: body.grantTypes,
          auth_methods: body.clientAuthMethods,
          status,
          additional_config: settings.config === undefined ? c.additional_config : (settings.config as Record<string, unknown> | null),
          enc_public_key: settings.encKeyText === undefined ? c.enc_public_key : settings.encKeyText,
        };
  if (api === 'v2') base.name = multiLanguageName(body.clientName, body.clientNameLangMap ?? {});
  return base;
}

/** An update's settings as checked: undefined keeps what is stored (a caller that omits them, e.g. MOSIP's). */
interface UpdateSettings {
  config?: AdditionalConfig | null;
  encKeyText?: string | null;
}

/** A PATCH merged onto the stored client: the full update it stands for. */
function mergePatch(c: ClientRow, patch: PatchBody): UpdateBody {
  const stored = splitStoredName(c.name);
  const merged: UpdateBody = {
    logoUri: patch.logoUri ?? c.logo_uri,
    redirectUris: patch.redirectUris ?? c.redirect_uris,
    status: patch.status ?? c.status,
    grantTypes: patch.grantTypes ?? c.grant_types,
    clientName: patch.clientName ?? stored.name,
    clientAuthMethods: patch.clientAuthMethods ?? c.auth_methods,
  };
  if (stored.langMap || patch.clientNameLangMap) {
    const names: Record<string, string> = { ...(stored.langMap ?? {}) };
    for (const [lang, name] of Object.entries(patch.clientNameLangMap ?? {})) {
      if (name === null) delete names[lang];
      else names[lang] = name;
    }
    merged.clientNameLangMap = names;
  }
  if ('additionalConfig' in patch) merged.additionalConfig = patch.additionalConfig;
  if ('encPublicKey' in patch) merged.encPublicKey = patch.encPublicKey;
  return merged;
}

/**
 * The request's values an update sends to eSignet, for eSignet's rules. A status change takes
 * only the status from the request, and on v2 the name (step 7, 9): values it drops cannot
 * refuse it (a deactivation must not fail over a grant type it ignores), so only those sent
 * are checked; a v1 status change sends none.
 */
function sentFields(api: Api, body: UpdateBody, sameStatus: boolean): EsignetFields | undefined {
  if (sameStatus) {
    return {
      clientName: body.clientName,
      redirectUris: body.redirectUris,
      grantTypes: body.grantTypes,
      clientAuthMethods: body.clientAuthMethods,
      clientNameLangMap: body.clientNameLangMap,
    };
  }
  if (api === 'v1') return undefined;
  return {
    clientName: body.clientName,
    redirectUris: [],
    grantTypes: [],
    clientAuthMethods: [],
    clientNameLangMap: body.clientNameLangMap,
  };
}

export function createOidcClientService(deps: ServiceDeps): OidcClientService {
  const { store, settings, sources, operations } = deps;
  const supported = { grantTypes: settings.grantTypes, clientAuthMethods: settings.clientAuthMethods };
  const contexts = createContextMemo();
  /** Concurrent creates record their intents in one statement. */
  const claimCreate = createBatcher((items: Parameters<typeof claimOps>[1]) => claimOps(store, items));

  function requireFeature(): void {
    if (!settings.available) throw PmsError.of('PMS_FEATURE_002');
  }

  async function derive(policy: PolicyInfo): Promise<{ claims: string[]; acrs: string[] }> {
    const { rules } = parsedPolicy(policy);
    const [claimMapping, claimsSupported] = [await sources.claimMapping(), await sources.claimsSupported()];
    const claims = deriveClaims(rules.kycAttributes, claimsSupported, claimMapping);
    const acrs = deriveAcrs(rules.authTypes, await sources.amrAcrMapping());
    return { claims, acrs };
  }

  /** Without eSignet: the client is PMS's alone, written with its event in one statement. */
  async function createLocally(
    row: NewClient,
    event: EventPayloads['OIDC_CLIENT_CREATED'],
    audit: Record<string, unknown>,
    actor: Actor,
  ): Promise<void> {
    const writes = await recordWrites(async (q) => {
      await insertClient(q, row);
      await enqueueEvent(q, 'OIDC_CLIENT_CREATED', OIDC_PUBLISHER, event);
      await recordAudit(q, actor, { action: 'oidc-client.create', entityType: 'oidc_client', entityId: row.id, detail: audit });
    });
    try {
      await store.exec(withWrites([], writes, sql`select 1`));
    } catch (err) {
      if (isUniqueViolation(err)) throw PmsError.of('PMS_ESI_001');
      throw err;
    }
  }

  async function createThroughEsignet(
    ops: Operations,
    row: NewClient,
    call: EsignetCall,
    event: EventPayloads['OIDC_CLIENT_CREATED'],
    audit: Record<string, unknown>,
    actor: Actor,
    contextVersion: string | undefined,
  ): Promise<'done' | 'context changed'> {
    const owner = ops.newOwner();
    // One statement: the intent is recorded unless the client is stored, another create of this
    // key holds a live lease or (for a remembered context) what the checks read has changed.
    const claimed = await claimCreate({
      clientId: row.id,
      kind: 'create',
      request: call,
      commit: { row, event, audit },
      owner,
      leaseMs: ops.leaseMs,
      actor: actor.userId,
      unlessClientExists: true,
      contextVersion,
    });
    // With a remembered context the reason is unknown: the caller decides again on a fresh read.
    if (!claimed && contextVersion !== undefined) return 'context changed';
    // The key is taken, or someone else is creating it right now.
    if (!claimed) throw PmsError.of('PMS_ESI_001');
    const op = opRow(row.id, 'create', call, null, { row, event, audit }, actor);
    const result = await ops.apply(op, owner, claimed.sentBefore, actor);
    // eSignet already had this id although PMS never sent it: a PMS client won a race, or the
    // key was registered in eSignet directly.
    if (result.kind === 'refused' && result.code === 'duplicate_client_id' && (await findClient(store, row.id)))
      throw PmsError.of('PMS_ESI_001');
    answer(result, 'create');
    return 'done';
  }

  /** Spec 4.1 steps 4–13 on what the store holds, in MOSIP's order. */
  async function decide(ctx: CreateContext, body: CreateBody, actor: Actor, settings?: DraftSettings): Promise<Decision> {
    if (ctx.clientExists) throw PmsError.of('PMS_ESI_001');
    checkCreateOwnership(ctx, actor, body.authPartnerId);
    const partner = authPartner(ctx, body.authPartnerId);
    const policy = authPolicy(ctx);
    checkApprovedMapping(ctx);
    const { claims, acrs } = await derive(policy);
    // eSignet's own refusals come first: MOSIP calls eSignet (step 17) before it fetches the
    // certificate for the event (step 19). Here a partner without one is refused before eSignet
    // is called, so that eSignet never holds a client PMS could not announce to IDA.
    checkEsignetRules(
      {
        clientName: body.name,
        redirectUris: body.redirectUris,
        grantTypes: body.grantTypes,
        clientAuthMethods: body.clientAuthMethods,
        clientNameLangMap: body.clientNameLangMap,
      },
      supported,
    );
    if (settings) {
      checkCrossFields({
        additionalConfig: settings.config,
        encPublicKey: parseStoredKey(settings.encKeyText),
        publicKey: body.publicKey,
        grantTypes: body.grantTypes,
        redirectUris: body.redirectUris,
        acrValues: acrs,
      });
    }
    const certificateData = partnerCertificate(ctx);
    return { partner, policy, claims, acrs, certificateData };
  }

  /**
   * A remembered context that passes every check: the claim then confirms nothing it was read
   * from has changed. Any failing check is decided again on a fresh read, so the answer and
   * its order are exactly those of a fresh create.
   */
  async function rememberedDecision(
    key: string,
    body: CreateBody,
    actor: Actor,
    settings?: DraftSettings,
  ): Promise<{ decision: Decision; version: string } | undefined> {
    const ctx = contexts.get(key);
    if (!ctx) return undefined;
    try {
      return { decision: await decide(ctx, body, actor, settings), version: ctx.version };
    } catch {
      return undefined;
    }
  }

  /** Writes the decided client: through eSignet (one consistent write) or, without one, locally. */
  async function persist(d: Draft, decision: Decision, contextVersion: string | undefined): Promise<'done' | 'context changed'> {
    const { api, body, actor } = d;
    const { partner, policy } = decision;
    const row: NewClient = {
      id: d.clientId,
      name: api === 'v2' ? multiLanguageName(body.name, body.clientNameLangMap ?? {}) : body.name,
      rp_id: partner.id,
      policy_id: policy.id,
      logo_uri: body.logoUri,
      redirect_uris: body.redirectUris,
      claims: decision.claims,
      acr_values: decision.acrs,
      public_key: d.keyText,
      grant_types: body.grantTypes,
      auth_methods: body.clientAuthMethods,
      status: 'ACTIVE',
      esignet_status: operations ? 'REGISTERED' : 'NOT_REGISTERED',
      additional_config: (d.settings?.config ?? null) as Record<string, unknown> | null,
      enc_public_key: d.settings?.encKeyText ?? null,
      cr_by: actor.userId,
    };
    const event: EventPayloads['OIDC_CLIENT_CREATED'] = {
      partnerData: {
        partnerId: partner.id,
        partnerName: partner.name,
        certificateData: decision.certificateData,
        partnerStatus: partner.is_active ? 'ACTIVE' : 'DEACTIVE',
      },
      policyData: policyData(policy),
      clientData: clientData(row),
    };
    const audit = { api, partnerId: partner.id, policyId: policy.id, esignetStatus: row.esignet_status };
    if (!operations) {
      await createLocally(row, event, audit, actor);
      return 'done';
    }
    return createThroughEsignet(operations, row, esignetCreateBody(api, row, body, d.key, d.settings), event, audit, actor, contextVersion);
  }

  /** A create's settings, checked against eSignet's schema and what the configured eSignet takes. */
  function draftSettings(body: CreateBody): DraftSettings {
    const config = checkAdditionalConfig(body.additionalConfig);
    const encKey = encKeyText(body.encPublicKey);
    checkEsignetCanTake(settings.esignetApi, { config, encKey: encKey !== null });
    return { config, encKeyText: encKey };
  }

  async function create(api: Api, body: CreateBody, actor: Actor): Promise<ClientResponse> {
    checkCreateShape(body);
    requireFeature();
    const jwk = parseJwk(body.publicKey);
    checkUsableByEsignet(jwk);
    // MOSIP's shape (no settings) skips all of this: the create's hot path stays as it was.
    const settings = body.additionalConfig != null || body.encPublicKey != null ? draftSettings(body) : undefined;
    const clientId = clientIdOf(jwk);
    const key = storedKey(jwk);
    const keyText = JSON.stringify(key);
    if (keyText.length > 1024) throw PmsError.of('PMS_OIDC_003', keyText.length);
    const ids = { clientId, userId: actor.userId, partnerId: body.authPartnerId, policyId: body.policyId };
    const memoKey = `${ids.userId}\u0000${ids.partnerId}\u0000${ids.policyId}`;
    const remembered = operations ? await rememberedDecision(memoKey, body, actor, settings) : undefined;
    const draft = { api, body, actor, clientId, keyText, key, settings };
    if (remembered && (await persist(draft, remembered.decision, remembered.version)) === 'done') {
      return { clientId, status: 'ACTIVE', esignetStatus: 'REGISTERED' };
    }
    const ctx = await createContext(store, ids);
    contexts.set(memoKey, { ...ctx, clientExists: false });
    const decision = await decide(ctx, body, actor, settings);
    await persist(draft, decision, undefined);
    return { clientId, status: 'ACTIVE', esignetStatus: operations ? 'REGISTERED' : 'NOT_REGISTERED' };
  }

  async function ownClient(q: Queryable, actor: Actor, c: ClientRow, notMine: 'PMS_POLICY_ERROR_010'): Promise<void> {
    if (isAdmin(actor)) return;
    const mine = await partnersOwnedBy(q, actor.userId);
    if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
    if (!mine.some((p) => p.id === c.rp_id)) throw PmsError.of(notMine);
  }

  async function loadClient(clientId: string): Promise<ClientRow> {
    const c = CLIENT_ID.test(clientId) ? await findClient(store, clientId) : undefined;
    if (!c) throw PmsError.of('PMS_ESI_004');
    return c;
  }

  /** An update's settings: checked when sent, undefined (kept) when absent. */
  function updateSettings(body: UpdateBody): UpdateSettings {
    const out: UpdateSettings = {};
    if ('additionalConfig' in body) out.config = checkAdditionalConfig(body.additionalConfig);
    if ('encPublicKey' in body) out.encKeyText = encKeyText(body.encPublicKey);
    return out;
  }

  /** Cross-field rules and eSignet's capability, on the client as the update would leave it. */
  function checkUpdatedSettings(c: ClientRow, body: UpdateBody, s: UpdateSettings, sameStatus: boolean): void {
    if (!sameStatus || (s.config === undefined && s.encKeyText === undefined)) return;
    const config = s.config === undefined ? (c.additional_config as AdditionalConfig | null) : s.config;
    const encKey = s.encKeyText === undefined ? c.enc_public_key : s.encKeyText;
    checkCrossFields({
      additionalConfig: config,
      encPublicKey: parseStoredKey(encKey),
      publicKey: parseStoredKey(c.public_key) ?? undefined,
      grantTypes: body.grantTypes,
      redirectUris: body.redirectUris,
      acrValues: c.acr_values,
    });
    checkEsignetCanTake(settings.esignetApi, {
      config: sameJson(config, c.additional_config) ? null : (config ?? {}),
      encKey: encKey !== null && encKey !== c.enc_public_key,
    });
  }

  async function patch(clientId: string, body: PatchBody, actor: Actor): Promise<ClientResponse> {
    if (Object.keys(body).length === 0) throw PmsError.of('PMS_OIDC_009');
    requireFeature();
    const c = await loadClient(clientId);
    const merged = mergePatch(c, body);
    return update(merged.clientNameLangMap ? 'v2' : 'v1', clientId, merged, actor, (current) => mergePatch(current, body));
  }

  async function update(
    api: Api,
    clientId: string,
    body: UpdateBody,
    actor: Actor,
    rebase?: (current: ClientRow) => UpdateBody,
  ): Promise<ClientResponse> {
    checkLogo(body.logoUri);
    checkLangMapShape(body.clientNameLangMap);
    requireFeature();
    const settingsIn = updateSettings(body);
    const c = await loadClient(clientId);
    if (c.status.toUpperCase() === 'INACTIVE') throw PmsError.of('PMS_ESI_008');
    const partner = await findPartnerInfo(store, c.rp_id);
    if (!partner) throw PmsError.of('PMS_PRT_058', c.rp_id);
    await ownClient(store, actor, c, 'PMS_POLICY_ERROR_010');
    const sameStatus = body.status.toUpperCase() === c.status;
    if (!partner.is_active && (!isAdmin(actor) || sameStatus)) throw PmsError.of('PMS_PMP_016');
    const sent = sentFields(api, body, sameStatus);
    if (sent) checkEsignetRules(sent, supported);
    checkUpdatedSettings(c, body, settingsIn, sameStatus);
    const viaEsignet = operations && c.esignet_status === 'REGISTERED' ? operations : undefined;
    const req: UpdateRequest = { api, body, settings: settingsIn, rebase };
    const status = viaEsignet ? await updateThroughEsignet(viaEsignet, c.id, req, actor) : await updateLocally(c.id, req, actor);
    return { clientId: c.id, status, esignetStatus: c.esignet_status };
  }

  /** Re-reads the client under lock: a change committed meanwhile is the base of this one. */
  async function lockedActive(q: Queryable, clientId: string): Promise<ClientRow> {
    const current = await findClient(q, clientId, true);
    if (!current) throw PmsError.of('PMS_ESI_004');
    if (current.status === 'INACTIVE') throw PmsError.of('PMS_ESI_008');
    return current;
  }

  async function updateLocally(clientId: string, req: UpdateRequest, actor: Actor): Promise<ClientStatus> {
    const { api } = req;
    return store.tx(async (q) => {
      const current = await lockedActive(q, clientId);
      const changes = changesOf(api, current, req.rebase ? req.rebase(current) : req.body, req.settings);
      await updateClient(q, clientId, changes, actor.userId);
      await enqueueEvent(q, 'OIDC_CLIENT_UPDATED', OIDC_PUBLISHER, { clientData: clientData({ ...current, ...changes }) });
      await recordAudit(q, actor, {
        action: 'oidc-client.update',
        entityType: 'oidc_client',
        entityId: clientId,
        detail: { api, status: changes.status },
      });
      return changes.status;
    });
  }

  async function updateThroughEsignet(ops: Operations, clientId: string, req: UpdateRequest, actor: Actor): Promise<ClientStatus> {
    const { api } = req;
    const owner = ops.newOwner();
    const claimed = await store.tx(async (q) => {
      const current = await lockedActive(q, clientId);
      const body = req.rebase ? req.rebase(current) : req.body;
      const changes = changesOf(api, current, body, req.settings);
      const next = { ...current, ...changes };
      // Settings changed: eSignet's v3 API carries them (v1/v2 leave eSignet's settings as they
      // are, so an update that keeps them stays on the API MOSIP uses).
      const v3 = !sameJson(next.additional_config, current.additional_config) || next.enc_public_key !== current.enc_public_key;
      // MOSIP sends the language map exactly as received on a v2 update. A v1 update of a
      // client with language names keeps them in eSignet too (eSignet's v1 PUT would drop them).
      // Our PATCH goes to eSignet as its PATCH when the eSignet has one (PMS_ESIGNET_CLIENT_API
      // =patch): only what changes is sent. Its undo is the reverse PATCH, or a v3 PUT when PATCH
      // cannot clear what the edit added. MOSIP's PUTs keep MOSIP's full v1/v2 calls.
      const patchCall = req.rebase && settings.esignetApi === 'patch' ? esignetPatchBody(current, next) : undefined;
      const call = patchCall ?? esignetUpdateBody(next, v3);
      if (!patchCall && api === 'v2') call.body.clientNameLangMap = body.clientNameLangMap;
      if (!patchCall && api === 'v2' && !v3) call.api = 'v2';
      const commit = { changes, event: { clientData: clientData(next) }, audit: { api, status: changes.status } };
      const undo = (patchCall && esignetPatchBody(next, current)) ?? esignetUpdateBody(current, v3 || patchCall !== undefined);
      const got = await claimOp(q, {
        clientId,
        kind: 'update',
        request: call,
        undo,
        commit,
        owner,
        leaseMs: ops.leaseMs,
        actor: actor.userId,
      });
      return got ? { ...got, op: opRow(clientId, 'update', call, undo, commit, actor), status: changes.status } : undefined;
    });
    if (!claimed) throw PmsError.of('PMS_OIDC_005');
    answer(await ops.apply(claimed.op, owner, claimed.sentBefore, actor), 'update');
    return claimed.status;
  }

  async function get(clientId: string, actor: Actor): Promise<ClientDetail> {
    requireFeature();
    // The client, its policy's name and the caller's partners in one round trip.
    const c = CLIENT_ID.test(clientId) ? await findClientDetail(store, clientId, isAdmin(actor) ? undefined : actor.userId) : undefined;
    if (!c) throw PmsError.of('PMS_ESI_004');
    if (!isAdmin(actor)) {
      if (c.owned.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
      if (!c.owned.includes(c.rp_id)) throw PmsError.of('PMS_POLICY_ERROR_011');
    }
    const stored = splitStoredName(c.name);
    return {
      id: c.id,
      name: c.name,
      policyId: c.policy_id,
      policyName: c.policy_name ?? '',
      relyingPartyId: c.rp_id,
      logoUri: c.logo_uri,
      redirectUris: c.redirect_uris,
      publicKey: c.public_key,
      claims: c.claims,
      acrValues: c.acr_values,
      status: c.status,
      grantTypes: c.grant_types,
      clientAuthMethods: c.auth_methods,
      esignetStatus: c.esignet_status,
      clientName: stored.name,
      clientNameLangMap: stored.langMap ?? null,
      additionalConfig: c.additional_config,
      encPublicKey: parseStoredKey(c.enc_public_key),
    };
  }

  /** Non-admins see their partners' clients; each of their partners must have a named group (spec 7 step 4). */
  async function partnerScope(actor: Actor): Promise<string[] | undefined> {
    if (isAdmin(actor)) return undefined;
    const mine = await partnersOwnedBy(store, actor.userId);
    if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
    for (const p of mine) {
      if (!p.id) throw PmsError.of('PMS_CERTIFICATE_ERROR_003');
      if (!p.policy_group_id) throw PmsError.of('PMS_POLICY_ERROR_005');
      if (!p.group_name) throw PmsError.of('PMS_POLICY_ERROR_001');
    }
    return mine.map((p) => p.id);
  }

  async function list(query: ClientListQueryT, plan: ListPlan, actor: Actor): Promise<PageResponseV2<ClientSummary>> {
    const scope = await partnerScope(actor);
    try {
      return await runList<ClientListRow, ClientSummary>(store, clientList, plan, {
        select: clientListSelect,
        where: [scope ? sql`c.rp_id = any(${scope}::text[])` : undefined, ...listFilters(query)],
        map: (r) => ({
          partnerId: r.rp_id,
          orgName: r.org_name,
          policyGroupId: r.group_id,
          policyGroupName: r.group_name,
          policyGroupDescription: r.group_descr,
          policyName: r.policy_name,
          policyDescription: r.policy_descr,
          clientId: r.id,
          clientName: r.name,
          status: r.status,
          updatedDateTime: toIso(r.upd_dtimes),
          createdDateTime: toIso(r.cr_dtimes),
          esignetStatus: r.esignet_status,
          policyId: r.policy_id,
          grantTypes: r.grant_types,
          clientAuthMethods: r.auth_methods,
          redirectUris: r.redirect_uris,
          additionalConfig: r.additional_config,
        }),
      });
    } catch (err) {
      if (err instanceof PmsError) throw err;
      throw PmsError.of('PMS_POLICY_ERROR_006');
    }
  }

  return { requireFeature, create, update: (api, id, body, actor) => update(api, id, body, actor), patch, get, list };
}

/** The host of a URI: after "scheme://" and any user part, up to the first / ? # or :port (IPv6 in brackets). */
const REDIRECT_HOST = String.raw`^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)`;

/** An effective boolean setting: an absent key is false, as eSignet reads it. */
function settingFilter(key: string, value: 'true' | 'false' | undefined): Sql | undefined {
  if (value === undefined) return undefined;
  const effective = sql`coalesce((c.additional_config ->> ${key}::text)::boolean, false)`;
  return value === 'true' ? effective : sql`not ${effective}`;
}

/** The list's filters: MOSIP's (contains, status) and ours for finding misconfigured clients. */
function listFilters(query: ClientListQueryT): (Sql | undefined)[] {
  const host = query.redirectHost?.trim().toLowerCase();
  return [
    containsFilter(sql`c.rp_id`, query.partnerId),
    containsFilter(sql`p.name`, query.orgName),
    containsFilter(sql`g.name`, query.policyGroupName),
    containsFilter(sql`ap.name`, query.policyName),
    containsFilter(sql`c.name`, query.clientName),
    exactFilter(sql`c.status`, query.status),
    exactFilter(sql`c.policy_id`, query.policyId),
    query.authMethod ? sql`${query.authMethod}::text = any(c.auth_methods)` : undefined,
    query.grantType ? sql`${query.grantType}::text = any(c.grant_types)` : undefined,
    // The host of each redirect URI: after "scheme://", up to the first / ? # or :port.
    host
      ? sql`exists (select 1 from unnest(c.redirect_uris) u where lower(substring(u from ${REDIRECT_HOST}::text)) = ${host}::text)`
      : undefined,
    settingFilter('require_pushed_authorization_requests', query.par),
    settingFilter('dpop_bound_access_tokens', query.dpop),
    settingFilter('require_pkce', query.pkce),
    query.userinfoResponseType
      ? sql`coalesce(c.additional_config ->> 'userinfo_response_type', 'JWS') = ${query.userinfoResponseType}::text`
      : undefined,
    query.createdFrom ? sql`c.cr_dtimes >= ${query.createdFrom}::timestamptz` : undefined,
    query.createdTo ? sql`c.cr_dtimes < ${query.createdTo}::timestamptz` : undefined,
  ];
}

/** An update as requested; `rebase` re-applies a PATCH to the row read under lock. */
interface UpdateRequest {
  api: Api;
  body: UpdateBody;
  settings: UpdateSettings;
  rebase?: (current: ClientRow) => UpdateBody;
}

/** The operation as the request recorded it (sent/attempts are the request's own view). */
function opRow(
  clientId: string,
  kind: 'create' | 'update',
  call: EsignetCall,
  undo: EsignetCall | null,
  commit: OpRow['commit_data'],
  actor: Actor,
): OpRow {
  return {
    client_id: clientId,
    kind,
    state: 'PENDING',
    esignet_request: call,
    undo_request: undo,
    commit_data: commit,
    sent: 0,
    attempts: 0,
    owner: null,
    lease_until: '',
    actor: actor.userId,
  };
}
