import { seedDevices } from '../../devices/index.js';
import { load } from '../load.js';
import type { Scenario } from '../scenarios.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 100_000);

/** Issue 8: the admin device list over 100,000 devices. */
export const devicesScenario: Scenario = {
  name: 'devices',
  seed: (store) => seedDevices(store, DEVICES),
  async run({ url, token }) {
    const admin = await token('bench-admin', ['PARTNER_ADMIN']);
    return [
      await load({
        name: `GET /devicedetail admin list (${DEVICES} devices)`,
        url: `${url}/v1/partnermanager/devicedetail`,
        token: admin,
        connections: 10,
        expectNoErrors: true,
      }),
    ];
  },
};
