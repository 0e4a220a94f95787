import { describe, expect, it } from 'vitest';
import { createVerifiedCache, type Principal } from '../../src/platform/auth/verifier.js';

const principal = (userId: string): Principal => ({ userId, roles: ['AUTH_PARTNER'], token: `t-${userId}` });

describe('verified-token cache', () => {
  it('answers a checked token until the token expires', () => {
    let clock = 1_000_000;
    const cache = createVerifiedCache(() => clock);
    cache.put('tok', principal('alice'), clock / 1000 + 10);
    expect(cache.get('tok')?.userId).toBe('alice');
    clock += 9_999;
    expect(cache.get('tok')?.userId).toBe('alice');
    clock += 2;
    expect(cache.get('tok')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('checks a long-lived token again after 30 seconds', () => {
    let clock = 5_000_000;
    const cache = createVerifiedCache(() => clock);
    cache.put('tok', principal('bob'), clock / 1000 + 7200);
    clock += 29_999;
    expect(cache.get('tok')?.userId).toBe('bob');
    clock += 2;
    expect(cache.get('tok')).toBeUndefined();
  });

  it('knows only the exact token text it was given', () => {
    const cache = createVerifiedCache(() => 0);
    cache.put('aaa.bbb.ccc', principal('carol'), 3600);
    expect(cache.get('aaa.bbb.ccd')).toBeUndefined();
    expect(cache.get('aaa.bbb.cc')).toBeUndefined();
  });

  it('drops the oldest entries when full', () => {
    const cache = createVerifiedCache(() => 0);
    for (let i = 0; i < 5_001; i++) cache.put(`tok-${i}`, principal(`u${i}`), 3600);
    expect(cache.size).toBe(5_000);
    expect(cache.get('tok-0')).toBeUndefined();
    expect(cache.get('tok-5000')?.userId).toBe('u5000');
  });
});
