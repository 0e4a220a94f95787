import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { EsignetDouble } from '../support/esignet-double.js';
import {
  authPartner,
  clientRow,
  createBody,
  createV2,
  err,
  events,
  opRow,
  startOidc,
  updateBody,
  updateV2,
  type OidcTestEnv,
  type TestPartner,
} from './helpers.js';
import { clientIdOf, parseJwk } from '../../src/oidc-clients/keys.js';

/**
 * One consistent write (docs/oidc-clients.md, "Consistency"): each step of a create or update is failed or "crashed"
 * (a throw at a hook point leaves the state exactly as a killed process would), and the test
 * shows that eSignet and PMS end up agreeing — after the caller's retry, or the reconciler.
 */

let esignet: EsignetDouble;
let e: OidcTestEnv;
let p: TestPartner;
const crash = { before: false, after: false };

beforeAll(async () => {
  esignet = await EsignetDouble.start();
  e = await startOidc({
    esignet,
    env: { PMS_ESIGNET_TIMEOUT_MS: '400' },
    hooks: {
      beforeEsignet: () => {
        if (crash.before) throw new Error('simulated crash before eSignet');
      },
      afterEsignet: () => {
        if (crash.after) throw new Error('simulated crash after eSignet');
      },
    },
  });
  p = await authPartner(e);
});
afterAll(async () => {
  await e.close();
  await esignet.close();
});
beforeEach(() => {
  crash.before = false;
  crash.after = false;
  esignet.clearFaults();
});

const reconcile = async () => {
  await e.expireLeases();
  return e.runtime().reconciler!.runOnce();
};
const idOf = (body: Record<string, unknown>) => clientIdOf(parseJwk(body.publicKey as Record<string, unknown>));
const createdEvents = async (id: string) =>
  (await events(e, 'OIDC_CLIENT_CREATED')).filter((ev) => ev.event.data.clientData.clientId === id);
const updatedEvents = async (id: string) =>
  (await events(e, 'OIDC_CLIENT_UPDATED')).filter((ev) => ev.event.data.clientData.clientId === id);

async function created(): Promise<{ id: string; body: Record<string, unknown> }> {
  const body = createBody(e, p);
  const r = await createV2(e, p.token, body);
  expect(err(r)).toBeUndefined();
  return { id: r.body.response.clientId, body };
}

describe('create', () => {
  it('eSignet answers HTTP 500: PMS_KKS_001, nothing stored; the reconciler makes sure eSignet holds nothing usable', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    esignet.fail({ kind: 'http', status: 500 });
    const r = await createV2(e, p.token, body);
    expect(err(r)).toEqual({ errorCode: 'PMS_KKS_001', message: 'Error while accessing the API.Please check the logs.' });
    expect(await clientRow(e, id)).toBeUndefined();
    expect(await opRow(e, id)).toMatchObject({ state: 'UNDO', kind: 'create' });
    expect(await reconcile()).toMatchObject({ undone: 1 });
    expect(await opRow(e, id)).toMatchObject({ state: 'REVERTED' });
    expect(esignet.clients.has(id)).toBe(false);
    expect(await createdEvents(id)).toHaveLength(0);
  });

  it('eSignet applies the create but its answer never comes (timeout): the caller is told, eSignet is deactivated, and a retry succeeds', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    esignet.fail({ kind: 'hang', after: true });
    const started = Date.now();
    const r = await createV2(e, p.token, body);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err(r)?.errorCode).toBe('PMS_KKS_001');
    expect(esignet.clients.get(id)?.status).toBe('ACTIVE'); // eSignet has it, PMS not (yet)
    expect(await clientRow(e, id)).toBeUndefined();

    expect(await reconcile()).toMatchObject({ undone: 1 });
    expect(esignet.clients.get(id)?.status).toBe('INACTIVE');
    expect(await opRow(e, id)).toMatchObject({ state: 'REVERTED' });

    // The caller retries: eSignet says "duplicate", which PMS knows to be its own attempt.
    const retry = await createV2(e, p.token, { ...body, name: 'Health Portal (retry)' });
    expect(err(retry)).toBeUndefined();
    expect(retry.body.response).toMatchObject({ clientId: id, status: 'ACTIVE' });
    expect(esignet.clients.get(id)).toMatchObject({ status: 'ACTIVE', name: 'Health Portal (retry)' });
    expect(await clientRow(e, id)).toMatchObject({ status: 'ACTIVE', esignet_status: 'REGISTERED' });
    expect(await opRow(e, id)).toBeUndefined();
    expect(await createdEvents(id)).toHaveLength(1);
  });

  it("another partner's create of a key an earlier attempt left in eSignet: PMS_ESI_001, eSignet keeps its relying party", async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    esignet.fail({ kind: 'hang', after: true });
    expect(err(await createV2(e, p.token, body))?.errorCode).toBe('PMS_KKS_001');
    expect(await reconcile()).toMatchObject({ undone: 1 });
    expect(esignet.clients.get(id)).toMatchObject({ status: 'INACTIVE', rpId: p.id });

    // eSignet's update cannot change a client's relying party, so the attempt is not taken over.
    const other = await authPartner(e);
    const calls = esignet.mgmtCalls().length;
    const r = await createV2(e, other.token, createBody(e, other, { publicKey: body.publicKey }));
    expect(err(r)).toEqual({ errorCode: 'PMS_ESI_001', message: 'Client public key already exists.' });
    expect(esignet.mgmtCalls()).toHaveLength(calls);
    expect(esignet.clients.get(id)).toMatchObject({ status: 'INACTIVE', rpId: p.id });
    expect(await clientRow(e, id)).toBeUndefined();
    expect(await opRow(e, id)).toMatchObject({ state: 'REVERTED' });
    expect((await opRow(e, id))!.esignet_request.body.relyingPartyId).toBe(p.id);

    // The partner that made the attempt still can.
    expect(err(await createV2(e, p.token, body))).toBeUndefined();
    expect(esignet.clients.get(id)).toMatchObject({ status: 'ACTIVE', rpId: p.id });
    expect(await clientRow(e, id)).toMatchObject({ rp_id: p.id });
  });

  it('the connection drops after eSignet applied (reset): same convergence through the reconciler', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    esignet.fail({ kind: 'reset', after: true });
    expect(err(await createV2(e, p.token, body))?.errorCode).toBe('PMS_KKS_001');
    await reconcile();
    expect(esignet.clients.get(id)?.status).toBe('INACTIVE');
    expect(await clientRow(e, id)).toBeUndefined();
  });

  it('crash after eSignet accepted, before the commit: the reconciler finishes the create (client + event)', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    crash.after = true;
    const r = await createV2(e, p.token, body);
    expect(r.status).toBe(500);
    expect(esignet.clients.get(id)?.status).toBe('ACTIVE');
    expect(await clientRow(e, id)).toBeUndefined();
    expect(await opRow(e, id)).toMatchObject({ state: 'PENDING', sent: 1 });

    // While the crashed attempt's lease runs, the key counts as taken.
    expect(err(await createV2(e, p.token, body))?.errorCode).toBe('PMS_ESI_001');

    crash.after = false;
    expect(await reconcile()).toMatchObject({ finished: 1 });
    expect(await clientRow(e, id)).toMatchObject({ status: 'ACTIVE', rp_id: p.id, cr_by: p.user });
    expect(esignet.clients.get(id)?.status).toBe('ACTIVE');
    expect(await opRow(e, id)).toBeUndefined();
    expect(await createdEvents(id)).toHaveLength(1);
    expect(await e.s.store.one(sql`select actor from audit_log where entity_id = ${id}`)).toEqual({ actor: p.user });
  });

  it('crash after eSignet accepted, then the caller retries once the lease ended: the retry succeeds instead of "duplicate"', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    crash.after = true;
    expect((await createV2(e, p.token, body)).status).toBe(500);
    crash.after = false;
    await e.expireLeases();
    const retry = await createV2(e, p.token, body);
    expect(err(retry)).toBeUndefined();
    expect(
      esignet
        .mgmtCalls()
        .slice(-2)
        .map((c) => `${c.method} ${c.body.request.status ?? ''}`),
    ).toEqual(['POST ', 'PUT ACTIVE']);
    expect(await clientRow(e, id)).toMatchObject({ status: 'ACTIVE' });
    expect(await createdEvents(id)).toHaveLength(1);
  });

  it('crash before eSignet was called: the reconciler registers and commits', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    crash.before = true;
    expect((await createV2(e, p.token, body)).status).toBe(500);
    expect(esignet.clients.has(id)).toBe(false);
    crash.before = false;
    expect(await reconcile()).toMatchObject({ finished: 1 });
    expect(esignet.clients.get(id)?.status).toBe('ACTIVE');
    expect(await clientRow(e, id)).toMatchObject({ status: 'ACTIVE' });
  });

  it('the reconciler keeps an operation while eSignet stays down, and converges once it is back', async () => {
    const body = createBody(e, p);
    const id = idOf(body);
    crash.before = true;
    await createV2(e, p.token, body);
    crash.before = false;
    esignet.fail({ kind: 'http', status: 503 });
    expect(await reconcile()).toMatchObject({ finished: 0, later: 1 });
    expect(await opRow(e, id)).toMatchObject({ state: 'UNDO' });
    expect(await reconcile()).toMatchObject({ undone: 1 });
    expect(await opRow(e, id)).toMatchObject({ state: 'REVERTED' });
    expect(await clientRow(e, id)).toBeUndefined();
    expect(esignet.clients.get(id)?.status ?? 'none').not.toBe('ACTIVE');
  });

  it('a token without eSignet access: refused before anything reaches eSignet, nothing stored', async () => {
    const wrong = await startOidc({ esignet, env: { PMS_ESIGNET_CLIENT_SECRET: 'wrong' } });
    try {
      const wp = await authPartner(wrong);
      const body = createBody(wrong, wp);
      const r = await createV2(wrong, wp.token, body);
      expect(err(r)).toEqual({ errorCode: 'PMS_KKS_001', message: 'Error while accessing the API.Please check the logs.' });
      expect(esignet.clients.has(idOf(body))).toBe(false);
      expect(await wrong.s.store.one(sql`select count(*)::int as n from oidc_client_op`)).toEqual({ n: 0 });
    } finally {
      await wrong.close();
    }
  });
});

describe('update', () => {
  it("eSignet refuses: its code is relayed and nothing changes on either side (MOSIP ignores eSignet's answer)", async () => {
    const { id } = await created();
    const before = await clientRow(e, id);
    esignet.fail({ kind: 'refuse', code: 'invalid_claim', message: 'request.userClaims[0]: invalid_claim' });
    const r = await updateV2(e, p.token, id, updateBody());
    expect(err(r)).toEqual({ errorCode: 'invalid_claim', message: 'request.userClaims[0]: invalid_claim' });
    expect(await clientRow(e, id)).toEqual(before);
    expect(esignet.clients.get(id)?.updates).toBe(0);
    expect(await opRow(e, id)).toBeUndefined();
    expect(await updatedEvents(id)).toHaveLength(0);
  });

  it("eSignet applies the update but does not answer: MOSIP's update error, PMS unchanged, the reconciler restores eSignet", async () => {
    const { id } = await created();
    const before = await clientRow(e, id);
    esignet.fail({ kind: 'hang', after: true });
    const r = await updateV2(e, p.token, id, updateBody());
    expect(err(r)).toEqual({
      errorCode: 'PMS_PRT_500',
      message: 'Unable to process the request.PMS_KKS_001 --> Error while accessing the API.Please check the logs.',
    });
    expect(esignet.clients.get(id)?.logoUri).toBe('https://health-services.example/logo2.png');
    expect(await clientRow(e, id)).toEqual(before);

    // A second change waits until the first one is settled.
    expect(err(await updateV2(e, p.token, id, updateBody()))?.errorCode).toBe('PMS_OIDC_005');

    expect(await reconcile()).toMatchObject({ undone: 1 });
    expect(esignet.clients.get(id)).toMatchObject({
      logoUri: before!.logo_uri,
      redirectUris: before!.redirect_uris,
      name: 'Health Portal',
      status: 'ACTIVE',
    });
    expect(esignet.clients.get(id)?.langMap).toEqual({ eng: 'Health Portal', fra: 'Portail Santé' });
    expect(await opRow(e, id)).toBeUndefined();
    expect(await updatedEvents(id)).toHaveLength(0);
    // And the caller can try again.
    expect(err(await updateV2(e, p.token, id, updateBody()))).toBeUndefined();
    expect(await clientRow(e, id)).toMatchObject({ logo_uri: 'https://health-services.example/logo2.png' });
  });

  it('crash after eSignet applied a deactivation: the reconciler commits it and tells IDA', async () => {
    const { id } = await created();
    crash.after = true;
    expect((await updateV2(e, p.token, id, updateBody({ status: 'INACTIVE' }))).status).toBe(500);
    expect(esignet.clients.get(id)?.status).toBe('INACTIVE');
    expect(await clientRow(e, id)).toMatchObject({ status: 'ACTIVE' });
    crash.after = false;
    expect(await reconcile()).toMatchObject({ finished: 1 });
    expect(await clientRow(e, id)).toMatchObject({ status: 'INACTIVE', upd_by: p.user });
    const ev = await updatedEvents(id);
    expect(ev).toHaveLength(1);
    expect(ev[0].event.data.clientData).toMatchObject({ clientId: id, clientStatus: 'INACTIVE' });
  });

  it("a token without the update scope: eSignet's 403 is MOSIP's update error and nothing changes", async () => {
    const limited = await EsignetDouble.start({ scopes: ['add_oidc_client'] });
    const le = await startOidc({ esignet: limited });
    try {
      const lp = await authPartner(le);
      const c = await createV2(le, lp.token, createBody(le, lp));
      expect(err(c)).toBeUndefined();
      const id = c.body.response.clientId;
      const r = await updateV2(le, lp.token, id, updateBody({ status: 'INACTIVE' }));
      // For MOSIP a refused token is one more HTTP failure of the update call (spec 5.1).
      expect(err(r)).toEqual({
        errorCode: 'PMS_PRT_500',
        message: 'Unable to process the request.PMS_KKS_001 --> Error while accessing the API.Please check the logs.',
      });
      expect(limited.mgmtCalls().at(-1)).toMatchObject({ method: 'PUT' });
      expect(await clientRow(le, id)).toMatchObject({ status: 'ACTIVE' });
      expect(limited.clients.get(id)?.status).toBe('ACTIVE');
    } finally {
      await le.close();
      await limited.close();
    }
  });
});
