import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, isCurrent, workspaces } from '../../../scripts/build-state.mjs';

// `npm start` / `npm run build` (scripts/build.mjs, scripts/start.mjs) over a small repository
// laid out like this one; the build itself is stood in for by a spawn that makes the output.
const root = mkdtempSync(join(tmpdir(), 'pms-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

write('package-lock.json', '{}');
write('packages/rules/package.json', '{}');
write('packages/rules/src/partners.ts', 'export {};');
write('server/package.json', '{}');
write('server/src/main.ts', 'export {};');
write('server/migrations/0001_a.sql', 'select 1;');
write('portal/package.json', '{}');
write('portal/src/main.tsx', 'export {};');
write('portal/index.html', '<html></html>');

const spawned: string[] = [];
const spawn = (_cmd: string, args: string[]) => {
  const name = args[args.indexOf('-w') + 1]!;
  spawned.push(name);
  mkdirSync(join(root, name, 'dist'), { recursive: true });
  return { status: 0 };
};
const run = (changedOnly: boolean) => {
  spawned.length = 0;
  build(root, { changedOnly, spawn });
  return [...spawned];
};
const [rules, server, portal] = workspaces(root);
const all = ['packages/rules', 'server', 'portal'];

describe('build only what changed', () => {
  it('builds everything on a fresh clone, nothing when the build is current, and only the workspace whose sources changed', () => {
    expect(isCurrent(server!, root)).toBe(false);
    expect(run(true)).toEqual(all);
    expect(isCurrent(rules!, root) && isCurrent(server!, root) && isCurrent(portal!, root)).toBe(true);
    expect(run(true)).toEqual([]);

    // A touched but unchanged file (a checkout, an editor's save) is still current.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'server/src/main.ts'), later, later);
    expect(run(true)).toEqual([]);

    write('server/src/main.ts', 'export const changed = 1;');
    expect(run(true)).toEqual(['server']);
    write('server/migrations/0002_b.sql', 'select 2;'); // migrations are built into the data template
    expect(run(true)).toEqual(['server']);
    write('portal/index.html', '<html><body></body></html>');
    expect(run(true)).toEqual(['portal']);
    // A shared rule: the rules' build, the server (type-checked against it) and the portal (bundles it).
    write('packages/rules/src/partners.ts', 'export const PARTNER_ID_MAX = 36;');
    expect(run(true)).toEqual(all);
    write('package-lock.json', '{"lockfileVersion":3}'); // new dependencies: all
    expect(run(true)).toEqual(all);

    // A deleted output folder (clean checkout of dist) is rebuilt.
    rmSync(join(root, 'portal/dist'), { recursive: true });
    expect(run(true)).toEqual(['portal']);

    // `npm run build` always builds all.
    expect(run(false)).toEqual(all);
  });
});
