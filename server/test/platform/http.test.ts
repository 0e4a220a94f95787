import { Type } from 'typebox';
import { SignJWT, generateKeyPair, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v1 } from '../../src/platform/http/envelope.js';
import { MAX_PATH_PARAM, type Module } from '../../src/platform/http/app.js';
import { startTestServer, envelope, type TestServer } from '../support/test-server.js';

const probe: Module = (app) => {
  app.post(
    '/v1/partnermanager/probe',
    {
      config: { pms: { access: 'postpoliciesgroupnew' } },
      schema: {
        body: Type.Object({
          request: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 10, 'x-message': 'value is empty or null' }),
            count: Type.Optional(Type.Integer({ minimum: 0 })),
          }),
        }),
      },
    },
    async (req) => v1({ echoed: req.body.request.name }),
  );
  app.get('/v1/partnermanager/probe/item/:id', { config: { pms: { access: 'authenticated' } } }, async (req) =>
    v1({ length: (req.params as { id: string }).id.length }),
  );
  app.get('/v1/partnermanager/probe/boom', { config: { pms: { access: 'authenticated' } } }, async () => {
    throw new Error('secret internal detail');
  });
};

let s: TestServer;
let admin: string;

beforeAll(async () => {
  s = await startTestServer({ modules: [probe], env: { PMS_MAX_BODY_BYTES: '4096' } });
  admin = await s.token('admin1', ['PARTNER_ADMIN']);
});
afterAll(() => s.close());

describe('health', () => {
  it('reports the store on both base paths', async () => {
    for (const base of ['/v1/partnermanager', '/v1/policymanager']) {
      const r = await s.call('GET', `${base}/actuator/health`);
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('UP');
      expect(r.body.components.db.details.database).toBe(s.store.engine);
    }
  });
});

describe('envelopes and validation', () => {
  it('answers a valid request in the v1 envelope', async () => {
    const r = await s.call('POST', '/v1/partnermanager/probe', { token: admin, body: envelope({ name: 'abc' }) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: null, version: null, metadata: null, response: { echoed: 'abc' }, errors: [] });
    expect(r.body.responsetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });

  it('reports the first invalid field as PMS_COR_001 with MOSIP wording', async () => {
    const missing = await s.call('POST', '/v1/partnermanager/probe', { token: admin, body: envelope({}) });
    expect(missing.status).toBe(200);
    expect(missing.body.response).toBeNull();
    expect(missing.body.errors).toEqual([
      { errorCode: 'PMS_COR_001', message: 'Invalid request parameter - value is empty or null :request.name' },
    ]);
    const long = await s.call('POST', '/v1/partnermanager/probe', { token: admin, body: envelope({ name: 'x'.repeat(11) }) });
    expect(long.body.errors[0].message).toBe('Invalid request parameter - value is empty or null :request.name');
    const wrongType = await s.call('POST', '/v1/partnermanager/probe', { token: admin, body: envelope({ name: 'a', count: 'abc' }) });
    expect(wrongType.body.errors[0]).toEqual({
      errorCode: 'PMS_COR_001',
      message: 'Invalid request parameter - must be integer :request.count',
    });
    const noRequest = await s.call('POST', '/v1/partnermanager/probe', { token: admin, body: { id: 'x' } });
    expect(noRequest.body.errors[0].message).toBe('Invalid request parameter - must not be null :request');
  });

  it('refuses malformed, empty, deeply nested and oversized bodies with a clear envelope', async () => {
    const bad = await s.call('POST', '/v1/partnermanager/probe', { token: admin, raw: '{"request": {"name": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].errorCode).toBe('PMS_REQ_400');
    const empty = await s.call('POST', '/v1/partnermanager/probe', { token: admin, raw: '' });
    expect(empty.status).toBe(400);
    const deep = await s.call('POST', '/v1/partnermanager/probe', { token: admin, raw: '['.repeat(1000) + ']'.repeat(1000) });
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].message).toMatch(/nested deeper/);
    const huge = await s.call('POST', '/v1/partnermanager/probe', { token: admin, body: envelope({ name: 'x'.repeat(10_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].errorCode).toBe('PMS_REQ_413');
    const proto = await s.call('POST', '/v1/partnermanager/probe', { token: admin, raw: '{"request":{"name":"a","__proto__":{"x":1}}}' });
    expect(proto.status).toBe(200);
    expect(proto.body.errors).toEqual([]);
  });

  it('answers unknown routes with a 404 envelope', async () => {
    const r = await s.call('GET', '/v1/partnermanager/nothing-here', { token: admin });
    expect(r.status).toBe(404);
    expect(r.body.errors[0].errorCode).toBe('PMS_REQ_404');
  });

  it('lets long path parameters reach their route; refuses absurd ones and broken escapes in the envelope', async () => {
    const long = await s.call('GET', `/v1/partnermanager/probe/item/${'x'.repeat(MAX_PATH_PARAM)}`, { token: admin });
    expect(long.body.response).toEqual({ length: MAX_PATH_PARAM });
    const absurd = await s.call('GET', `/v1/partnermanager/probe/item/${'x'.repeat(MAX_PATH_PARAM + 1)}`, { token: admin });
    expect(absurd.status).toBe(414);
    expect(absurd.body).toMatchObject({ id: 'mosip.partnermanagement', response: null });
    expect(absurd.body.errors).toEqual([
      { errorCode: 'PMS_REQ_414', message: `A path parameter is longer than ${MAX_PATH_PARAM} characters` },
    ]);
    const broken = await s.call('GET', '/v1/partnermanager/probe/item/%zz', { token: admin });
    expect(broken.status).toBe(400);
    expect(broken.body.errors).toEqual([
      { errorCode: 'PMS_REQ_URL', message: 'Request path is not a valid URL: /v1/partnermanager/probe/item/%zz' },
    ]);
  });

  it('hides unexpected failures behind a generic error', async () => {
    const r = await s.call('GET', '/v1/partnermanager/probe/boom', { token: admin });
    expect(r.status).toBe(500);
    expect(r.body.errors).toEqual([{ errorCode: 'PMS_COR_003', message: 'Could not process the request' }]);
    expect(r.text).not.toContain('secret internal detail');
    expect(r.text).not.toContain('at ');
  });
});

describe('tokens and roles', () => {
  const expect401 = async (token: string | undefined, headers?: Record<string, string>) => {
    const r = await s.call('POST', '/v1/partnermanager/probe', { token, headers, body: envelope({ name: 'a' }) });
    expect(r.status).toBe(401);
    expect(r.body.errors).toEqual([{ errorCode: 'KER-ATH-401', message: 'Authentication Failed' }]);
  };

  it('accepts the token from the Authorization cookie', async () => {
    const r = await s.call('POST', '/v1/partnermanager/probe', {
      headers: { cookie: `Authorization=${admin}` },
      body: envelope({ name: 'a' }),
    });
    expect(r.body.response).toEqual({ echoed: 'a' });
  });

  it('refuses missing, expired, premature, foreign and garbage tokens', async () => {
    await expect401(undefined);
    await expect401(undefined, { cookie: 'Authorization=garbage.not.jwt' });
    await expect401(await s.token('u', ['PARTNER_ADMIN'], { expiresIn: -60 }));
    await expect401(await s.token('u', ['PARTNER_ADMIN'], { notBefore: 300 }));
    await expect401(await s.token('u', ['PARTNER_ADMIN'], { issuer: 'http://127.0.0.1:1/realms/other' }));
  });

  it('refuses a token signed by an unknown key, a tampered one, alg none and HS256 keyed with the public key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ preferred_username: 'u', realm_access: { roles: ['PARTNER_ADMIN'] } })
      .setProtectedHeader({ alg: 'RS256', kid: s.idp.kid })
      .setIssuer(s.idp.issuer)
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect401(foreign);

    const [h, p, sig] = admin.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.realm_access.roles = ['PARTNER_ADMIN', 'POLICYMANAGER'];
    await expect401(`${h}.${base64url.encode(JSON.stringify(payload))}.${sig}`);

    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
    await expect401(none);

    const hs = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', kid: s.idp.kid })
      .sign(new TextEncoder().encode(JSON.stringify(s.idp.publicJwk)));
    await expect401(hs);
  });

  it('refuses a caller without the endpoint role with KER-ATH-403', async () => {
    const partner = await s.token('p1', ['AUTH_PARTNER']);
    const r = await s.call('POST', '/v1/partnermanager/probe', { token: partner, body: envelope({ name: 'a' }) });
    expect(r.status).toBe(403);
    expect(r.body.errors).toEqual([{ errorCode: 'KER-ATH-403', message: 'Forbidden' }]);
  });
});

describe('role configuration', () => {
  it('lets PMS_ROLE_<KEY> replace an endpoint role list', async () => {
    const t = await startTestServer({ modules: [probe], env: { PMS_ROLE_POSTPOLICIESGROUPNEW: 'AUTH_PARTNER' } });
    try {
      const partner = await t.token('p1', ['AUTH_PARTNER']);
      const admin2 = await t.token('a1', ['PARTNER_ADMIN']);
      expect((await t.call('POST', '/v1/partnermanager/probe', { token: partner, body: envelope({ name: 'a' }) })).status).toBe(200);
      expect((await t.call('POST', '/v1/partnermanager/probe', { token: admin2, body: envelope({ name: 'a' }) })).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});

describe('OpenAPI', () => {
  it('serves a document generated from the route schemas, and a browsable UI', async () => {
    // The first requests build the docs (issue 16); arriving together, they share one build.
    const [doc, ui, again] = await Promise.all([
      s.call('GET', '/v1/partnermanager/v3/api-docs'),
      s.call('GET', '/v1/partnermanager/swagger-ui/'),
      s.call('GET', '/v1/partnermanager/v3/api-docs'),
    ]);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(again.text).toBe(doc.text);
    const probe = doc.body.paths['/v1/partnermanager/probe'].post;
    expect(probe.requestBody.content['application/json'].schema.properties.request.required).toContain('name');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('keeps the security schemes and leaves out the hidden routes', async () => {
    const doc = (await s.call('GET', '/v1/partnermanager/v3/api-docs')).body;
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearer', 'cookie']);
    expect(doc.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    const hidden = Object.keys(doc.paths).filter((p) => /actuator|api-docs|swagger-ui/.test(p));
    expect(hidden).toEqual([]);
  });

  it("passes the UI's files on as they are, and answers what it lacks with the service's 404", async () => {
    const json = await s.call('GET', '/v1/partnermanager/swagger-ui/json');
    expect(json.text).toBe((await s.call('GET', '/v1/partnermanager/v3/api-docs')).text);
    const css = await fetch(`${s.url}/v1/partnermanager/swagger-ui/static/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const head = await fetch(`${s.url}/v1/partnermanager/swagger-ui/static/swagger-ui.css`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String((await css.arrayBuffer()).byteLength));
    const missing = await s.call('GET', '/v1/partnermanager/swagger-ui/static/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].errorCode).toBe('PMS_REQ_404');
  });
});

describe('logs', () => {
  it('never contain a token, valid or not, even at trace level', async () => {
    const lines: string[] = [];
    const t = await startTestServer({ modules: [probe], logLines: lines });
    try {
      const good = await t.token('admin1', ['PARTNER_ADMIN']);
      const expired = await t.token('admin1', ['PARTNER_ADMIN'], { expiresIn: -60 });
      const garbage = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.secret-garbage-value';
      await t.call('POST', '/v1/partnermanager/probe', { token: good, body: envelope({ name: 'a' }) });
      await t.call('POST', '/v1/partnermanager/probe', { token: expired, body: envelope({ name: 'a' }) });
      await t.call('POST', '/v1/partnermanager/probe', { headers: { cookie: `Authorization=${garbage}` }, body: envelope({ name: 'a' }) });
      await t.call('GET', '/v1/partnermanager/probe/boom', { token: good });
      expect(lines.length).toBeGreaterThan(4);
      const all = lines.join('\n');
      for (const secret of [good, expired, garbage, good.split('.')[2]!, 'secret-garbage-value']) expect(all).not.toContain(secret);
      expect(all).toContain('unhandled error');
    } finally {
      await t.close();
    }
  });
});
