import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS, GENERATED_SECTIONS, withSection } from '../../src/cli/docs.js';
import { AUDIT_ACTIONS } from '../../src/platform/audit.js';
import { TOPIC_DOCS } from '../../src/platform/outbox/topics.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('documents generated from the registries', () => {
  for (const [path, render] of Object.entries(GENERATED_DOCS)) {
    it(`${path} matches the code (run npm run docs after changing a registry)`, () => {
      expect(readFileSync(join(root, path), 'utf8')).toBe(render());
    });
  }

  for (const { path, name, render } of GENERATED_SECTIONS) {
    it(`the ${name} of ${path} matches the code (run npm run docs after changing it)`, () => {
      const text = readFileSync(join(root, path), 'utf8');
      expect(text).toBe(withSection(text, name, render()));
    });
  }

  it('list every topic and every audit action', () => {
    const events = readFileSync(join(root, 'docs/events.md'), 'utf8');
    for (const topic of Object.keys(TOPIC_DOCS)) expect(events).toContain(`| \`${topic}\` |`);
    const audit = readFileSync(join(root, 'docs/audit.md'), 'utf8');
    for (const action of Object.keys(AUDIT_ACTIONS)) expect(audit).toContain(`| \`${action}\` |`);
  });
});

/** Every source file of the repository's code and tests (no dependencies, no builds). */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'test-artifacts', '.pglite-template'].includes(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(path);
  }
  return out;
}

describe('what the code cites', () => {
  const files = ['server', 'portal', 'scripts'].flatMap((d) => sources(join(root, d)));

  it('is in the repository: no citation of documents a clone does not hold', () => {
    // MOSIP's spec and the design notes live outside the repository; what the code relies on
    // from them is written under docs/.
    const outside = /\bspec\/[\w-]+\.md|\bspec [\w-]+\.md|DESIGN\.md/;
    const offenders = files.filter((f) => outside.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length + 1));
    expect(offenders).toEqual([]);
  });

  it('names documents under docs/ that exist', () => {
    const missing = new Set<string>();
    for (const f of files)
      for (const [, doc] of readFileSync(f, 'utf8').matchAll(/\bdocs\/([\w-]+\.md)/g))
        if (!existsSync(join(root, 'docs', doc!))) missing.add(`${f.slice(root.length + 1)} → docs/${doc}`);
    expect([...missing]).toEqual([]);
  });
});
