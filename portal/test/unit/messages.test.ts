import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import fr from '../../src/i18n/fr.json';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Texts whose translations leave a value out on purpose: the server's English message. */
const DROPS_PLACEHOLDERS = new Set(['errors.unmapped']);

const files = { en, fr, ar } as Record<string, Tree>;
const english = leaves(en as Tree);

describe('message files', () => {
  it.each(['fr', 'ar'])('%s has exactly the English keys', (lang) => {
    const other = leaves(files[lang]!);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(['fr', 'ar'])('%s keeps every {{placeholder}} of the English text and leaves nothing empty', (lang) => {
    const other = leaves(files[lang]!);
    for (const [key, text] of english) {
      if (!DROPS_PLACEHOLDERS.has(key)) expect(placeholders(other.get(key) ?? ''), key).toEqual(placeholders(text));
      expect(other.get(key)?.trim(), key).not.toBe('');
    }
  });

  it('Arabic is translated, not copied from English', () => {
    const arabic = leaves(ar as Tree);
    const same = [...english].filter(([k, v]) => arabic.get(k) === v && /[a-z]{4,}/i.test(v.replace(/\{\{\w+\}\}/g, '')));
    expect(same.map(([k]) => k)).toEqual([]);
  });

  it('every message key the code uses exists in English', () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
          for (const m of text.matchAll(/(?:label|titleKey|message): '((?:nav|policy|validation)\.[\w.]+)'/g)) used.add(m[1]!);
        }
      }
    };
    walk(src);
    const missing = [...used].filter((k) => !english.has(k));
    expect(missing).toEqual([]);
  });
});
