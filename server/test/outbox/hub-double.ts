import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FailureMode = 'error500' | 'hang' | 'reset';

export interface HubCall {
  mode: 'register' | 'publish' | 'other';
  path: string;
  topic: string | null;
  contentType: string | undefined;
  body: string;
  /** Event id of a publish body, for counting deliveries per event. */
  eventId: string | null;
  /** HTTP status answered, or the failure injected. */
  answer: number | FailureMode;
  at: number;
}

/**
 * A WebSub hub stand-in on loopback speaking the publisher side of MOSIP's contract: register
 * (form-encoded) and publish (`?hub.mode=publish&hub.topic=`, JSON body). It records every call
 * and can be told to fail its next publishes with 500, by never answering, or by resetting.
 */
export class HubDouble {
  readonly calls: HubCall[] = [];
  private failures: FailureMode[] = [];
  private delayMs = 0;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HubDouble> {
    let hub!: HubDouble;
    const server = createServer((req, res) => void hub.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hub = new HubDouble(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`);
    return hub;
  }

  /** The next publishes fail in the given ways, one each, in order. */
  failNext(...modes: FailureMode[]): void {
    this.failures.push(...modes);
  }

  /** Delay every answer (to make batches overlap in race tests). */
  answerAfter(ms: number): void {
    this.delayMs = ms;
  }

  get publishes(): HubCall[] {
    return this.calls.filter((c) => c.mode === 'publish');
  }

  /** Publishes the hub accepted (2xx), in arrival order. */
  get accepted(): HubCall[] {
    return this.publishes.filter((c) => c.answer === 200);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const call = describe(req, body);
    this.calls.push(call);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const failure = call.mode === 'publish' ? this.failures.shift() : undefined;
    call.answer = failure ?? 200;
    if (failure === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (failure === 'reset') {
      req.socket.destroy();
      return;
    }
    res.statusCode = failure === 'error500' ? 500 : 200;
    res.end(failure === 'error500' ? 'hub is having a bad day' : '');
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function describe(req: IncomingMessage, body: string): HubCall {
  const url = new URL(req.url ?? '/', 'http://hub');
  const contentType = req.headers['content-type'];
  const base = { path: url.pathname, contentType, body, eventId: null, answer: 0, at: Date.now() } as const;
  if (req.method === 'POST' && url.searchParams.get('hub.mode') === 'publish') {
    const eventId = (JSON.parse(body) as { event?: { id?: string } }).event?.id ?? null;
    return { ...base, mode: 'publish', topic: url.searchParams.get('hub.topic'), eventId };
  }
  const form = new URLSearchParams(body);
  if (req.method === 'POST' && form.get('hub.mode') === 'register') return { ...base, mode: 'register', topic: form.get('hub.topic') };
  return { ...base, mode: 'other', topic: null };
}
