import type { RoleTable } from './auth/roles.js';
import type { TokenVerifier } from './auth/verifier.js';
import type { Config } from './config.js';
import type { Store } from './db/store.js';
import type { DataKey } from './keys/data-key.js';

/** What a domain module receives. Services take only the pieces they use from it. */
export interface Deps {
  config: Config;
  store: Store;
  verifier: TokenVerifier;
  roles: RoleTable;
  dataKey: DataKey;
}
