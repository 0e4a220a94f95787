import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, limitKindOf } from '../../src/platform/http/rate-limit.js';
import { startEmbeddedServer } from '../support/embedded-server.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
let pm: string;
let other: string;
beforeAll(async () => {
  s = await startTestServer({ env: { PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '3', PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE: '2' } });
  pm = await s.token('pm-rl', ['POLICYMANAGER']);
  other = await s.token('pm-rl2', ['POLICYMANAGER']);
});
afterAll(() => s.close());

const search = (token: string) =>
  s.call('POST', '/v1/policymanager/policies/group/search', {
    token,
    body: envelope({ filters: [], sort: [], pagination: { pageStart: 0, pageFetch: 1 } }),
  });

describe('per-route rate limits', () => {
  it('answer HTTP 429 in MOSIP envelope with Retry-After once a caller exceeds a route limit; other callers and routes go on', async () => {
    for (let i = 0; i < 3; i++) expect((await search(pm)).body.errors).toEqual([]);
    const over = await search(pm);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.body).toMatchObject({
      response: null,
      errors: [{ errorCode: 'PMS_REQ_429', message: `Too many requests; retry after ${over.headers.get('retry-after')} seconds` }],
    });
    expect((await search(other)).status).toBe(200);
    const filterValues = await s.call('POST', '/v1/policymanager/policies/group/filtervalues', {
      token: pm,
      body: envelope({ filters: [{ columnName: 'name', type: 'unique' }] }),
    });
    expect(filterValues.status).toBe(200);
    // Unlisted routes are not limited.
    for (let i = 0; i < 5; i++) expect((await s.call('GET', '/v1/policymanager/policies/group/all', { token: pm })).status).toBe(200);
  });

  it('counts callers without a token by address, on sensitive routes', async () => {
    const users = () => s.call('POST', '/v1/partnermanager/users', { body: envelope({}) });
    // Refused for lack of a token, before the limit is looked at…
    expect((await users()).status).toBe(401);
    // …and the login start, public, is counted per address.
    const idp = await startEmbeddedServer({ env: { PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE: '2' } });
    try {
      const login = () => fetch(`${idp.url}/v1/partnermanager/login/${Buffer.from('/').toString('base64')}`, { redirect: 'manual' });
      expect((await login()).status).toBe(302);
      expect((await login()).status).toBe(302);
      const third = await login();
      expect(third.status).toBe(429);
      expect(((await third.json()) as { errors: Array<{ errorCode: string }> }).errors[0]!.errorCode).toBe('PMS_REQ_429');
    } finally {
      await idp.close();
    }
  });

  it('the limiter: a window per key, reopened after a minute; 0 means no limit', () => {
    let t = 0;
    const limiter = createRateLimiter({ sensitivePerMinute: 2, expensivePerMinute: 0 }, () => t);
    expect([limiter.take('sensitivePerMinute', 'a'), limiter.take('sensitivePerMinute', 'a')]).toEqual([undefined, undefined]);
    expect(limiter.take('sensitivePerMinute', 'a')).toBe(60);
    expect(limiter.take('sensitivePerMinute', 'b')).toBeUndefined();
    t = 59_500;
    expect(limiter.take('sensitivePerMinute', 'a')).toBe(1);
    t = 60_000;
    expect(limiter.take('sensitivePerMinute', 'a')).toBeUndefined();
    for (let i = 0; i < 100; i++) expect(limiter.take('expensivePerMinute', 'a')).toBeUndefined();
    expect(limitKindOf('POST', '/v1/partnermanager/users')).toBe('sensitivePerMinute');
    expect(limitKindOf('POST', '/v1/partnermanager/partners/search')).toBe('expensivePerMinute');
    expect(limitKindOf('GET', '/v1/partnermanager/partners/:partnerId')).toBeUndefined();
  });
});
