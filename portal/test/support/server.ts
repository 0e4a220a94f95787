import * as serverModules from '../../../server/src/modules.js';
import type { Module } from '../../../server/src/platform/http/app.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../../../server/test/support/embedded-server.js';

export type { EmbeddedTestServer };

type ModuleList = Module[] | ((settings: unknown) => Module[]);

/**
 * Every module `npm start` serves. The module list is either a constant or built from the
 * service's settings (read from the environment, as main.ts does); both shapes are accepted.
 */
async function allModules(): Promise<Module[]> {
  const list = (serverModules as { modules: ModuleList }).modules;
  if (Array.isArray(list)) return list;
  const settingsModule = '../../../server/src/settings.js';
  const { loadSettings } = (await import(/* @vite-ignore */ settingsModule)) as {
    loadSettings: (env: Record<string, string | undefined>) => unknown;
  };
  return list(loadSettings({ ...process.env, LOG_LEVEL: 'silent' }));
}

/** The real server as `npm start` runs it (embedded identity provider, every module, the portal under /pmp/) on a fresh store. */
export async function startPortalServer(opts: { env?: Record<string, string>; port?: number } = {}): Promise<EmbeddedTestServer> {
  return startEmbeddedServer({ ...opts, modules: await allModules() });
}
