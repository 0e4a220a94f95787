import { Type, type Static } from '../platform/vendor/typebox.js';
import { NullableString, PageV2 } from '../platform/http/response-schemas.js';

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

// What the two operator views answer; the repository returns these schemas' types.

const OutboxEvent = Type.Object({
  id: Type.String(),
  seq: Type.Number(),
  topic: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered')]),
  attempts: Type.Number(),
  createdAt: Type.String(),
  availableAt: Type.String(),
  deliveredAt: NullableString(),
  lastError: NullableString(),
  lockedBy: NullableString(),
  lockedUntil: NullableString(),
  event: Type.Unknown({ description: 'the event as it is published' }),
});
export type OutboxEventView = Static<typeof OutboxEvent>;
export const OutboxPage = PageV2(OutboxEvent);

const AuditEvent = Type.Object({
  id: Type.Number(),
  at: Type.String(),
  actor: Type.String(),
  actorRoles: Type.Array(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  detail: Type.Unknown(),
  requestId: NullableString(),
});
export type AuditEventView = Static<typeof AuditEvent>;
export const AuditPage = PageV2(AuditEvent);
