import { Type, type Static } from 'typebox';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 20;

const paging = {
  pageNo: Type.Optional(Type.Integer({ description: '0-based page number (default 0)' })),
  pageSize: Type.Optional(Type.Integer({ description: `rows per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })),
  sortType: Type.Optional(Type.Enum(['asc', 'desc'], { 'x-message': 'must be asc or desc', description: 'order by sequence / id' })),
};

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Enum(['pending', 'failing', 'delivered'], {
        'x-message': 'must be one of pending, failing, delivered',
        description: 'pending: not delivered yet; failing: pending with at least one failed attempt; delivered',
      }),
    ),
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'exact topic, e.g. POLICY_UPDATED' })),
    ...paging,
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuery>;

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    outcome: Type.Optional(Type.Enum(['success', 'failure'], { 'x-message': 'must be success or failure' })),
    ...paging,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** MOSIP's revamp page shape (`PageResponseV2Dto`). */
export interface Page<T> {
  pageNo: number;
  pageSize: number;
  totalResults: number;
  data: T[];
}

export interface OutboxEventView {
  id: string;
  seq: number;
  topic: string;
  status: 'pending' | 'delivered';
  attempts: number;
  createdAt: string;
  availableAt: string;
  deliveredAt: string | null;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  event: unknown;
}

export interface AuditEventView {
  id: number;
  at: string;
  actor: string;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityId: string;
  outcome: 'success' | 'failure';
  detail: unknown;
  requestId: string | null;
}
