// `npm run migrate`: applies pending migrations to the configured store and exits.
import { ConfigError, loadConfig } from '../platform/config.js';
import { migrate } from '../platform/db/migrate.js';
import { openStore } from '../platform/db/open.js';

try {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const applied = await migrate(store);
    console.log(
      applied.length ? `applied ${applied.join(', ')} on ${store.engine}` : `nothing to apply on ${store.engine}: the schema is current`,
    );
  } finally {
    await store.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
}
