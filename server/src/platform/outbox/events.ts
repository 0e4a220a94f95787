import { randomUUID } from 'node:crypto';
import { sql } from '../db/sql.js';
import type { Queryable } from '../db/store.js';
import type { DataKey } from '../keys/data-key.js';
import { TOPIC_DOCS, type EventPayloads, type Topic } from './topics.js';

/** MOSIP's WebSub event model (kernel `EventModel`). */
export interface EventModel {
  publisher: string;
  topic: string;
  publishedOn: string;
  event: {
    id: string;
    type: { namespace: string; name: string };
    timestamp: string;
    data: object;
  };
}

export interface Publisher {
  name: string;
  namespace: string;
}

export function eventModel(topic: string, publisher: Publisher, data: object, now = new Date()): EventModel {
  const at = now.toISOString();
  return {
    publisher: publisher.name,
    topic,
    publishedOn: at,
    event: { id: randomUUID(), type: { namespace: publisher.namespace, name: publisher.name }, timestamp: at, data },
  };
}

export interface EnqueueOptions {
  /**
   * Seal the event with the data key: for events carrying secrets (API keys, license keys).
   * The stored `payload` then withholds `event.data`; the dispatcher sends the sealed copy and
   * drops it once the hub has it.
   */
  seal?: DataKey;
}

/** What operators see of a sealed event: everything but its data. */
export const WITHHELD = { withheld: 'sealed: this event carries secrets and is delivered from its sealed copy' };

/**
 * Queues an event in the same transaction as the change that causes it (transactional
 * outbox): both commit or neither does. The dispatcher delivers it afterwards.
 */
export async function enqueueEvent<T extends Topic>(
  q: Queryable,
  topic: T,
  publisher: Publisher,
  data: EventPayloads[T],
  opts: EnqueueOptions = {},
): Promise<EventModel> {
  const { model, stored, sealed } = outboxRow(topic, publisher, data, opts);
  await q.exec(sql`
    insert into outbox_event (id, topic, payload, sealed_payload)
    values (${model.event.id}, ${topic}, ${JSON.stringify(stored)}::jsonb, ${sealed})`);
  return model;
}

/** One event of a batch: a known topic with its own payload shape. */
export type QueuedEvent = {
  [T in Topic]: EnqueueOptions & { topic: T; publisher: Publisher; data: EventPayloads[T] };
}[Topic];

/**
 * Many events in one statement, in the given order (bulk writers such as the MOSIP import:
 * one round trip per batch rather than per event). Same transactional guarantee as enqueueEvent.
 */
export async function enqueueEvents(q: Queryable, events: QueuedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => {
    const { model, stored, sealed } = outboxRow(e.topic, e.publisher, e.data, e);
    return { id: model.event.id, topic: e.topic, payload: stored, sealed_payload: sealed };
  });
  await q.exec(sql`
    insert into outbox_event (id, topic, payload, sealed_payload)
    select x.id, x.topic, x.payload, x.sealed_payload
    from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (id uuid, topic text, payload jsonb, sealed_payload text))
      with ordinality as x(id, topic, payload, sealed_payload, n)
    order by x.n`);
}

/** The event, what the outbox row shows of it, and its sealed copy when it carries secrets. */
function outboxRow(topic: Topic, publisher: Publisher, data: object, opts: EnqueueOptions) {
  // A topic that carries secrets must never reach the readable outbox row in clear.
  if (TOPIC_DOCS[topic]?.sealed && !opts.seal) throw new Error(`${topic} carries secrets and must be enqueued with { seal }`);
  const model = eventModel(topic, publisher, data);
  const stored = opts.seal ? { ...model, event: { ...model.event, data: WITHHELD } } : model;
  const sealed = opts.seal ? opts.seal.encrypt(JSON.stringify(model)) : null;
  return { model, stored, sealed };
}
