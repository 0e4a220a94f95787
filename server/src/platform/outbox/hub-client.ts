/** What the hub answered when it did not accept a call; kept in the outbox as `last_error`. */
export class HubError extends Error {
  override readonly name = 'HubError';
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HubClient {
  /** Registers the topic once per process (as MOSIP does before each publish); never throws. */
  ensureTopic(topic: string): Promise<void>;
  /** Publishes one event; throws `HubError` unless the hub answers 2xx. */
  publish(topic: string, body: unknown): Promise<void>;
}

export interface HubClientOptions {
  hubUrl: string;
  timeoutMs: number;
  fetchImpl?: FetchLike;
}

/** A short, secret-free account of a failed call: never the URL (it may carry credentials). */
export function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof HubError) return err.message;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer from the hub within ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `hub unreachable: ${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`.slice(0, 1000);
}

function publishUrl(hubUrl: string, topic: string): string {
  const url = new URL(hubUrl);
  url.searchParams.set('hub.mode', 'publish');
  url.searchParams.set('hub.topic', topic);
  return url.toString();
}

async function answerText(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The WebSub publisher side, as MOSIP's kernel client speaks it (docs/events.md). */
export function createHubClient({ hubUrl, timeoutMs, fetchImpl = fetch }: HubClientOptions): HubClient {
  const registered = new Set<string>();
  const post = (url: string, contentType: string, body: string) =>
    fetchImpl(url, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(timeoutMs) });

  return {
    async ensureTopic(topic) {
      if (registered.has(topic)) return;
      const form = new URLSearchParams({ 'hub.mode': 'register', 'hub.topic': topic }).toString();
      try {
        const res = await post(hubUrl, 'application/x-www-form-urlencoded', form);
        await res.arrayBuffer().catch(() => undefined);
        // Any answer counts: hubs commonly refuse a second registration of the same topic.
        registered.add(topic);
      } catch {
        // MOSIP ignores registration failures; the publish that follows reports the real problem.
      }
    },
    async publish(topic, body) {
      const res = await post(publishUrl(hubUrl, topic), 'application/json', JSON.stringify(body));
      if (res.ok) {
        await res.arrayBuffer().catch(() => undefined);
        return;
      }
      // The topic may have vanished from the hub (restart without persistence): register again next time.
      registered.delete(topic);
      const text = await answerText(res);
      throw new HubError(`hub answered HTTP ${res.status}${text ? `: ${text}` : ''}`);
    },
  };
}
