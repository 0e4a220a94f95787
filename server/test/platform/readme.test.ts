import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every variable the server reads through the settings readers (`readInt(env, 'PMS_…'` …). */
function variablesRead(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(join(root, 'server', 'src'))) {
    if (file.includes(`${join('src', 'bench')}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /(?:read(?:Str|Int|Url|Bool|List)|(?:int|bool|list|text|url|source|enum)Setting)\(env, '([A-Z][A-Z0-9_]+)'/g,
    ))
      found.add(m[1]!);
  }
  return found;
}

describe('the README', () => {
  it('documents every configuration variable the server reads', () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(40);
    const missing = [...read].filter((v) => !readme.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
