import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { CONTENT_TYPES as TYPES } from '../../../server/src/portal-host/index.js';

/**
 * Serves a production build of MOSIP's portal the way MOSIP's own image does (nginx): the files,
 * `index.html` for any other path, `env-config.js` written at start, and `/v1/...` passed
 * through to the Partner Management Service. The API base URLs are then relative, so the
 * portal's calls are same-origin and carry the `Authorization` cookie without CORS.
 */

/** What MOSIP's `configure_start.sh` writes into `env-config.js`. */
export function envConfig(partnerManager: string, policyManager: string): string {
  return `window._env_ = {\n  REACT_APP_PARTNER_MANAGER_API_BASE_URL: ${JSON.stringify(partnerManager)},\n  REACT_APP_POLICY_MANAGER_API_BASE_URL: ${JSON.stringify(policyManager)},\n};\n`;
}

function proxy(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const headers = { ...req.headers, host: target.host };
  const upstream = request(
    { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('upstream unavailable');
  });
  req.pipe(upstream);
}

function sendFile(res: ServerResponse, file: string): void {
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
}

export interface ServedPortal {
  url: string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1; `url` names it `localhost`, as the cookie needs. */
export async function serveMosipPortal(opts: { buildDir: string; pmsUrl: string; port?: number }): Promise<ServedPortal> {
  const target = new URL(opts.pmsUrl);
  const env = envConfig('/v1/partnermanager', '/v1/policymanager');
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('bad path');
    }
    if (path.startsWith('/v1/')) return proxy(req, res, target);
    if (path === '/env-config.js') {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' });
      return res.end(env);
    }
    const file = join(opts.buildDir, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (file.startsWith(opts.buildDir) && existsSync(file) && statSync(file).isFile()) return sendFile(res, file);
    return sendFile(res, join(opts.buildDir, 'index.html'));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
