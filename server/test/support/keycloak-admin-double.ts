import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeycloakUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled: boolean;
  attributes: Record<string, string[]>;
  credentials: Array<{ type: string; value: string; temporary?: boolean }>;
  realmRoles: string[];
}

export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
}

/** Which admin call a path is, so a test can make exactly that one fail. */
export type AdminCall = 'create-user' | 'find-user' | 'get-role' | 'map-role' | 'delete-user';

/**
 * Stands in for Keycloak's token endpoint and the part of its admin REST API that user
 * creation uses, with Keycloak's status codes and error bodies: client-credentials tokens,
 * `POST /admin/realms/{realm}/users` (201 + Location; 409 "User exists with same username" /
 * "... email"; usernames and e-mails lower-cased), `GET users?username=&exact=`,
 * `GET roles/{name}` (404 when missing), `POST users/{id}/role-mappings/realm`, `DELETE users/{id}`.
 */
export class KeycloakAdminDouble {
  readonly users = new Map<string, KeycloakUser>();
  readonly roles = new Map<string, { id: string; name: string }>();
  readonly requests: SeenRequest[] = [];
  /** Tokens this double accepts; `revokeTokens()` empties it as a Keycloak restart would. */
  private readonly tokens = new Set<string>();
  /** Make one kind of admin call answer this status (and Keycloak-like body) from now on. */
  readonly failures = new Map<AdminCall, number>();
  tokensIssued = 0;

  private constructor(
    private readonly server: Server,
    readonly base: string,
    readonly realm: string,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  static async start(
    opts: { realm?: string; clientId?: string; clientSecret?: string; roles?: string[] } = {},
  ): Promise<KeycloakAdminDouble> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const kc = new KeycloakAdminDouble(
      server,
      base,
      opts.realm ?? 'mosip',
      opts.clientId ?? 'mosip-pms-client',
      opts.clientSecret ?? 'pms-secret',
    );
    for (const name of opts.roles ?? []) kc.roles.set(name, { id: randomUUID(), name });
    server.on('request', (req, res) => {
      void kc.handle(req, res).catch((err: Error) => kc.send(res, 500, { error: err.message }));
    });
    return kc;
  }

  get issuer(): string {
    return `${this.base}/realms/${this.realm}`;
  }

  get adminUrl(): string {
    return `${this.base}/admin/realms/${this.realm}`;
  }

  get tokenUrl(): string {
    return `${this.issuer}/protocol/openid-connect/token`;
  }

  /** The settings that point the service at this double. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      PMS_KEYCLOAK_ADMIN_URL: this.adminUrl,
      PMS_KEYCLOAK_TOKEN_URL: this.tokenUrl,
      PMS_KEYCLOAK_ADMIN_CLIENT_ID: this.clientId,
      PMS_KEYCLOAK_ADMIN_CLIENT_SECRET: this.clientSecret,
      ...overrides,
    };
  }

  userNamed(username: string): KeycloakUser | undefined {
    return [...this.users.values()].find((u) => u.username === username.toLowerCase());
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (res.headersSent) return;
    res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private async body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.base);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization: req.headers.authorization });
    if (req.method === 'POST' && url.pathname === new URL(this.tokenUrl).pathname) return this.token(req, res);
    const prefix = new URL(this.adminUrl).pathname;
    if (!url.pathname.startsWith(`${prefix}/`)) return this.send(res, 404, { error: 'HTTP 404 Not Found' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.tokens.has(bearer)) return this.send(res, 401, { error: 'HTTP 401 Unauthorized' });
    return this.admin(req, res, url.pathname.slice(prefix.length).split('/').slice(1).map(decodeURIComponent), url.searchParams);
  }

  private async token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await this.body(req));
    if (form.get('grant_type') !== 'client_credentials') return this.send(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
      return this.send(res, 401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
    }
    const token = `kc-${randomUUID()}`;
    this.tokens.add(token);
    this.tokensIssued++;
    return this.send(res, 200, { access_token: token, expires_in: 300, token_type: 'Bearer', scope: 'profile email' });
  }

  private failure(res: ServerResponse, call: AdminCall): boolean {
    const status = this.failures.get(call);
    if (status === undefined) return false;
    this.send(res, status, { error: `HTTP ${status} injected` });
    return true;
  }

  private async admin(req: IncomingMessage, res: ServerResponse, seg: string[], query: URLSearchParams) {
    const method = req.method ?? 'GET';
    if (seg[0] === 'users' && seg.length === 1 && method === 'POST') {
      if (this.failure(res, 'create-user')) return;
      return this.createUser(res, JSON.parse(await this.body(req)) as Partial<KeycloakUser>);
    }
    if (seg[0] === 'users' && seg.length === 1 && method === 'GET') {
      if (this.failure(res, 'find-user')) return;
      const wanted = (query.get('username') ?? '').toLowerCase();
      const exact = query.get('exact') === 'true';
      const hits = [...this.users.values()].filter((u) => (exact ? u.username === wanted : u.username.includes(wanted)));
      return this.send(
        res,
        200,
        hits.map(({ credentials: _c, realmRoles: _r, ...u }) => u),
      );
    }
    if (seg[0] === 'roles' && seg.length === 2 && method === 'GET') {
      if (this.failure(res, 'get-role')) return;
      const role = this.roles.get(seg[1]!);
      return role
        ? this.send(res, 200, { ...role, composite: false, clientRole: false, containerId: this.realm })
        : this.send(res, 404, { error: 'Could not find role' });
    }
    if (seg[0] === 'users' && seg[2] === 'role-mappings' && seg[3] === 'realm' && method === 'POST') {
      if (this.failure(res, 'map-role')) return;
      const user = this.users.get(seg[1]!);
      if (!user) return this.send(res, 404, { error: 'User not found' });
      const wanted = JSON.parse(await this.body(req)) as Array<{ id?: string; name?: string }>;
      for (const r of wanted) {
        const role = r.name ? this.roles.get(r.name) : undefined;
        if (!role || role.id !== r.id) return this.send(res, 404, { error: 'Role not found' });
      }
      for (const r of wanted) if (!user.realmRoles.includes(r.name!)) user.realmRoles.push(r.name!);
      return this.send(res, 204);
    }
    if (seg[0] === 'users' && seg.length === 2 && method === 'DELETE') {
      if (this.failure(res, 'delete-user')) return;
      return this.users.delete(seg[1]!) ? this.send(res, 204) : this.send(res, 404, { error: 'User not found' });
    }
    return this.send(res, 404, { error: 'HTTP 404 Not Found' });
  }

  private createUser(res: ServerResponse, rep: Partial<KeycloakUser>) {
    const username = rep.username?.toLowerCase();
    if (!username) return this.send(res, 400, { errorMessage: 'User name is missing' });
    const email = rep.email?.toLowerCase();
    const all = [...this.users.values()];
    if (all.some((u) => u.username === username)) return this.send(res, 409, { errorMessage: 'User exists with same username' });
    if (email && all.some((u) => u.email === email)) return this.send(res, 409, { errorMessage: 'User exists with same email' });
    const id = randomUUID();
    this.users.set(id, {
      id,
      username,
      email,
      firstName: rep.firstName,
      lastName: rep.lastName,
      enabled: rep.enabled ?? false,
      attributes: rep.attributes ?? {},
      credentials: rep.credentials ?? [],
      // Keycloak ignores `realmRoles` on create: roles come only from role-mappings.
      realmRoles: [],
    });
    return this.send(res, 201, undefined, { location: `${this.adminUrl}/users/${id}` });
  }
}
