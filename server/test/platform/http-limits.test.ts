import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { envelope, startTestServer, type TestServer } from '../support/test-server.js';

// Small limits so the test is quick; the defaults are in config.ts and the README.
const LIMITS = {
  PMS_HTTP_HEADERS_TIMEOUT_MS: '400',
  PMS_HTTP_REQUEST_TIMEOUT_MS: '800',
  PMS_HTTP_IDLE_TIMEOUT_MS: '3000',
  PMS_HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
};
let s: TestServer;
let pm: string;
beforeAll(async () => {
  s = await startTestServer({ env: LIMITS });
  pm = await s.token('pm-slow', ['POLICYMANAGER']);
});
afterAll(() => s.close());

/**
 * Opens a raw connection, writes `first`, then one byte of `rest` every `everyMs`, and answers
 * what the server sent and when it closed the connection (or 'open' after `giveUpMs`).
 */
function trickle(
  port: number,
  first: string,
  rest: string,
  everyMs: number,
  giveUpMs: number,
): Promise<{ closedAfterMs: number | 'open'; received: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    let received = '';
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedAfterMs: number | 'open') => {
      clearInterval(timer);
      clearTimeout(giveUp);
      sock.destroy();
      resolve({ closedAfterMs, received });
    };
    const giveUp = setTimeout(() => finish('open'), giveUpMs);
    sock.on('data', (b) => (received += b.toString()));
    sock.on('error', () => undefined);
    sock.on('close', () => finish(Date.now() - started));
    sock.on('connect', () => {
      sock.write(first);
      timer = setInterval(() => {
        if (i < rest.length) sock.write(rest[i++]!);
      }, everyMs);
    });
  });
}

const port = () => Number(new URL(s.url).port);

describe('HTTP time limits', () => {
  it('drops a client that sends its headers a byte at a time (408) while another is served', async () => {
    const slow = trickle(
      port(),
      'GET /v1/partnermanager/actuator/health HTTP/1.1\r\n',
      'Host: x\r\nX-Slow: ' + 'a'.repeat(200),
      50,
      10_000,
    );
    const meanwhile = await s.call('POST', '/v1/policymanager/policies/group/new', {
      token: pm,
      body: envelope({ name: `fast-${process.pid}`, desc: 'd' }),
    });
    expect(meanwhile.body.errors).toEqual([]);
    const r = await slow;
    expect(r.closedAfterMs).not.toBe('open');
    expect(r.received).toMatch(/^HTTP\/1.1 408/);
  });

  it('drops a client that sends its body a byte at a time (408)', async () => {
    const body = JSON.stringify(envelope({ name: 'trickled', desc: 'd' }));
    const head = `POST /v1/policymanager/policies/group/new HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${pm}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await trickle(port(), head, body, 50, 10_000);
    expect(r.closedAfterMs).not.toBe('open');
    expect(r.received).toMatch(/^HTTP\/1.1 408/);
  });

  it('closes an idle kept-alive connection', async () => {
    const r = await trickle(port(), 'GET /v1/partnermanager/actuator/health HTTP/1.1\r\nHost: x\r\n\r\n', '', 1000, 10_000);
    expect(r.received).toMatch(/^HTTP\/1.1 200/);
    expect(r.closedAfterMs).not.toBe('open');
  });

  it('refuses a headers limit beyond the request limit, naming both variables', () => {
    expect(() => loadConfig({ PMS_HTTP_HEADERS_TIMEOUT_MS: '5000', PMS_HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /PMS_HTTP_HEADERS_TIMEOUT_MS must not exceed PMS_HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      idleTimeoutMs: 60_000,
      keepAliveTimeoutMs: 72_000,
    });
  });
});
