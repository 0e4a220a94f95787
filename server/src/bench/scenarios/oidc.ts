import { createHash } from 'node:crypto';
import { sql } from '../../platform/db/sql.js';
import type { Store } from '../../platform/db/store.js';
import { BENCH_PARTNERS, BENCH_POLICY_ID, prepareDistinctKeys, seedOidcClients } from '../../oidc-clients/seed.js';
import { EsignetDouble } from '../esignet-double.js';
import { load, type LoadResult } from '../load.js';
import type { Scenario } from '../scenarios.js';

const CLIENTS = Number(process.env.BENCH_OIDC_CLIENTS ?? 100_000);
const CONCURRENCY = [1, 10, 50];
const WARM_UP_SECONDS = 3;
const PLACEHOLDER_PEM = '-----BEGIN CERTIFICATE-----\nYmVuY2g=\n-----END CERTIFICATE-----';

/**
 * The seeded partners' certificates: OIDC_CLIENT_CREATED carries the partner's re-signed
 * certificate, which the create reads from the store (its content is not checked there).
 */
async function seedPartnerCertificates(store: Store): Promise<void> {
  await store.exec(sql`
    insert into ca_cert_store (cert_id, partner_domain, ca_cert_type, cert_subject, cert_issuer, cert_thumbprint, cert_fingerprint,
                               cert_serial_no, cert_not_before, cert_not_after, cert_data, cr_by)
    values ('bench-oidc-root', 'AUTH', 'ROOT', 'CN=bench', 'CN=bench', repeat('0', 40), repeat('0', 64), '1',
            now() - interval '1 day', now() + interval '5 years', ${PLACEHOLDER_PEM}, 'bench')
    on conflict do nothing`);
  await store.exec(sql`
    insert into partner_cert_store (cert_id, partner_id, partner_domain, org_name, partner_type, cert_subject, cert_issuer, issuer_id,
                                    cert_thumbprint, cert_serial_no, cert_not_before, cert_not_after, cert_data, signed_cert_data,
                                    signed_not_before, signed_not_after, signing_key_id, signed_chain, cr_by)
    select 'bench-oidc-cert-' || g, 'bench-oidc-partner-' || g, 'AUTH', 'OIDC Org ' || g, 'Auth_Partner', 'CN=bench', 'CN=bench',
           'bench-oidc-root', repeat('0', 40), g::text, now() - interval '1 day', now() + interval '1 year', ${PLACEHOLDER_PEM},
           ${PLACEHOLDER_PEM}, now() - interval '1 day', now() + interval '1 year', 'bench', 'bench', 'bench'
    from generate_series(1, ${BENCH_PARTNERS}::int) g on conflict do nothing`);
}

let esignet: EsignetDouble | undefined;

/**
 * Issue 6: OIDC client create, get and list against the eSignet contract double on loopback,
 * at 1, 10 and 50 callers, beside the ceiling (a bare route inserting one row into the same store).
 */
export const oidcScenario: Scenario = {
  name: 'oidc',
  async prepare() {
    esignet = await EsignetDouble.start();
    return { env: { ...esignet.env(), PMS_BENCH_CEILING: 'true' }, close: () => esignet!.close() };
  },
  seed: async (store) => {
    await seedOidcClients(store, CLIENTS);
    await seedPartnerCertificates(store);
  },
  async run({ url, token }) {
    const base = `${url}/v1/partnermanager`;
    const partner = 5;
    const owner = await token(`bench-oidc-user-${partner}`, ['AUTH_PARTNER']);
    const admin = await token('bench-admin', ['PARTNER_ADMIN']);
    const keys = prepareDistinctKeys(40_000);
    let k = 0;
    const createBody = () => ({
      id: 'mosip.pms.oauth.client.create',
      version: '1.0',
      requesttime: new Date().toISOString(),
      request: {
        name: `Bench ${k}`,
        policyId: BENCH_POLICY_ID,
        publicKey: keys[k++ % keys.length],
        authPartnerId: `bench-oidc-partner-${partner}`,
        logoUri: 'https://bench.example.org/logo.png',
        redirectUris: ['https://bench.example.org/cb'],
        grantTypes: ['authorization_code'],
        clientAuthMethods: ['private_key_jwt'],
        clientNameLangMap: { eng: `Bench ${k}` },
      },
    });
    // The bench user's own clients, read in turn rather than one row over and over.
    const ownIds = Array.from({ length: CLIENTS / BENCH_PARTNERS }, (_, j) => clientIdOf(partner - 1 + j * BENCH_PARTNERS));
    let g = 0;
    const nextOwnPath = () => `/v1/partnermanager/oauth/client/${ownIds[g++ % ownIds.length]}`;
    const loads = (connections: number) => [
      { name: 'ceiling: bare insert route', url: `${base}/bench/ceiling`, method: 'POST' as const, connections, body: { value: 'x' } },
      {
        name: 'POST /oauth/client (create)',
        url: `${base}/oauth/client`,
        method: 'POST' as const,
        token: owner,
        connections,
        bodies: createBody,
        expectNoErrors: true,
      },
      {
        name: 'GET /oauth/client/{id}',
        url: `${base}/oauth/client/${ownIds[0]}`,
        paths: nextOwnPath,
        token: owner,
        connections,
        expectNoErrors: true,
      },
      {
        name: `GET /oauth/client list (${CLIENTS} clients, admin)`,
        url: `${base}/oauth/client?pageNo=0&pageSize=10&sortFieldName=createdDateTime&sortType=desc`,
        token: admin,
        connections,
        expectNoErrors: true,
      },
    ];
    // Steady state, not start-up, is compared with the ceiling: the embedded store's WebAssembly
    // is compiled by tiers as it runs, and a code path first taken runs several times slower
    // for some seconds. Each load, the ceiling included, first runs unmeasured.
    for (const spec of loads(10)) await load({ ...spec, seconds: WARM_UP_SECONDS });
    const results: LoadResult[] = [];
    for (const connections of CONCURRENCY) for (const spec of loads(connections)) results.push(await load(spec));
    return results;
  },
};

/** The id seedOidcClients gives client g (owned by partner 1 + g % 100). */
function clientIdOf(g: number): string {
  return createHash('sha256').update(`bench-oidc-client-${g}`).digest('base64url');
}
