import type { AddressInfo } from 'node:net';
import { roleTable } from '../../src/platform/auth/roles.js';
import { createVerifier } from '../../src/platform/auth/verifier.js';
import type { Config } from '../../src/platform/config.js';
import type { Store } from '../../src/platform/db/store.js';
import { DataKey } from '../../src/platform/keys/data-key.js';
import { randomBytes } from 'node:crypto';
import { buildApp, LOG_REDACT, type App, type Module } from '../../src/platform/http/app.js';
import { modules as allModules } from '../../src/modules.js';
import { loadSettings } from '../../src/settings.js';
import { freshStore } from './engine.js';
import { IdentityDouble, type TokenOptions } from './identity-double.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  config: Config;
  idp: IdentityDouble;
  /** The server's data key, to open what it sealed (events carrying secrets). */
  dataKey: DataKey;
  token(user: string, roles: string[], extra?: Omit<TokenOptions, 'user' | 'roles'>): Promise<string>;
  /** Calls the real server over loopback; `token` goes in the Authorization header. */
  call<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * Tests call one route many times from one caller within a minute; the rate limits have their
 * own test (test/platform/rate-limit.test.ts), which sets them.
 */
export const UNLIMITED = { PMS_RATE_LIMIT_SENSITIVE_PER_MINUTE: '0', PMS_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0' };

/**
 * The real server on a loopback port, on a fresh store of the engine under test, trusting a
 * loopback stand-in for Keycloak.
 */
export async function startTestServer(
  opts: { env?: Record<string, string>; modules?: Module[]; logLines?: string[]; store?: Awaited<ReturnType<typeof freshStore>> } = {},
): Promise<TestServer> {
  const idp = await IdentityDouble.start();
  const { store, drop } = opts.store ?? (await freshStore());
  const settings = loadSettings({
    PMS_AUTH_ISSUER: idp.issuer,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...UNLIMITED,
    ...opts.env,
  });
  const { config } = settings;
  const verifier = createVerifier({ issuer: config.auth.issuer!, jwksUrl: config.auth.jwksUrl, audience: config.auth.audience });
  const dataKey = new DataKey(randomBytes(32));
  const app = await buildApp({
    deps: { config, store, verifier, roles: roleTable(config.roleOverrides), dataKey },
    modules: opts.modules ?? allModules(settings),
    logger: logCapture(opts.logLines),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    store,
    config,
    idp,
    dataKey,
    token: (user, roles, extra) => idp.token({ user, roles, ...extra }),
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined = o.raw;
      if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: leave the text
      }
      return { status: res.status, headers: res.headers, body: parsed as never, text };
    },
    async close() {
      await app.close();
      await idp.close();
      await drop();
    },
  };
}

/** With `lines`, every log line (at trace level) is kept there so tests can inspect what was logged. */
function logCapture(lines?: string[]) {
  if (!lines) return undefined;
  return {
    level: 'trace',
    redact: LOG_REDACT,
    stream: { write: (line: string) => void lines.push(line) },
  };
}

/** A MOSIP v1 request envelope around `request`. */
export function envelope<T>(request: T, id = 'mosip.test', version = '1.0') {
  return { id, version, requesttime: new Date().toISOString(), metadata: {}, request };
}
