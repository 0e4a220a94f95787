import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** A loopback JWKS issuer so the benchmark can mint tokens the server under test trusts. */
export interface BenchIssuer {
  issuer: string;
  token(user: string, roles: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchIssuer(): Promise<BenchIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.endsWith('/.well-known/openid-configuration')) res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
    else if (req.url?.endsWith('/certs')) res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/bench`;
  return {
    issuer,
    token: (user, roles) => sign(privateKey, issuer, user, roles),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function sign(key: CryptoKey, issuer: string, user: string, roles: string[]): Promise<string> {
  return new SignJWT({ preferred_username: user, email: `${user}@bench.local`, realm_access: { roles } })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer(issuer)
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key);
}
