import { multiLanguageName, splitStoredName, type AdditionalConfig } from '@pms/rules/oidc';
import { recordAudit, type Actor } from '../platform/audit.js';
import { isAdmin } from '../platform/auth/access.js';
import type { Queryable } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { enqueueEvent } from '../platform/outbox/events.js';
import type { ClientResponse } from './answers.js';
import { checkAdditionalConfig, checkCrossFields, checkEsignetCanTake, encKeyText, parseStoredKey, sameJson } from './client-settings.js';
import { OIDC_PUBLISHER, type Operations } from './consistency.js';
import type { Api } from './esignet-client.js';
import { answer, esignetPatchBody, esignetUpdateBody, opRow } from './esignet-calls.js';
import { clientData } from './event-data.js';
import {
  claimOp,
  findClient,
  findPartnerInfo,
  partnersOwnedBy,
  updateClient,
  type ClientChanges,
  type ClientRow,
  type ClientStatus,
} from './repository.js';
import { CLIENT_ID, checkLangMapShape, checkLogo } from './request-checks.js';
import { checkEsignetRules, type EsignetFields } from './rules.js';
import type { PatchBody, UpdateBody } from './schemas.js';
import type { ServiceDeps } from './service.js';

/** An update's settings as checked: undefined keeps what is stored (a caller that omits them, e.g. MOSIP's). */
interface UpdateSettings {
  config?: AdditionalConfig | null;
  encKeyText?: string | null;
}

/** An update as requested; `rebase` re-applies a PATCH to the row read under lock. */
interface UpdateRequest {
  api: Api;
  body: UpdateBody;
  settings: UpdateSettings;
  rebase?: (current: ClientRow) => UpdateBody;
}

/** A status change takes only the status (and a v2 name); otherwise the details change (docs/oidc-clients.md "Update"). */
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
 * only the status from the request, and on v2 the name: values it drops cannot refuse it (a
 * deactivation must not fail over a grant type it ignores), so only those sent are checked; a
 * v1 status change sends none.
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

/** An update's settings: checked when sent, undefined (kept) when absent. */
function updateSettings(body: UpdateBody): UpdateSettings {
  const out: UpdateSettings = {};
  if ('additionalConfig' in body) out.config = checkAdditionalConfig(body.additionalConfig);
  if ('encPublicKey' in body) out.encKeyText = encKeyText(body.encPublicKey);
  return out;
}

/** Re-reads the client under lock: a change committed meanwhile is the base of this one. */
async function lockedActive(q: Queryable, clientId: string): Promise<ClientRow> {
  const current = await findClient(q, clientId, true);
  if (!current) throw PmsError.of('PMS_ESI_004');
  if (current.status === 'INACTIVE') throw PmsError.of('PMS_ESI_008');
  return current;
}

async function ownClient(q: Queryable, actor: Actor, c: ClientRow): Promise<void> {
  if (isAdmin(actor)) return;
  const mine = await partnersOwnedBy(q, actor.userId);
  if (mine.length === 0) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
  if (!mine.some((p) => p.id === c.rp_id)) throw PmsError.of('PMS_POLICY_ERROR_010');
}

/** Update (MOSIP's PUT, v1 and v2) and our PATCH, which is an update of the merged client. */
export function createClientUpdates(deps: ServiceDeps, requireFeature: () => void) {
  const { store, settings, operations } = deps;
  const supported = { grantTypes: settings.grantTypes, clientAuthMethods: settings.clientAuthMethods };

  async function loadClient(clientId: string): Promise<ClientRow> {
    const c = CLIENT_ID.test(clientId) ? await findClient(store, clientId) : undefined;
    if (!c) throw PmsError.of('PMS_ESI_004');
    return c;
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

  /** Docs "Update", in MOSIP's order; then eSignet (when the client is registered there), the row and its event. */
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
    await ownClient(store, actor, c);
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

  async function patch(clientId: string, body: PatchBody, actor: Actor): Promise<ClientResponse> {
    if (Object.keys(body).length === 0) throw PmsError.of('PMS_OIDC_009');
    requireFeature();
    const c = await loadClient(clientId);
    const merged = mergePatch(c, body);
    return update(merged.clientNameLangMap ? 'v2' : 'v1', clientId, merged, actor, (current) => mergePatch(current, body));
  }

  return { update: (api: Api, id: string, body: UpdateBody, actor: Actor) => update(api, id, body, actor), patch };
}
