import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../db/store.js';
import type { DataKey } from '../keys/data-key.js';
import { backoffMs } from './backoff.js';
import { createHubClient, describeFailure, type FetchLike, type HubClient } from './hub-client.js';
import type { EventModel } from './events.js';
import { claimBatch, markDelivered, markFailed, releaseClaims, type ClaimedEvent } from './repository.js';

/** The part of pino (Fastify's logger) the dispatcher uses. */
export interface OutboxLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DispatcherOptions {
  store: Store;
  hubUrl: string;
  log: OutboxLog;
  /** Pause between polls when the outbox had nothing (more) to deliver. */
  pollMs: number;
  batchSize: number;
  /** Cap of the retry delay; retries start at min(1 s, this) and double. */
  maxBackoffMs: number;
  /** Names this instance in leases (`locked_by`); unique per process by default. */
  instanceId?: string;
  /** Time allowed for each call to the hub before it counts as failed. */
  httpTimeoutMs?: number;
  fetchImpl?: FetchLike;
  /** Opens sealed events (those carrying secrets); without it they cannot be delivered. */
  dataKey?: DataKey;
}

export interface Dispatcher {
  /** Claims and delivers one batch; answers how many events the hub accepted. */
  drainOnce(): Promise<number>;
  /** Stops polling; the batch in flight finishes (and is recorded) first. */
  stop(): Promise<void>;
}

export function defaultInstanceId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

interface BatchContext {
  store: Store;
  hub: HubClient;
  log: OutboxLog;
  instanceId: string;
  baseBackoffMs: number;
  maxBackoffMs: number;
  httpTimeoutMs: number;
  dataKey?: DataKey;
}

type Outcome = 'delivered' | 'failed';

/** The event as the hub must receive it: a sealed one is opened with the data key. */
function bodyOf(ctx: BatchContext, event: ClaimedEvent): EventModel {
  if (event.sealed_payload === null) return event.payload;
  if (!ctx.dataKey) throw new Error('sealed event and no data key to open it');
  return JSON.parse(ctx.dataKey.decrypt(event.sealed_payload).toString('utf8')) as EventModel;
}

async function deliverOne(ctx: BatchContext, event: ClaimedEvent): Promise<Outcome> {
  try {
    await ctx.hub.ensureTopic(event.topic);
    await ctx.hub.publish(event.topic, bodyOf(ctx, event));
  } catch (err) {
    const error = describeFailure(err, ctx.httpTimeoutMs);
    const retryInMs = backoffMs(event.attempts + 1, ctx.baseBackoffMs, ctx.maxBackoffMs);
    await markFailed(ctx.store, event.id, ctx.instanceId, error, retryInMs);
    ctx.log.warn(
      { eventId: event.id, topic: event.topic, attempts: event.attempts + 1, retryInMs, error },
      'outbox: delivery failed, will retry',
    );
    return 'failed';
  }
  await markDelivered(ctx.store, event.id, ctx.instanceId);
  return 'delivered';
}

/**
 * Delivers a claim in `seq` order. After a failure the rest of that topic waits (and is given
 * back), so a later event never overtakes an earlier one of the same topic.
 */
async function deliverBatch(ctx: BatchContext, events: ClaimedEvent[]): Promise<number> {
  const blocked = new Set<string>();
  const untried = new Set(events.map((e) => e.id));
  let delivered = 0;
  try {
    for (const event of events) {
      if (blocked.has(event.topic)) continue;
      untried.delete(event.id);
      if ((await deliverOne(ctx, event)) === 'delivered') delivered++;
      else blocked.add(event.topic);
    }
  } finally {
    await releaseClaims(ctx.store, [...untried], ctx.instanceId);
  }
  return delivered;
}

function batchContext(opts: DispatcherOptions): BatchContext & { batchSize: number; perEventMs: number } {
  const httpTimeoutMs = opts.httpTimeoutMs ?? 10_000;
  return {
    store: opts.store,
    hub: createHubClient({ hubUrl: opts.hubUrl, timeoutMs: httpTimeoutMs, fetchImpl: opts.fetchImpl }),
    log: opts.log,
    instanceId: opts.instanceId ?? defaultInstanceId(),
    baseBackoffMs: Math.min(1000, opts.maxBackoffMs),
    maxBackoffMs: opts.maxBackoffMs,
    httpTimeoutMs,
    dataKey: opts.dataKey,
    batchSize: opts.batchSize,
    // Register + publish, each bounded by the timeout, plus the bookkeeping statements.
    perEventMs: 2 * httpTimeoutMs + 5_000,
  };
}

/** A dispatcher that only delivers when asked (tests, tools); `startDispatcher` adds polling. */
export function createDispatcher(opts: DispatcherOptions): Dispatcher & { readonly instanceId: string } {
  const ctx = batchContext(opts);
  return {
    instanceId: ctx.instanceId,
    async drainOnce() {
      const events = await claimBatch(ctx.store, ctx.instanceId, ctx.batchSize, ctx.perEventMs);
      if (events.length === 0) return 0;
      return deliverBatch(ctx, events);
    },
    stop: async () => undefined,
  };
}

/** Sleeps `ms` or until `wake` is called, whichever comes first. */
function pause(ms: number): { done: Promise<void>; wake: () => void } {
  let wake = () => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, wake };
}

/**
 * Polls the outbox and delivers every event to the hub, at least once, retrying failures
 * with capped exponential backoff. Any number of instances may share one PostgreSQL store.
 */
export function startDispatcher(opts: DispatcherOptions): Dispatcher & { readonly instanceId: string } {
  const inner = createDispatcher(opts);
  let stopping = false;
  let sleeper: { wake: () => void } | undefined;
  // One batch at a time: the loop and an explicit drainOnce never overlap.
  let chain: Promise<unknown> = Promise.resolve();
  const drainOnce = (): Promise<number> => {
    const run = chain.then(() => inner.drainOnce());
    chain = run.catch(() => undefined);
    return run;
  };

  const loop = async () => {
    while (!stopping) {
      let delivered = 0;
      try {
        delivered = await drainOnce();
      } catch (err) {
        opts.log.error({ error: (err as Error).message }, 'outbox: dispatch round failed');
      }
      if (stopping) break;
      // A full batch suggests more is waiting: go again at once.
      if (delivered >= opts.batchSize) continue;
      const p = pause(opts.pollMs);
      sleeper = p;
      await p.done;
    }
  };
  const running = loop();

  return {
    instanceId: inner.instanceId,
    drainOnce,
    async stop() {
      stopping = true;
      sleeper?.wake();
      await running;
    },
  };
}

/** For the server: deliver to `hubUrl` when one is configured, otherwise keep events in the outbox. */
export function startOutbox(opts: Omit<DispatcherOptions, 'hubUrl'> & { hubUrl?: string }): Dispatcher {
  if (!opts.hubUrl) {
    opts.log.info({}, 'outbox: PMS_WEBSUB_HUB_URL is not set; events are kept in the outbox and not delivered');
    return { drainOnce: async () => 0, stop: async () => undefined };
  }
  const dispatcher = startDispatcher({ ...opts, hubUrl: opts.hubUrl });
  opts.log.info({ instanceId: dispatcher.instanceId }, 'outbox: delivering events to the WebSub hub');
  return dispatcher;
}
