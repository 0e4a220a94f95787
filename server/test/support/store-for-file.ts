import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/platform/db/store.js';
import { freshStore } from './engine.js';

/** A fresh store for one test file: opened before its tests, closed and dropped after them. */
export function storeForFile(): { readonly store: Store } {
  let opened: Awaited<ReturnType<typeof freshStore>> | undefined;
  beforeAll(async () => {
    opened = await freshStore();
  });
  afterAll(async () => {
    await opened?.store.close();
    await opened?.drop();
  });
  return {
    get store() {
      if (!opened) throw new Error('the store opens in beforeAll');
      return opened.store;
    },
  };
}
