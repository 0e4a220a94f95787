import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The domain graph read from the source: which domain imports which (type imports too). The
 * lint rule keeps every such import on the other domain's index.ts; this keeps the graph acyclic,
 * so any domain can be understood, tested and loaded without the ones that depend on it.
 */
const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const NOT_DOMAINS = new Set(['platform', 'cli', 'bench', 'migration-import', 'portal-host']);

const domains = readdirSync(SRC).filter((d) => statSync(join(SRC, d)).isDirectory() && !NOT_DOMAINS.has(d));

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesOf(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function domainGraph(): Map<string, Set<string>> {
  const graph = new Map(domains.map((d) => [d, new Set<string>()]));
  for (const domain of domains) {
    for (const file of filesOf(join(SRC, domain))) {
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (!spec?.startsWith('.')) continue;
        const target = relative(SRC, resolve(dirname(file), spec)).split(sep)[0];
        if (target && target !== domain && graph.has(target)) graph.get(domain)!.add(target);
      }
    }
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), node, next]);
      else if (!state.has(next)) walk(next, [...path, node]);
    }
    state.set(node, 'done');
  };
  for (const d of graph.keys()) if (!state.has(d)) walk(d, []);
  return found;
}

describe('domain boundaries', () => {
  it('finds the domains and their imports (the reader works)', () => {
    const graph = domainGraph();
    expect(domains).toEqual(expect.arrayContaining(['partners', 'policies', 'oidc-clients', 'misp']));
    expect([...graph.get('misp')!]).toContain('partners');
  });

  it('has no cycle between domains', () => {
    expect(cycles(domainGraph())).toEqual([]);
  });

  it('detects a cycle when there is one', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
