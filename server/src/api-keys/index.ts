import type { Module } from '../platform/http/app.js';
import { apiKeyRoutes } from './routes.js';
import { createApiKeyService } from './service.js';
import { apiKeySettings, type ApiKeySettings } from './settings.js';

/** API keys: generation from approved requests, status, policy swap, reads and lists. */
export function apiKeysModule(settings: ApiKeySettings = apiKeySettings()): Module {
  return (app, deps) => {
    apiKeyRoutes(app, createApiKeyService({ store: deps.store, dataKey: deps.dataKey, settings }));
  };
}
