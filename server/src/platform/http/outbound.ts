import http from 'node:http';
import https from 'node:https';

/** What a service answered: its status and body text. */
export interface OutboundAnswer {
  status: number;
  text: string;
}

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** Raised when no complete answer came within the request's time limit. */
export class OutboundTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

export type Send = (req: OutboundRequest) => Promise<OutboundAnswer>;

/**
 * Calls to a service PMS talks to on every request of some kind (eSignet on each client
 * create and update): node's own HTTP client over kept-alive connections. `fetch` opens and
 * tears down far more per call and was a measurable share of a create.
 */
export function createSender(maxSockets = 64): Send {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };
  return (r) =>
    new Promise((resolve, reject) => {
      const url = new URL(r.url);
      const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
      if (!transport) return reject(new Error(`unsupported protocol ${url.protocol}`));
      const headers: Record<string, string | number> = { ...r.headers };
      if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
      const req = transport.request(url, { method: r.method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(new Error('connection closed before the answer was complete'));
        });
      });
      const timer = setTimeout(() => req.destroy(new OutboundTimeoutError(`no answer within ${r.timeoutMs} ms`)), r.timeoutMs);
      function fail(err: Error) {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(r.body);
    });
}
