import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidTokenError } from '../auth/verifier.js';
import type { Deps } from '../deps.js';
import { PmsError } from '../errors/pms-error.js';

/** MOSIP sends the token as an `Authorization` cookie; API clients use a Bearer header. */
export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim() || undefined;
  const fromCookie = req.cookies?.Authorization;
  return fromCookie ? fromCookie.replace(/^Bearer\s+/i, '') : undefined;
}

/**
 * Runs before the body is read: authentication (KER-ATH-401), then the route's role list
 * (KER-ATH-403). Every route must declare its access; one that forgets is refused, not open.
 */
export function installAuth(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRoute', (route) => {
    const access = (route.config as { pms?: { access?: string } } | undefined)?.pms?.access;
    if (access && access !== 'public' && access !== 'authenticated' && !(access in deps.roles)) {
      throw new Error(`route ${route.method} ${route.url} names unknown role key "${access}"`);
    }
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.pms?.access;
    if (access === 'public') return;
    if (access === undefined && req.is404) return;
    const token = tokenOf(req);
    if (!token) throw PmsError.http(401, 'KER-ATH-401');
    try {
      req.principal = await deps.verifier.verify(token);
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) req.log.warn({ reason: (err as Error).message }, 'token verification failed');
      throw PmsError.http(401, 'KER-ATH-401');
    }
    if (access === undefined || access === 'authenticated') return;
    const allowed = deps.roles[access] ?? [];
    if (!req.principal.roles.some((r) => allowed.includes(r))) throw PmsError.http(403, 'KER-ATH-403');
  });
}
