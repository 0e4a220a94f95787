// Copies the non-TypeScript files the built server reads at run time into dist/.
// Migrations are read from server/migrations directly, so nothing is copied for them.
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = [
  // [from src/, to dist/] — folders of templates, mapping files and the like.
  ['identity/views', 'identity/views'],
];
for (const [from, to] of assets) {
  const src = join(root, 'src', from);
  if (existsSync(src)) cpSync(src, join(root, 'dist', to), { recursive: true });
}
