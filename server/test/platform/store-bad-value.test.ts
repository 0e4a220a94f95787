import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { Module } from '../../src/platform/http/app.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// A value the store itself refuses (SQLSTATE class 22: out of range, not a number) is the
// caller's fault: 400 PMS_REQ_DATA in MOSIP's envelope, logged below error level, and the
// transaction it was part of leaves nothing. The probe route stands for any route whose schema
// lets such a value through to the store; the error comes from the real engine.
const probe: Module = (app, deps) => {
  app.get<{ Querystring: { n?: string } }>('/v1/policymanager/probe/store', { config: { pms: { access: 'getpolicies' } } }, async (req) => {
    await deps.store.tx(async (q) => {
      await q.exec(sql`insert into probe_value (n) values (1)`);
      await q.exec(sql`insert into probe_value (n) values (cast(${req.query.n ?? ''} as integer))`);
    });
    return { response: 'stored', errors: [] };
  });
};

const lines: string[] = [];
let s: TestServer;
let pm: string;
beforeAll(async () => {
  s = await startTestServer({ modules: [probe], logLines: lines });
  await s.store.exec(sql`create table probe_value (n integer)`);
  pm = await s.token('pm-data', ['POLICYMANAGER']);
});
afterAll(() => s.close());

describe('a value the store refuses', () => {
  it.each(['99999999999', 'not-a-number'])('%s: 400 PMS_REQ_DATA, nothing of the transaction kept, no error log', async (n) => {
    lines.length = 0;
    const r = await s.call('GET', `/v1/policymanager/probe/store?n=${n}`, { token: pm });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      response: null,
      errors: [
        { errorCode: 'PMS_REQ_DATA', message: 'Invalid request parameter - a value cannot be stored (out of range or not representable)' },
      ],
    });
    expect(await s.store.query(sql`select n from probe_value`)).toEqual([]);
    expect(lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
    expect(lines.some((l) => l.includes('"stack"'))).toBe(false);
  });

  it('a representable value is stored (the probe itself works)', async () => {
    const r = await s.call('GET', '/v1/policymanager/probe/store?n=7', { token: pm });
    expect(r.status).toBe(200);
    expect(await s.store.query(sql`select n from probe_value order by n`)).toEqual([{ n: 1 }, { n: 7 }]);
  });
});
