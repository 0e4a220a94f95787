import contract from '../api/contract.json';
import type { EndpointName } from '../api/endpoints.js';

/**
 * Form validation with the server's own rules: the request schemas come from the OpenAPI
 * document the server builds from its TypeBox route schemas (snapshot in api/contract.json,
 * kept equal to the served one by test/unit/contract.test.ts). Nothing here restates a limit.
 */

interface FieldSchema {
  type?: string | string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  nullable?: boolean;
  minItems?: number;
  maxItems?: number;
  format?: string;
}
interface ObjectSchema {
  required?: string[];
  properties?: Record<string, FieldSchema>;
}

export type Issue =
  | { key: 'required' }
  | { key: 'tooLong'; max: number }
  | { key: 'tooShort'; min: number }
  | { key: 'tooFew'; min: number }
  | { key: 'tooMany'; max: number }
  | { key: 'pattern' }
  | { key: 'custom'; message: string; values?: Record<string, string | number> }
  | { key: 'detail'; detail: string };

/** Per field: a client-side issue, or the server's own message for that field. */
export type Issues<F extends string = string> = Partial<Record<F, Issue | string>>;

const requestSchemas = contract as unknown as Record<string, { request: ObjectSchema | null }>;

export function schemaOf(ep: EndpointName): ObjectSchema {
  return requestSchemas[ep]?.request ?? {};
}

/** The rules of one field, e.g. for `maxLength` on the input element. */
export function fieldSchema(ep: EndpointName, field: string): FieldSchema {
  return schemaOf(ep).properties?.[field] ?? {};
}

export function checkValue(schema: FieldSchema, required: boolean, value: unknown): Issue | undefined {
  const empty =
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0 && required);
  if (empty) return required ? { key: 'required' } : undefined;
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return { key: 'tooShort', min: schema.minLength };
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return { key: 'tooLong', max: schema.maxLength };
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return { key: 'pattern' };
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return { key: 'tooFew', min: schema.minItems };
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return { key: 'tooMany', max: schema.maxItems };
  }
  return undefined;
}

/** Every field of `values` that the endpoint's request schema refuses, with the first reason. */
export function validate<F extends string>(ep: EndpointName, values: { [K in F]?: unknown }): Issues<F> {
  const schema = schemaOf(ep);
  const required = new Set(schema.required ?? []);
  const out: Issues<F> = {};
  for (const field of Object.keys(values) as F[]) {
    const issue = checkValue(schema.properties?.[field] ?? {}, required.has(field), values[field]);
    if (issue) out[field] = issue;
  }
  return out;
}

export const hasIssues = (issues: Issues): boolean => Object.values(issues).some(Boolean);
