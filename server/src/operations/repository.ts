import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import type { AuditEventView, OutboxEventView } from './schemas.js';

export interface PageRequest {
  pageNo: number;
  pageSize: number;
  order: 'asc' | 'desc';
}

/** MOSIP's timestamp text (UTC, milliseconds, `Z`), the same on both engines. */
const iso = (column: Sql) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const whereAll = (conditions: Sql[]) => (conditions.length ? sql`where ${sql.join(conditions, ' and ')}` : sql.empty);

const direction = (order: PageRequest['order']) => sql.raw(order === 'asc' ? 'asc' : 'desc');

async function countOf(q: Queryable, table: Sql, where: Sql): Promise<number> {
  const row = await q.one<{ n: number }>(sql`select count(*)::int as n from ${table} ${where}`);
  return row?.n ?? 0;
}

export interface OutboxFilter {
  status?: 'pending' | 'failing' | 'delivered';
  topic?: string;
}

function outboxConditions(f: OutboxFilter): Sql[] {
  const c: Sql[] = [];
  if (f.status === 'pending') c.push(sql`delivered_at is null`);
  if (f.status === 'failing') c.push(sql`delivered_at is null and attempts > 0`);
  if (f.status === 'delivered') c.push(sql`delivered_at is not null`);
  if (f.topic !== undefined) c.push(sql`topic = ${f.topic}`);
  return c;
}

export async function listOutbox(q: Queryable, f: OutboxFilter, page: PageRequest): Promise<{ total: number; rows: OutboxEventView[] }> {
  const where = whereAll(outboxConditions(f));
  const total = await countOf(q, sql`outbox_event`, where);
  const rows = await q.query<OutboxEventView>(sql`
    select id, seq, topic,
           case when delivered_at is null then 'pending' else 'delivered' end as status,
           attempts, ${iso(sql`created_at`)} as "createdAt", ${iso(sql`available_at`)} as "availableAt",
           ${iso(sql`delivered_at`)} as "deliveredAt", last_error as "lastError",
           locked_by as "lockedBy", ${iso(sql`locked_until`)} as "lockedUntil", payload as event
      from outbox_event ${where}
     order by seq ${direction(page.order)}
     limit ${page.pageSize} offset ${page.pageNo * page.pageSize}`);
  return { total, rows };
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure';
}

function auditConditions(f: AuditFilter): Sql[] {
  const c: Sql[] = [];
  if (f.entityType !== undefined) c.push(sql`entity_type = ${f.entityType}`);
  if (f.entityId !== undefined) c.push(sql`entity_id = ${f.entityId}`);
  if (f.actor !== undefined) c.push(sql`actor = ${f.actor}`);
  if (f.action !== undefined) c.push(sql`action = ${f.action}`);
  if (f.outcome !== undefined) c.push(sql`outcome = ${f.outcome}`);
  return c;
}

export async function listAudit(q: Queryable, f: AuditFilter, page: PageRequest): Promise<{ total: number; rows: AuditEventView[] }> {
  const where = whereAll(auditConditions(f));
  const total = await countOf(q, sql`audit_log`, where);
  const rows = await q.query<AuditEventView>(sql`
    select id, ${iso(sql`at`)} as at, actor, actor_roles as "actorRoles", action,
           entity_type as "entityType", entity_id as "entityId", outcome, detail, request_id as "requestId"
      from audit_log ${where}
     order by id ${direction(page.order)}
     limit ${page.pageSize} offset ${page.pageNo * page.pageSize}`);
  return { total, rows };
}
