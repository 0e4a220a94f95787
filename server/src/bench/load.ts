import autocannon from 'autocannon';

/**
 * Rejects with `what` named when `work` has not settled within `ms`, so a step that cannot
 * finish ends the bench with a message instead of a silent hang. `onTimeout` stops the work.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`bench: ${what} did not finish within ${Math.round(ms / 1000)} s; stopped`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Time a load may take beyond its own duration (connecting, draining) before it is called hung. */
const LOAD_GRACE_MS = 30_000;

export interface LoadResult {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadSpec {
  name: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  token?: string;
  /** A fixed body, or a function giving each request its own (e.g. distinct ids). */
  body?: unknown;
  bodies?: () => unknown;
  /** Gives each request its own path (e.g. a distinct id per request). */
  paths?: () => string;
  connections: number;
  seconds?: number;
  /** Answers whose envelope carries errors count as failures. */
  expectNoErrors?: boolean;
}

/** Runs one autocannon load and reduces it to the figures we quote. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.token) headers.authorization = `Bearer ${spec.token}`;
  let envelopeErrors = 0;
  const seconds = spec.seconds ?? 5;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: spec.url,
        method: spec.method ?? 'GET',
        headers,
        connections: spec.connections,
        duration: seconds,
        body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
        requests:
          spec.bodies || spec.paths
            ? [
                {
                  setupRequest: (req) => ({
                    ...req,
                    ...(spec.bodies ? { body: JSON.stringify(spec.bodies()) } : {}),
                    ...(spec.paths ? { path: spec.paths() } : {}),
                  }),
                },
              ]
            : undefined,
        setupClient: spec.expectNoErrors
          ? (client) => {
              client.on('body', (buf: Buffer) => {
                if (/"errors":\[\{/.test(buf.toString())) envelopeErrors++;
              });
            }
          : undefined,
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
  });
  const result = await withTimeout(finished, seconds * 1000 + LOAD_GRACE_MS, `load "${spec.name}" × ${spec.connections}`, () =>
    instance?.stop(),
  );
  if (process.env.BENCH_VERBOSE) console.log(`    ${spec.name} × ${spec.connections}: ${Math.round(result.requests.average)} req/s`);
  return {
    name: spec.name,
    connections: spec.connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + envelopeErrors,
    non2xx: result.non2xx,
  };
}
