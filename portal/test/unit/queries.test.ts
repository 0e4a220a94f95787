import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The cache has one home (src/api/queries.ts): keys are built with `key(root, …)` from declared
 * roots and changes refresh kinds of data. A key written by hand, or an invalidation made on the
 * spot, is where two screens drift apart (one showed the other's cached answer), so none may be
 * written anywhere else.
 */
const src = join(import.meta.dirname, '..', '..', 'src');
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('query keys and invalidations', () => {
  it('live in src/api/queries.ts only', () => {
    const offenders: string[] = [];
    for (const file of sources(src)) {
      if (relative(src, file) === join('api', 'queries.ts')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/queryKey:\s*\[|invalidateQueries|removeQueries|setQueryData|resetQueries/.test(line))
            offenders.push(`${relative(src, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
