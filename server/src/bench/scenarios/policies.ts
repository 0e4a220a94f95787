import { seedPolicies } from '../../policies/index.js';
import { load } from '../load.js';
import type { Scenario } from '../scenarios.js';

const POLICIES = Number(process.env.BENCH_POLICIES ?? 100_000);

/** Issue 3: the v2 policy list and the legacy policy search over 100,000 policies. */
export const policiesScenario: Scenario = {
  name: 'policies',
  seed: async (store) => {
    await seedPolicies(store, POLICIES);
  },
  async run({ url, token }) {
    const t = await token('bench-policymanager', ['POLICYMANAGER']);
    const base = `${url}/v1/policymanager/policies`;
    return [
      await load({
        name: `GET /policies/v2 (${POLICIES} policies)`,
        url: `${base}/v2?pageNo=0&pageSize=8&sortFieldName=createdDateTime&sortType=desc`,
        token: t,
        connections: 10,
        expectNoErrors: true,
      }),
      await load({
        name: `POST /policies/search startsWith (${POLICIES})`,
        url: `${base}/search`,
        method: 'POST',
        token: t,
        connections: 10,
        expectNoErrors: true,
        body: {
          id: 'mosip.partnermanagement.policy.search',
          version: '1.0',
          request: {
            policyType: 'Auth',
            filters: [{ columnName: 'name', type: 'startsWith', value: 'bench policy 9' }],
            sort: [{ sortField: 'crDtimes', sortType: 'desc' }],
            pagination: { pageStart: 0, pageFetch: 10 },
          },
        },
      }),
    ];
  },
};
