/**
 * A browser without a browser: fetch with a cookie jar and redirects followed by hand, so a
 * test sees every hop of a login (and every Set-Cookie) as a real browser would receive it.
 */

interface StoredCookie {
  value: string;
  path: string;
  httpOnly: boolean;
  sameSite?: string;
  secure: boolean;
  maxAge?: number;
}

export interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookies: string[];
}

export interface PageResult {
  url: string;
  status: number;
  headers: Headers;
  text: string;
  hops: Hop[];
}

export class Browser {
  /** host → name → cookie */
  readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookie(host: string, name: string): StoredCookie | undefined {
    return this.jar.get(host)?.get(name);
  }

  private store(url: URL, header: string) {
    const [pair, ...attrs] = header.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    const c: StoredCookie = { value, path: '/', httpOnly: false, secure: false };
    let expired = false;
    for (const a of attrs) {
      const [k, v] = a.split('=') as [string, string | undefined];
      switch (k.toLowerCase()) {
        case 'path':
          c.path = v ?? '/';
          break;
        case 'httponly':
          c.httpOnly = true;
          break;
        case 'secure':
          c.secure = true;
          break;
        case 'samesite':
          c.sameSite = v;
          break;
        case 'max-age':
          c.maxAge = Number(v);
          if (Number(v) <= 0) expired = true;
          break;
        case 'expires':
          if (v && Date.parse(v) <= Date.now()) expired = true;
          break;
      }
    }
    const jar = this.jar.get(url.host) ?? new Map<string, StoredCookie>();
    this.jar.set(url.host, jar);
    if (expired || value === '') jar.delete(name);
    else jar.set(name, c);
  }

  private cookieHeader(url: URL): string | undefined {
    const jar = this.jar.get(url.host);
    if (!jar) return undefined;
    const pairs = [...jar.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([n, c]) => `${n}=${c.value}`);
    return pairs.length ? pairs.join('; ') : undefined;
  }

  /** One request, no redirect following. */
  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response & { hop: Hop }> {
    const u = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(u);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(u, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const sc of setCookies) this.store(u, sc);
    const location = res.headers.get('location') ?? undefined;
    return Object.assign(res, { hop: { url, status: res.status, location: location ? new URL(location, u).href : undefined, setCookies } });
  }

  /** Follows redirects like a browser (303 and 302 after POST become GET). */
  async go(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
    stopAt?: (url: string) => boolean,
  ): Promise<PageResult> {
    const hops: Hop[] = [];
    let current = url;
    let next: { method?: string; form?: Record<string, string> } = init;
    for (let i = 0; i < 20; i++) {
      const res = await this.request(current, next);
      hops.push(res.hop);
      if (res.status >= 300 && res.status < 400 && res.hop.location) {
        current = res.hop.location;
        next = {};
        if (stopAt?.(current)) return { url: current, status: res.status, headers: res.headers, text: '', hops };
        continue;
      }
      return { url: current, status: res.status, headers: res.headers, text: await res.text(), hops };
    }
    throw new Error('too many redirects');
  }
}

/** The first form on a page: its action (absolute) and its hidden inputs. */
export function formOf(html: string, base: string, id?: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = id ? forms.find((f) => f[1]!.includes(`id="${id}"`)) : forms[0];
  if (!form) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  const action = /action="([^"]*)"/.exec(form[1]!)?.[1] ?? base;
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
    const value = /value="([^"]*)"/.exec(input[1]!)?.[1] ?? '';
    if (name && /type="hidden"/.test(input[1]!)) fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return { action: new URL(action.replace(/&amp;/g, '&'), base).href, fields };
}

export interface Envelope<T = Record<string, unknown>> {
  id: string | null;
  response: T | null;
  errors: Array<{ errorCode: string; message: string }>;
}

/** A response body read as MOSIP's envelope. */
export async function envelopeOf<T = Record<string, unknown>>(res: Response): Promise<Envelope<T>> {
  return (await res.json()) as Envelope<T>;
}
