/**
 * Group commit for a hot write: callers that arrive in the same turn of the event loop, or
 * while a batch is being written, go out together in the next one, as one statement. Nothing
 * waits on a timer: a lone caller is written as soon as the turn's other I/O has been read
 * (setImmediate), which matters on the embedded store, whose statements run synchronously so
 * that no caller can arrive while one is "in flight". Under load one statement (and on
 * PostgreSQL one commit) serves many callers.
 *
 * `write` answers one result per item, in order. When a batch of several fails, each of its
 * items is written alone, so a caller only ever sees the error its own item causes.
 */
export type Batched<I, O> = (item: I) => Promise<O>;

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function createBatcher<I, O>(write: (items: I[]) => Promise<O[]>, maxBatch = 64): Batched<I, O> {
  let queue: Waiting<I, O>[] = [];
  let writing = false;

  async function writeAlone(w: Waiting<I, O>): Promise<void> {
    try {
      const [result] = await write([w.item]);
      w.resolve(result as O);
    } catch (err) {
      w.reject(err);
    }
  }

  async function writeBatch(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length === 1) return writeAlone(batch[0]!);
    let results: O[];
    try {
      results = await write(batch.map((w) => w.item));
    } catch {
      for (const w of batch) await writeAlone(w);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i] as O));
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await writeBatch(batch);
      }
    } finally {
      writing = false;
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (writing) return;
      writing = true;
      setImmediate(() => void drain());
    });
}
