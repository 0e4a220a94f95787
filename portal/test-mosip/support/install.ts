import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * MOSIP's own portal (pmp-revamp-ui, a Create React App) installed and built once, outside the
 * repository, in a cache folder that survives between CI runs on the same machine:
 *
 * - `<cache>/mosip-portal-<hash of package.json>/` holds its node_modules (about 1,550 packages);
 * - `<that>/builds/<hash of the source>/` holds a production build of that source.
 *
 * The source itself is never changed: it is copied into the cache folder and built there. The
 * API base URLs are not baked in: a production build reads them from `env-config.js` at run
 * time (MOSIP's Docker image writes that file at start), which `serve.ts` answers.
 */

const REPO = resolve(import.meta.dirname, '..', '..', '..');

/** Where MOSIP's portal source is: CI clones the repository with `shared/` beside it. */
export const SOURCE_DIR = resolve(process.env.PMS_MOSIP_PORTAL_SRC ?? join(REPO, '..', 'shared', 'mosip-portal', 'pmp-revamp-ui'));
export const CACHE_ROOT = resolve(process.env.PMS_MOSIP_PORTAL_CACHE ?? '/var/cache/pms-ci');

export interface PreparedPortal {
  /** The production build to serve (index.html, static/, i18n/ …). */
  buildDir: string;
  /** Seconds spent installing and building in this call (0 when both came from the cache). */
  installSeconds: number;
  buildSeconds: number;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** Every file of the source that a build reads, in a stable order. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'build' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else out.push(path);
  }
  return out;
}

function sourceHash(): string {
  const h = createHash('sha256');
  for (const file of sourceFiles(SOURCE_DIR)) h.update(relative(SOURCE_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  return h.digest('hex').slice(0, 16);
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`,
    );
  }
}

/** The source may be read-only (a shared checkout); its copies must be removable again. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

/**
 * `npm install --legacy-peer-deps` in a fresh folder, then the fix its README describes: CRA's
 * hoisting leaves `ajv-keywords@5` next to `ajv@6`; its own ajv 8 is schema-utils'.
 * Done in a temporary folder and renamed at the end, so an interrupted install is never reused.
 */
function install(dir: string): number {
  if (existsSync(join(dir, '.installed'))) return 0;
  const started = Date.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  cpSync(join(SOURCE_DIR, 'package.json'), join(tmp, 'package.json'));
  // No install scripts: the build needs none of them (core-js only prints a message).
  run('npm', ['install', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], tmp);
  const nested = join(tmp, 'node_modules', 'ajv-keywords', 'node_modules');
  const target = join(tmp, 'node_modules', 'schema-utils', 'node_modules', 'ajv');
  if (existsSync(target) && !existsSync(join(nested, 'ajv'))) {
    mkdirSync(nested, { recursive: true });
    symlinkSync(relative(nested, target), join(nested, 'ajv'));
  }
  writeFileSync(join(tmp, '.installed'), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return seconds(started);
}

/**
 * What `react-scripts build` does (CRA's production webpack config, the public folder copied
 * beside the bundle), with one setting changed: MOSIP's source has
 * `import { React, useEffect } from 'react'` (ViewPolicyPopup.js), a name React does not
 * export. React 18.3's production build lets webpack see that, and CRA makes any missing import
 * a build error. The name is never used, so here it is the warning webpack gives by default.
 */
const BUILD_DRIVER = `
process.env.NODE_ENV = 'production';
process.env.BABEL_ENV = 'production';
require('react-scripts/config/env');
const fs = require('fs');
const webpack = require('webpack');
const paths = require('react-scripts/config/paths');
const config = require('react-scripts/config/webpack.config')('production');
config.module.strictExportPresence = false;
fs.rmSync(paths.appBuild, { recursive: true, force: true });
fs.cpSync(paths.appPublic, paths.appBuild, { recursive: true, filter: (f) => f !== paths.appHtml });
webpack(config).run((err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString({ all: false, errors: true }));
    process.exit(1);
  }
  process.exit(0);
});
`;

/** A production build of the current source, once per source hash. */
function build(dir: string): { buildDir: string; seconds: number } {
  const key = sourceHash();
  const buildDir = join(dir, 'builds', key);
  if (existsSync(join(buildDir, 'index.html'))) return { buildDir, seconds: 0 };
  const started = Date.now();
  const work = join(dir, 'work');
  // The source next to the installed node_modules, as `npm run build` expects it.
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const name of readdirSync(SOURCE_DIR)) cpSync(join(SOURCE_DIR, name), join(work, name), { recursive: true });
  makeWritable(work);
  symlinkSync(join(dir, 'node_modules'), join(work, 'node_modules'));
  writeFileSync(join(work, 'pms-build.cjs'), BUILD_DRIVER);
  run(process.execPath, ['pms-build.cjs'], work, {
    GENERATE_SOURCEMAP: 'false',
    DISABLE_ESLINT_PLUGIN: 'true',
    // Served at the root of its own origin, as MOSIP's nginx image serves it.
    PUBLIC_URL: '/',
  });
  const tmp = `${buildDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(dir, 'builds'), { recursive: true });
  cpSync(join(work, 'build'), tmp, { recursive: true });
  renameSync(tmp, buildDir);
  rmSync(work, { recursive: true, force: true });
  return { buildDir, seconds: seconds(started) };
}

/** Installs and builds when the cache lacks them; otherwise answers the cached build at once. */
export function prepareMosipPortal(): PreparedPortal {
  if (!existsSync(join(SOURCE_DIR, 'package.json'))) {
    throw new Error(`MOSIP's portal source is not at ${SOURCE_DIR} (set PMS_MOSIP_PORTAL_SRC)`);
  }
  const dir = join(CACHE_ROOT, `mosip-portal-${sha(readFileSync(join(SOURCE_DIR, 'package.json')))}`);
  mkdirSync(CACHE_ROOT, { recursive: true });
  const installSeconds = install(dir);
  const built = build(dir);
  return { buildDir: built.buildDir, installSeconds, buildSeconds: built.seconds };
}

// `tsx install.ts`: prepare the cache and say what it cost.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = Date.now();
  const p = prepareMosipPortal();
  console.log(
    `MOSIP portal build at ${p.buildDir} (install ${p.installSeconds} s, build ${p.buildSeconds} s, total ${seconds(started)} s)`,
  );
}
