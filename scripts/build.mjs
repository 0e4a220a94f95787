// `npm run build`: builds server and portal and stamps both (scripts/build-state.mjs).
// `--changed`: only those whose sources changed since their last build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
build(root, { changedOnly: process.argv.includes('--changed'), spawn: spawnSync });
