import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS } from '../../src/cli/docs.js';
import { AUDIT_ACTIONS } from '../../src/platform/audit.js';
import { TOPIC_DOCS } from '../../src/platform/outbox/topics.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('documents generated from the registries', () => {
  for (const [path, render] of Object.entries(GENERATED_DOCS)) {
    it(`${path} matches the code (run npm run docs after changing a registry)`, () => {
      expect(readFileSync(join(root, path), 'utf8')).toBe(render());
    });
  }

  it('list every topic and every audit action', () => {
    const events = readFileSync(join(root, 'docs/events.md'), 'utf8');
    for (const topic of Object.keys(TOPIC_DOCS)) expect(events).toContain(`| \`${topic}\` |`);
    const audit = readFileSync(join(root, 'docs/audit.md'), 'utf8');
    for (const action of Object.keys(AUDIT_ACTIONS)) expect(audit).toContain(`| \`${action}\` |`);
  });
});
