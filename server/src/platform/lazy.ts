/** Objects whose every method is asynchronous: the shape `lazyService` can stand in for. */
type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/**
 * `load` run once for every caller: calls while it runs share its promise, calls after it
 * succeeded get its result. A failure is not remembered (it may have been passing: a file
 * being replaced, memory short), so the next call runs `load` again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

/**
 * Stands in for a service until its first call, then loads it (a dynamic import) and forwards
 * to it. Start-up then does not load what only some requests need (the x509 library behind
 * the trust store costs more to import than the whole HTTP layer). A failed load is retried
 * by the next call rather than remembered.
 */
export function lazyService<T extends AsyncMethods<T>>(load: () => Promise<T>): T & { loaded(): Promise<T> } {
  const loaded = loadOnce(load);
  return new Proxy({} as T & { loaded(): Promise<T> }, {
    get(_target, prop) {
      if (prop === 'loaded') return loaded;
      if (prop === 'then') return undefined; // not a thenable: `await service` gives the proxy
      return (...args: unknown[]) => loaded().then((impl) => (impl[prop as keyof T] as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  });
}
