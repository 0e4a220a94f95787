import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Deps } from '../deps.js';
import { PmsError } from '../errors/pms-error.js';
import { installAuth } from './auth-hook.js';
import { mosipNow, type ErrorItem } from './envelope.js';
import { isBadValue, isStoreUnavailable } from '../db/store.js';
import { refuseNul } from './input-guard.js';
import { installRateLimits } from './rate-limit.js';
import { parseJsonBody } from './json-body.js';
import { installLazyDocs } from './openapi.js';
import type { PmsRouteConfig } from './route-config.js';
import { serializerCompiler } from './serialization.js';
import { validationError, validatorCompiler } from './validation.js';

export const PARTNER_BASE = '/v1/partnermanager';
export const POLICY_BASE = '/v1/policymanager';

/**
 * Longer than any id PMS stores (client ids are 43 characters, MOSIP caps them at 100), so an
 * overlong id still reaches its route and gets that route's own MOSIP error (PMS_ESI_004,
 * PMS_COR_001 …); only absurd paths stop at the router.
 */
export const MAX_PATH_PARAM = 2048;

/** The app's router, and the docs' inner app's too, so a path routes the same in both. */
const ROUTER_OPTIONS = { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAM };

/** Credentials never reach the logs, whatever the level. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLoggerLike,
  TypeBoxTypeProvider
>;
type FastifyBaseLoggerLike = import('fastify').FastifyBaseLogger;

/** A domain module: registers its routes on the app. */
export type Module = (app: App, deps: Deps) => void | Promise<void>;

function errorStyleOf(req: FastifyRequest): NonNullable<PmsRouteConfig['errorStyle']> {
  const cfg = req.routeOptions.config?.pms;
  if (cfg?.errorStyle) return cfg.errorStyle;
  if (cfg?.apiId) return 'v2';
  return req.url.startsWith(POLICY_BASE) ? 'policy' : 'partner';
}

function bodyIds(req: FastifyRequest): { id: string | null; version: string | null } {
  const b = req.body as { id?: unknown; version?: unknown } | undefined;
  return { id: typeof b?.id === 'string' ? b.id : null, version: typeof b?.version === 'string' ? b.version : null };
}

/**
 * MOSIP's error envelopes: the partner service answers with its fixed id, the policy service
 * echoes the request's id/version, revamp (v2) routes use their API id and `responseTime`.
 */
export function errorEnvelope(req: FastifyRequest, errors: ErrorItem[], kind: 'business' | 'validation' = 'business') {
  const style = errorStyleOf(req);
  if (style === 'v2') {
    const apiId = req.routeOptions.config?.pms?.apiId ?? null;
    return { id: apiId, version: '1.0', responseTime: mosipNow(), metadata: null, response: null, errors };
  }
  let ids: { id: string | null; version: string | null };
  if (style === 'policy') ids = bodyIds(req);
  else ids = kind === 'validation' ? { id: null, version: null } : { id: 'mosip.partnermanagement', version: '1.0' };
  return { ...ids, responsetime: mosipNow(), metadata: null, response: null, errors };
}

function sendError(req: FastifyRequest, reply: FastifyReply, err: PmsError, kind: 'business' | 'validation' = 'business') {
  return reply.status(err.status).send(errorEnvelope(req, [{ errorCode: err.code, message: err.message }], kind));
}

/**
 * On shutdown, `forceCloseConnections: 'idle'` closes the keep-alive connections idle at that
 * moment; one whose request was still running would otherwise stay open after it is answered,
 * holding the process up to the keep-alive timeout (72 s by default, past most orchestrators'
 * grace period). Each is closed as soon as its last answer is out.
 */
function closeConnectionsAsTheyIdle(app: App): void {
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    sweep.unref();
  });
  app.addHook('onClose', async () => clearInterval(sweep));
}

function handleError(this: FastifyInstance, error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof PmsError) return sendError(req, reply, error);
  if (error.validation) return sendError(req, reply, validationError(error.validation as never), 'validation');
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(req, reply, PmsError.http(413, 'PMS_REQ_413', req.routeOptions.bodyLimit ?? 0));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(req, reply, PmsError.http(415, 'PMS_REQ_415', req.headers['content-type'] ?? 'none'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendError(req, reply, PmsError.http(400, 'PMS_REQ_400'));
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(req, reply, PmsError.httpVariant(error.statusCode, 'requestRefused', error.message));
  }
  if (isStoreUnavailable(error)) {
    // Expected during a failover or restart: one line per request, no stack; health says the rest.
    req.log.warn({ reqId: req.id, cause: error.message }, 'store unavailable');
    return sendError(req, reply.header('retry-after', '1'), PmsError.http(503, 'PMS_DB_503'));
  }
  if (isBadValue(error)) {
    req.log.info({ reqId: req.id, cause: error.message }, 'value refused by the store');
    return sendError(req, reply, PmsError.http(400, 'PMS_REQ_DATA'));
  }
  // Unexpected: log with the request id for operators, tell the caller nothing internal.
  req.log.error({ err: error, reqId: req.id }, 'unhandled error');
  return sendError(req, reply, PmsError.http(500, 'PMS_COR_003'));
}

/**
 * What Node refuses before a request reaches Fastify (headers or body too slow, headers too
 * large, bytes that are not HTTP), answered in MOSIP's envelope where the socket can still take
 * it, then closed. A timeout is 408 and says so; the caller may retry.
 */
function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ([408, 'PMS_REQ_TIMEOUT'] as const)
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? ([431, 'PMS_REQ_431'] as const)
        : ([400, 'PMS_REQ_HTTP'] as const);
  this.log.debug({ code: err.code }, 'client error');
  if (socket.writable) {
    const error = PmsError.http(status, code);
    const body = JSON.stringify({
      id: 'mosip.partnermanagement',
      version: '1.0',
      responsetime: mosipNow(),
      metadata: null,
      response: null,
      errors: [{ errorCode: error.code, message: error.message }],
    });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** What the router refuses before any route runs, in the same envelope as everything else. */
function routerError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(req, reply, PmsError.http(414, 'PMS_REQ_414', MAX_PATH_PARAM));
  if (error.code === 'FST_ERR_BAD_URL') return sendError(req, reply, PmsError.http(400, 'PMS_REQ_URL', req.url.split('?')[0]));
  return handleError.call(req.server, error, req, reply);
}

/** Spring's "Required request body is missing": a 400, before any field is validated. */
async function requireBody(req: FastifyRequest): Promise<void> {
  if (req.body === undefined && req.routeOptions.schema?.body) throw PmsError.httpVariant(400, 'requestBodyMissing');
}

export interface BuildOptions {
  deps: Deps;
  modules: Module[];
  logger?: boolean | object;
}

export async function buildApp({ deps, modules, logger }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? {
      level: deps.config.logLevel,
      redact: LOG_REDACT,
    },
    bodyLimit: deps.config.maxBodyBytes,
    // A client that trickles its headers or body is dropped (HTTP 408) once its time is up, so
    // it cannot hold a connection for ever; others are not affected (one event loop, no
    // thread per connection). Node checks the limits every second.
    http: { headersTimeout: deps.config.http.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    requestTimeout: deps.config.http.requestTimeoutMs,
    connectionTimeout: deps.config.http.idleTimeoutMs,
    keepAliveTimeout: deps.config.http.keepAliveTimeoutMs,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: ROUTER_OPTIONS,
    frameworkErrors: routerError,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    // Spring never reads the body of an endpoint that takes none, so whatever is sent there is ignored.
    if (!req.routeOptions.schema?.body) return done(null, undefined);
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addHook('preValidation', requireBody);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('preValidation', refuseNul);
  closeConnectionsAsTheyIdle(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => sendError(req, reply, PmsError.http(404, 'PMS_REQ_404', req.method, req.url.split('?')[0])));

  await app.register(cookie);
  // Before any route, so the document describes every route declared after it, as before.
  installLazyDocs(app, { docsUrl: `${PARTNER_BASE}/v3/api-docs`, uiPrefix: `${PARTNER_BASE}/swagger-ui`, routerOptions: ROUTER_OPTIONS });
  installAuth(app, deps);
  installRateLimits(app, deps.config.rateLimit);

  for (const base of [PARTNER_BASE, POLICY_BASE]) {
    app.get(`${base}/actuator/health`, { config: { pms: { access: 'public' } }, schema: { hide: true } }, async (_req, reply) => {
      const up = await deps.store.ping();
      return reply.status(up ? 200 : 503).send({
        status: up ? 'UP' : 'DOWN',
        components: { db: { status: up ? 'UP' : 'DOWN', details: { database: deps.store.engine } } },
      });
    });
  }

  for (const mod of modules) await app.register(async (scope) => mod(scope as unknown as App, deps));
  return app;
}
