import type { Store } from '../platform/db/store.js';
import type { Module } from '../platform/http/app.js';
import { createOperations, type CrashHooks, type Operations } from './consistency.js';
import { createEsignetClient } from './esignet-client.js';
import { createReconciler, startReconciler, type Reconciler, type ReconcilerLog } from './reconciler.js';
import { oidcClientRoutes } from './routes.js';
import { createOidcClientService, type OidcClientService } from './service.js';
import { oidcSettings, type OidcSettings } from './settings.js';
import { createSources } from './sources.js';

export interface OidcRuntime {
  settings: OidcSettings;
  service: OidcClientService;
  /** Undefined without eSignet. */
  operations?: Operations;
  /** A reconciler over the same store and eSignet client (runOnce only, for tests and tools). */
  reconciler?: Reconciler;
}

export interface OidcModuleOptions {
  /** Defaults to the environment plus `config.esignet`. */
  settings?: OidcSettings;
  hooks?: CrashHooks;
  /** Margin on top of two eSignet timeouts before an operation counts as abandoned. */
  graceMs?: number;
  /** Hands the wired pieces to tests. */
  expose?: (runtime: OidcRuntime) => void;
}

export function createOidcRuntime(
  store: Store,
  settings: OidcSettings,
  opts: Pick<OidcModuleOptions, 'hooks' | 'graceMs'> = {},
): OidcRuntime {
  const operations = settings.esignet
    ? createOperations({
        store,
        esignet: createEsignetClient({ ...settings.esignet, timeoutMs: settings.timeoutMs }),
        timeoutMs: settings.timeoutMs,
        graceMs: opts.graceMs,
        hooks: opts.hooks,
      })
    : undefined;
  const service = createOidcClientService({ store, settings, sources: createSources(settings), operations });
  const reconciler = operations ? createReconciler({ store, operations, log: silentLog }) : undefined;
  return { settings, service, operations, reconciler };
}

const silentLog: ReconcilerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** OIDC / OAuth clients for eSignet (docs/oidc-clients.md): create, update, get, list. */
export function oidcClientsModule(opts: OidcModuleOptions = {}): Module {
  return (app, deps) => {
    const settings = opts.settings ?? oidcSettings(process.env, deps.config.esignet);
    const runtime = createOidcRuntime(deps.store, settings, opts);
    opts.expose?.(runtime);
    oidcClientRoutes(app, runtime.service);
  };
}

/**
 * For main.ts: finishes or undoes eSignet operations left half-way (a crash, a restart, an
 * unanswered call), polling every PMS_OIDC_RECONCILE_MS. Without eSignet there is nothing to
 * reconcile and the returned handle does nothing. Call `stop()` before closing the store.
 */
export function startOidcReconciler(deps: { store: Store; settings: OidcSettings; log: ReconcilerLog }): Reconciler {
  const { settings } = deps;
  if (!settings.esignet) return { runOnce: async () => ({ finished: 0, undone: 0, later: 0 }), stop: async () => undefined };
  const operations = createOperations({
    store: deps.store,
    esignet: createEsignetClient({ ...settings.esignet, timeoutMs: settings.timeoutMs }),
    timeoutMs: settings.timeoutMs,
  });
  deps.log.info({ pollMs: settings.reconcileMs }, 'oidc reconciler: watching for unfinished eSignet operations');
  return startReconciler({ store: deps.store, operations, log: deps.log, pollMs: settings.reconcileMs });
}

export { seedOidcClients, prepareDistinctKeys } from './seed.js';
