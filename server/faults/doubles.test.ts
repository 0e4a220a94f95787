import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '../src/platform/db/sql.js';
import { clientIdOf, parseJwk } from '../src/oidc-clients/keys.js';
import { HubDouble } from '../test/outbox/hub-double.js';
import { authPartner, createBody, createV2, startOidc } from '../test/oidc-clients/helpers.js';
import { EsignetDouble } from '../test/support/esignet-double.js';
import { IdentityDouble } from '../test/support/identity-double.js';
import { createAndPublish, createGroup, report, scratchDir, sleep, startServer } from './support.js';

// The services PMS calls failing and coming back: the WebSub hub (events wait in the outbox
// and are all delivered once it answers again) and eSignet (callers get MOSIP's error, the
// reconciler and a retry bring PMS and eSignet to agree).
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('the WebSub hub failing, then recovering', () => {
  it('delivers every event once the hub answers again; writes never wait for it', async () => {
    const idp = await IdentityDouble.start();
    cleanup.push(() => idp.close());
    const hub = await HubDouble.start();
    cleanup.push(() => hub.close());
    const token = await idp.token({ user: 'pm-hub', roles: ['POLICYMANAGER'] });
    const dir = scratchDir();
    cleanup.push(() => dir.remove());
    hub.failNext('error500', 'error500', 'reset', 'error500', 'reset', 'error500', 'error500', 'reset');
    const server = await startServer({
      PMS_AUTH_ISSUER: idp.issuer,
      PMS_DATA_DIR: dir.dir,
      PMS_WEBSUB_HUB_URL: hub.url,
      PMS_OUTBOX_POLL_MS: '100',
      PMS_OUTBOX_MAX_BACKOFF_MS: '400',
    });
    cleanup.push(() => server.stop());
    const group = { name: `hub-${process.pid}`, id: '' };
    group.id = await createGroup(server.url, token, group.name);
    const ids: string[] = [];
    const writeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await createAndPublish(server.url, token, group, `hub-${i}-${process.pid}`);
      writeMs.push(performance.now() - t0);
      expect(r.published?.status).toBe(200);
      ids.push(r.id!);
    }
    const started = performance.now();
    const delivered = () => ids.filter((id) => hub.accepted.some((c) => c.topic === 'POLICY_UPDATED' && c.body.includes(id)));
    while (delivered().length < ids.length && performance.now() - started < 30_000) await sleep(100);
    expect(delivered()).toEqual(ids);
    expect(server.alive(), server.output()).toBe(true);
    report('WebSub hub failing then recovering', {
      events: ids.length,
      failuresInjected: 8,
      publishAttempts: hub.publishes.length,
      drainedAfterWritesMs: Math.round(performance.now() - started),
      slowestWriteMs: Math.round(Math.max(...writeMs)),
    });
  });
});

describe('eSignet failing, then recovering', () => {
  it("answers MOSIP's error while eSignet fails; after recovery a retry and the reconciler leave PMS and eSignet agreeing", async () => {
    const esignet = await EsignetDouble.start();
    cleanup.push(() => esignet.close());
    const e = await startOidc({ esignet, env: { PMS_ESIGNET_TIMEOUT_MS: '500' } });
    cleanup.push(() => e.close());
    const p = await authPartner(e);
    esignet.fail(
      { kind: 'http', status: 500 },
      { kind: 'reset' },
      { kind: 'reset', after: true },
      { kind: 'http', status: 503 },
      { kind: 'hang', after: true },
    );
    const bodies = Array.from({ length: 8 }, () => createBody(e, p));
    const first = [];
    for (const body of bodies) first.push(await createV2(e, p.token, body));
    for (const r of first) expect(r.status).toBe(200);
    const failed = first.filter((r) => r.body.errors?.length).length;
    expect(failed).toBe(5);
    for (const r of first) if (r.body.errors?.length) expect(r.body.errors[0].errorCode).toBe('PMS_KKS_001');

    // eSignet is back: the reconciler finishes or undoes what was left half-way, callers retry.
    esignet.releaseHung();
    await e.expireLeases();
    const reconciled = await e.runtime().reconciler!.runOnce();
    const retried = [];
    for (const [i, body] of bodies.entries()) if (first[i]!.body.errors?.length) retried.push(await createV2(e, p.token, body));
    for (const r of retried) expect(r.body.errors ?? []).toEqual([]);

    const ids = bodies.map((b) => clientIdOf(parseJwk(b.publicKey as Record<string, unknown>)));
    const stored = await e.s.store.query<{ id: string; status: string }>(
      sql`select id, status from oidc_client where id in (${sql.join(ids.map((id) => sql`${id}`))})`,
    );
    expect(stored).toHaveLength(ids.length);
    for (const id of ids) expect(esignet.clients.get(id)?.status).toBe('ACTIVE');
    const open = await e.s.store.query(sql`select client_id from oidc_client_op where state in ('PENDING', 'UNDO')`);
    expect(open).toEqual([]);
    report('eSignet failing then recovering', { creates: ids.length, failedWhileDown: failed, reconciled, retriedOk: retried.length });
  });
});
