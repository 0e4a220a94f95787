import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyObject } from 'jose';

export interface TokenOptions {
  user: string;
  roles?: string[];
  email?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  notBefore?: number;
  issuer?: string;
  audience?: string;
  extra?: Record<string, unknown>;
}

/**
 * Stands in for Keycloak: a loopback server with a discovery document and a JWKS, and a
 * signer producing Keycloak-shaped access tokens (preferred_username, email, realm_access).
 */
export class IdentityDouble {
  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly privateKey: KeyObject,
    readonly kid: string,
    readonly publicJwk: JWK,
  ) {}

  static async start(): Promise<IdentityDouble> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `kid-${Math.random().toString(36).slice(2)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    let issuer = '';
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/mosip/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
      } else if (req.url === '/realms/mosip/protocol/openid-connect/certs') {
        res.end(JSON.stringify({ keys: [publicJwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/mosip`;
    return new IdentityDouble(server, issuer, privateKey as KeyObject, kid, publicJwk);
  }

  async token(opts: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({
      preferred_username: opts.user,
      email: opts.email ?? `${opts.user}@example.org`,
      realm_access: { roles: opts.roles ?? [] },
      ...opts.extra,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setSubject(`sub-${opts.user}`)
      .setIssuer(opts.issuer ?? this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + (opts.expiresIn ?? 600));
    if (opts.notBefore !== undefined) jwt.setNotBefore(now + opts.notBefore);
    if (opts.audience) jwt.setAudience(opts.audience);
    return jwt.sign(this.privateKey);
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
