import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsignetDouble, type StoredClient } from '../support/esignet-double.js';

/**
 * The eSignet double answers PATCH /client-mgmt/client/{id} as eSignet 1.8 does
 * (ClientManagementServiceImpl.buildClient, ClientDetailPatchRequest; docs/esignet-client-settings.md):
 * only non-null fields change, a name map replaces the stored one whole, field rules answer
 * eSignet's codes with HTTP 200, and an unknown client is `invalid_client_id`.
 */
let esignet: EsignetDouble;
let token: string;

const client = (id: string): StoredClient => ({
  id,
  name: 'Bank',
  langMap: { eng: 'Bank', fra: 'Banque' },
  rpId: 'rp-1',
  publicKey: {},
  publicKeyHash: id,
  claims: ['name'],
  acrValues: ['mosip:idp:acr:generated-code'],
  logoUri: 'https://bank.example/logo.png',
  redirectUris: ['https://bank.example/cb'],
  grantTypes: ['authorization_code'],
  authMethods: ['private_key_jwt'],
  status: 'ACTIVE',
  updates: 0,
});

async function patch(id: string, request: Record<string, unknown>) {
  const r = await fetch(`${esignet.baseUrl}/client-mgmt/client/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ requestTime: new Date().toISOString(), request }),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as { response: unknown; errors: Array<{ errorCode: string }> };
}

beforeAll(async () => {
  esignet = await EsignetDouble.start();
  const env = esignet.env();
  const r = await fetch(esignet.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env.PMS_ESIGNET_CLIENT_ID!,
      client_secret: env.PMS_ESIGNET_CLIENT_SECRET!,
    }),
  });
  token = ((await r.json()) as { access_token: string }).access_token;
});
afterAll(() => esignet.close());

describe("the eSignet double's PATCH", () => {
  it('changes only the fields given; a name map replaces the stored one', async () => {
    esignet.clients.set('c1', client('c1'));
    const r = await patch('c1', { logoUri: 'https://bank.example/logo2.png', clientNameLangMap: { ara: 'بنك' } });
    expect(r).toMatchObject({ response: { clientId: 'c1', status: 'ACTIVE' }, errors: [] });
    const stored = esignet.clients.get('c1')!;
    expect(stored.logoUri).toBe('https://bank.example/logo2.png');
    expect(stored.langMap).toEqual({ ara: 'بنك' });
    expect(stored.redirectUris).toEqual(['https://bank.example/cb']);
    expect(stored.name).toBe('Bank');
  });

  it("answers eSignet's codes for each field rule and an unknown client", async () => {
    esignet.clients.set('c2', client('c2'));
    const codes = async (request: Record<string, unknown>, id = 'c2') => (await patch(id, request)).errors.map((e) => e.errorCode);
    expect(await codes({ clientNameLangMap: { fre: 'Banque' } })).toEqual(['invalid_language_code']);
    expect(await codes({ clientNameLangMap: { fra: '  ' } })).toEqual(['invalid_client_name_value']);
    expect(await codes({ clientNameLangMap: { fra: 'x'.repeat(51) } })).toEqual(['invalid_client_name_length']);
    expect(await codes({ status: 'DELETED' })).toEqual(['invalid_status']);
    expect(await codes({ redirectUris: [] })).toEqual(['invalid_redirect_uri']);
    expect(await codes({ additionalConfig: { require_pkce: 'yes' } })).toEqual(['invalid_additional_config']);
    expect(await codes({ logoUri: 'https://bank.example/l.png' }, 'nobody')).toEqual(['invalid_client_id']);
    // Nothing of a refused PATCH is applied.
    expect(esignet.clients.get('c2')).toEqual(client('c2'));
  });
});
