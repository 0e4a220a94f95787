import type { Deps } from '../platform/deps.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { v2 } from '../platform/http/envelope.js';
import { listAudit, listOutbox, type PageRequest } from './repository.js';
import { v2Responses } from '../platform/http/response-schemas.js';
import { AuditPage, AuditQuery, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, OutboxPage, OutboxQuery, type Page } from './schemas.js';

export const OUTBOX_API_ID = 'mosip.pms.outbox.events.get';
export const AUDIT_API_ID = 'mosip.pms.audit.events.get';

/** Paging as MOSIP's revamp lists check it (PMS_PRT_360 / 361), with defaults for omitted values. */
export function pageRequest(
  q: { pageNo?: number; pageSize?: number; sortType?: 'asc' | 'desc' },
  defaultOrder: 'asc' | 'desc',
): PageRequest {
  const pageNo = q.pageNo ?? 0;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  if (pageNo < 0) throw PmsError.of('PMS_PRT_360');
  if (pageSize <= 0 || pageSize > MAX_PAGE_SIZE) throw PmsError.of('PMS_PRT_361');
  return { pageNo, pageSize, order: q.sortType ?? defaultOrder };
}

function page<T>(req: PageRequest, result: { total: number; rows: T[] }): Page<T> {
  return { pageNo: req.pageNo, pageSize: req.pageSize, totalResults: result.total, data: result.rows };
}

/**
 * Operator views: what the outbox still has to deliver (or has delivered) and the audit trail.
 * Read-only; PARTNER_ADMIN by default (`PMS_ROLE_GETOUTBOXEVENTS`, `PMS_ROLE_GETAUDITEVENTS`).
 */
export function operationsModule(app: App, { store }: Deps): void {
  app.get(
    `${PARTNER_BASE}/outbox/events`,
    {
      config: { pms: { access: 'getoutboxevents', apiId: OUTBOX_API_ID } },
      schema: {
        querystring: OutboxQuery,
        response: v2Responses(OutboxPage),
        tags: ['operations'],
        summary: 'Events in the outbox: pending, failing or delivered',
      },
    },
    async (req) => {
      const { status, topic } = req.query;
      // Pending events are read in delivery order; history newest first.
      const paging = pageRequest(req.query, status === 'pending' || status === 'failing' ? 'asc' : 'desc');
      return v2(page(paging, await listOutbox(store, { status, topic }, paging)), OUTBOX_API_ID);
    },
  );

  app.get(
    `${PARTNER_BASE}/audit/events`,
    {
      config: { pms: { access: 'getauditevents', apiId: AUDIT_API_ID } },
      schema: {
        querystring: AuditQuery,
        response: v2Responses(AuditPage),
        tags: ['operations'],
        summary: 'The audit trail: who did what, when, with which outcome',
      },
    },
    async (req) => {
      const { entityType, entityId, actor, action, outcome } = req.query;
      const paging = pageRequest(req.query, 'desc');
      return v2(page(paging, await listAudit(store, { entityType, entityId, actor, action, outcome }, paging)), AUDIT_API_ID);
    },
  );
}
