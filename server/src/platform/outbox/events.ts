import { randomUUID } from 'node:crypto';
import { sql } from '../db/sql.js';
import type { Queryable } from '../db/store.js';

/** MOSIP's WebSub event model (kernel `EventModel`). */
export interface EventModel {
  publisher: string;
  topic: string;
  publishedOn: string;
  event: {
    id: string;
    type: { namespace: string; name: string };
    timestamp: string;
    data: Record<string, unknown>;
  };
}

export interface Publisher {
  name: string;
  namespace: string;
}

export function eventModel(topic: string, publisher: Publisher, data: Record<string, unknown>, now = new Date()): EventModel {
  const at = now.toISOString();
  return {
    publisher: publisher.name,
    topic,
    publishedOn: at,
    event: { id: randomUUID(), type: { namespace: publisher.namespace, name: publisher.name }, timestamp: at, data },
  };
}

/**
 * Queues an event in the same transaction as the change that causes it (transactional
 * outbox): both commit or neither does. The dispatcher delivers it afterwards.
 */
export async function enqueueEvent(q: Queryable, topic: string, publisher: Publisher, data: Record<string, unknown>): Promise<EventModel> {
  const model = eventModel(topic, publisher, data);
  await q.exec(sql`insert into outbox_event (id, topic, payload) values (${model.event.id}, ${topic}, ${JSON.stringify(model)}::jsonb)`);
  return model;
}
