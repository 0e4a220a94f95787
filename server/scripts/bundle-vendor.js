// After tsc: each door in src/platform/vendor/ becomes its package bundled into one module
// (why: src/platform/vendor/typebox.ts). Same exports, so nothing that imports it changes.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const doors = readdirSync(join(root, 'src/platform/vendor')).filter((f) => f.endsWith('.ts'));
await build({
  entryPoints: doors.map((f) => join(root, 'src/platform/vendor', f)),
  outdir: join(root, 'dist/platform/vendor'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
