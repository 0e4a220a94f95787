import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { recordAudit, type Actor } from '../platform/audit.js';
import { createBatcher } from '../platform/db/batcher.js';
import { recordWrites } from '../platform/db/one-statement.js';
import type { Sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import type { EsignetClient, EsignetOutcome } from './esignet-client.js';
import {
  insertClient,
  moveOp,
  releaseOp,
  releaseOpWith,
  releaseOpsWith,
  retryOpLater,
  updateClient,
  type CreateCommit,
  type EsignetCall,
  type OpRow,
  type UpdateCommit,
} from './repository.js';

/**
 * One consistent write across eSignet and PMS (docs/oidc-clients.md, "Consistency"). MOSIP calls eSignet, publishes
 * and inserts with no way back; here every change goes through an operation row:
 *
 *   1. record the operation (oidc_client_op, with a lease) — nothing visible changes yet;
 *   2. call eSignet; a create that eSignet already holds from an earlier attempt of ours
 *      ("duplicate_client_id" while `sent` says we sent it before) is completed by an update
 *      to exactly the recorded values, so a retry converges instead of failing;
 *   3. on success, one transaction removes the operation (only if this worker still holds it),
 *      writes the client and queues its OIDC_CLIENT_CREATED / _UPDATED event (outbox).
 *
 * A refusal leaves eSignet as it was: the operation is dropped, or — when an earlier attempt
 * may have reached eSignet — turned into UNDO. No answer at all (timeout, 5xx) turns it into
 * UNDO too: the caller was told it failed, so eSignet is brought back to what PMS holds
 * (an update re-sends the stored values; a create is deactivated). A crash anywhere leaves
 * the operation with its lease; when the lease ends the reconciler finishes a PENDING one
 * (steps 2–3 again) and undoes an UNDO one. Nothing is decided twice: every change to an
 * operation names the worker holding it.
 */

export const OIDC_PUBLISHER: Publisher = {
  name: 'PartnerManagementServiceImpl',
  namespace: 'io.mosip.pmp.partner.manager.service.impl.PartnerManagementServiceImpl',
};

/** Points where tests stop the process: a throw here leaves everything as a crash would. */
export interface CrashHooks {
  /** After the operation is recorded, before eSignet is called. */
  beforeEsignet?(clientId: string): void | Promise<void>;
  /** After eSignet accepted, before PMS commits. */
  afterEsignet?(clientId: string): void | Promise<void>;
}

export type ApplyResult =
  | { kind: 'committed' }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unknown'; code: Extract<EsignetOutcome, { kind: 'unknown' }>['code']; reason: string };

export interface Operations {
  /** Drives a PENDING operation held by `owner` to its end, or to UNDO. */
  apply(op: OpRow, owner: string, sentBefore: number, actor?: Actor): Promise<ApplyResult>;
  /** Brings eSignet back to what PMS holds for an UNDO operation held by `owner`. */
  undo(op: OpRow, owner: string): Promise<'done' | 'later'>;
  /** Time a worker may hold an operation: two eSignet calls plus a margin. */
  readonly leaseMs: number;
  newOwner(): string;
}

export interface OperationsOptions {
  store: Store;
  esignet: EsignetClient;
  timeoutMs: number;
  /** Margin on top of two eSignet timeouts before an operation counts as abandoned. */
  graceMs?: number;
  hooks?: CrashHooks;
  retryDelayMs?: (attempts: number) => number;
}

const instance = `${hostname().slice(0, 40)}:${process.pid}`;
/** Commits per statement at most: each batch size of each kind is one prepared text. */
const MAX_BATCH = 32;

/** The update body eSignet needs to hold the values of a create body, with `status`. */
export function updateBodyOf(create: Record<string, unknown>, status: 'ACTIVE' | 'INACTIVE'): Record<string, unknown> {
  const { clientId: _id, publicKey: _key, relyingPartyId: _rp, ...rest } = create;
  const body: Record<string, unknown> = {
    logoUri: rest.logoUri,
    redirectUris: rest.redirectUris,
    status,
    grantTypes: rest.grantTypes,
    clientName: rest.clientName,
    userClaims: rest.userClaims,
    authContextRefs: rest.authContextRefs,
    clientAuthMethods: rest.clientAuthMethods,
  };
  if ('clientNameLangMap' in rest) body.clientNameLangMap = rest.clientNameLangMap;
  // A v3 create's settings: the update that completes a retried create must hold them too.
  if ('additionalConfig' in rest) body.additionalConfig = rest.additionalConfig;
  if ('encPublicKey' in rest) body.encPublicKey = rest.encPublicKey;
  return body;
}

const describe = (o: EsignetOutcome): string =>
  o.kind === 'ok' ? 'ok' : o.kind === 'refused' ? `eSignet refused: ${o.code} ${o.message}` : `no answer from eSignet: ${o.reason}`;

export function createOperations(opts: OperationsOptions): Operations {
  const { store, esignet, hooks = {} } = opts;
  // Owners only need to be distinct (they fence writes, they guard no secret): a random part
  // per process and a counter, rather than fresh random bytes on every create.
  const ownerPrefix = `${instance}:${randomBytes(6).toString('hex')}`;
  let owners = 0;
  const leaseMs = 2 * opts.timeoutMs + (opts.graceMs ?? 5_000);
  const retryDelay = opts.retryDelayMs ?? ((n: number) => Math.min(1_000 * 2 ** n, 300_000));

  async function send(op: OpRow, call: EsignetCall, sentBefore: number): Promise<EsignetOutcome> {
    if (op.kind === 'update') return esignet.update(call.api, op.client_id, call.body);
    const first = await esignet.create(call.api, call.body);
    // Our own earlier attempt reached eSignet: make eSignet hold exactly this attempt's values.
    if (first.kind === 'refused' && first.code === 'duplicate_client_id' && sentBefore > 0) {
      return esignet.update(call.api, op.client_id, updateBodyOf(call.body, 'ACTIVE'));
    }
    return first;
  }

  /** Concurrent commits share a statement; a batch with a taken-over operation is retried one by one. */
  const release = createBatcher<{ clientId: string; owner: string; kind: OpRow['kind']; writes: Sql[] }, boolean>(async (items) => {
    const sameShape = items.every((it) => it.kind === items[0]!.kind);
    if (items.length === 1) return [await releaseOpWith(store, items[0]!.clientId, items[0]!.owner, items[0]!.writes, sameShape)];
    if (await releaseOpsWith(store, items, sameShape)) return items.map(() => true);
    throw new Error('an operation in the batch was taken over');
  }, MAX_BATCH);

  /** Step 3: the operation's removal, the client change, its event and audit — one statement. */
  async function commit(op: OpRow, owner: string, actor: Actor): Promise<void> {
    const writes = await recordWrites(async (q) => {
      if (op.kind === 'create') {
        const data = op.commit_data as CreateCommit;
        await insertClient(q, data.row);
        await enqueueEvent(q, 'OIDC_CLIENT_CREATED', OIDC_PUBLISHER, data.event);
        await recordAudit(q, actor, {
          action: 'oidc-client.create',
          entityType: 'oidc_client',
          entityId: op.client_id,
          detail: data.audit,
        });
      } else {
        const data = op.commit_data as UpdateCommit;
        await updateClient(q, op.client_id, data.changes, actor.userId);
        await enqueueEvent(q, 'OIDC_CLIENT_UPDATED', OIDC_PUBLISHER, data.event);
        await recordAudit(q, actor, {
          action: 'oidc-client.update',
          entityType: 'oidc_client',
          entityId: op.client_id,
          detail: data.audit,
        });
      }
    });
    if (!(await release({ clientId: op.client_id, owner, kind: op.kind, writes })))
      throw new Error(`operation on client ${op.client_id} was taken over`);
  }

  async function apply(op: OpRow, owner: string, sentBefore: number, actor?: Actor): Promise<ApplyResult> {
    await hooks.beforeEsignet?.(op.client_id);
    const outcome = await send(op, op.esignet_request, sentBefore);
    if (outcome.kind === 'ok') {
      await hooks.afterEsignet?.(op.client_id);
      await commit(op, owner, actor ?? { userId: op.actor, roles: [] });
      return { kind: 'committed' };
    }
    if (outcome.kind === 'refused') {
      // This call changed nothing; an earlier one of ours may have, and is undone.
      if (sentBefore === 0) await releaseOp(store, op.client_id, owner);
      else await moveOp(store, op.client_id, owner, 'UNDO', 0, describe(outcome));
      return { kind: 'refused', code: outcome.code, message: outcome.message };
    }
    // Unanswered: give a call still travelling time to land before undoing it.
    await moveOp(store, op.client_id, owner, 'UNDO', leaseMs, describe(outcome));
    return { kind: 'unknown', code: outcome.code, reason: outcome.reason };
  }

  async function undo(op: OpRow, owner: string): Promise<'done' | 'later'> {
    const call: EsignetCall =
      op.kind === 'create'
        ? { api: op.esignet_request.api, body: updateBodyOf(op.esignet_request.body, 'INACTIVE') }
        : (op.undo_request as EsignetCall);
    const outcome = await esignet.update(call.api, op.client_id, call.body);
    // A create that never reached eSignet is unknown there: nothing to undo.
    const settled = outcome.kind === 'ok' || (op.kind === 'create' && outcome.kind === 'refused' && outcome.code === 'invalid_client_id');
    if (!settled) {
      await retryOpLater(store, op.client_id, owner, retryDelay(op.attempts), describe(outcome));
      return 'later';
    }
    if (op.kind === 'create') await moveOp(store, op.client_id, owner, 'REVERTED', 0);
    else await releaseOp(store, op.client_id, owner);
    return 'done';
  }

  return {
    apply,
    undo,
    leaseMs,
    newOwner: () => `${ownerPrefix}:${(++owners).toString(36)}`,
  };
}
