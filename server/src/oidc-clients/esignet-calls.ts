import { splitStoredName, type AdditionalConfig } from '@pms/rules/oidc';
import type { Actor } from '../platform/audit.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { parseStoredKey, sameJson } from './client-settings.js';
import type { ApplyResult } from './consistency.js';
import type { Api } from './esignet-client.js';
import type { ClientRow, EsignetCall, NewClient, OpRow } from './repository.js';
import type { CreateBody } from './schemas.js';

/** A client's settings as checked: eSignet's schema passed, the encryption key stored as text. */
export interface CheckedSettings {
  config: AdditionalConfig | null;
  encKeyText: string | null;
}

export function esignetCreateBody(
  api: Api,
  row: NewClient,
  body: CreateBody,
  key: Record<string, unknown>,
  settings?: CheckedSettings,
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
export function esignetUpdateBody(
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
 * update's PMS_PRT_500 wording (docs/oidc-clients.md). eSignet's business errors are relayed
 * (their codes are eSignet's, which the catalogue cannot list in advance).
 */
export function answer(result: ApplyResult, kind: 'create' | 'update'): void {
  if (result.kind === 'committed') return;
  const unreachable = result.kind === 'unknown' || result.code === 'PMS_KKS_001';
  if (result.kind === 'refused' && !unreachable) throw PmsError.relayed(result.code, result.message);
  if (kind === 'update' && unreachable) {
    throw PmsError.variant('keyManagerUnreachable');
  }
  throw PmsError.of(result.kind === 'unknown' ? result.code : 'PMS_KKS_001');
}

/** The operation as the request recorded it (sent/attempts are the request's own view). */
export function opRow(
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
