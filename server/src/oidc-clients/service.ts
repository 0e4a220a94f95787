import type { Actor } from '../platform/audit.js';
import type { Store } from '../platform/db/store.js';
import type { ListPlan, PageResponseV2 } from '../platform/search/index.js';
import type { ClientDetail, ClientResponse, ClientSummary } from './answers.js';
import type { Operations } from './consistency.js';
import { createClientCreation } from './create.js';
import type { Api } from './esignet-client.js';
import { createClientReads } from './reads.js';
import { featureGuard } from './request-checks.js';
import type { ClientListQueryT, CreateBody, PatchBody, UpdateBody } from './schemas.js';
import type { OidcSettings } from './settings.js';
import type { DerivationSources } from './sources.js';
import { createClientUpdates } from './update.js';

export type { ClientDetail, ClientResponse, ClientSummary };

export interface OidcClientService {
  requireFeature(): void;
  create(api: Api, body: CreateBody, actor: Actor): Promise<ClientResponse>;
  update(api: Api, clientId: string, body: UpdateBody, actor: Actor): Promise<ClientResponse>;
  /** Partial update: absent fields keep their stored values. */
  patch(clientId: string, body: PatchBody, actor: Actor): Promise<ClientResponse>;
  get(clientId: string, actor: Actor): Promise<ClientDetail>;
  list(query: ClientListQueryT, plan: ListPlan, actor: Actor): Promise<PageResponseV2<ClientSummary>>;
}

export interface ServiceDeps {
  store: Store;
  settings: OidcSettings;
  sources: DerivationSources;
  /** Undefined when no eSignet is configured: clients are stored as NOT_REGISTERED. */
  operations?: Operations;
}

/**
 * The OIDC client service, one job per file: the create and its ordered checks (create.ts),
 * update and PATCH (update.ts), reads (reads.ts); eSignet's request bodies (esignet-calls.ts)
 * and MOSIP's event payloads (event-data.ts) are shared by create and update.
 */
export function createOidcClientService(deps: ServiceDeps): OidcClientService {
  const requireFeature = featureGuard(deps.settings);
  const { update, patch } = createClientUpdates(deps, requireFeature);
  const { get, list } = createClientReads(deps, requireFeature);
  return { requireFeature, create: createClientCreation(deps, requireFeature), update, patch, get, list };
}
