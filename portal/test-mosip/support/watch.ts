import type { Page, Response } from 'playwright-core';

/**
 * Everything that counts as a failure of MOSIP's portal while a flow runs: a console error (the
 * portal logs every failed call there), an uncaught script error, an API answer with an HTTP
 * error or with `errors[]`, and the portal's own error screen. A step may say which error
 * codes it provokes on purpose (`expect`); everything else is a problem.
 */
export class Watch {
  readonly problems: string[] = [];
  private expected = new Set<string>();
  private expectedConsole: RegExp[] = [];
  /** Answers by path, newest last, so a step can check what the server said. */
  readonly answers: Array<{ method: string; path: string; query: URLSearchParams; status: number; body: unknown }> = [];
  private pending: Array<Promise<void>> = [];

  constructor(
    readonly page: Page,
    readonly who: string,
  ) {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // Chromium's own line for a refused resource repeats what the response handler reports.
      if (/^Failed to load resource/.test(text)) return;
      if (this.expectedConsole.some((re) => re.test(text))) return;
      this.problems.push(`${who}: console error: ${text.slice(0, 300)}`);
    });
    page.on('pageerror', (err) => this.problems.push(`${who}: script error: ${err.message.slice(0, 300)}`));
    page.on('response', (res) => {
      this.pending.push(this.inspect(res));
    });
  }

  /** Error codes the current step provokes on purpose. */
  expect(...codes: string[]): void {
    for (const c of codes) this.expected.add(c);
  }

  /** Console errors the current step provokes on purpose (the portal logs refusals it shows). */
  expectConsole(...patterns: RegExp[]): void {
    this.expectedConsole.push(...patterns);
  }

  clearExpected(): void {
    this.expected.clear();
    this.expectedConsole = [];
  }

  private async inspect(res: Response): Promise<void> {
    const url = new URL(res.url());
    const method = res.request().method();
    const status = res.status();
    if (!url.pathname.startsWith('/v1/')) {
      // The portal's own files (scripts, translations, icons) must all be there.
      if (status >= 400) this.problems.push(`${this.who}: ${method} ${url.pathname} answered HTTP ${status}`);
      return;
    }
    // Login and logout are redirects; the embedded provider's pages are HTML.
    if (status >= 300 && status < 400) return;
    const type = res.headers()['content-type'] ?? '';
    let body: unknown;
    if (type.includes('json')) body = await res.json().catch(() => undefined);
    this.answers.push({ method, path: url.pathname, query: url.searchParams, status, body });
    if (url.pathname.includes('/idp/')) return;
    if (status >= 400) {
      // Before sign-in, validateToken's 401 is how the portal learns it must send the user to log in.
      if (status === 401 && url.pathname.endsWith('/validateToken')) return;
      this.problems.push(`${this.who}: ${method} ${url.pathname} answered HTTP ${status} ${JSON.stringify(body ?? '').slice(0, 300)}`);
      return;
    }
    const errors = (body as { errors?: Array<{ errorCode?: string; message?: string }> } | undefined)?.errors;
    for (const e of errors ?? []) {
      if (e.errorCode && this.expected.has(e.errorCode)) continue;
      this.problems.push(`${this.who}: ${method} ${url.pathname} answered ${e.errorCode}: ${e.message}`);
    }
  }

  /** Waits for the answers seen so far to be read, then hands over (and forgets) the problems. */
  async take(): Promise<string[]> {
    await Promise.all(this.pending);
    this.pending = [];
    return this.problems.splice(0);
  }

  /** The last answer to a path matching `re`. */
  last(re: RegExp, method?: string) {
    return [...this.answers].reverse().find((a) => re.test(a.path) && (!method || a.method === method));
  }
}
