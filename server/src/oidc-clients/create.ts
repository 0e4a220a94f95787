import { multiLanguageName } from '@pms/rules/oidc';
import { recordAudit, type Actor } from '../platform/audit.js';
import { isAdmin } from '../platform/auth/access.js';
import { createBatcher } from '../platform/db/batcher.js';
import { recordWrites, withWrites } from '../platform/db/one-statement.js';
import { sql } from '../platform/db/sql.js';
import { isUniqueViolation } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { enqueueEvent } from '../platform/outbox/events.js';
import type { EventPayloads } from '../platform/outbox/topics.js';
import type { ClientResponse } from './answers.js';
import { checkAdditionalConfig, checkCrossFields, checkEsignetCanTake, encKeyText, parseStoredKey } from './client-settings.js';
import { OIDC_PUBLISHER, type Operations } from './consistency.js';
import { deriveAcrs, deriveClaims } from './derivation.js';
import type { Api } from './esignet-client.js';
import { answer, esignetCreateBody, opRow, type CheckedSettings } from './esignet-calls.js';
import { clientData, parsedPolicy, policyData } from './event-data.js';
import { checkUsableByEsignet, clientIdOf, parseJwk, storedKey } from './keys.js';
import {
  claimOps,
  createContext,
  findClient,
  insertClient,
  type CreateContext,
  type EsignetCall,
  type NewClient,
  type PartnerInfo,
  type PolicyInfo,
} from './repository.js';
import { checkCreateShape } from './request-checks.js';
import { checkEsignetRules } from './rules.js';
import type { CreateBody } from './schemas.js';
import type { ServiceDeps } from './service.js';

/** A create's request, its key and the caller, after the checks that read nothing. */
interface Draft {
  api: Api;
  body: CreateBody;
  actor: Actor;
  clientId: string;
  keyText: string;
  key: Record<string, unknown>;
  /** Settings checked against eSignet's schema; undefined on MOSIP's shape (the hot path). */
  settings?: CheckedSettings;
}

/** What the create's checks settled: who the client is for and what it may ask. */
interface Decision {
  partner: PartnerInfo;
  policy: PolicyInfo;
  claims: string[];
  acrs: string[];
  certificateData: string;
}

/** What one step of the decision reads, and what the steps before it settled. */
interface StepInput {
  ctx: CreateContext;
  draft: Draft;
  settled: Partial<Decision>;
  derive(policy: PolicyInfo): Promise<{ claims: string[]; acrs: string[] }>;
  supported: { grantTypes: string[]; clientAuthMethods: string[] };
}

/** A step refuses with MOSIP's error, or settles part of the decision. */
interface CreateStep {
  /** What the step makes sure of, as docs/oidc-clients.md "Create, in MOSIP's order" says it. */
  check: string;
  run(input: StepInput): Partial<Decision> | void | Promise<Partial<Decision> | void>;
}

/** A step that needs what an earlier one settled; a missing value is a mistake in the order below. */
function settledBefore<K extends keyof Decision>(settled: Partial<Decision>, key: K): Decision[K] {
  const value = settled[key];
  if (value === undefined) throw new Error(`create step order: ${key} is read before it is settled`);
  return value;
}

/**
 * The create's checks on what the store holds, in MOSIP's order (docs/oidc-clients.md "Create,
 * in MOSIP's order", steps 3–8, then ours). The first failing step answers, so the order is
 * the contract: a caller sees the error MOSIP would show first.
 */
export const CREATE_STEPS: readonly CreateStep[] = [
  {
    check: 'no client holds this key yet, in any status (PMS_ESI_001)',
    run: ({ ctx }) => {
      if (ctx.clientExists) throw PmsError.of('PMS_ESI_001');
    },
  },
  {
    check: 'a caller who is not an admin owns a partner and this one',
    run: ({ ctx, draft }) => {
      if (isAdmin(draft.actor)) return;
      if (ctx.owned.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
      if (!ctx.owned.includes(draft.body.authPartnerId)) throw PmsError.of('PMS_POLICY_ERROR_009');
    },
  },
  {
    check: 'the partner exists, is an Auth partner and is active',
    run: ({ ctx, draft }) => {
      const partner = ctx.partner;
      if (!partner) throw PmsError.of('PMS_PRT_058', draft.body.authPartnerId);
      if (partner.partner_type_code.toLowerCase() !== 'auth_partner') throw PmsError.of('PMS_PRT_059', partner.partner_type_code);
      if (!partner.is_active) throw PmsError.of('PMS_PMP_016');
      return { partner };
    },
  },
  {
    check: 'the policy exists and is an Auth policy',
    run: ({ ctx }) => {
      const policy = ctx.policy;
      if (!policy) throw PmsError.of('PMS_PRT_073');
      if (policy.policy_type !== 'Auth') throw PmsError.of('PMS_PRT_057');
      return { policy };
    },
  },
  {
    // MOSIP looks the approved request up by the partner's `user_id` (a quirk that only works
    // when user and partner ids coincide); here both lookups use the partner id.
    check: 'the partner requested the policy and the request is approved',
    run: ({ ctx }) => {
      if (!ctx.mapping.any) throw PmsError.of('PMS_PRT_061');
      if (!ctx.mapping.approved) throw PmsError.of('PMS_ESI_002');
    },
  },
  {
    check: 'claims and ACR values derive from the policy',
    run: ({ settled, derive }) => derive(settledBefore(settled, 'policy')),
  },
  {
    // eSignet's own refusals come before the certificate: MOSIP calls eSignet before it fetches
    // the certificate for the event. Here eSignet's rules are checked first, without a call.
    check: "eSignet's own rules on name, redirect URIs, grant types and auth methods",
    run: ({ draft: { body }, supported }) =>
      checkEsignetRules(
        {
          clientName: body.name,
          redirectUris: body.redirectUris,
          grantTypes: body.grantTypes,
          clientAuthMethods: body.clientAuthMethods,
          clientNameLangMap: body.clientNameLangMap,
        },
        supported,
      ),
  },
  {
    check: "the client's settings agree with its key, grants, redirect URIs and ACRs (ours)",
    run: ({ draft: { body, settings }, settled }) => {
      if (!settings) return;
      checkCrossFields({
        additionalConfig: settings.config,
        encPublicKey: parseStoredKey(settings.encKeyText),
        publicKey: body.publicKey,
        grantTypes: body.grantTypes,
        redirectUris: body.redirectUris,
        acrValues: settledBefore(settled, 'acrs'),
      });
    },
  },
  {
    // OIDC_CLIENT_CREATED carries the partner's (re-signed) certificate to IDA; a partner
    // without one is refused before eSignet is called, so eSignet never holds a client PMS
    // could not announce.
    check: 'the partner has a certificate',
    run: ({ ctx }) => {
      if (ctx.signedCert === undefined) throw PmsError.variant('certificateNotUploaded');
      return { certificateData: ctx.signedCert };
    },
  },
];

async function decide(input: Omit<StepInput, 'settled'>): Promise<Decision> {
  const settled: Partial<Decision> = {};
  const step = { ...input, settled };
  for (const s of CREATE_STEPS) Object.assign(settled, await s.run(step));
  return {
    partner: settledBefore(settled, 'partner'),
    policy: settledBefore(settled, 'policy'),
    claims: settledBefore(settled, 'claims'),
    acrs: settledBefore(settled, 'acrs'),
    certificateData: settledBefore(settled, 'certificateData'),
  };
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

/** The row, its event and its audit detail, from a decided create. */
function clientToStore(d: Draft, decision: Decision, registered: boolean) {
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
    esignet_status: registered ? 'REGISTERED' : 'NOT_REGISTERED',
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
  return { row, event, audit };
}

type StoredClient = ReturnType<typeof clientToStore>;

/** The create: checks that read nothing, the decision on what the store holds, then one consistent write. */
export function createClientCreation(deps: ServiceDeps, requireFeature: () => void) {
  const { store, settings, sources, operations } = deps;
  const supported = { grantTypes: settings.grantTypes, clientAuthMethods: settings.clientAuthMethods };
  const contexts = createContextMemo();
  /** Concurrent creates record their intents in one statement. */
  const claimCreate = createBatcher((items: Parameters<typeof claimOps>[1]) => claimOps(store, items));

  async function derive(policy: PolicyInfo): Promise<{ claims: string[]; acrs: string[] }> {
    const { rules } = parsedPolicy(policy);
    const [claimMapping, claimsSupported] = [await sources.claimMapping(), await sources.claimsSupported()];
    const claims = deriveClaims(rules.kycAttributes, claimsSupported, claimMapping);
    const acrs = deriveAcrs(rules.authTypes, await sources.amrAcrMapping());
    return { claims, acrs };
  }

  /** A create's settings, checked against eSignet's schema and what the configured eSignet takes. */
  function checkedSettings(body: CreateBody): CheckedSettings {
    const config = checkAdditionalConfig(body.additionalConfig);
    const encKey = encKeyText(body.encPublicKey);
    checkEsignetCanTake(settings.esignetApi, { config, encKey: encKey !== null });
    return { config, encKeyText: encKey };
  }

  /** Docs steps 1–2 and ours: everything decided from the request alone. */
  function draftOf(api: Api, body: CreateBody, actor: Actor): Draft {
    checkCreateShape(body);
    requireFeature();
    const jwk = parseJwk(body.publicKey);
    checkUsableByEsignet(jwk);
    // MOSIP's shape (no settings) skips all of this: the create's hot path stays as it was.
    const checked = body.additionalConfig != null || body.encPublicKey != null ? checkedSettings(body) : undefined;
    const clientId = clientIdOf(jwk);
    const key = storedKey(jwk);
    const keyText = JSON.stringify(key);
    if (keyText.length > 1024) throw PmsError.of('PMS_OIDC_003', keyText.length);
    return { api, body, actor, clientId, keyText, key, settings: checked };
  }

  /**
   * A remembered context that passes every check: the claim then confirms nothing it was read
   * from has changed. Any failing check is decided again on a fresh read, so the answer and
   * its order are exactly those of a fresh create.
   */
  async function rememberedDecision(key: string, draft: Draft): Promise<{ decision: Decision; version: string } | undefined> {
    const ctx = contexts.get(key);
    if (!ctx) return undefined;
    try {
      return { decision: await decide({ ctx, draft, derive, supported }), version: ctx.version };
    } catch {
      return undefined;
    }
  }

  /** Without eSignet: the client is PMS's alone, written with its event in one statement. */
  async function createLocally({ row, event, audit }: StoredClient, actor: Actor): Promise<void> {
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
    stored: StoredClient,
    call: EsignetCall,
    actor: Actor,
    contextVersion: string | undefined,
  ): Promise<'done' | 'context changed'> {
    const { row, event, audit } = stored;
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

  /** Writes the decided client: through eSignet (one consistent write) or, without one, locally. */
  async function persist(d: Draft, decision: Decision, contextVersion: string | undefined): Promise<'done' | 'context changed'> {
    const stored = clientToStore(d, decision, operations !== undefined);
    if (!operations) {
      await createLocally(stored, d.actor);
      return 'done';
    }
    const call = esignetCreateBody(d.api, stored.row, d.body, d.key, d.settings);
    return createThroughEsignet(operations, stored, call, d.actor, contextVersion);
  }

  return async function create(api: Api, body: CreateBody, actor: Actor): Promise<ClientResponse> {
    const draft = draftOf(api, body, actor);
    const ids = { clientId: draft.clientId, userId: actor.userId, partnerId: body.authPartnerId, policyId: body.policyId };
    const memoKey = `${ids.userId}\u0000${ids.partnerId}\u0000${ids.policyId}`;
    const remembered = operations ? await rememberedDecision(memoKey, draft) : undefined;
    if (remembered && (await persist(draft, remembered.decision, remembered.version)) === 'done') {
      return { clientId: draft.clientId, status: 'ACTIVE', esignetStatus: 'REGISTERED' };
    }
    const ctx = await createContext(store, ids);
    contexts.set(memoKey, { ...ctx, clientExists: false });
    const decision = await decide({ ctx, draft, derive, supported });
    await persist(draft, decision, undefined);
    return { clientId: draft.clientId, status: 'ACTIVE', esignetStatus: operations ? 'REGISTERED' : 'NOT_REGISTERED' };
  };
}
