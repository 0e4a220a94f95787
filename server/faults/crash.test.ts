import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Store } from '../src/platform/db/store.js';
import { sql } from '../src/platform/db/sql.js';
import { IdentityDouble } from '../test/support/identity-double.js';
import {
  call,
  createAndPublish,
  createGroup,
  postgresAnswers,
  report,
  scratchDatabase,
  scratchDir,
  sleep,
  startServer,
} from './support.js';

// kill -9 under write load, then restart: every write that was answered is there, and every
// answered publish has its event in the outbox (the event commits with the change).
const engines = ['pglite', ...((await postgresAnswers()) ? ['postgres'] : [])] as const;
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const MIN_LOAD_MS = 1500;
const MAX_LOAD_MS = 15_000;
const WORKERS = 8;

describe.each(engines)('kill -9 under write load (%s)', (engine) => {
  it('loses no answered write and no event of an answered write; the restarted server serves', async () => {
    const idp = await IdentityDouble.start();
    cleanup.push(() => idp.close());
    const token = await idp.token({ user: 'pm-crash', roles: ['POLICYMANAGER'] });
    const dir = scratchDir();
    cleanup.push(() => dir.remove());
    const db = engine === 'postgres' ? await scratchDatabase() : undefined;
    if (db) cleanup.push(() => db.drop());
    const env: Record<string, string> = { PMS_AUTH_ISSUER: idp.issuer, PMS_DATA_DIR: dir.dir, ...(db ? { DATABASE_URL: db.url } : {}) };
    const server = await startServer(env);
    cleanup.push(() => server.stop());
    const group = { name: `crash-${engine}-${process.pid}`, id: '' };
    group.id = await createGroup(server.url, token, group.name);

    const drafts = new Set<string>();
    const published = new Set<string>();
    let unanswered = 0;
    let n = 0;
    let stop = false;
    const worker = async (w: number) => {
      while (!stop) {
        const r = await createAndPublish(server.url, token, group, `p-${w}-${n++}`);
        if (r.id) drafts.add(r.id);
        else if (r.draft.status === 0) unanswered++;
        if (r.published?.status === 200 && !r.published.body?.errors?.length) published.add(r.id!);
        else if (r.published?.status === 0) unanswered++;
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    // Crash in the middle of the load: once enough writes were answered (a shared machine may
    // be slow), at the latest after MAX_LOAD_MS.
    const loadStart = performance.now();
    await sleep(MIN_LOAD_MS);
    while (published.size < 10 && performance.now() - loadStart < MAX_LOAD_MS) await sleep(50);
    const loadMs = Math.round(performance.now() - loadStart);
    stop = true;
    await server.crash();
    await Promise.all(workers);
    expect(published.size).toBeGreaterThan(0);

    // Read what survived straight from the store, as the restarted server will.
    const store: Store = db ? await openPostgres(db.url, 2) : await openPglite(join(dir.dir, 'pglite'));
    const stored = new Set((await store.query<{ id: string }>(sql`select id from auth_policy`)).map((r) => r.id));
    const events = (await store.query<{ p: string }>(sql`select payload::text as p from outbox_event where topic = 'POLICY_UPDATED'`)).map(
      (r) => r.p,
    );
    await store.close();
    const lostWrites = [...drafts].filter((id) => !stored.has(id));
    const lostEvents = [...published].filter((id) => !events.some((e) => e.includes(id)));
    expect(lostWrites).toEqual([]);
    expect(lostEvents).toEqual([]);

    const t0 = performance.now();
    const again = await startServer(env);
    const restartMs = Math.round(performance.now() - t0);
    cleanup.push(() => again.stop());
    const one = [...published][0]!;
    const read = await call(again.url, 'GET', `/v1/policymanager/policies/${one}`, token);
    expect(read.status).toBe(200);
    expect(read.body?.errors ?? []).toEqual([]);
    await again.stop();
    report(`kill -9 under write load (${engine})`, {
      workers: WORKERS,
      loadMs,
      answeredWrites: drafts.size + published.size,
      answeredPublishes: published.size,
      cutOffByTheKill: unanswered,
      lostWrites: lostWrites.length,
      lostEvents: lostEvents.length,
      restartToHealthyMs: restartMs,
    });
  });
});
