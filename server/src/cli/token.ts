import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.js';
import { loadDataKey } from '../platform/keys/data-key.js';
import { mintToken } from '../identity/mint.js';

const USAGE = `usage: npm run token -- --user <id> --roles ROLE1,ROLE2 [--email x] [--ttl seconds]

Prints an access token that the service accepts when it runs its embedded identity provider
(PMS_AUTH_ISSUER unset). Run it with the same PMS_DATA_DIR, PMS_DATA_KEY and PMS_PUBLIC_URL
as the server.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  let values: { user?: string; roles?: string; email?: string; ttl?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        user: { type: 'string' },
        roles: { type: 'string' },
        email: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.user?.trim()) fail('--user is required');
  const roles = (values.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) fail('--roles needs at least one role');
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400 * 30)) fail('--ttl must be whole seconds from 1 to 2592000');
  const config = loadConfig();
  const { key } = loadDataKey(config.dataKey, config.dataDir);
  console.log(await mintToken(config, key, { user: values.user.trim(), roles, email: values.email, ttl }));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : (err as Error).message);
  process.exit(2);
});
