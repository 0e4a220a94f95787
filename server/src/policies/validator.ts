import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PmsError } from '../platform/errors/pms-error.js';
import { policyTypeSchemas } from './policy-schemas.js';

/**
 * MOSIP's policy validator (PolicySchemaValidator): validates a policy document against its
 * type's schema and reports the first problem as PMS_PV_* with MOSIP's message formats.
 * Pure: no I/O, no state beyond the compiled schemas.
 */

/** `auth_policy.policy_file_id` is varchar(5120) in MOSIP; a longer document fails there. */
export const MAX_POLICY_CHARS = 5120;

const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: false });
const schemas = new Map(Object.entries(policyTypeSchemas));
/** Compiled when a type is first validated, not at start (start-up does only what the first request needs). */
const compiled = new Map<string, ValidateFunction>();

function validatorFor(type: string): ValidateFunction | undefined {
  const schema = schemas.get(type);
  if (!schema) return undefined;
  let validate = compiled.get(type);
  if (!validate) compiled.set(type, (validate = ajv.compile(schema)));
  return validate;
}

export function isAllowedPolicyType(type: string): boolean {
  return schemas.has(type.toLowerCase());
}

/** A JSON pointer as MOSIP prints it: no leading or trailing `/`, `~0`/`~1` unescaped. */
function pointer(instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.join('/');
}

function toPmsError(e: ErrorObject): PmsError {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return PmsError.of('PMS_PV_006', pointer(e.instancePath, String(params.missingProperty)));
    case 'additionalProperties':
      return PmsError.of('PMS_PV_005', pointer(e.instancePath, String(params.additionalProperty)));
    case 'enum':
      return PmsError.of('PMS_PV_005', pointer(e.instancePath));
    case 'type':
      return PmsError.of('PMS_PV_007', pointer(e.instancePath, String(params.type)));
    case 'minItems':
      return PmsError.of('PMS_PV_008', pointer(e.instancePath));
    case 'minLength':
      return PmsError.of('PMS_PV_009', pointer(e.instancePath));
    default:
      // MOSIP would accept a document failing only in a way it does not recognise; refusing is safer.
      return PmsError.of('PMS_PV_002');
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks `policies` for a policy of `policyType` (any case). Missing → PMS_COR_003 as MOSIP;
 * not a JSON object → PMS_COR_001; schema failure → PMS_PV_*; too long → PMS_COR_001.
 * Answers the document's compact JSON text, as stored.
 */
export function validatePolicyDocument(policyType: string, doc: unknown): string {
  if (doc === undefined || doc === null) throw PmsError.of('PMS_COR_003');
  if (!isPlainObject(doc)) throw PmsError.of('PMS_COR_001', 'must be object', 'request.policies');
  const validate = validatorFor(policyType.toLowerCase());
  if (!validate) throw new PmsError('PMS_POL_051', `Policy Schema and policy are not matching/no schema for policy type ${policyType}`);
  if (!validate(doc)) {
    const first = validate.errors?.[0];
    throw first ? toPmsError(first) : PmsError.of('PMS_PV_002');
  }
  const text = JSON.stringify(doc);
  if (text.length > MAX_POLICY_CHARS)
    throw PmsError.of('PMS_COR_001', `size must be between 0 and ${MAX_POLICY_CHARS}`, 'request.policies');
  return text;
}
