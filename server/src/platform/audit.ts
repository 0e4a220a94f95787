import type { FastifyRequest } from 'fastify';
import { sql } from './db/sql.js';
import type { Queryable } from './db/store.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  outcome?: 'success' | 'failure';
  detail?: Record<string, unknown>;
}

export interface Actor {
  userId: string;
  roles: string[];
  requestId?: string;
}

export const systemActor: Actor = { userId: 'system', roles: [] };

export function actorOf(req: FastifyRequest): Actor {
  return { userId: req.principal?.userId ?? 'anonymous', roles: req.principal?.roles ?? [], requestId: req.id };
}

/** Who did what, when, with which outcome. Written in the same transaction as the change. */
export async function recordAudit(q: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await q.exec(sql`
    insert into audit_log (actor, actor_roles, action, entity_type, entity_id, outcome, detail, request_id)
    values (${actor.userId}, ${actor.roles}, ${entry.action}, ${entry.entityType}, ${entry.entityId},
            ${entry.outcome ?? 'success'}, ${JSON.stringify(entry.detail ?? {})}::jsonb, ${actor.requestId ?? null})`);
}
