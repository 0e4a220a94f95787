import autocannon from 'autocannon';

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
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers,
    connections: spec.connections,
    duration: spec.seconds ?? 5,
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
  });
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
