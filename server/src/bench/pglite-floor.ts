import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import Fastify from 'fastify';
import { PGLITE_CONF, tunePgliteTiering } from '../platform/db/store.js';

/**
 * The embedded store's floor: the bare Fastify floor plus a PGlite open of the same data folder
 * with the server's options and one query, nothing of the service. What the service's PGlite
 * restart and idle RSS cannot go below on this stack: the WebAssembly module declares a
 * 128 MiB minimum linear memory (2048 pages; a smaller `initialMemory` fails to link), and
 * PostgreSQL's own start-up runs inside it.
 */
tunePgliteTiering();
const db = await PGlite.create({
  dataDir: join(process.env.PMS_DATA_DIR!, 'pglite'),
  extensions: { pg_trgm },
  postgresqlconf: PGLITE_CONF,
});
await db.query('select 1');
const app = Fastify();
for (const base of ['/v1/partnermanager', '/v1/policymanager']) app.get(`${base}/actuator/health`, async () => ({ status: 'UP' }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
