import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Every route declares what it may answer (issue 15): a response schema compiles its serializer
 * (nothing undeclared leaves the server) and shows the shape in the served OpenAPI document.
 * A route added without one fails here.
 */
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe('response schemas', () => {
  it('every route of the served API has one', async () => {
    const doc = (await s.call('GET', '/v1/partnermanager/v3/api-docs')).body as { paths: Record<string, Record<string, Operation>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => ({ route: `${m.toUpperCase()} ${path}`, declared: Boolean(op.responses?.['200']?.content) })),
    );
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !r.declared).map((r) => r.route)).toEqual([]);
  });
});
