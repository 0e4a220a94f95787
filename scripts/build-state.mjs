// Whether a workspace's build output is current: a hash of every file its build reads, kept in
// a stamp inside the output folder. `npm start` builds only the workspaces whose hash changed,
// so a start with nothing changed costs no build at all, and a fresh clone (no stamp) builds all.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const STAMP = '.build-stamp';

/**
 * The shared rules, the server and the portal, in build order: what each build reads, and where
 * it writes. The server and the portal also read the rules' source (the server type-checks
 * against it, the portal bundles it), so a change to a rule rebuilds them too.
 */
export function workspaces(root) {
  const lock = join(root, 'package-lock.json');
  const at = (dir, paths) => paths.map((p) => join(root, dir, p)).concat(lock);
  const rules = at('packages/rules', ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json']);
  return [
    { name: 'rules', workspace: 'packages/rules', out: join(root, 'packages', 'rules', 'dist'), inputs: rules },
    {
      name: 'server',
      workspace: 'server',
      out: join(root, 'server', 'dist'),
      inputs: at('server', ['src', 'migrations', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json']).concat(rules),
    },
    {
      name: 'portal',
      workspace: 'portal',
      out: join(root, 'portal', 'dist'),
      inputs: at('portal', ['src', 'public', 'index.html', 'package.json', 'tsconfig.json', 'vite.config.ts']).concat(rules),
    },
  ];
}

function filesUnder(path, out) {
  if (!existsSync(path)) return out;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) filesUnder(join(path, name), out);
  } else out.push(path);
  return out;
}

/** Content hash of a workspace's inputs (paths and bytes: a touched but unchanged file is still current). */
export function inputHash(ws, root) {
  const h = createHash('sha256');
  for (const input of ws.inputs) {
    for (const file of filesUnder(input, [])) {
      h.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return h.digest('hex');
}

export function isCurrent(ws, root) {
  const stamp = join(ws.out, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputHash(ws, root);
}

/** Records that `ws.out` was built from the inputs as they are now. Call after a successful build. */
export function writeStamp(ws, root, hash = inputHash(ws, root)) {
  writeFileSync(join(ws.out, STAMP), `${hash}\n`);
}

/**
 * Builds each workspace (`changedOnly`: only those whose inputs changed since their stamp) and
 * stamps it. Answers the names built; exits the process with the build's status on failure.
 */
export function build(root, { changedOnly, spawn }) {
  const built = [];
  for (const ws of workspaces(root)) {
    if (changedOnly && isCurrent(ws, root)) continue;
    // Hashed before building: an edit made while the build runs is picked up by the next start.
    const hash = inputHash(ws, root);
    if (changedOnly) console.log(`building ${ws.name} (sources changed since its last build) …`);
    const r = spawn('npm', ['run', 'build', '-w', ws.workspace], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    writeStamp(ws, root, hash);
    built.push(ws.name);
  }
  return built;
}
