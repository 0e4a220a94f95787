import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { Store } from '../../src/platform/db/store.js';
import { DataKey } from '../../src/platform/keys/data-key.js';
import { createDispatcher } from '../../src/platform/outbox/dispatcher.js';
import { enqueueEvent, WITHHELD } from '../../src/platform/outbox/events.js';
import { freshStore } from '../support/engine.js';
import { HubDouble } from './hub-double.js';
import { captureLog, publisher } from './support.js';

let store: Store;
let drop: () => Promise<void>;
let hub: HubDouble;
const dataKey = new DataKey(randomBytes(32));

beforeAll(async () => {
  ({ store, drop } = await freshStore());
  hub = await HubDouble.start();
});
afterAll(async () => {
  await hub.close();
  await drop();
});

const secret = `key-${randomBytes(16).toString('hex')}`;
const storedText = async () => JSON.stringify(await store.query(sql`select payload, sealed_payload, topic from outbox_event`));

describe('events carrying secrets', () => {
  it('are stored sealed, reach the hub whole, and leave nothing readable behind', async () => {
    const model = await store.tx((q) =>
      enqueueEvent(q, 'APIKEY_APPROVED', publisher, { apiKeyData: { apiKeyId: secret } }, { seal: dataKey }),
    );
    expect(await storedText()).not.toContain(secret);
    const [row] = await store.query<{ payload: { event: { data: unknown } }; sealed_payload: string | null }>(
      sql`select payload, sealed_payload from outbox_event`,
    );
    expect(row!.payload.event.data).toEqual(WITHHELD);
    expect(row!.sealed_payload).toBeTruthy();

    const withoutKey = createDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 5, maxBackoffMs: 20 });
    expect(await withoutKey.drainOnce()).toBe(0);
    expect(hub.publishes).toHaveLength(0);
    await store.exec(sql`update outbox_event set available_at = now()`);

    const d = createDispatcher({ store, hubUrl: hub.url, log: captureLog(), pollMs: 10, batchSize: 5, maxBackoffMs: 20, dataKey });
    expect(await d.drainOnce()).toBe(1);
    const delivered = JSON.parse(hub.publishes.at(-1)!.body);
    expect(delivered).toEqual(JSON.parse(JSON.stringify(model)));
    expect(delivered.event.data.apiKeyData.apiKeyId).toBe(secret);

    const [after] = await store.query<{ sealed_payload: string | null; delivered_at: string | null }>(
      sql`select sealed_payload, delivered_at from outbox_event`,
    );
    expect(after!.delivered_at).not.toBeNull();
    expect(after!.sealed_payload).toBeNull();
  });
});
