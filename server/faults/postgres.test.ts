import { afterAll, describe, expect, it } from 'vitest';
import { HubDouble } from '../test/outbox/hub-double.js';
import { IdentityDouble } from '../test/support/identity-double.js';
import { startTcpProxy } from '../test/support/tcp-proxy.js';
import {
  admin,
  call,
  createAndPublish,
  createGroup,
  postgresAnswers,
  report,
  scratchDatabase,
  scratchDir,
  sleep,
  startServer,
  type Answer,
} from './support.js';

// PostgreSQL taking connections away from a running server: ended backends under load (what a
// failover, a restart or idle_in_transaction_session_timeout does), and the database
// unreachable for a while. The process must survive, every request be answered, and the pool,
// health and the outbox come back by themselves.
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const HEALTH = '/v1/partnermanager/actuator/health';

function tally(answers: Answer[]) {
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return byStatus;
}

describe.runIf(await postgresAnswers())('PostgreSQL faults under load', () => {
  it('connections ended again and again under write load: the process survives and answers every request', async () => {
    const idp = await IdentityDouble.start();
    cleanup.push(() => idp.close());
    const token = await idp.token({ user: 'pm-term', roles: ['POLICYMANAGER'] });
    const db = await scratchDatabase();
    cleanup.push(() => db.drop());
    const dir = scratchDir();
    cleanup.push(() => dir.remove());
    const server = await startServer({ PMS_AUTH_ISSUER: idp.issuer, PMS_DATA_DIR: dir.dir, DATABASE_URL: db.url });
    cleanup.push(() => server.stop());
    const group = { name: `term-${process.pid}`, id: '' };
    group.id = await createGroup(server.url, token, group.name);

    const answers: Answer[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const r = await createAndPublish(server.url, token, group, `t-${n++}`);
        answers.push(r.draft);
        if (r.published) answers.push(r.published);
      }
    };
    const workers = Array.from({ length: 8 }, () => worker());
    let terminated = 0;
    for (let i = 0; i < 10; i++) {
      await sleep(250);
      terminated += (
        await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [db.name])
      ).length;
    }
    stop = true;
    await Promise.all(workers);

    expect(server.alive(), server.output()).toBe(true);
    const statuses = tally(answers);
    expect(statuses['0'] ?? 0).toBe(0);
    for (const a of answers) {
      expect([200, 503]).toContain(a.status);
      if (a.status === 503) expect(a.body?.errors?.[0]?.errorCode).toBe('PMS_DB_503');
    }
    expect((await call(server.url, 'GET', HEALTH)).status).toBe(200);
    expect((await createAndPublish(server.url, token, group, `after-${process.pid}`)).published?.status).toBe(200);
    report('PostgreSQL backends ended under write load', {
      requests: answers.length,
      byStatus: statuses,
      backendsEnded: terminated,
      processAlive: server.alive(),
    });
  });

  it('database unreachable for a while: 503 and health DOWN, then the pool, health and the outbox resume by themselves', async () => {
    const idp = await IdentityDouble.start();
    cleanup.push(() => idp.close());
    const hub = await HubDouble.start();
    cleanup.push(() => hub.close());
    const token = await idp.token({ user: 'pm-cut', roles: ['POLICYMANAGER'] });
    const db = await scratchDatabase();
    cleanup.push(() => db.drop());
    const target = new URL(db.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    cleanup.push(() => proxy.close());
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const dir = scratchDir();
    cleanup.push(() => dir.remove());
    const server = await startServer({
      PMS_AUTH_ISSUER: idp.issuer,
      PMS_DATA_DIR: dir.dir,
      DATABASE_URL: viaProxy.toString(),
      PMS_WEBSUB_HUB_URL: hub.url,
      PMS_OUTBOX_POLL_MS: '100',
      PMS_OUTBOX_MAX_BACKOFF_MS: '500',
    });
    cleanup.push(() => server.stop());
    const group = { name: `cut-${process.pid}`, id: '' };
    group.id = await createGroup(server.url, token, group.name);
    const before = await createAndPublish(server.url, token, group, `before-cut-${process.pid}`);
    expect(before.published?.status).toBe(200);

    proxy.cut();
    const cutAt = performance.now();
    const during = await createAndPublish(server.url, token, group, `during-cut-${process.pid}`);
    const writeAnswerMs = Math.round(performance.now() - cutAt);
    expect(during.draft.status).toBe(503);
    expect(during.draft.body?.errors?.[0]?.errorCode).toBe('PMS_DB_503');
    const t0 = performance.now();
    const down = await call(server.url, 'GET', HEALTH);
    const healthDownMs = Math.round(performance.now() - t0);
    expect(down.status).toBe(503);
    await sleep(3000);
    expect(server.alive(), server.output()).toBe(true);

    proxy.restore();
    const restoredAt = performance.now();
    let up = await call(server.url, 'GET', HEALTH);
    while (up.status !== 200 && performance.now() - restoredAt < 20_000) up = await call(server.url, 'GET', HEALTH);
    const healthUpMs = Math.round(performance.now() - restoredAt);
    expect(up.status).toBe(200);
    const after = await createAndPublish(server.url, token, group, `after-cut-${process.pid}`);
    expect(after.published?.status).toBe(200);

    // Both published policies' events reach the hub: the dispatcher lived through the outage.
    const waitFrom = performance.now();
    const delivered = () => hub.accepted.filter((c) => c.topic === 'POLICY_UPDATED').map((c) => c.body);
    while (performance.now() - waitFrom < 20_000 && ![before.id!, after.id!].every((id) => delivered().some((b) => b.includes(id))))
      await sleep(100);
    expect([before.id!, after.id!].every((id) => delivered().some((b) => b.includes(id)))).toBe(true);
    const pending = await admin<{ n: number }>(`select count(*)::int as n from outbox_event where delivered_at is null`, [], db.url);
    report('PostgreSQL unreachable for 3 s', {
      writeAnsweredIn503Ms: writeAnswerMs,
      healthDownAnsweredMs: healthDownMs,
      healthUpAfterRestoreMs: healthUpMs,
      outboxPendingAfter: pending[0]!.n,
    });
  });
});
