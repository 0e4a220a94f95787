import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { openPostgres, type Store } from '../../src/platform/db/store.js';
import { backoffMs } from '../../src/platform/outbox/backoff.js';
import { createDispatcher, startDispatcher, type Dispatcher } from '../../src/platform/outbox/dispatcher.js';
import { enqueueEvent } from '../../src/platform/outbox/events.js';
import { claimBatch } from '../../src/platform/outbox/repository.js';
import { engine, freshStore } from '../support/engine.js';
import { HubDouble } from './hub-double.js';
import { acceptedCounts, captureLog, enqueueMany, outboxRows, pendingCount, publisher, waitFor, type OutboxRow } from './support.js';

let store: Store;
let drop: () => Promise<void>;
let url: string | undefined;
let hub: HubDouble;
const running: Dispatcher[] = [];

beforeAll(async () => {
  ({ store, drop, url } = await freshStore());
});
afterAll(() => drop());
beforeEach(async () => {
  await store.exec(sql`delete from outbox_event`);
  hub = await HubDouble.start();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
  await hub.close();
});

function start(opts: Partial<Parameters<typeof startDispatcher>[0]> = {}) {
  const d = startDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 5, maxBackoffMs: 60, ...opts });
  running.push(d);
  return d;
}

const bySeq = (rows: OutboxRow[]) => new Map(rows.map((r) => [r.id, r]));

/** For each topic, the seqs of the events the hub accepted, in arrival order. */
function acceptedSeqsPerTopic(rows: OutboxRow[]): Map<string, number[]> {
  const index = bySeq(rows);
  const out = new Map<string, number[]>();
  for (const call of hub.accepted) {
    const row = index.get(call.eventId!)!;
    out.set(row.topic, [...(out.get(row.topic) ?? []), row.seq]);
  }
  return out;
}

function expectInSeqOrder(perTopic: Map<string, number[]>) {
  for (const seqs of perTopic.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
}

describe('backoff', () => {
  it('doubles from the base, is capped, and keeps half of the delay fixed under jitter', () => {
    const low = (n: number) => backoffMs(n, 100, 1000, () => 0);
    const high = (n: number) => backoffMs(n, 100, 1000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 40].map(low)).toEqual([50, 100, 200, 400, 500, 500, 500]);
    expect([1, 2, 3, 4, 5, 6, 40].map(high)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });
});

describe('delivery to a WebSub hub', () => {
  it('registers each topic, then publishes the stored event model as JSON', async () => {
    const [model] = await enqueueMany(store, ['POLICY_UPDATED'], 1);
    const d = createDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 5, maxBackoffMs: 60 });
    expect(await d.drainOnce()).toBe(1);

    const [register, publish] = hub.calls;
    expect(hub.calls).toHaveLength(2);
    expect(register).toMatchObject({
      mode: 'register',
      path: '/hub',
      topic: 'POLICY_UPDATED',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(register!.body).toBe('hub.mode=register&hub.topic=POLICY_UPDATED');
    expect(publish).toMatchObject({
      mode: 'publish',
      path: '/hub',
      topic: 'POLICY_UPDATED',
      contentType: 'application/json',
      eventId: model!.event.id,
    });
    expect(JSON.parse(publish!.body)).toEqual(model);

    const [row] = await outboxRows(store);
    expect(row).toMatchObject({ id: model!.event.id, attempts: 1, last_error: null, locked_until: null, locked_by: d.instanceId });
    expect(row!.delivered_at).not.toBeNull();

    // Registered once per process: a second event on the topic is only published.
    await enqueueMany(store, ['POLICY_UPDATED'], 1);
    expect(await d.drainOnce()).toBe(1);
    expect(hub.calls.map((c) => c.mode)).toEqual(['register', 'publish', 'publish']);
  });

  it('delivers every event through 500s, a hang and a reset, in seq order per topic, recording backoff', async () => {
    const models = await enqueueMany(store, ['POLICY_UPDATED', 'APIKEY_UPDATED', 'PARTNER_UPDATED'], 45);
    hub.failNext('error500', 'error500', 'hang', 'reset', 'error500');
    start({ batchSize: 7, httpTimeoutMs: 250 });
    await waitFor('every event delivered', async () => (await pendingCount(store)) === 0);

    const rows = await outboxRows(store);
    const counts = acceptedCounts(hub.accepted.map((c) => c.eventId));
    expect([...counts.keys()].sort()).toEqual(models.map((m) => m.event.id).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expectInSeqOrder(acceptedSeqsPerTopic(rows));

    // Five failed attempts, each recorded on its event with the reason; nothing else retried.
    expect(hub.publishes.filter((c) => c.answer !== 200)).toHaveLength(5);
    expect(rows.reduce((sum, r) => sum + r.attempts - 1, 0)).toBe(5);
    const errors = rows.filter((r) => r.attempts > 1).map((r) => r.last_error ?? '');
    expect(errors.some((e) => e.startsWith('hub answered HTTP 500: hub is having a bad day'))).toBe(true);
    expect(errors.some((e) => e === 'no answer from the hub within 250 ms')).toBe(true);
    expect(errors.some((e) => e.startsWith('hub unreachable'))).toBe(true);
    expect(errors.join(' ')).not.toContain(hub.url);

    // Each retry waited at least half the first backoff step (60 ms cap → 30 ms).
    for (const id of rows.filter((r) => r.attempts > 1).map((r) => r.id)) {
      const times = hub.publishes.filter((c) => c.eventId === id).map((c) => c.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(28);
    }
  });

  it('never delivers events enqueued in a transaction that rolled back', async () => {
    const lost: string[] = [];
    await expect(
      store.tx(async (q) => {
        lost.push((await enqueueEvent(q, 'POLICY_UPDATED', publisher, { n: 1 })).event.id);
        lost.push((await enqueueEvent(q, 'APIKEY_UPDATED', publisher, { n: 2 })).event.id);
        throw new Error('domain check failed after the events were queued');
      }),
    ).rejects.toThrow('domain check failed');
    const [kept] = await enqueueMany(store, ['POLICY_UPDATED'], 1);

    const d = createDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 10, maxBackoffMs: 60 });
    expect(await d.drainOnce()).toBe(1);
    expect(hub.publishes.map((c) => c.eventId)).toEqual([kept!.event.id]);
    expect((await outboxRows(store)).map((r) => r.id)).toEqual([kept!.event.id]);
    expect(lost).toHaveLength(2);
  });

  it('keeps a failed event and what follows it in its topic back, while other topics go on', async () => {
    const models = await enqueueMany(store, ['POLICY_UPDATED', 'APIKEY_UPDATED'], 6, 6);
    hub.failNext('error500');
    const d = createDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 10, maxBackoffMs: 5_000 });
    expect(await d.drainOnce()).toBe(3);

    const rows = await outboxRows(store);
    const policy = rows.filter((r) => r.topic === 'POLICY_UPDATED');
    expect(policy.map((r) => r.delivered_at)).toEqual([null, null, null]);
    expect(policy.map((r) => r.attempts)).toEqual([1, 0, 0]);
    expect(policy.every((r) => r.locked_by === null && r.locked_until === null)).toBe(true);
    expect(rows.filter((r) => r.topic === 'APIKEY_UPDATED').every((r) => r.delivered_at !== null)).toBe(true);
    // In backoff: nothing of that topic is claimable now.
    expect(await d.drainOnce()).toBe(0);
    expect(hub.accepted.map((c) => c.eventId)).toEqual(models.filter((m) => m.topic === 'APIKEY_UPDATED').map((m) => m.event.id));
  });

  it('lets the batch in flight finish on stop', async () => {
    await enqueueMany(store, ['POLICY_UPDATED'], 3);
    hub.answerAfter(150);
    const d = startDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 10, maxBackoffMs: 60 });
    await waitFor('the first publish', () => hub.publishes.length > 0);
    await d.stop();

    const rows = await outboxRows(store);
    expect(rows.every((r) => r.delivered_at !== null && r.locked_until === null)).toBe(true);
    const callsAtStop = hub.calls.length;
    await enqueueMany(store, ['POLICY_UPDATED'], 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.calls.length).toBe(callsAtStop);
  });
});

describe('several instances on one store', () => {
  it('delivers each event exactly once when two dispatchers race', async () => {
    const second = engine === 'postgres' ? await openPostgres(url!, 5) : store;
    try {
      const topics = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'];
      const models = await enqueueMany(store, topics, 120, 8);
      hub.answerAfter(2);
      const a = start({ instanceId: 'instance-a', batchSize: 4, pollMs: 5 });
      const b = start({ store: second, instanceId: 'instance-b', batchSize: 4, pollMs: 5 });
      await waitFor('every event delivered', async () => (await pendingCount(store)) === 0, 25_000);
      await Promise.all([a.stop(), b.stop()]);

      const counts = acceptedCounts(hub.publishes.map((c) => c.eventId));
      expect(counts.size).toBe(models.length);
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      const rows = await outboxRows(store);
      expectInSeqOrder(acceptedSeqsPerTopic(rows));
      // Both instances took part (topics are shared out, not serialised on one instance).
      const byInstance = acceptedCounts(rows.map((r) => r.locked_by));
      expect(byInstance.get('instance-a')).toBeGreaterThan(0);
      expect(byInstance.get('instance-b')).toBeGreaterThan(0);
      expect((byInstance.get('instance-a') ?? 0) + (byInstance.get('instance-b') ?? 0)).toBe(120);
    } finally {
      if (second !== store) await second.close();
    }
  });

  it('never hands one event to two claims made at the same instant', async () => {
    const second = engine === 'postgres' ? await openPostgres(url!, 5) : store;
    try {
      const topics = Array.from({ length: 60 }, (_, i) => `TOPIC_${i}`);
      await enqueueMany(store, topics, 60, 20);
      const owner = new Map<string, string>();
      for (let round = 0; round < 20 && owner.size < 60; round++) {
        const [a, b] = await Promise.all([claimBatch(store, 'a', 4, 60_000), claimBatch(second, 'b', 4, 60_000)]);
        for (const [who, claim] of [
          ['a', a],
          ['b', b],
        ] as const) {
          for (const e of claim) {
            expect(owner.get(e.id), `event ${e.id} claimed by ${owner.get(e.id)} and ${who}`).toBeUndefined();
            owner.set(e.id, who);
          }
        }
      }
      expect(owner.size).toBe(60);
      const rows = await outboxRows(store);
      expect(rows.every((r) => r.locked_by === owner.get(r.id))).toBe(true);
    } finally {
      if (second !== store) await second.close();
    }
  });

  it('takes over the events of an instance that died holding their lease, once the lease expires', async () => {
    const models = await enqueueMany(store, ['POLICY_UPDATED'], 4);
    const claimedAt = Date.now();
    const claimed = await claimBatch(store, 'crashed-instance', 10, 400);
    expect(claimed.map((e) => e.id)).toEqual(models.map((m) => m.event.id));

    const survivor = createDispatcher({
      store,
      hubUrl: hub.url,
      log: captureLog(),
      pollMs: 10,
      batchSize: 10,
      maxBackoffMs: 60,
      instanceId: 'survivor',
    });
    expect(await survivor.drainOnce()).toBe(0);
    await waitFor('the survivor to deliver everything', async () => {
      await survivor.drainOnce();
      return (await pendingCount(store)) === 0;
    });

    expect(hub.accepted[0]!.at - claimedAt).toBeGreaterThanOrEqual(350);
    expect(hub.accepted.map((c) => c.eventId)).toEqual(models.map((m) => m.event.id));
    const rows = await outboxRows(store);
    expect(rows.every((r) => r.locked_by === 'survivor' && r.attempts === 1)).toBe(true);
  });

  it('does not give a topic to a second instance while the first holds it', async () => {
    const models = await enqueueMany(store, ['POLICY_UPDATED'], 3);
    await claimBatch(store, 'busy-instance', 1, 60_000);
    // Only the head was claimed; its followers stay behind it even though they are unleased.
    const other = await claimBatch(store, 'other-instance', 10, 60_000);
    expect(other).toEqual([]);
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.locked_by)).toEqual(['busy-instance', null, null]);
    expect(models).toHaveLength(3);
  });
});
