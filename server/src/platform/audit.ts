import type { FastifyRequest } from 'fastify';
import { sql } from './db/sql.js';
import type { Queryable } from './db/store.js';

/**
 * Every action the audit log records, with what it means: the one list `recordAudit` accepts and
 * `docs/audit.md` is generated from (`npm run docs`). The stored names keep their first spelling
 * (`policy_group.*` among them) so that existing logs and the operators' queries stay valid.
 */
export const AUDIT_ACTIONS = {
  'partner.register': 'a partner registered itself',
  'partner.update': 'a partner changed its profile',
  'partner.contact.add': 'a partner added a contact',
  'partner.contact.update': 'a partner changed a contact',
  'partner.policy-group.assign': 'a partner was given a policy group',
  'partner.activate': 'an admin activated a partner',
  'partner.deactivate': 'an admin deactivated a partner (final)',
  'partner-certificate.upload': 'a partner certificate was uploaded and re-signed',
  'ca-certificate.upload': 'a CA or intermediate certificate entered the trust store',
  'policy_group.create': 'a policy group was created',
  'policy_group.update': 'a policy group was changed',
  'policy_group.deactivate': 'a policy group was deactivated',
  'policy.create': 'a policy was drafted',
  'policy.clone': 'a policy was cloned into a new draft',
  'policy.update': 'a draft policy was changed',
  'policy.publish': 'a policy was published',
  'policy.status': 'a policy was activated or deactivated (legacy status endpoint)',
  'policy.deactivate': 'a policy was deactivated',
  'policy-request.submit': 'a partner asked for a policy',
  'policy-request.approve': 'an admin approved a policy request',
  'policy-request.reject': 'an admin rejected a policy request',
  'bioextractors.add': 'a credential partner set its biometric extractors',
  'credential-type.map': 'a credential type was mapped to a policy',
  'api-key.generate': 'a partner generated an API key',
  'api-key.activate': 'an API key was activated',
  'api-key.deactivate': 'an API key was deactivated',
  'api-key.policy': 'an admin moved an API key to another policy',
  'misp-license.generate': 'a MISP licence key was issued',
  'misp-license.regenerate': 'an expired MISP licence was replaced by a new key',
  'misp-license.activate': 'a MISP licence was activated',
  'misp-license.deactivate': 'a MISP licence was deactivated',
  'oidc-client.create': 'an OIDC client was created',
  'oidc-client.update': 'an OIDC client was changed, activated or deactivated',
  'sbi.create': 'a device provider added an SBI',
  'sbi.update': 'an SBI was changed',
  'sbi.approval': 'an admin approved or rejected an SBI',
  'sbi.deactivate': 'an SBI was deactivated',
  'device.create': 'a device provider added a device',
  'device.add-to-sbi': 'a device was added to an SBI',
  'device.update': 'a device was changed',
  'device.approval': 'an admin approved or rejected a device',
  'device.deactivate': 'a device was deactivated',
  'device-sbi.map': 'a device was mapped to an SBI',
  'device-sbi.unmap': 'a device was unmapped from an SBI',
  'ftm-chip.create': 'an FTM provider added a chip',
  'ftm-chip.update': 'an FTM chip was changed',
  'ftm-chip.certificate-upload': 'an FTM chip certificate was uploaded',
  'ftm-chip.approval': 'an admin approved or rejected an FTM chip',
  'ftm-chip.deactivate': 'an FTM chip was deactivated',
  'user.create': 'an account was created through POST /users',
  'user.consent': 'a partner user accepted the terms',
  'login.failure': 'a sign-in to the embedded identity provider failed',
  'login.lockout': 'an account or address was locked out after repeated failures',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The generated body of docs/audit.md. */
export function auditDoc(): string {
  const rows = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((a) => `| \`${a}\` | ${AUDIT_ACTIONS[a]} |`);
  return [
    '# Audit actions',
    '',
    '<!-- Generated from server/src/platform/audit.ts by `npm run docs`; edit that file, not this one. -->',
    '',
    'Each row of `audit_log` names its actor and roles, the action, the entity, the outcome, a',
    'detail object and the request id; it is written in the same transaction as the change.',
    'Admins read the log at `GET /v1/partnermanager/audit/events`.',
    '',
    '| Action | Recorded when |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export interface AuditEntry {
  action: AuditAction;
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
