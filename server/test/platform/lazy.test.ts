import { describe, expect, it } from 'vitest';
import { loadOnce } from '../../src/platform/lazy.js';

describe('loadOnce', () => {
  it('runs the load once for callers that arrive while it runs and after', async () => {
    let runs = 0;
    const get = loadOnce(async () => ++runs);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(await get()).toBe(1);
    expect(runs).toBe(1);
  });

  it('forgets a failure, so the next call loads again', async () => {
    let runs = 0;
    const get = loadOnce(async () => {
      if (++runs === 1) throw new Error('first load fails');
      return runs;
    });
    const first = await Promise.allSettled([get(), get()]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
  });
});
