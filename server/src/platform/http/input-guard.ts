import type { FastifyRequest } from 'fastify';
import { PmsError } from '../errors/pms-error.js';

/**
 * PostgreSQL cannot store a NUL character in text or jsonb; left alone, one in a path id, a
 * query value or a body field fails deep in a statement. Every other byte sequence is storable
 * (invalid UTF-8 arrives as U+FFFD), so NUL is the one value refused up front, naming where it
 * was found. Anything else the store refuses as a value is mapped to a client error by the
 * error handler (SQLSTATE class 22).
 */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (value === null || typeof value !== 'object' || depth > 80) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const hit = findNul(v, here, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/** preValidation hook: refuses a NUL anywhere in what a route receives. */
export async function refuseNul(req: FastifyRequest): Promise<void> {
  const hit = findNul(req.params, '') ?? findNul(req.query, '') ?? findNul(req.body, '');
  if (hit) throw PmsError.http(400, 'PMS_REQ_VALUE', hit.replace(/\u0000/g, '\\0'));
}
