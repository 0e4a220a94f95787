export interface Workspace {
  name: 'server' | 'portal';
  dir: string;
  out: string;
  inputs: string[];
}
export const STAMP: string;
export function workspaces(root: string): Workspace[];
export function inputHash(ws: Workspace, root: string): string;
export function isCurrent(ws: Workspace, root: string): boolean;
export function writeStamp(ws: Workspace, root: string, hash?: string): void;
export function build(
  root: string,
  opts: {
    changedOnly: boolean;
    spawn: (cmd: string, args: string[], opts: { cwd: string; stdio: 'inherit' }) => { status: number | null };
  },
): string[];
