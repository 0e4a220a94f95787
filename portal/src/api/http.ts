/**
 * The one way the portal talks to the server: MOSIP's envelopes in and out. MOSIP answers most
 * business errors with HTTP 200 and an `errors` array, so success is "no errors", not "2xx".
 */

export interface ErrorItem {
  errorCode: string;
  message: string;
}

/** A failed call: the server's error list (first one wins, as MOSIP reports them). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorItem[],
  ) {
    super(errors[0]?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.errors[0]?.errorCode ?? `HTTP_${this.status}`;
  }
  /** Not signed in (or the session ended): KER-ATH-401. */
  get unauthenticated(): boolean {
    return this.status === 401 || this.code === 'KER-ATH-401';
  }
  get forbidden(): boolean {
    return this.status === 403 || this.code === 'KER-ATH-403';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How the request body is wrapped: MOSIP's v1 (`requesttime`) or v2 (`requestTime`) envelope. */
export type RequestStyle = { envelope: 'v1'; id?: string } | { envelope: 'v2'; id: string } | { envelope: 'none' };

export interface Endpoint {
  method: Method;
  /** OpenAPI-style template: `/v1/policymanager/policies/{policyId}`. */
  path: string;
  request?: RequestStyle;
}

export type Params = Record<string, string>;
export type Query = Record<string, string | number | boolean | undefined | null>;

/** `/a/{x}/b` with `{x: 'q w'}` → `/a/q%20w/b`; a missing parameter is a programming error. */
export function fillPath(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(v);
  });
}

export function queryString(query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** MOSIP's request time: ISO-8601 UTC with milliseconds. */
export const requestTime = (now = new Date()) => now.toISOString();

export function wrap(style: RequestStyle | undefined, body: unknown): unknown {
  if (body === undefined) return undefined;
  switch (style?.envelope ?? 'v1') {
    case 'none':
      return body;
    case 'v2':
      return { id: (style as { id: string }).id, version: '1.0', requestTime: requestTime(), metadata: {}, request: body };
    default:
      return {
        id: (style as { id?: string } | undefined)?.id ?? 'mosip.pms.portal',
        version: '1.0',
        requesttime: requestTime(),
        metadata: {},
        request: body,
      };
  }
}

interface Envelope<T> {
  response?: T | null;
  errors?: ErrorItem[] | null;
}

/** Listeners told when any call finds the session gone (the shell then shows the timeout page). */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export interface CallOptions {
  params?: Params;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls one endpoint and returns `response`, or throws ApiError with the server's errors. */
export async function call<T>(ep: Endpoint, opts: CallOptions = {}): Promise<T> {
  const url = fillPath(ep.path, opts.params) + queryString(opts.query);
  const payload = wrap(ep.request, opts.body);
  let res: Response;
  try {
    res = await fetch(url, {
      method: ep.method,
      credentials: 'same-origin',
      headers: payload === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, [{ errorCode: 'NETWORK', message: (err as Error).message }]);
  }
  let body: Envelope<T> | undefined;
  try {
    body = (await res.json()) as Envelope<T>;
  } catch {
    body = undefined;
  }
  const errors = body?.errors ?? [];
  if (errors.length > 0 || !res.ok || body === undefined) {
    const e = new ApiError(
      res.status,
      errors.length ? errors : [{ errorCode: `HTTP_${res.status}`, message: res.statusText || 'Request failed' }],
    );
    if (e.unauthenticated) unauthenticatedListeners.forEach((fn) => fn());
    throw e;
  }
  return body.response as T;
}

/** `PMS_COR_001` names the field: "Invalid request parameter - <msg> :request.name". */
export function fieldOfError(e: ErrorItem): { field: string; message: string } | undefined {
  const m = /^Invalid request parameter - (.*) :(?:request\.)?([\w.[\]]+)$/.exec(e.message);
  return m ? { field: m[2]!, message: m[1]! } : undefined;
}
