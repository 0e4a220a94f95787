import type { Module } from '../platform/http/app.js';
import { expiryRoutes } from './routes.js';

export { runExpiryCheck, startExpiryCheck, EXPIRY_TOPIC, type ExpiryChecker } from './check.js';
export { expirySettings, type ExpirySettings } from './settings.js';

/**
 * The expiry notices' read endpoint. The scheduled check itself is started by main.ts
 * (`startExpiryCheck`), next to the outbox dispatcher, so tests and tools that build the app
 * do not get a timer.
 */
export const expiryModule: Module = (app, deps) => {
  expiryRoutes(app, deps.store);
};
