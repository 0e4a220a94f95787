import type { Actor } from '../platform/audit.js';
import type { Queryable } from '../platform/db/store.js';
import type { Module } from '../platform/http/app.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { mispRoutes } from './routes.js';
import { createMispService, deactivateLicensesOf } from './service.js';
import type { MispSettings } from './settings.js';

/** MISP license keys (`/misps`). */
export function mispModule(settings: MispSettings): Module {
  return (app, deps) => {
    mispRoutes(app, createMispService({ store: deps.store, dataKey: deps.dataKey, settings }));
  };
}

/** What partner deactivation calls for a MISP partner, inside its own transaction. */
export const mispDeactivationHook = (dataKey: DataKey) => (q: Queryable, mispId: string, actor: Actor) =>
  deactivateLicensesOf(q, dataKey, mispId, actor);
