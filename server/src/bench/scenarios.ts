import type { Store } from '../platform/db/store.js';
import type { LoadResult } from './load.js';
import { devicesScenario } from './scenarios/devices.js';
import { oidcScenario } from './scenarios/oidc.js';
import { partnersScenario } from './scenarios/partners.js';
import { requestsScenario } from './scenarios/requests.js';
import { policiesScenario } from './scenarios/policies.js';

export interface BenchContext {
  url: string;
  token(user: string, roles: string[]): Promise<string>;
}

/**
 * One measured area: it seeds the store before the server starts (the embedded store cannot
 * be opened by two processes), then runs its loads against the running server.
 */
export interface Scenario {
  name: string;
  /** Starts what the server must reach (e.g. the eSignet double) and names its settings. */
  prepare?(): Promise<{ env: Record<string, string>; close(): Promise<void> }>;
  seed?(store: Store): Promise<void>;
  run(ctx: BenchContext): Promise<LoadResult[]>;
}

/** Every scenario `npm run bench` runs; each area adds its own. */
export const scenarios: Scenario[] = [policiesScenario, partnersScenario, requestsScenario, devicesScenario, oidcScenario];
