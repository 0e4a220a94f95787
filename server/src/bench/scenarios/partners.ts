import { seedPartners } from '../../partners/seed.js';
import { load } from '../load.js';
import type { Scenario } from '../scenarios.js';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 50_000);

/** Issue 4: partner registration and the admin partner list over 50,000 partners. */
export const partnersScenario: Scenario = {
  name: 'partners',
  seed: (store) => seedPartners(store, PARTNERS),
  async run({ url, token }) {
    const admin = await token('bench-admin', ['PARTNER_ADMIN']);
    const registrar = await token('bench-registrar', ['AUTH_PARTNER']);
    let n = 0;
    const run = `${process.pid}-${Date.now().toString(36)}`;
    return [
      await load({
        name: `GET /admin-partners (${PARTNERS} partners)`,
        url: `${url}/v1/partnermanager/admin-partners`,
        token: admin,
        connections: 10,
        expectNoErrors: true,
      }),
      await load({
        name: `GET /admin-partners?orgName filter+sort (${PARTNERS})`,
        url: `${url}/v1/partnermanager/admin-partners?orgName=organisation%20123&sortFieldName=orgName&sortType=asc&pageNo=0&pageSize=8`,
        token: admin,
        connections: 10,
        expectNoErrors: true,
      }),
      await load({
        name: 'POST /partners (registration)',
        url: `${url}/v1/partnermanager/partners`,
        method: 'POST',
        token: registrar,
        connections: 10,
        expectNoErrors: true,
        bodies: () => {
          n++;
          return {
            id: 'mosip.pms',
            version: '1.0',
            requesttime: new Date().toISOString(),
            metadata: {},
            request: {
              partnerId: `bench-${run}-${n}`,
              organizationName: `Bench Org ${run} ${n}`,
              address: 'Street 1',
              contactNumber: '9876543210',
              emailId: `bench-${run}-${n}@example.org`,
              partnerType: 'Device_Provider',
            },
          };
        },
      }),
    ];
  },
};
