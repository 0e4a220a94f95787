import { modules } from '../../../server/src/modules.js';
import { startEmbeddedServer, type EmbeddedTestServer } from '../../../server/test/support/embedded-server.js';

export type { EmbeddedTestServer };

/** The real server as `npm start` runs it (embedded identity provider, every module, the portal under /pmp/) on a fresh store. */
export function startPortalServer(): Promise<EmbeddedTestServer> {
  return startEmbeddedServer({ modules });
}
