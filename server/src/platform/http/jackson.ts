/**
 * Reads a request body the way MOSIP's controllers (Spring MVC + Jackson, default settings)
 * read it, before the route schema validates it: the rules of docs/mosip-compatibility.md
 * "Input leniency", applied once for every route.
 *
 * - a numeric or boolean string becomes the number or boolean the schema declares;
 * - an integer where a boolean is declared is `false` for 0 and `true` otherwise (scalar
 *   coercion is on by default); a fraction there is refused, as Jackson refuses it;
 * - a number or boolean where the schema declares text becomes its text;
 * - a fraction where an integer is declared is truncated (ACCEPT_FLOAT_AS_INT);
 * - `null`, or an empty string where a number or boolean is declared, counts as absent,
 *   except for fields Java declares as primitives (`x-primitive`), which become 0 / false,
 *   and fields with a DTO default, where `null` replaces the default (and fails as null);
 * - absent fields get the DTO's default, inside nullable wrappers too;
 * - a single value is NOT wrapped into a list (MOSIP leaves ACCEPT_SINGLE_VALUE_AS_ARRAY off);
 * - unknown fields are left alone (the schemas allow them; handlers never read them).
 *
 * What cannot be read this way is left as sent, so the schema refuses it with PMS_COR_001.
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  default?: unknown;
  'x-primitive'?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** The types a slot takes, looking through nullable wrappers. */
function slotTypes(schema: Schema): string[] {
  return schema.anyOf ? schema.anyOf.flatMap(slotTypes) : typesOf(schema);
}

function acceptsNull(schema: Schema): boolean {
  if (schema.anyOf) return schema.anyOf.some(acceptsNull);
  const types = typesOf(schema);
  return types.length === 0 || types.includes('null');
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function fits(schema: Schema, v: unknown): boolean {
  const types = typesOf(schema);
  const t = jsonType(v);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

/** Jackson's textual booleans: true/True/TRUE and false/False/FALSE, trimmed. */
function parseBoolean(text: string): boolean | undefined {
  const t = text.trim();
  if (t === 'true' || t === 'True' || t === 'TRUE') return true;
  if (t === 'false' || t === 'False' || t === 'FALSE') return false;
  return undefined;
}

/** Jackson reads an empty (or blank) string or the text "null" in a scalar slot as null. */
const readsAsNull = (text: string): boolean => text.trim() === '' || text.trim() === 'null';

/** A scalar converted to one of the schema's types; `undefined` when Jackson would refuse it too. */
function convertScalar(schema: Schema, v: unknown): Json | undefined {
  for (const type of typesOf(schema)) {
    if (type === 'integer') {
      if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
      if (typeof v === 'string' && /^\s*[+-]?\d{1,18}\s*$/.test(v)) return Number(v.trim());
    } else if (type === 'number') {
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
    } else if (type === 'boolean') {
      if (typeof v === 'number' && Number.isInteger(v)) return v !== 0;
      if (typeof v === 'string') {
        const b = parseBoolean(v);
        if (b !== undefined) return b;
      }
    } else if (type === 'string') {
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    }
  }
  return undefined;
}

/** A number or boolean slot that does not also take text: there "" means null to Jackson. */
function emptyMeansNull(schema: Schema, v: unknown): boolean {
  if (typeof v !== 'string' || !readsAsNull(v)) return false;
  const types = slotTypes(schema);
  return !types.includes('string') && types.some((t) => t === 'integer' || t === 'number' || t === 'boolean');
}

/** What Java leaves in a primitive field for null or "": 0, or false. */
function primitiveZero(schema: Schema): Json {
  return typesOf(schema).includes('boolean') ? false : 0;
}

/** The branch of a nullable wrapper (or other union) a value is read into. */
function branchFor(schema: Schema, v: unknown): Schema | undefined {
  const branches = schema.anyOf ?? [];
  return branches.find((b) => fits(b, v)) ?? branches.find((b) => convertScalar(b, v) !== undefined);
}

/** Reads one value into its schema; objects and arrays are updated in place. */
export function readAsJackson(schema: Schema | undefined, v: Json): Json {
  if (!schema || typeof schema !== 'object') return v;
  if (schema.anyOf) {
    const branch = branchFor(schema, v);
    return branch ? readAsJackson(branch, v) : v;
  }
  if (isObject(v)) {
    if (schema.properties) readProperties(schema.properties, v);
    return v;
  }
  if (Array.isArray(v)) {
    if (schema.items) for (let i = 0; i < v.length; i++) v[i] = readAsJackson(schema.items, v[i] as Json);
    return v;
  }
  if (fits(schema, v)) return v;
  const converted = convertScalar(schema, v);
  return converted === undefined ? v : converted;
}

function readProperties(properties: Record<string, Schema>, target: Record<string, Json>): void {
  for (const [name, sub] of Object.entries(properties)) {
    if (!Object.hasOwn(target, name)) {
      if (sub.default !== undefined) target[name] = structuredClone(sub.default) as Json;
      continue;
    }
    const value = target[name] as Json;
    if (value === null || emptyMeansNull(sub, value)) {
      if (sub['x-primitive']) target[name] = primitiveZero(sub);
      else if (acceptsNull(sub)) target[name] = null;
      // A default is replaced by null (Jackson calls the setter), which then fails as null.
      else if (sub.default !== undefined) target[name] = null;
      else delete target[name];
      continue;
    }
    target[name] = readAsJackson(sub, value);
  }
}
