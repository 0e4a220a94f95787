import { sql, type Sql } from '../db/sql.js';
import type { Field, FieldType } from './entity.js';

/** A caller's text parsed for a field's type; `undefined` when it does not parse. */
export type Typed = string | number | boolean;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// MOSIP sends yyyy-MM-dd'T'HH:mm:ss.SSS'Z'; offsets and fewer fraction digits are accepted too.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseTyped(type: FieldType, text: string): Typed | undefined {
  const t = text.trim();
  switch (type) {
    case 'string':
      return text;
    case 'boolean': {
      const lower = t.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    case 'integer':
      return /^-?\d{1,15}$/.test(t) ? Number(t) : undefined;
    case 'number':
      return t !== '' && Number.isFinite(Number(t)) ? Number(t) : undefined;
    case 'date':
      return ISO_DATE.test(t) && !Number.isNaN(Date.parse(t)) ? t : undefined;
    case 'timestamp': {
      if (!ISO_TIMESTAMP.test(t)) return undefined;
      // A time without a zone is read as UTC, the zone MOSIP's servers run in.
      const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
      const ms = Date.parse(withZone);
      return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
    }
  }
}

/** The bind parameter for a typed value, cast to the column's SQL type. */
export function param(field: Field, value: Typed): Sql {
  switch (field.type) {
    case 'timestamp':
      return sql`${value}::timestamptz`;
    case 'date':
      return sql`${value}::date`;
    case 'integer':
      return sql`${value}::bigint`;
    case 'number':
      return sql`${value}::double precision`;
    case 'boolean':
      return sql`${value}::boolean`;
    case 'string':
      return sql`${value}::text`;
  }
}

/** Makes `%`, `_` and `\` literal inside a LIKE pattern: a caller's text matches as text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Timestamps as MOSIP's JSON shows them (ISO-8601, UTC, milliseconds). Both engines hand
 * timestamptz back as text such as `2024-05-01 10:00:00.123+00`.
 */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!m) return text;
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}
