import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/sql.js';
import type { Module } from '../../src/platform/http/app.js';
import { v1 } from '../../src/platform/http/envelope.js';
import { policiesModule } from '../../src/policies/index.js';
import { PaginationSchema } from '../../src/platform/search/schemas.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';
import { createGroup, createPolicy, P } from '../policies/helpers.js';

const Nullable = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

/** Echoes what the handler receives after the platform read the body. */
const probe: Module = (app) => {
  app.post(
    '/v1/partnermanager/lenient',
    {
      config: { pms: { access: 'authenticated' } },
      schema: {
        body: Type.Object({
          request: Type.Object({
            count: Type.Optional(Type.Integer({ minimum: 0 })),
            ratio: Type.Optional(Type.Number()),
            flag: Type.Optional(Type.Boolean()),
            name: Type.Optional(Type.String({ maxLength: 10 })),
            required: Type.String({ minLength: 1 }),
            maybe: Nullable(Type.Integer()),
            tags: Type.Optional(Type.Array(Type.String())),
            kind: Type.Optional(Type.String({ default: 'unique' })),
            pagination: Nullable(PaginationSchema),
          }),
        }),
      },
    },
    async (req) => v1(req.body.request),
  );
};

let s: TestServer;
let token: string;

beforeAll(async () => {
  s = await startTestServer({ modules: [probe, policiesModule] });
  token = await s.token('lenient1', ['PARTNER_ADMIN', 'POLICYMANAGER']);
});
afterAll(() => s.close());

const send = (request: Record<string, unknown>) =>
  s.call('POST', '/v1/partnermanager/lenient', { token, body: envelope({ required: 'x', ...request }) });
const read = async (request: Record<string, unknown>) => {
  const r = await send(request);
  expect(r.body.errors).toEqual([]);
  return r.body.response;
};
const refused = async (request: Record<string, unknown>) => {
  const r = await send(request);
  expect(r.status).toBe(200);
  expect(r.body.response).toBeNull();
  return r.body.errors;
};

describe('bodies are read as Jackson reads them', () => {
  it('coerces numeric and boolean strings to the declared type', async () => {
    expect(await read({ count: '7', ratio: '1.5', flag: 'true' })).toMatchObject({ count: 7, ratio: 1.5, flag: true });
    expect(await read({ count: ' 8 ', flag: 'FALSE' })).toMatchObject({ count: 8, flag: false });
    expect(await read({ maybe: '3' })).toMatchObject({ maybe: 3 });
  });

  it('gives numbers and booleans sent for text as their text, in lists too', async () => {
    expect(await read({ name: 12, required: true, tags: ['a', 5, false] })).toMatchObject({
      name: '12',
      required: 'true',
      tags: ['a', '5', 'false'],
    });
  });

  it('truncates a fraction sent for an integer (ACCEPT_FLOAT_AS_INT)', async () => {
    expect(await read({ count: 2.9 })).toMatchObject({ count: 2 });
  });

  it('still validates after coercion, with MOSIP code PMS_COR_001', async () => {
    expect(await refused({ count: 'abc' })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be integer :request.count' },
    ]);
    expect(await refused({ count: '-1' })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be >= 0 :request.count' },
    ]);
    expect(await refused({ count: '1.5' })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be integer :request.count' },
    ]);
    expect(await refused({ flag: 'yes' })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be boolean :request.flag' },
    ]);
    expect(await refused({ name: 12345678901 })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - size must be between 0 and 10 :request.name' },
    ]);
    expect(await refused({ name: { a: 1 } })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be string :request.name' },
    ]);
  });

  it('does not wrap a single value into a list (MOSIP leaves ACCEPT_SINGLE_VALUE_AS_ARRAY off)', async () => {
    expect(await refused({ tags: 'a' })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must be array :request.tags' },
    ]);
  });

  it('reads null and an empty number as absent, and a required null as @NotNull', async () => {
    const r = await read({ count: null, flag: '', name: null });
    expect(r).not.toHaveProperty('count');
    expect(r).not.toHaveProperty('flag');
    expect(r).not.toHaveProperty('name');
    expect(await read({ maybe: '' })).toMatchObject({ maybe: null });
    expect(await refused({ required: null })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must not be null :request.required' },
    ]);
  });

  it('ignores unknown fields', async () => {
    const r = await read({ somethingElse: { deep: [1] }, count: 1 });
    expect(r).toMatchObject({ count: 1 });
  });

  it('applies DTO defaults, inside a nullable wrapper too; null replaces a default; Java ints read null as 0', async () => {
    expect(await read({})).toMatchObject({ kind: 'unique' });
    expect(await read({ pagination: {} })).toMatchObject({ pagination: { pageStart: 0, pageFetch: 10 } });
    expect(await read({ pagination: { pageStart: '2' } })).toMatchObject({ pagination: { pageStart: 2, pageFetch: 10 } });
    expect(await read({ pagination: { pageStart: null, pageFetch: '' } })).toMatchObject({ pagination: { pageStart: 0, pageFetch: 0 } });
    expect(await read({ pagination: null })).toMatchObject({ pagination: null });
    expect(await refused({ kind: null })).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - must not be null :request.kind' },
    ]);
  });
});

describe('bodies of endpoints that take none', () => {
  it('are never read: empty or malformed JSON on publish is accepted', async () => {
    const group = await createGroup(s, token, `len-${process.pid}`);
    const policy = await createPolicy(s, token, group.name, { name: `len-${process.pid}` });
    const r = await s.call('POST', `${P}/${policy.id}/group/${group.id}/publish`, {
      token,
      raw: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    const stored = await s.store.query<{ policy_schema: string | null; is_active: boolean }>(
      sql`select policy_schema, is_active from auth_policy where id = ${policy.id}`,
    );
    expect(stored[0]).toMatchObject({ is_active: true });
    expect(stored[0]?.policy_schema).toBeTruthy();
    const again = await s.call('POST', `${P}/${policy.id}/group/${group.id}/publish`, {
      token,
      raw: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(again.status).toBe(200);
    expect(again.body.errors[0].errorCode).not.toBe('PMS_REQ_400');
  });

  it('an endpoint that needs a body still refuses an empty one with 400', async () => {
    const r = await s.call('POST', '/v1/partnermanager/lenient', { token, raw: '', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ errorCode: 'PMS_REQ_400', message: 'Required request body is missing' }]);
  });
});

describe('legacy search shaped as MOSIP scripts send it', () => {
  it('accepts paging as strings and an absent pageFetch (default 10)', async () => {
    const r = await s.call('POST', `${P}/group/search`, {
      token,
      body: envelope({ filters: [], sort: [], pagination: { pageStart: '0', pageFetch: '2' } }),
    });
    expect(r.body.errors).toEqual([]);
    expect(r.body.response.data).toHaveLength(r.body.response.totalRecord >= 2 ? 2 : r.body.response.totalRecord);
    const d = await s.call('POST', `${P}/group/search`, { token, body: envelope({ filters: [], sort: [], pagination: { pageStart: 0 } }) });
    expect(d.body.errors).toEqual([]);
    expect(d.body.response.fromRecord).toBe(1);
  });
});
