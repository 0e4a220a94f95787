/**
 * TypeScript types from the JSON Schemas of the served OpenAPI document: the portal's answer
 * types are generated from the server's response schemas, not written by hand
 * (test/unit/contract.test.ts writes src/api/answers.ts with UPDATE_CONTRACT=1 and fails when
 * it differs from the served contract).
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  description?: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function objectType(s: JsonSchema, indent: string): string {
  const props = Object.entries(s.properties ?? {});
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : Object.values(s.patternProperties ?? {})[0];
  if (props.length === 0) return extra ? `Record<string, ${tsOf(extra, indent)}>` : 'Record<string, unknown>';
  const inner = `${indent}  `;
  const lines = props.map(([name, p]) => {
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    const optional = (s.required ?? []).includes(name) ? '' : '?';
    return `${inner}${key}${optional}: ${tsOf(p, inner)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** One schema as a TypeScript type (the subset TypeBox writes and fastify-swagger serves). */
export function tsOf(s: JsonSchema | undefined, indent = ''): string {
  if (!s) return 'unknown';
  let t: string;
  if (s.const !== undefined) t = JSON.stringify(s.const);
  else if (s.enum) t = s.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (s.anyOf ?? s.oneOf) t = (s.anyOf ?? s.oneOf)!.map((x) => tsOf(x, indent)).join(' | ');
  else {
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    const one = (type: string): string => {
      switch (type) {
        case 'string':
          return 'string';
        case 'number':
        case 'integer':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array':
          return `Array<${tsOf(s.items, indent)}>`;
        case 'object':
          return objectType(s, indent);
        default:
          return 'unknown';
      }
    };
    t = types.length === 0 ? (s.properties ? objectType(s, indent) : 'unknown') : types.map(one).join(' | ');
  }
  return s.nullable && t !== 'unknown' ? `${t} | null` : t;
}

/** The generated module: one answer type per endpoint of the portal's table. */
export function answersModule(answers: Record<string, JsonSchema | null>): string {
  const entries = Object.entries(answers)
    .filter(([, schema]) => schema !== null)
    .map(([name, schema]) => `  ${name}: ${tsOf(schema!, '  ')};`);
  return [
    '// Generated from the served OpenAPI document by test/unit/contract.test.ts (UPDATE_CONTRACT=1);',
    '// do not edit: change the server route’s response schema and regenerate.',
    '',
    '/** The `response` of each endpoint of src/api/endpoints.ts, as the server declares it. */',
    'export interface Answers {',
    ...entries,
    '}',
    '',
  ].join('\n');
}
