import { sql } from '../db/sql.js';
import type { Queryable } from '../db/store.js';
import type { EventModel } from './events.js';

export interface ClaimedEvent {
  id: string;
  seq: number;
  topic: string;
  payload: EventModel;
  /** The full event, sealed with the data key, for events that carry secrets. */
  sealed_payload: string | null;
  /** Attempts made before this claim. */
  attempts: number;
}

const ms = (value: number) => sql`(${value}::float8 * interval '1 millisecond')`;

/**
 * Leases up to `limit` events to `instanceId` in one statement (no transaction is held while
 * the hub is called). Only the first undelivered event of a topic can be claimed, and it is
 * claimed together with the events that follow it in that topic; so one instance at a time
 * owns a topic and delivers it in `seq` order. `FOR UPDATE SKIP LOCKED` lets instances claim
 * different topics at once without waiting on each other.
 *
 * The k-th event of the claim is leased for k × `perEventMs`: sequential delivery reaches and
 * finishes it within that time unless the instance died, after which another instance takes
 * the topic over.
 */
export async function claimBatch(q: Queryable, instanceId: string, limit: number, perEventMs: number): Promise<ClaimedEvent[]> {
  const rows = await q.query<ClaimedEvent>(sql`
    with heads as (
      select e.id, e.topic, e.seq from outbox_event e
      where e.delivered_at is null
        and e.available_at <= now()
        and (e.locked_until is null or e.locked_until < now())
        and not exists (
          select 1 from outbox_event p
          where p.topic = e.topic and p.delivered_at is null and p.seq < e.seq)
      order by e.seq
      limit ${limit}
      for update skip locked
    ), chosen as (
      select e.id, row_number() over (order by e.seq) as pos
      from outbox_event e join heads h on h.topic = e.topic
      where e.delivered_at is null and e.seq >= h.seq
      order by e.seq
      limit ${limit}
    )
    update outbox_event o
       set locked_by = ${instanceId}, locked_until = now() + c.pos * ${ms(perEventMs)}
      from chosen c
     where o.id = c.id
    returning o.id, o.seq, o.topic, o.payload, o.sealed_payload, o.attempts`);
  return rows.sort((a, b) => a.seq - b.seq);
}

/**
 * Idempotent: a late duplicate delivery does not move the first delivery time. A delivered
 * event's sealed copy is dropped: its secrets have reached the hub and need not stay here.
 */
export async function markDelivered(q: Queryable, id: string, instanceId: string): Promise<void> {
  await q.exec(sql`
    update outbox_event
       set delivered_at = now(), attempts = attempts + 1, locked_by = ${instanceId}, locked_until = null,
           sealed_payload = null
     where id = ${id} and delivered_at is null`);
}

export async function markFailed(q: Queryable, id: string, instanceId: string, error: string, retryInMs: number): Promise<void> {
  await q.exec(sql`
    update outbox_event
       set attempts = attempts + 1, last_error = ${error.slice(0, 1000)},
           available_at = now() + ${ms(retryInMs)}, locked_by = null, locked_until = null
     where id = ${id} and delivered_at is null and locked_by = ${instanceId}`);
}

/** Gives back claimed events this instance did not attempt (their topic was blocked). */
export async function releaseClaims(q: Queryable, ids: readonly string[], instanceId: string): Promise<void> {
  if (ids.length === 0) return;
  await q.exec(sql`
    update outbox_event set locked_by = null, locked_until = null
     where id = any(${[...ids]}::uuid[]) and delivered_at is null and locked_by = ${instanceId}`);
}
