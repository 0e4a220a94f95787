import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src/api/endpoints.js';
import { answersModule, type JsonSchema } from '../support/contract-types.js';
import { startPortalServer, type EmbeddedTestServer } from '../support/server.js';

/**
 * The portal's endpoint table against the OpenAPI document the server serves: every path and
 * method must exist, and the request schemas the portal validates forms with
 * (src/api/contract.json) must be the server's current ones, and the answer types the screens
 * read (src/api/answers.ts) must be generated from the server's response schemas.
 * `UPDATE_CONTRACT=1` rewrites both after a deliberate server change.
 */
type Operation = {
  parameters?: Array<{ in: string; name: string; schema: unknown; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: { request?: unknown } } }> };
  responses?: Record<string, { content?: Record<string, { schema?: { properties?: { response?: JsonSchema } } }> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

const snapshotPath = join(import.meta.dirname, '..', '..', 'src', 'api', 'contract.json');
const answersPath = join(import.meta.dirname, '..', '..', 'src', 'api', 'answers.ts');

/** The `response` schema inside each endpoint's success envelope (null: not JSON, e.g. CSV). */
function answersOf(doc: Doc): Record<string, JsonSchema | null> {
  const out: Record<string, JsonSchema | null> = {};
  for (const [name, ep] of Object.entries(endpoints)) {
    const op = doc.paths[ep.path]?.[ep.method.toLowerCase()];
    out[name] = op?.responses?.['200']?.content?.['application/json']?.schema?.properties?.response ?? null;
  }
  return out;
}

/** OpenAPI writes fastify's wildcard and params as `{name}`; our table does the same. */
function contractOf(doc: Doc) {
  const out: Record<string, { query: Record<string, unknown>; request: unknown }> = {};
  for (const [name, ep] of Object.entries(endpoints)) {
    const op = doc.paths[ep.path]?.[ep.method.toLowerCase()];
    if (!op) continue;
    const query = Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
    const request = op.requestBody?.content?.['application/json']?.schema?.properties?.request ?? null;
    out[name] = { query, request };
  }
  return out;
}

let server: EmbeddedTestServer;
let doc: Doc;

beforeAll(async () => {
  server = await startPortalServer();
  doc = (await (await fetch(`${server.url}/v1/partnermanager/v3/api-docs`)).json()) as Doc;
});
afterAll(async () => server?.close());

describe('API contract', () => {
  it('every endpoint the portal calls exists with its method', () => {
    const missing = Object.entries(endpoints)
      .filter(([, ep]) => !doc.paths[ep.path]?.[ep.method.toLowerCase()])
      .map(([name, ep]) => `${name}: ${ep.method} ${ep.path}`);
    expect(missing).toEqual([]);
  });

  it('the request schemas the forms validate with are the served ones', () => {
    const served = contractOf(doc);
    if (process.env.UPDATE_CONTRACT === '1') writeFileSync(snapshotPath, `${JSON.stringify(served, null, 2)}\n`);
    const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as unknown;
    expect(snapshot).toEqual(served);
  });

  it('the answer types the screens read are generated from the served response schemas', () => {
    const generated = answersModule(answersOf(doc));
    if (process.env.UPDATE_CONTRACT === '1') writeFileSync(answersPath, generated);
    expect(readFileSync(answersPath, 'utf8')).toBe(generated);
  });
});
