import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { enqueueEvent, type EventModel, type Publisher } from '../../src/platform/outbox/events.js';
import type { OutboxLog } from '../../src/platform/outbox/dispatcher.js';
import type { Topic } from '../../src/platform/outbox/topics.js';

export const publisher: Publisher = { name: 'PolicyManagementService', namespace: 'io.mosip.pmp.policy.service' };

/** Enqueues `count` events spread round-robin over `topics`, `perTx` to a transaction. */
export async function enqueueMany(store: Store, topics: string[], count: number, perTx = 3): Promise<EventModel[]> {
  const models: EventModel[] = [];
  for (let i = 0; i < count; i += perTx) {
    await store.tx(async (q) => {
      for (let j = i; j < Math.min(count, i + perTx); j++) {
        // The dispatcher never reads payloads: any topic may carry this test's numbered one.
        models.push(
          await enqueueEvent(q, topics[j % topics.length] as Topic, publisher, { n: j, policyData: { policyId: `p${j}` } } as never),
        );
      }
    });
  }
  return models;
}

export interface OutboxRow {
  id: string;
  seq: number;
  topic: string;
  attempts: number;
  delivered_at: string | null;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  payload: EventModel;
}

export const outboxRows = (store: Store) => store.query<OutboxRow>(sql`select * from outbox_event order by seq`);

export async function pendingCount(store: Store): Promise<number> {
  const row = await store.one<{ n: number }>(sql`select count(*)::int as n from outbox_event where delivered_at is null`);
  return row?.n ?? -1;
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface CapturedLog extends OutboxLog {
  lines: { level: string; obj: object; msg: string }[];
}

export function captureLog(): CapturedLog {
  const lines: CapturedLog['lines'] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, obj, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Counts how often the hub accepted each event id. */
export function acceptedCounts(eventIds: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of eventIds) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
