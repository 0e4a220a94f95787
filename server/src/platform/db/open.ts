import { join } from 'node:path';
import type { Config } from '../config.js';
import { openPglite, openPostgres, type Store } from './store.js';

/** PostgreSQL when DATABASE_URL is set, else the embedded store under PMS_DATA_DIR. */
export function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.dbPoolSize);
  return openPglite(join(config.dataDir, 'pglite'));
}
