export interface Workspace {
  name: 'rules' | 'server' | 'portal';
  /** The npm workspace's folder, relative to the root (`npm run build -w <workspace>`). */
  workspace: string;
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
