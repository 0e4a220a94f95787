import type { SwaggerOptions } from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import { loadOnce } from '../lazy.js';
import type { App } from './app.js';

/**
 * The OpenAPI document and Swagger UI, loaded on their first request. Importing
 * @fastify/swagger (with json-schema-resolver, yaml, debug) and @fastify/swagger-ui (with
 * @fastify/static) cost 30–60 ms and 1–3 MB of every start, for pages most processes never
 * serve. At start only a cheap `onRoute` hook runs, keeping each route's options; the first
 * docs or UI request builds a separate Fastify instance with both plugins, declares the kept
 * routes on it again (handlers that never run), and from then on the document comes from that
 * instance and UI requests are passed to it with `inject`.
 */

/** What @fastify/swagger was registered with when it loaded at start; the document depends on it. */
const SWAGGER_OPTIONS: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Partner Management Service',
      description: "MOSIP's partner and policy management API (/v1/partnermanager, /v1/policymanager).",
      version: '0.1.0',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'Authorization' },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
  },
};

/** Hop-by-hop and per-answer headers the outer reply sets itself (the length from the body it sends). */
const NOT_FORWARDED = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date']);

export interface DocsOptions {
  /** Where the JSON document is served. */
  docsUrl: string;
  /** Swagger UI's prefix; it and everything under it go to the UI. */
  uiPrefix: string;
  /** The outer app's router options, so a path routes in the inner instance as it did outside. */
  routerOptions: { ignoreTrailingSlash: boolean; maxParamLength: number };
}

type Built = FastifyInstance & { swagger(): Record<string, unknown> };

/**
 * The inner instance with swagger and the UI, given every route the outer app declared (in the
 * same order, with the same options, so swagger sees what it saw when registered at start).
 * The inner app compiles nothing: its routes are never called, only described.
 */
async function buildDocs(routes: readonly RouteOptions[], opts: DocsOptions): Promise<Built> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
  const inner = Fastify({ logger: false, routerOptions: opts.routerOptions });
  inner.setValidatorCompiler(() => () => true);
  inner.setSerializerCompiler(() => (data) => JSON.stringify(data));
  try {
    await inner.register(swagger, SWAGGER_OPTIONS);
    await inner.register(swaggerUi, { routePrefix: opts.uiPrefix });
    // HEAD routes are declared as the outer app had them (Fastify added one per GET there), not added again.
    for (const route of routes) inner.route({ ...route, exposeHeadRoute: false, handler: neverCalled });
    await inner.ready();
    return inner as unknown as Built;
  } catch (err) {
    await inner.close().catch(() => undefined);
    throw err;
  }
}

function neverCalled(_req: FastifyRequest, reply: FastifyReply) {
  return reply.callNotFound();
}

/**
 * One build shared by concurrent first requests; a failed build is forgotten, so the next
 * request tries again (the failing request gets the usual 500, the process carries on).
 */
function lazyDocs(routes: readonly RouteOptions[], opts: DocsOptions) {
  let built: Built | undefined;
  return {
    get: loadOnce(async () => (built = await buildDocs(routes, opts))),
    close: async () => built?.close(),
  };
}

/**
 * A UI request answered by the inner instance: status, headers and body as it sent them. Asked
 * as GET (a HEAD here is Fastify's own, which sends the GET answer's headers without its body,
 * as it did when the UI's routes were the outer app's). What the UI has no route or file for
 * gets the outer app's 404, as before.
 */
async function forwardToUi(inner: Built, req: FastifyRequest, reply: FastifyReply) {
  const res = await inner.inject({ method: 'GET', url: req.url, headers: req.headers });
  if (res.statusCode === 404) return reply.callNotFound();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) reply.header(name, value);
  }
  // An empty body goes as none: sent as an empty Buffer it would gain a content-type (a redirect has none).
  return reply.status(res.statusCode).send(res.rawPayload.length > 0 ? res.rawPayload : undefined);
}

/**
 * Declares the document and UI routes (public, hidden from the document) and starts keeping the
 * routes declared after it; call it before any route the document should describe.
 */
export function installLazyDocs(app: App, opts: DocsOptions): void {
  const ownUrls = new Set([opts.docsUrl, opts.uiPrefix, `${opts.uiPrefix}/*`]);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    // The UI's own routes exist in the inner instance; declaring them again there would clash.
    if (!ownUrls.has(route.url)) routes.push(route);
  });
  const docs = lazyDocs(routes, opts);
  app.addHook('onClose', () => docs.close());

  const options = { config: { pms: { access: 'public' as const } }, schema: { hide: true } };
  app.get(opts.docsUrl, options, async () => (await docs.get()).swagger());
  const ui = async (req: FastifyRequest, reply: FastifyReply) => forwardToUi(await docs.get(), req, reply);
  app.get(opts.uiPrefix, options, ui);
  app.get(`${opts.uiPrefix}/*`, options, ui);
}
