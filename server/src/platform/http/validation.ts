import { Ajv, type ErrorObject } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { PmsError } from '../errors/pms-error.js';
import { readAsJackson } from './jackson.js';

// ajv-formats ships CommonJS with a default export; under NodeNext it arrives wrapped.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = (ajvFormats as unknown as { default: AddFormats }).default;

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
    verbose: true,
  });
  addFormats(ajv);
  return ajv;
}

// Bodies are first read as Jackson reads them (jackson.ts), then validated as they stand;
// query strings and path parameters are text by nature and coerced to the declared types.
const bodyAjv = makeAjv(false);
const textAjv = makeAjv('array');

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Compiled on a route's first request, not at start: compiling every route's schemas was most
 * of the start-up's CPU (about 1.6 s of 2.5 s measured), and most routes of a given deployment
 * are never called. The compiled function keeps its errors on itself; Fastify reads them from
 * the function it was given, so they are copied over after each call.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const isBody = httpPart === 'body';
  const ajv = isBody ? bodyAjv : textAjv;
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= ajv.compile(schema as object) as Validate;
    // Fastify validates the body object it holds, so reading in place is what the handler sees.
    if (isBody && typeof data === 'object' && data !== null) readAsJackson(schema as object, data as never);
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  return validate as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** MOSIP field paths: `/request/redirectUris/0` → `request.redirectUris[0]`. */
function fieldPath(pointer: string, extra?: string): string {
  const segments = pointer.split('/').slice(1);
  if (extra !== undefined) segments.push(extra);
  return segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

/**
 * `x-message`: MOSIP's own text for any failure of the field; `x-missing`: its text when the
 * field is absent, where that depends on the Java constraint (@NotBlank: "must not be blank",
 * @NotEmpty: "must not be empty"; @NotNull, the default: "must not be null").
 */
type SchemaWithMessage = {
  'x-message'?: string;
  'x-missing'?: string;
  properties?: Record<string, SchemaWithMessage>;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

/** Hibernate Validator's default texts, which MOSIP's clients already show. */
function defaultMessage(e: ErrorObject, schema: SchemaWithMessage): string {
  switch (e.keyword) {
    case 'required':
      return 'must not be null';
    case 'minLength':
      return schema.minLength === 1 && schema.maxLength === undefined
        ? 'must not be blank'
        : `size must be between ${schema.minLength ?? 0} and ${schema.maxLength ?? 2147483647}`;
    case 'maxLength':
      return `size must be between ${schema.minLength ?? 0} and ${schema.maxLength}`;
    case 'minItems':
      return schema.minItems === 1 && schema.maxItems === undefined
        ? 'must not be empty'
        : `size must be between ${schema.minItems ?? 0} and ${schema.maxItems ?? 2147483647}`;
    case 'maxItems':
      return `size must be between ${schema.minItems ?? 0} and ${schema.maxItems}`;
    case 'pattern':
      return `must match "${(e.params as { pattern: string }).pattern}"`;
    case 'format':
      return `must be a valid ${(e.params as { format: string }).format}`;
    case 'type':
      // Java reads a null where an object or value belongs as null: Hibernate's @NotNull text.
      return e.data === null ? 'must not be null' : `must be ${(e.params as { type: string }).type}`;
    case 'additionalProperties':
      return 'is not a known field';
    default:
      return e.message ?? 'is invalid';
  }
}

/**
 * The first failing field as MOSIP reports it: `Invalid request parameter - <msg> :<field>`.
 * A schema may carry `x-message` to use MOSIP's own text for that field.
 */
export function validationError(errors: ErrorObject[]): PmsError {
  const e = errors[0];
  if (!e) return PmsError.of('PMS_COR_001', 'is invalid', '');
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    const parent = e.parentSchema as SchemaWithMessage | undefined;
    const own = parent?.properties?.[missing];
    return PmsError.of(
      'PMS_COR_001',
      own?.['x-missing'] ?? own?.['x-message'] ?? defaultMessage(e, own ?? {}),
      fieldPath(e.instancePath, missing),
    );
  }
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return PmsError.of('PMS_COR_001', defaultMessage(e, {}), fieldPath(e.instancePath, extra));
  }
  const schema = (e.parentSchema ?? {}) as SchemaWithMessage;
  return PmsError.of('PMS_COR_001', schema['x-message'] ?? defaultMessage(e, schema), fieldPath(e.instancePath));
}
