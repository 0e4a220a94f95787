import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimits } from '../config.js';
import { PmsError } from '../errors/pms-error.js';

type Kind = keyof RateLimits;

/**
 * Routes a single caller could use to exhaust the service or guess at secrets, by the route
 * pattern Fastify matched. Sensitive: they create credentials or accounts, or try passwords.
 * Expensive: they parse certificates, call eSignet, or scan tables.
 */
const LIMITED: ReadonlyArray<{ method: string; url: RegExp; kind: Kind }> = [
  { method: 'POST', url: /^\/v1\/partnermanager\/users$/, kind: 'sensitivePerMinute' },
  { method: 'POST', url: /^\/v1\/partnermanager\/idp\/interaction\/:uid\/login$/, kind: 'sensitivePerMinute' },
  { method: 'GET', url: /^\/v1\/partnermanager\/login\/\*$/, kind: 'sensitivePerMinute' },
  { method: 'PATCH', url: /^\/v1\/partnermanager\/partners\/:partnerId\/generate\/apikey$/, kind: 'sensitivePerMinute' },
  { method: 'POST', url: /^\/v1\/partnermanager\/misps$/, kind: 'sensitivePerMinute' },
  { method: 'GET', url: /^\/v1\/partnermanager\/misps\/:mispId\/licenseKey$/, kind: 'sensitivePerMinute' },
  { method: 'POST', url: /^\/v1\/partnermanager\/partners\/certificate\/(ca\/)?upload$/, kind: 'expensivePerMinute' },
  { method: 'POST', url: /^\/v1\/partnermanager\/ftpchipdetail\/uploadcertificate$/, kind: 'expensivePerMinute' },
  { method: 'POST', url: /^\/v1\/partnermanager\/oauth\/client$/, kind: 'expensivePerMinute' },
  { method: 'POST', url: /\/(search|filtervalues)$/, kind: 'expensivePerMinute' },
];

export function limitKindOf(method: string, url: string | undefined): Kind | undefined {
  if (!url) return undefined;
  return LIMITED.find((l) => l.method === method && l.url.test(url))?.kind;
}

const WINDOW_MS = 60_000;
const SWEEP_AT = 10_000;

/**
 * A fixed one-minute window per caller and route, in this process. In-process on purpose: no
 * extra service to run, nothing on the request path but a map look-up, and the figures are per
 * instance (n instances allow n times the limit; a load balancer spreads one caller across
 * them). What must hold across instances — sign-in failures — is counted in the store
 * (identity/login-guard.ts).
 */
export function createRateLimiter(limits: RateLimits, now: () => number = Date.now) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const sweep = (t: number) => {
    for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
  };
  return {
    /** Seconds to wait when over the limit, else undefined (and the request is counted). */
    take(kind: Kind, key: string): number | undefined {
      const limit = limits[kind];
      if (limit === 0) return undefined;
      const t = now();
      if (windows.size >= SWEEP_AT) sweep(t);
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + WINDOW_MS };
        windows.set(key, w);
      }
      if (w.count >= limit) return Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      w.count++;
      return undefined;
    },
  };
}

/**
 * onRequest, after authentication: a caller is its token's user, or its address when it has
 * none. Over the limit: HTTP 429 in MOSIP's envelope with Retry-After, before the body is read.
 */
export function installRateLimits(app: FastifyInstance, limits: RateLimits): void {
  const limiter = createRateLimiter(limits);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const kind = limitKindOf(req.method, req.routeOptions.url);
    if (!kind) return;
    const caller = req.principal?.userId ? `user:${req.principal.userId}` : `address:${req.ip}`;
    const wait = limiter.take(kind, `${req.method} ${req.routeOptions.url} ${caller}`);
    if (wait === undefined) return;
    req.log.info({ caller, route: req.routeOptions.url, wait }, 'rate limit reached');
    reply.header('retry-after', String(wait));
    throw PmsError.http(429, 'PMS_REQ_429', wait);
  });
}
