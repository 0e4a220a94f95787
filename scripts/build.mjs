// `npm run build`: builds the shared rules, the server and the portal and stamps each (scripts/build-state.mjs).
// `--changed`: only those whose sources changed since their last build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
build(root, { changedOnly: process.argv.includes('--changed'), spawn: spawnSync });
