import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, type Actor } from '../../src/platform/audit.js';
import { sql } from '../../src/platform/db/sql.js';
import { startOutbox } from '../../src/platform/outbox/dispatcher.js';
import { AUDIT_API_ID, OUTBOX_API_ID } from '../../src/operations/routes.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { HubDouble } from './hub-double.js';
import { captureLog, enqueueMany, outboxRows, waitFor } from './support.js';

let s: TestServer;
let admin: string;
const OUTBOX = '/v1/partnermanager/outbox/events';
const AUDIT = '/v1/partnermanager/audit/events';

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
});
afterAll(() => s.close());

const get = (path: string, token = admin) => s.call('GET', path, { token });

describe('outbox without a hub', () => {
  it('keeps every event pending and shows it to the partner admin, then delivers once a hub is set', async () => {
    expect(s.config.websubHubUrl).toBeUndefined();
    const models = await enqueueMany(s.store, ['POLICY_UPDATED', 'APIKEY_UPDATED'], 5);
    const log = captureLog();
    const idle = startOutbox({ store: s.store, hubUrl: s.config.websubHubUrl, log, ...s.config.outbox, pollMs: 10 });
    expect(await idle.drainOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    await idle.stop();
    expect(log.lines.map((l) => l.msg)).toEqual(['outbox: PMS_WEBSUB_HUB_URL is not set; events are kept in the outbox and not delivered']);
    expect((await outboxRows(s.store)).every((r) => r.delivered_at === null && r.attempts === 0 && r.locked_by === null)).toBe(true);

    const pending = await get(`${OUTBOX}?status=pending`);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ id: OUTBOX_API_ID, version: '1.0', metadata: null, errors: [] });
    expect(pending.body.responseTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(pending.body.response).toMatchObject({ pageNo: 0, pageSize: 20, totalResults: 5 });
    const data = pending.body.response.data;
    expect(data.map((e: { id: string }) => e.id)).toEqual(models.map((m) => m.event.id));
    expect(data[0]).toMatchObject({
      topic: 'POLICY_UPDATED',
      status: 'pending',
      attempts: 0,
      deliveredAt: null,
      lastError: null,
      lockedBy: null,
      event: models[0],
    });
    expect(data[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const page = await get(`${OUTBOX}?status=pending&topic=POLICY_UPDATED&pageNo=1&pageSize=2`);
    expect(page.body.response).toMatchObject({ pageNo: 1, pageSize: 2, totalResults: 3 });
    expect(page.body.response.data.map((e: { id: string }) => e.id)).toEqual([models[4]!.event.id]);

    const hub = await HubDouble.start();
    try {
      const live = startOutbox({ store: s.store, hubUrl: hub.url, log: captureLog(), ...s.config.outbox, pollMs: 10 });
      await waitFor('delivery', async () => (await get(`${OUTBOX}?status=delivered`)).body.response.totalResults === 5);
      await live.stop();
      expect(hub.accepted.map((c) => c.eventId)).toEqual(models.map((m) => m.event.id));
    } finally {
      await hub.close();
    }
    const delivered = await get(`${OUTBOX}?status=delivered`);
    // History is newest first unless asked otherwise.
    expect(delivered.body.response.data.map((e: { id: string }) => e.id)).toEqual(models.map((m) => m.event.id).reverse());
    expect(delivered.body.response.data[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(delivered.body.response.data[0].deliveredAt).not.toBeNull();
    expect((await get(`${OUTBOX}?status=pending`)).body.response).toEqual({ pageNo: 0, pageSize: 20, totalResults: 0, data: [] });
  });
});

describe('audit trail', () => {
  const alice: Actor = { userId: 'alice', roles: ['POLICYMANAGER'], requestId: 'req-1' };
  const bob: Actor = { userId: 'bob', roles: ['PARTNER_ADMIN'] };

  it('shows what recordAudit wrote, filtered and paged in SQL, newest first', async () => {
    await s.store.tx(async (q) => {
      await recordAudit(q, alice, { action: 'policy.create', entityType: 'policy', entityId: 'p1', detail: { name: 'gold' } });
      await recordAudit(q, alice, { action: 'policy.publish', entityType: 'policy', entityId: 'p1' });
      await recordAudit(q, bob, { action: 'partner.deactivate', entityType: 'partner', entityId: 'x1', outcome: 'failure' });
    });
    await expect(
      s.store.tx(async (q) => {
        await recordAudit(q, bob, { action: 'policy.create', entityType: 'policy', entityId: 'p2' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const p1 = await get(`${AUDIT}?entityType=policy&entityId=p1`);
    expect(p1.body).toMatchObject({ id: AUDIT_API_ID, version: '1.0', errors: [] });
    expect(p1.body.response).toMatchObject({ pageNo: 0, pageSize: 20, totalResults: 2 });
    expect(p1.body.response.data.map((e: { action: string }) => e.action)).toEqual(['policy.publish', 'policy.create']);
    expect(p1.body.response.data[1]).toMatchObject({
      actor: 'alice',
      actorRoles: ['POLICYMANAGER'],
      entityType: 'policy',
      entityId: 'p1',
      outcome: 'success',
      detail: { name: 'gold' },
      requestId: 'req-1',
    });
    expect(p1.body.response.data[1].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const byBob = await get(`${AUDIT}?actor=bob`);
    expect(byBob.body.response.totalResults).toBe(1);
    expect(byBob.body.response.data[0]).toMatchObject({ action: 'partner.deactivate', outcome: 'failure', requestId: null });
    expect((await get(`${AUDIT}?entityType=policy&entityId=p2`)).body.response.totalResults).toBe(0);
    expect((await get(`${AUDIT}?outcome=failure`)).body.response.totalResults).toBe(1);

    const oldestFirst = await get(`${AUDIT}?sortType=asc&pageNo=0&pageSize=1`);
    expect(oldestFirst.body.response).toMatchObject({ pageNo: 0, pageSize: 1, totalResults: 3 });
    expect(oldestFirst.body.response.data[0].action).toBe('policy.create');
    const stored = await s.store.query(sql`select count(*)::int as n from audit_log`);
    expect(stored).toEqual([{ n: 3 }]);
  });
});

describe('bad input and access', () => {
  const errorOf = async (path: string, token?: string) => {
    const r = await s.call('GET', path, { token });
    return { status: r.status, id: r.body.id, response: r.body.response, errors: r.body.errors };
  };

  it('checks paging and filters with a clear error in the v2 envelope', async () => {
    expect(await errorOf(`${OUTBOX}?pageNo=-1`, admin)).toEqual({
      status: 200,
      id: OUTBOX_API_ID,
      response: null,
      errors: [{ errorCode: 'PMS_PRT_360', message: 'Invalid Page No' }],
    });
    expect((await errorOf(`${AUDIT}?pageSize=0`, admin)).errors).toEqual([{ errorCode: 'PMS_PRT_361', message: 'Invalid page size' }]);
    expect((await errorOf(`${AUDIT}?pageSize=501`, admin)).errors).toEqual([{ errorCode: 'PMS_PRT_361', message: 'Invalid page size' }]);
    expect((await errorOf(`${OUTBOX}?status=lost`, admin)).errors).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be one of pending, failing, delivered :status' },
    ]);
    expect((await errorOf(`${OUTBOX}?pageNo=abc`, admin)).errors).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be integer :pageNo' },
    ]);
    expect((await errorOf(`${AUDIT}?who=x`, admin)).errors).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - is not a known field :who' },
    ]);
  });

  it('lets only the partner admin read them', async () => {
    const partner = await s.token('p1', ['AUTH_PARTNER', 'POLICYMANAGER']);
    for (const path of [OUTBOX, AUDIT]) {
      const forbidden = await errorOf(path, partner);
      expect(forbidden).toMatchObject({ status: 403, response: null, errors: [{ errorCode: 'KER-ATH-403', message: 'Forbidden' }] });
      expect(forbidden.id).toBe(path === OUTBOX ? OUTBOX_API_ID : AUDIT_API_ID);
      expect((await errorOf(path)).errors).toEqual([{ errorCode: 'KER-ATH-401', message: 'Authentication Failed' }]);
    }
  });
});
