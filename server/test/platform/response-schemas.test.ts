import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PmsError } from '../../src/platform/errors/pms-error.js';
import { v1 } from '../../src/platform/http/envelope.js';
import type { Module } from '../../src/platform/http/app.js';
import { NullableString, Open, v1Responses } from '../../src/platform/http/response-schemas.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const Answer = Type.Object({ name: Type.String(), note: NullableString(), document: Open() });

/** Routes whose handlers answer more than their contract, or fail, to see what leaves the server. */
const probe: Module = (app) => {
  app.get(
    '/v1/partnermanager/contract-probe/:mode',
    {
      config: { pms: { access: 'authenticated' } },
      schema: { params: Type.Object({ mode: Type.String() }), response: v1Responses(Answer) },
    },
    async (req) => {
      if (req.params.mode === 'business') throw PmsError.of('PMS_MSP_005');
      if (req.params.mode === 'http') throw PmsError.http(503, 'PMS_DB_503');
      const answer = { name: 'n', note: null, document: { any: { nested: [1, 'x'] } }, secret: 'never leaves' };
      return v1(answer as { name: string; note: null; document: Record<string, unknown> });
    },
  );
};

let s: TestServer;
let token: string;

beforeAll(async () => {
  s = await startTestServer({ modules: [probe] });
  token = await s.token('user1', ['PARTNER_ADMIN']);
});
afterAll(() => s.close());

describe('response schemas', () => {
  it('drop what the contract does not name, keep nulls and open documents as they are', async () => {
    const r = await s.call('GET', '/v1/partnermanager/contract-probe/ok', { token });
    expect(r.status).toBe(200);
    expect(r.body.response).toEqual({ name: 'n', note: null, document: { any: { nested: [1, 'x'] } } });
    expect(r.text).not.toContain('secret');
    expect(Object.keys(r.body)).toEqual(['id', 'version', 'responsetime', 'metadata', 'response', 'errors']);
  });

  it('let MOSIP business errors (HTTP 200) and HTTP errors through in the error envelope', async () => {
    const business = await s.call('GET', '/v1/partnermanager/contract-probe/business', { token });
    expect(business.status).toBe(200);
    expect(business.body).toMatchObject({ response: null, errors: [{ errorCode: 'PMS_MSP_005' }] });
    const http = await s.call('GET', '/v1/partnermanager/contract-probe/http', { token });
    expect(http.status).toBe(503);
    expect(http.body).toMatchObject({ response: null, errors: [{ errorCode: 'PMS_DB_503' }] });
    expect(typeof http.body.responsetime).toBe('string');
  });

  it('show in the served OpenAPI document', async () => {
    const doc = await s.call('GET', '/v1/partnermanager/v3/api-docs');
    const op = doc.body.paths['/v1/partnermanager/contract-probe/{mode}'].get;
    const ok = op.responses['200'].content['application/json'].schema;
    expect(Object.keys(ok.properties)).toEqual(['id', 'version', 'responsetime', 'metadata', 'response', 'errors']);
    expect(Object.keys(ok.properties.response.properties)).toEqual(['name', 'note', 'document']);
    expect(op.responses['4XX'] ?? op.responses['4xx']).toBeTruthy();
  });
});
