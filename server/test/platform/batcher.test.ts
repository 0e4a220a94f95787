import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/platform/db/batcher.js';

/** A write whose completion the test controls, recording each batch it was given. */
function controlledWrite() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve, reject) => {
      pending.push(() =>
        items.includes(-1) && items.length > 1
          ? reject(new Error('batch refused'))
          : items.includes(-1)
            ? reject(new Error(`item -1 refused`))
            : resolve(items.map((i) => i * 10)),
      );
    });
  };
  const finishNext = async () => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, write, finishNext };
}

describe('group-commit batcher', () => {
  it('writes the items of one turn together, and items arriving meanwhile together next', async () => {
    const w = controlledWrite();
    const put = createBatcher(w.write);
    const first = put(1);
    expect(w.batches).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(w.batches).toEqual([[1]]);
    const rest = [put(2), put(3), put(4)];
    expect(w.batches).toEqual([[1]]);
    await w.finishNext();
    expect(await first).toBe(10);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    await w.finishNext();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('writes each item of a failed batch alone, so only the bad item fails', async () => {
    const w = controlledWrite();
    const put = createBatcher(w.write);
    const first = put(1);
    await new Promise((r) => setImmediate(r));
    const batch = [put(2), put(-1), put(3)].map((p) =>
      p.then(
        (v) => ({ ok: v }),
        (e: Error) => ({ err: e.message }),
      ),
    );
    await w.finishNext();
    await first;
    await w.finishNext(); // the batch [2, -1, 3] fails
    for (let i = 0; i < 3; i++) await w.finishNext(); // then each alone
    expect(await Promise.all(batch)).toEqual([{ ok: 20 }, { err: 'item -1 refused' }, { ok: 30 }]);
    expect(w.batches).toEqual([[1], [2, -1, 3], [2], [-1], [3]]);
  });

  it('caps a batch at its maximum size', async () => {
    const w = controlledWrite();
    const put = createBatcher(w.write, 2);
    const all = [put(1), put(2), put(3), put(4), put(5)];
    for (let i = 0; i < 3; i++) await w.finishNext();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(w.batches).toEqual([[1, 2], [3, 4], [5]]);
  });
});
