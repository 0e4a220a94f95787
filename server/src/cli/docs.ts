// `npm run docs`: rewrites the documents generated from the code's registries, so that they
// cannot drift from it (test/platform/docs.test.ts fails when they do).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditDoc } from '../platform/audit.js';
import { eventsDoc } from '../platform/outbox/topics.js';

export const GENERATED_DOCS: Record<string, () => string> = {
  'docs/events.md': eventsDoc,
  'docs/audit.md': auditDoc,
};

const root = join(import.meta.dirname, '..', '..', '..');

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const [path, render] of Object.entries(GENERATED_DOCS)) {
    writeFileSync(join(root, path), render());
    console.log(`wrote ${path}`);
  }
}
