import type { KeycloakAdminSettings } from '../settings.js';

/**
 * The few calls of Keycloak's admin REST API that user creation needs, made with a service
 * token from the client-credentials grant (as MOSIP's KeycloakImpl does through its
 * authenticated RestTemplate).
 */

/** Keycloak could not be reached, or refused this service's own credentials: PMS_KKS_001. */
export class KeycloakUnavailable extends Error {}

/** Keycloak answered and refused the request itself (duplicate, invalid value, its own failure). */
export class KeycloakRefused extends Error {
  constructor(
    readonly status: number,
    /** Keycloak's `errorMessage` / `error_description` / `error`, for the log: never secrets. */
    readonly reason: string,
  ) {
    super(`Keycloak answered HTTP ${status}: ${reason}`);
  }

  get duplicate(): boolean {
    return this.status === 409;
  }
}

export interface RealmRole {
  id: string;
  name: string;
}

/** Keycloak's UserRepresentation, the members this service sets. */
export interface NewKeycloakUser {
  username: string;
  email: string;
  firstName?: string;
  lastName?: string;
  enabled: true;
  attributes: Record<string, string[]>;
  credentials: Array<{ type: 'password'; value: string; temporary: false }>;
}

export interface KeycloakAdmin {
  /** The new user's id. */
  createUser(user: NewKeycloakUser): Promise<string>;
  /** The realm role of that name, or undefined when the realm has none. */
  realmRole(name: string): Promise<RealmRole | undefined>;
  mapRealmRole(userId: string, role: RealmRole): Promise<void>;
  deleteUser(userId: string): Promise<void>;
}

type Fetch = typeof fetch;

async function reasonOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const reason = body.errorMessage ?? body.error_description ?? body.error;
    if (typeof reason === 'string') return reason.slice(0, 200);
  } catch {
    // not JSON
  }
  return text.slice(0, 200) || 'no body';
}

export function createKeycloakAdmin(settings: KeycloakAdminSettings, fetchImpl: Fetch = fetch): KeycloakAdmin {
  let cached: { token: string; until: number } | undefined;

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(settings.timeoutMs) });
    } catch (err) {
      throw new KeycloakUnavailable(`${init.method ?? 'GET'} ${url} failed: ${(err as Error).message}`);
    }
  }

  async function serviceToken(): Promise<string> {
    if (cached && Date.now() < cached.until) return cached.token;
    const res = await send(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
      }).toString(),
    });
    if (res.status !== 200) throw new KeycloakUnavailable(`token endpoint answered HTTP ${res.status}: ${await reasonOf(res)}`);
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new KeycloakUnavailable('token endpoint answered without an access token');
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 60;
    // Renew a little early so a token never expires between check and use.
    cached = { token: body.access_token, until: Date.now() + Math.max(0, lifetime - 15) * 1000 };
    return cached.token;
  }

  /** One admin call; a token Keycloak no longer accepts (restart, revocation) is renewed once. */
  async function admin(method: string, path: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { authorization: `Bearer ${await serviceToken()}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await send(settings.adminUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.status === 401 && attempt === 0) {
        cached = undefined;
        continue;
      }
      // Our service account lacks the rights: an operator's problem, not the caller's request.
      if (res.status === 401 || res.status === 403)
        throw new KeycloakUnavailable(`${method} ${path.split('?')[0]} answered HTTP ${res.status}: ${await reasonOf(res)}`);
      return res;
    }
  }

  async function refuse(res: Response): Promise<never> {
    throw new KeycloakRefused(res.status, await reasonOf(res));
  }

  async function idOf(username: string): Promise<string> {
    const res = await admin('GET', `/users?username=${encodeURIComponent(username)}&exact=true`);
    if (res.status !== 200) return refuse(res);
    const users = (await res.json()) as Array<{ id?: unknown; username?: unknown }>;
    // Keycloak stores usernames lower-cased.
    const hit = users.find((u) => typeof u.username === 'string' && u.username === username.toLowerCase());
    if (typeof hit?.id !== 'string') throw new KeycloakRefused(404, 'created user not found');
    return hit.id;
  }

  return {
    async createUser(user) {
      const res = await admin('POST', '/users', user);
      if (res.status !== 201) return refuse(res);
      await res.body?.cancel();
      const id = res.headers.get('location')?.split('/').pop();
      return id ? decodeURIComponent(id) : idOf(user.username);
    },
    async realmRole(name) {
      const res = await admin('GET', `/roles/${encodeURIComponent(name)}`);
      if (res.status === 404) return undefined;
      if (res.status !== 200) return refuse(res);
      const role = (await res.json()) as { id?: unknown; name?: unknown };
      if (typeof role.id !== 'string' || typeof role.name !== 'string') throw new KeycloakRefused(200, 'role without id or name');
      return { id: role.id, name: role.name };
    },
    async mapRealmRole(userId, role) {
      const res = await admin('POST', `/users/${encodeURIComponent(userId)}/role-mappings/realm`, [role]);
      if (res.status !== 204 && res.status !== 200) return refuse(res);
      await res.body?.cancel();
    },
    async deleteUser(userId) {
      const res = await admin('DELETE', `/users/${encodeURIComponent(userId)}`);
      await res.body?.cancel();
      if (res.status !== 204 && res.status !== 404) return refuse(res);
    },
  };
}
