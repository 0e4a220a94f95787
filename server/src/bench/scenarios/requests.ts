import { seedApprovedRequests, seedPendingPolicyRequests } from '../../policy-requests/seed.js';
import { load } from '../load.js';
import type { Scenario } from '../scenarios.js';

const PENDING = Number(process.env.BENCH_PENDING_REQUESTS ?? 20_000);
const KEY_PARTNERS = 1_000;

/** Issue 5: admins approving policy requests; partners generating API keys. */
export const requestsScenario: Scenario = {
  name: 'requests',
  seed: async (store) => {
    await seedPendingPolicyRequests(store, PENDING);
    await seedApprovedRequests(store, KEY_PARTNERS);
  },
  async run({ url, token }) {
    const admin = await token('bench-admin', ['PARTNER_ADMIN']);
    const keyUser = await token('bench-key-user', ['AUTH_PARTNER']);
    let next = 0;
    let label = 0;
    const run = Date.now().toString(36);
    return [
      await load({
        name: 'PUT /partners/policy/{key} approve',
        url: `${url}/v1/partnermanager/partners/policy/bench-req-1`,
        method: 'PUT',
        token: admin,
        connections: 10,
        expectNoErrors: true,
        // Each request decides a different pending request: a request is decided once.
        paths: () => `/v1/partnermanager/partners/policy/bench-req-${(next++ % PENDING) + 1}`,
        body: { id: 'mosip.partnermanagement.partners.policy.mapping', version: '1.0', request: { status: 'approved' } },
      }),
      await load({
        name: 'PATCH /partners/{id}/generate/apikey',
        url: `${url}/v1/partnermanager/partners/bench-key-partner-1/generate/apikey`,
        method: 'PATCH',
        token: keyUser,
        connections: 10,
        expectNoErrors: true,
        paths: () => `/v1/partnermanager/partners/bench-key-partner-${(label % KEY_PARTNERS) + 1}/generate/apikey`,
        bodies: () => ({
          id: 'mosip.pms.generate.apikey',
          version: '1.0',
          request: { policyName: 'bench-key-policy', label: `k-${run}-${label++}` },
        }),
      }),
    ];
  },
};
