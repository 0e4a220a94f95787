import { isFenceFailure, withWrites } from '../platform/db/one-statement.js';
import { sql, type Sql } from '../platform/db/sql.js';
import { changeCounter } from '../platform/db/versioned-memo.js';
import type { Queryable } from '../platform/db/store.js';
import { defineEntity } from '../platform/search/index.js';
import type { Api } from './esignet-client.js';

export type ClientStatus = 'ACTIVE' | 'INACTIVE';
export type EsignetStatus = 'REGISTERED' | 'NOT_REGISTERED';

export interface ClientRow {
  id: string;
  name: string;
  rp_id: string;
  policy_id: string;
  logo_uri: string;
  redirect_uris: string[];
  claims: string[];
  acr_values: string[];
  public_key: string;
  grant_types: string[];
  auth_methods: string[];
  status: ClientStatus;
  esignet_status: EsignetStatus;
  /** eSignet's per-client settings (v3 `additionalConfig`); null for MOSIP-shaped clients. */
  additional_config: Record<string, unknown> | null;
  /** The userinfo encryption JWK as JSON text, for JWE clients. */
  enc_public_key: string | null;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
}

/** The columns a create writes (the rest are defaults). */
export type NewClient = Omit<ClientRow, 'cr_dtimes' | 'upd_by' | 'upd_dtimes'>;
/** The columns an update may change. */
export type ClientChanges = Pick<
  ClientRow,
  'name' | 'logo_uri' | 'redirect_uris' | 'grant_types' | 'auth_methods' | 'status' | 'additional_config' | 'enc_public_key'
>;

export async function findClient(q: Queryable, id: string, lock = false): Promise<ClientRow | undefined> {
  return q.one<ClientRow>(sql`select * from oidc_client where id = ${id}${lock ? sql` for update` : sql.empty}`.prepared());
}

/** A client with its policy's name and, for `ownerUserId`, the ids of that user's partners. */
export async function findClientDetail(
  q: Queryable,
  id: string,
  ownerUserId?: string,
): Promise<(ClientRow & { policy_name: string | null; owned: string[] }) | undefined> {
  const owned =
    ownerUserId === undefined ? sql`'{}'::text[]` : sql`array(select id from partner where user_id = ${ownerUserId} order by id)`;
  return q.one(
    sql`
    select c.*, ap.name as policy_name, ${owned} as owned
    from oidc_client c left join auth_policy ap on ap.id = c.policy_id
    where c.id = ${id}`.prepared(),
  );
}

/** Commit data recorded before this column existed carries no settings: undefined is null. */
const jsonOrNull = (v: Record<string, unknown> | null | undefined) => (v === null || v === undefined ? null : JSON.stringify(v));

export async function insertClient(q: Queryable, c: NewClient): Promise<void> {
  await q.exec(sql`
    insert into oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key,
                             grant_types, auth_methods, status, esignet_status, additional_config, enc_public_key, cr_by)
    values (${c.id}, ${c.name}, ${c.rp_id}, ${c.policy_id}, ${c.logo_uri}, ${c.redirect_uris}::text[], ${c.claims}::text[],
            ${c.acr_values}::text[], ${c.public_key}, ${c.grant_types}::text[], ${c.auth_methods}::text[], ${c.status},
            ${c.esignet_status}, ${jsonOrNull(c.additional_config)}::jsonb, ${c.enc_public_key ?? null}, ${c.cr_by})`);
}

export async function updateClient(q: Queryable, id: string, c: ClientChanges, by: string): Promise<void> {
  await q.exec(sql`
    update oidc_client set name = ${c.name}, logo_uri = ${c.logo_uri}, redirect_uris = ${c.redirect_uris}::text[],
      grant_types = ${c.grant_types}::text[], auth_methods = ${c.auth_methods}::text[], status = ${c.status},
      additional_config = ${jsonOrNull(c.additional_config)}::jsonb, enc_public_key = ${c.enc_public_key ?? null},
      upd_by = ${by}, upd_dtimes = now()
    where id = ${id}`);
}

// ---- what create and update read from other areas' tables -----------------------------------

export interface PartnerInfo {
  id: string;
  name: string;
  user_id: string;
  partner_type_code: string;
  is_active: boolean;
  certificate_alias: string | null;
  policy_group_id: string | null;
}

export const findPartnerInfo = (q: Queryable, id: string) =>
  q.one<PartnerInfo>(
    sql`select id, name, user_id, partner_type_code, is_active, certificate_alias, policy_group_id from partner where id = ${id}`,
  );

export interface OwnedPartner {
  id: string;
  policy_group_id: string | null;
  group_name: string | null;
}

/** The caller's partners (any type, any status) with their policy group's name. */
export const partnersOwnedBy = (q: Queryable, userId: string) =>
  q.query<OwnedPartner>(sql`
    select p.id, p.policy_group_id, g.name as group_name
    from partner p left join policy_group g on g.id = p.policy_group_id
    where p.user_id = ${userId} order by p.id`);

export interface PolicyInfo {
  id: string;
  name: string;
  descr: string;
  policy_file_id: string;
  policy_type: string;
  is_active: boolean;
  valid_from_date: string;
  valid_to_date: string;
}

/** Everything the create checks read, in one statement (spec 4.1 steps 4–13). */
export interface CreateContext {
  clientExists: boolean;
  /** Ids of the caller's partners (any type, any status). */
  owned: string[];
  partner?: PartnerInfo;
  policy?: PolicyInfo;
  mapping: { any: boolean; approved: boolean };
  /** The partner's re-signed certificate, when its alias names an uploaded one. */
  signedCert?: string;
  /** Change counter of CONTEXT_TABLES in the same snapshot: the context holds while it is unchanged. */
  version: string;
}

/** The tables a create's context is read from, besides the client itself. */
export const CONTEXT_TABLES = ['partner', 'auth_policy', 'partner_policy_request', 'partner_cert_store'] as const;

interface CreateContextRow {
  client_exists: boolean;
  owned: string[];
  p_id: string | null;
  p_name: string;
  p_user_id: string;
  p_type: string;
  p_active: boolean;
  p_alias: string | null;
  p_group: string | null;
  ap_id: string | null;
  ap_name: string;
  ap_descr: string;
  ap_file: string;
  ap_type: string;
  ap_active: boolean;
  ap_from: string;
  ap_to: string;
  req_any: boolean;
  req_approved: boolean;
  signed_cert: string | null;
  version: string;
}

/**
 * One round trip instead of six: the create's checks then run on this in their own order.
 * The reads share one snapshot, which is at least as consistent as six separate ones.
 */
export async function createContext(
  q: Queryable,
  ids: { clientId: string; userId: string; partnerId: string; policyId: string },
): Promise<CreateContext> {
  const r = (await q.one<CreateContextRow>(
    sql`
    select exists (select 1 from oidc_client where id = ${ids.clientId}) as client_exists,
           array(select id from partner where user_id = ${ids.userId} order by id) as owned,
           p.id as p_id, p.name as p_name, p.user_id as p_user_id, p.partner_type_code as p_type, p.is_active as p_active,
           p.certificate_alias as p_alias, p.policy_group_id as p_group,
           ap.id as ap_id, ap.name as ap_name, ap.descr as ap_descr, ap.policy_file_id as ap_file, ap.policy_type as ap_type,
           ap.is_active as ap_active, ap.valid_from_date as ap_from, ap.valid_to_date as ap_to,
           exists (select 1 from partner_policy_request where part_id = ${ids.partnerId} and policy_id = ${ids.policyId}) as req_any,
           exists (select 1 from partner_policy_request
                   where part_id = ${ids.partnerId} and policy_id = ${ids.policyId} and status_code = 'approved') as req_approved,
           pc.signed_cert_data as signed_cert, ${changeCounter(CONTEXT_TABLES)} as version
    from (select 1) one
    left join partner p on p.id = ${ids.partnerId}
    left join auth_policy ap on ap.id = ${ids.policyId}
    left join partner_cert_store pc on pc.cert_id = p.certificate_alias`.prepared(),
  )) as CreateContextRow;
  return {
    clientExists: r.client_exists,
    owned: r.owned,
    partner:
      r.p_id === null
        ? undefined
        : {
            id: r.p_id,
            name: r.p_name,
            user_id: r.p_user_id,
            partner_type_code: r.p_type,
            is_active: r.p_active,
            certificate_alias: r.p_alias,
            policy_group_id: r.p_group,
          },
    policy:
      r.ap_id === null
        ? undefined
        : {
            id: r.ap_id,
            name: r.ap_name,
            descr: r.ap_descr,
            policy_file_id: r.ap_file,
            policy_type: r.ap_type,
            is_active: r.ap_active,
            valid_from_date: r.ap_from,
            valid_to_date: r.ap_to,
          },
    mapping: { any: r.req_any, approved: r.req_approved },
    signedCert: r.signed_cert ?? undefined,
    version: r.version,
  };
}

// ---- eSignet operations under way (oidc_client_op) ------------------------------------------

export type OpKind = 'create' | 'update';
export type OpState = 'PENDING' | 'UNDO' | 'REVERTED';

export interface EsignetCall {
  api: Api;
  body: Record<string, unknown>;
}

export interface CreateCommit {
  row: NewClient;
  event: Record<string, unknown>;
  audit: Record<string, unknown>;
}

export interface UpdateCommit {
  changes: ClientChanges;
  event: Record<string, unknown>;
  audit: Record<string, unknown>;
}

export interface OpRow {
  client_id: string;
  kind: OpKind;
  state: OpState;
  esignet_request: EsignetCall;
  undo_request: EsignetCall | null;
  commit_data: CreateCommit | UpdateCommit;
  sent: number;
  attempts: number;
  owner: string | null;
  lease_until: string;
  actor: string;
}

export interface NewOp {
  clientId: string;
  kind: OpKind;
  request: EsignetCall;
  undo?: EsignetCall;
  commit: CreateCommit | UpdateCommit;
  owner: string;
  leaseMs: number;
  actor: string;
}

export interface ClaimGuards {
  /** Claim only while no client with this id is stored. */
  unlessClientExists?: boolean;
  /** Claim only while CONTEXT_TABLES' change counter still has this value. */
  contextVersion?: string;
}

/**
 * Records an operation, or takes over one nobody is driving (its lease ended, or a reverted
 * create). Answers the operation with `sent` counting this attempt, and `sentBefore`, or
 * undefined when someone holds a live lease on this client, when an earlier create of this
 * client was for another relying party — or, with `unlessClientExists`,
 * when the client is already stored, or, with `contextVersion`, when what the create's
 * checks read has changed since (all checked by this one statement).
 */
export async function claimOp(q: Queryable, op: NewOp, guards: ClaimGuards = {}): Promise<{ sentBefore: number } | undefined> {
  const [claimed] = await claimOps(q, [{ ...op, ...guards }]);
  return claimed;
}

/**
 * claimOp for several operations on distinct clients in one statement (group commit), each
 * with its own guards; answers in the order given. Rows are written in client-id order so
 * two such statements on PostgreSQL never wait on each other in opposite orders.
 */
export async function claimOps(q: Queryable, ops: (NewOp & ClaimGuards)[]): Promise<({ sentBefore: number } | undefined)[]> {
  const items = ops.map((op) => ({
    client_id: op.clientId,
    kind: op.kind,
    request: op.request,
    undo: op.undo ?? null,
    commit: op.commit,
    owner: op.owner,
    lease_ms: op.leaseMs,
    actor: op.actor,
    unless_client_exists: op.unlessClientExists ?? false,
    context_version: op.contextVersion ?? null,
  }));
  const rows = await q.query<{ client_id: string; sent: number }>(
    sql`
    insert into oidc_client_op as o (client_id, kind, state, esignet_request, undo_request, commit_data, sent, owner, lease_until, actor)
    select x.client_id, x.kind, 'PENDING', x.request, x.undo, x.commit, 1, x.owner, now() + x.lease_ms * interval '1 millisecond', x.actor
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(client_id text, kind text, request jsonb, undo jsonb, commit jsonb, owner text,
                                                               lease_ms int, actor text, unless_client_exists boolean, context_version text)
    where (not x.unless_client_exists or not exists (select 1 from oidc_client c where c.id = x.client_id))
      and (x.context_version is null or x.context_version = ${changeCounter(CONTEXT_TABLES)})
    order by x.client_id
    on conflict (client_id) do update set
      kind = excluded.kind, state = 'PENDING', esignet_request = excluded.esignet_request, undo_request = excluded.undo_request,
      commit_data = excluded.commit_data, sent = o.sent + 1, attempts = 0, owner = excluded.owner,
      lease_until = excluded.lease_until, last_error = null, actor = excluded.actor, updated_at = now()
    where (o.state = 'REVERTED' or o.lease_until < now())
      -- eSignet may hold this client from the earlier attempt, and eSignet's update cannot move a
      -- client to another relying party: only the same partner's create takes the attempt over.
      and (excluded.kind <> 'create' or o.esignet_request->'body'->>'relyingPartyId' is not distinct from excluded.esignet_request->'body'->>'relyingPartyId')
    returning o.client_id, o.sent`.prepared(),
  );
  const sent = new Map(rows.map((r) => [r.client_id, r.sent]));
  return ops.map((op) => {
    const n = sent.get(op.clientId);
    return n === undefined ? undefined : { sentBefore: n - 1 };
  });
}

/** Removes the operation if `owner` still holds it (the commit's fence). */
export async function releaseOp(q: Queryable, clientId: string, owner: string): Promise<boolean> {
  return (await q.exec(sql`delete from oidc_client_op where client_id = ${clientId} and owner = ${owner}`)) === 1;
}

/**
 * Removes the operation held by `owner` and makes `writes` (recorded with recordWrites) in the
 * same single statement; nothing is written, and false is answered, when `owner` no longer
 * holds it (pms_fence aborts the whole statement).
 */
export async function releaseOpWith(q: Queryable, clientId: string, owner: string, writes: Sql[], sameShape = false): Promise<boolean> {
  return releaseOpsWith(q, [{ clientId, owner, writes }], sameShape);
}

/**
 * releaseOpWith for several operations in one statement (group commit): all are released and
 * written, or — when any one of them was taken over — none, and false is answered.
 * `sameShape`: every item makes the same writes (e.g. all creates), so the text depends only
 * on how many there are — a bounded set of texts, worth preparing.
 */
export async function releaseOpsWith(
  q: Queryable,
  items: { clientId: string; owner: string; writes: Sql[] }[],
  sameShape = false,
): Promise<boolean> {
  const released = items.map(
    (it, i) =>
      sql`${sql.raw(`released${i}`)} as (delete from oidc_client_op where client_id = ${it.clientId} and owner = ${it.owner} returning 1)`,
  );
  const all = sql.join(
    items.map((_, i) => sql.raw(`exists (select 1 from released${i})`)),
    ' and ',
  );
  try {
    const statement = withWrites(
      released,
      items.flatMap((it) => it.writes),
      sql`select pms_fence(${all}, 'operation taken over') as ok`,
    );
    await q.one(sameShape ? statement.prepared() : statement);
    return true;
  } catch (err) {
    if (isFenceFailure(err)) return false;
    throw err;
  }
}

/** Moves an operation held by `owner` to `state`, handing it to the reconciler after `delayMs`. */
export async function moveOp(
  q: Queryable,
  clientId: string,
  owner: string,
  state: OpState,
  delayMs: number,
  error?: string,
): Promise<void> {
  await q.exec(sql`
    update oidc_client_op set state = ${state}, owner = null, lease_until = now() + ${delayMs} * interval '1 millisecond',
      last_error = ${error?.slice(0, 1000) ?? null}, updated_at = now()
    where client_id = ${clientId} and owner = ${owner}`);
}

/** A reconciler attempt without a definite answer: try again later. */
export async function retryOpLater(q: Queryable, clientId: string, owner: string, delayMs: number, error: string): Promise<void> {
  await q.exec(sql`
    update oidc_client_op set owner = null, attempts = attempts + 1, lease_until = now() + ${delayMs} * interval '1 millisecond',
      last_error = ${error.slice(0, 1000)}, updated_at = now()
    where client_id = ${clientId} and owner = ${owner}`);
}

/** Claims up to `limit` operations whose lease has ended, for the reconciler. */
export async function claimDueOps(q: Queryable, owner: string, leaseMs: number, limit: number): Promise<OpRow[]> {
  return q.query<OpRow>(sql`
    update oidc_client_op set owner = ${owner}, lease_until = now() + ${leaseMs} * interval '1 millisecond',
      sent = sent + case when state = 'PENDING' then 1 else 0 end, updated_at = now()
    where client_id in (
      select client_id from oidc_client_op
      where state in ('PENDING', 'UNDO') and lease_until < now()
      order by lease_until limit ${limit} for update skip locked)
    returning *`);
}

export const findOp = (q: Queryable, clientId: string) => q.one<OpRow>(sql`select * from oidc_client_op where client_id = ${clientId}`);

// ---- the list (spec 7) ---------------------------------------------------------------------

/** `GET /oauth/client`: MOSIP's sort aliases over the client and its partner, group and policy. */
export const clientList = defineEntity({
  from: sql`oidc_client c
    left join partner p on p.id = c.rp_id
    left join policy_group g on g.id = p.policy_group_id
    left join auth_policy ap on ap.id = c.policy_id`,
  key: 'c.id',
  // Every join is a left join on a primary key: the unfiltered list has one row per client.
  countTable: 'oidc_client',
  fields: {
    partnerId: { column: 'c.rp_id', type: 'string' },
    orgName: { column: 'p.name', type: 'string' },
    policyGroupName: { column: 'g.name', type: 'string' },
    policyName: { column: 'ap.name', type: 'string' },
    clientId: { column: 'c.id', type: 'string' },
    clientName: { column: 'c.name', type: 'string' },
    status: { column: 'c.status', type: 'string' },
    createdDateTime: { column: 'c.cr_dtimes', type: 'timestamp' },
    updatedDateTime: { column: 'c.upd_dtimes', type: 'timestamp' },
  },
});

export interface ClientListRow {
  rp_id: string;
  org_name: string | null;
  group_id: string | null;
  group_name: string | null;
  group_descr: string | null;
  policy_name: string | null;
  policy_descr: string | null;
  id: string;
  name: string;
  status: string;
  esignet_status: string;
  upd_dtimes: string | null;
  cr_dtimes: string;
  policy_id: string;
  grant_types: string[];
  auth_methods: string[];
  redirect_uris: string[];
  additional_config: Record<string, unknown> | null;
}

export const clientListSelect = sql`c.rp_id, p.name as org_name, g.id as group_id, g.name as group_name, g.descr as group_descr,
  ap.name as policy_name, ap.descr as policy_descr, c.id, c.name, c.status, c.esignet_status, c.upd_dtimes, c.cr_dtimes,
  c.policy_id, c.grant_types, c.auth_methods, c.redirect_uris, c.additional_config`;
