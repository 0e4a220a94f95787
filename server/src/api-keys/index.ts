import type { Module } from '../platform/http/app.js';
import { apiKeyRoutes } from './routes.js';
import { createApiKeyService } from './service.js';
import type { ApiKeySettings } from './settings.js';

/** API keys: generation from approved requests, status, policy swap, reads and lists. */
export function apiKeysModule(settings: ApiKeySettings): Module {
  return (app, deps) => {
    apiKeyRoutes(app, createApiKeyService({ store: deps.store, dataKey: deps.dataKey, settings }));
  };
}
