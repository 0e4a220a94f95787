import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { App, Module } from '../platform/http/app.js';

/** Where the portal is served; its Vite build uses the same base. */
export const PORTAL_BASE = '/pmp';

/** `portal/dist` from both `server/src/portal-host` (tsx, tests) and `server/dist/portal-host` (build). */
export const DEFAULT_PORTAL_DIR = resolve(import.meta.dirname, '..', '..', '..', 'portal', 'dist');

/** Content types of the files a web build holds. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The portal loads only its own scripts and styles and calls only this origin.
const CSP = [
  "default-src 'self'",
  "img-src 'self' data: https:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>The partner portal is not built</h1><p>The API is running, but the web portal's production build was not found.
Build it with <code>npm run build</code> (or start with <code>npm start</code>, which builds it) and reload this page.</p></body></html>`;

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
}

/** A file inside `root`, or undefined: `..`, absolute paths and directories never resolve. */
function fileIn(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = resolve(root, `.${sep}${decoded}`);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    return statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the portal's production build under `/pmp/`: hashed assets cached for a year, every
 * other path answered with index.html so the single-page app's own routes survive a reload.
 * Without a build the API still runs and the portal's paths answer a clear 503 page.
 */
export function portalHostModule(opts: { dir?: string } = {}): Module {
  const root = resolve(opts.dir ?? DEFAULT_PORTAL_DIR);
  return (app: App) => {
    const pub = { pms: { access: 'public' as const } };
    const hidden = { hide: true };

    const sendIndex = (reply: FastifyReply) => {
      const index = join(root, 'index.html');
      // Read per request: a rebuild while the server runs is picked up without a restart.
      if (!existsSync(index))
        return securityHeaders(reply).status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
      return securityHeaders(reply).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(readFileSync(index));
    };

    app.get('/', { config: pub, schema: hidden }, async (_req, reply) => reply.redirect(`${PORTAL_BASE}/`, 302));
    // With the router's ignoreTrailingSlash, this also answers `/pmp/`.
    app.get(PORTAL_BASE, { config: pub, schema: hidden }, async (_req, reply) => sendIndex(reply));
    app.get<{ Params: { '*': string } }>(`${PORTAL_BASE}/*`, { config: pub, schema: hidden }, async (req, reply) => {
      const rel = req.params['*'];
      const file = rel ? fileIn(root, rel) : undefined;
      if (file && !file.endsWith(`${sep}index.html`)) {
        const immutable = rel.startsWith('assets/');
        return securityHeaders(reply)
          .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
          .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
          .send(createReadStream(file));
      }
      // A missing file with an extension is a broken link, not a page of the app.
      if (rel && extname(rel) !== '' && !rel.endsWith('.html')) {
        return securityHeaders(reply).status(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
      }
      return sendIndex(reply);
    });
  };
}
