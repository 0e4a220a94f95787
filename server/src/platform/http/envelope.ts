import type { FastifyRequest } from 'fastify';

/** MOSIP's timestamp shape: yyyy-MM-dd'T'HH:mm:ss.SSS'Z' (UTC). */
export const mosipNow = (): string => new Date().toISOString();

export interface ErrorItem {
  errorCode: string | null;
  message: string;
}

export interface V1Envelope<T> {
  id: string | null;
  version: string | null;
  responsetime: string;
  metadata: null;
  response: T | null;
  errors: ErrorItem[];
}

export interface V2Envelope<T> {
  id: string | null;
  version: string | null;
  responseTime: string;
  metadata: null;
  response: T | null;
  errors: ErrorItem[];
}

export function v1<T>(response: T, ids: { id?: string | null; version?: string | null } = {}): V1Envelope<T> {
  return { id: ids.id ?? null, version: ids.version ?? null, responsetime: mosipNow(), metadata: null, response, errors: [] };
}

export function v2<T>(response: T, apiId: string): V2Envelope<T> {
  return { id: apiId, version: '1.0', responseTime: mosipNow(), metadata: null, response, errors: [] };
}

/** The `id` / `version` a caller sent, which many MOSIP handlers echo back. */
export function echoIds(req: FastifyRequest): { id: string | null; version: string | null } {
  const body = req.body as { id?: unknown; version?: unknown } | null | undefined;
  const pick = (v: unknown) => (typeof v === 'string' ? v : null);
  return { id: pick(body?.id), version: pick(body?.version) };
}
