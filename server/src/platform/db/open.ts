import { join } from 'node:path';
import type { Config } from '../config.js';
import { seedFromTemplate } from './data-template.js';
import { openPglite, openPostgres, type Store } from './store.js';

/** PostgreSQL when DATABASE_URL is set, else the embedded store under PMS_DATA_DIR (a new folder from the build's template). */
export function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.dbPoolSize);
  const dir = join(config.dataDir, 'pglite');
  seedFromTemplate(dir);
  return openPglite(dir);
}
