import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, fieldOfError, fillPath, queryString, wrap } from '../../src/api/http.js';
import { base64url } from '../../src/auth/urls.js';

const reply = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an errors array with HTTP 200 is a failure carrying the server’s code and message', async () => {
    vi.stubGlobal(
      'fetch',
      reply(200, { response: null, errors: [{ errorCode: 'PMS_POL_009', message: 'Auth policy exists with name : x' }] }),
    );
    const err = await call({ method: 'POST', path: '/p' }, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('PMS_POL_009');
    expect((err as ApiError).message).toBe('Auth policy exists with name : x');
  });

  it('returns `response` on success and wraps bodies in MOSIP’s v1 or v2 envelope', async () => {
    const f = reply(200, { response: { ok: 1 }, errors: [] });
    vi.stubGlobal('fetch', f);
    expect(
      await call(
        { method: 'PATCH', path: '/g/{id}', request: { envelope: 'v2', id: 'mosip.x' } },
        { params: { id: 'a b' }, body: { status: 'De-Activate' } },
      ),
    ).toEqual({ ok: 1 });
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/g/a%20b');
    const sent = JSON.parse(String(init.body)) as Record<string, unknown>;
    expect(sent).toMatchObject({ id: 'mosip.x', version: '1.0', request: { status: 'De-Activate' } });
    expect(typeof sent.requestTime).toBe('string');
    expect(wrap({ envelope: 'v1' }, { a: 1 })).toMatchObject({ version: '1.0', request: { a: 1 } });
  });

  it('a 401 is "not signed in"', async () => {
    vi.stubGlobal('fetch', reply(401, { errors: [{ errorCode: 'KER-ATH-401', message: 'Authentication Failed' }] }));
    const err = (await call({ method: 'GET', path: '/x' }).catch((e: unknown) => e)) as ApiError;
    expect(err.unauthenticated).toBe(true);
  });

  it('helpers: paths, queries, field names in PMS_COR_001, base64url targets', () => {
    expect(() => fillPath('/a/{id}')).toThrow();
    expect(queryString({ a: 1, b: '', c: undefined, d: false })).toBe('?a=1&d=false');
    expect(fieldOfError({ errorCode: 'PMS_COR_001', message: 'Invalid request parameter - value is empty or null :request.name' })).toEqual(
      { field: 'name', message: 'value is empty or null' },
    );
    expect(base64url('/pmp/policies?x=é')).toBe(Buffer.from('/pmp/policies?x=é').toString('base64url'));
  });
});
