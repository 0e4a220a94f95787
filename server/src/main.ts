import { roleTable } from './platform/auth/roles.js';
import { ConfigError } from './platform/config.js';
import { migrate } from './platform/db/migrate.js';
import { openStore } from './platform/db/open.js';
import { buildApp } from './platform/http/app.js';
import { loadDataKey } from './platform/keys/data-key.js';
import { modules } from './modules.js';
import { loadSettings, type Settings } from './settings.js';
import { startExpiryCheck } from './expiry/index.js';
import { startOidcReconciler } from './oidc-clients/index.js';
import { setupIdentity } from './identity/index.js';
import { startOutbox } from './platform/outbox/dispatcher.js';
import { startMaintenance } from './platform/db/maintenance.js';

async function start(settings: Settings) {
  const { config } = settings;
  const startedAt = performance.now();
  const { key: dataKey, source } = loadDataKey(config.dataKey, config.dataDir);
  const store = await openStore(config);
  await migrate(store);
  const identity = await setupIdentity({ config, store, dataKey });
  const app = await buildApp({
    deps: { config, store, verifier: identity.verifier, roles: roleTable(config.roleOverrides), dataKey },
    modules: [...identity.modules, ...modules(settings)],
  });
  if (source === 'generated') app.log.warn(`generated a new data key in ${config.dataDir}/keys; set PMS_DATA_KEY in production`);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Partner Management Service ready at ${config.publicUrl} (${store.engine}) in ${Math.round(performance.now() - startedAt)} ms`,
  );
  app.log.info(`tokens: ${identity.mode === 'embedded' ? 'embedded identity provider' : 'trusted issuer'} ${identity.issuer}`);
  const outbox = startOutbox({ store, hubUrl: config.websubHubUrl, log: app.log, dataKey, ...config.outbox });
  const maintenance = startMaintenance(store, app.log);
  const expiry = startExpiryCheck({ store, settings: settings.expiry, log: app.log });
  const reconciler = startOidcReconciler({ store, settings: settings.oidc, log: app.log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: finishing in-flight requests`);
    await app.close();
    // Background work in flight finishes and records its result before the store goes away.
    await Promise.all([outbox.stop(), expiry.stop(), reconciler.stop(), maintenance.stop(), identity.embedded?.stop()]);
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

try {
  await start(loadSettings());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
