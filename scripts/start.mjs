// `npm start`: builds what changed since the last build (usually nothing), then runs the
// server in this same process, sparing a second Node start-up.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
build(root, { changedOnly: true, spawn: spawnSync });
await import(pathToFileURL(join(root, 'server', 'dist', 'main.js')).href);
