import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';

// Any byte sequence a caller sends is a client error in MOSIP's envelope, never a 500, and is
// logged below error level without a stack trace (so nobody can flood the error log).
const lines: string[] = [];
let s: TestServer;
let pm: string;
let admin: string;

beforeAll(async () => {
  s = await startTestServer({ logLines: lines });
  pm = await s.token('pm-nul', ['POLICYMANAGER']);
  admin = await s.token('admin-nul', ['PARTNER_ADMIN']);
});
afterAll(() => s.close());

const P = '/v1/policymanager/policies';
const search = (value: unknown) =>
  envelope({ filters: [{ columnName: 'name', type: 'contains', value }], sort: [], pagination: { pageStart: 0, pageFetch: 10 } });

function expectQuietClientError(r: { status: number; body: any }, field: string) {
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({
    response: null,
    errors: [{ errorCode: 'PMS_REQ_VALUE', message: `Invalid request parameter - must not contain a NUL character :${field}` }],
  });
}

describe('a NUL character anywhere in the input', () => {
  it('in a path id, a query value, a search value, a body field or a field name: 400 envelope naming the field', async () => {
    lines.length = 0;
    expectQuietClientError(await s.call('GET', `${P}/group/abc%00def`, { token: pm }), 'policygroupId');
    expectQuietClientError(await s.call('GET', `/v1/partnermanager/admin-partners?orgName=a%00b`, { token: admin }), 'orgName');
    expectQuietClientError(await s.call('POST', `${P}/group/search`, { token: pm, body: search('x\u0000y') }), 'request.filters[0].value');
    expectQuietClientError(
      await s.call('POST', `${P}/group/new`, { token: pm, body: envelope({ name: 'g\u0000', desc: 'd' }) }),
      'request.name',
    );
    expectQuietClientError(
      await s.call('POST', `${P}/group/new`, { token: pm, raw: JSON.stringify(envelope({ name: 'g', desc: 'd', 'x\u0000': 1 })) }),
      'request.x\\0',
    );
    expect(await s.store.query(sql`select id from policy_group where name = 'g'`)).toEqual([]);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; err?: { stack?: string } });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.some((l) => l.includes('"stack"'))).toBe(false);
  });

  it('other bytes (control characters, invalid UTF-8, unpaired surrogates) are stored or refused as ordinary values, never a 500', async () => {
    lines.length = 0;
    const odd = ['\u0001\u001f\u007f', '\ud800', '\uffff', '\u202e'];
    for (const [i, text] of odd.entries()) {
      const r = await s.call('POST', `${P}/group/new`, { token: pm, body: envelope({ name: `odd-${i}-${text}`, desc: text }) });
      expect(r.status).toBe(200);
      expect(r.body.errors).toEqual([]);
    }
    const raw = Buffer.concat([
      Buffer.from('{"id":"x","version":"1.0","requesttime":"2024-01-01T00:00:00.000Z","request":{"name":"bad-'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('","desc":"d"}}'),
    ]);
    const r = await fetch(`${s.url}${P}/group/new`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pm}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(r.status).toBe(200);
    const badPath = await s.call('GET', `${P}/group/%ff%fe`, { token: pm });
    expect(badPath.status).toBeLessThan(500);
    const search1 = await s.call('POST', `${P}/group/search`, { token: pm, body: search('\ud800') });
    expect(search1.status).toBe(200);
    expect(lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
  });
});
