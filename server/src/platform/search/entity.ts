import { sql, type Sql } from '../db/sql.js';

/** How a field's text from a caller is parsed and compared. */
export type FieldType = 'string' | 'boolean' | 'timestamp' | 'date' | 'integer' | 'number';

export interface FieldDef {
  /** A column written in code (`name`, `p.name`); becomes `sql.ident`. */
  column?: string;
  /** A computed expression written in code, for derived fields (e.g. a status). */
  expr?: Sql;
  type: FieldType;
  /** Default true. */
  filterable?: boolean;
  /** Default true. */
  sortable?: boolean;
  /** Sort in the opposite direction to the one asked for (a MOSIP quirk on some lists). */
  invertSort?: boolean;
}

export interface Field {
  /** The name as declared (MOSIP's spelling), used in messages and responses. */
  name: string;
  sql: Sql;
  type: FieldType;
  filterable: boolean;
  sortable: boolean;
  invertSort: boolean;
}

export interface EntityDef {
  /** FROM clause written in code, e.g. sql`auth_policy p left join policy_group g on g.id = p.policy_group_id`. */
  from: Sql;
  /** Unique key appended to every ORDER BY so pages never overlap or skip rows. */
  key: string;
  /** Soft-delete flag; rows with it set are excluded when the legacy search has filters (MOSIP's rule). */
  deleted?: string;
  /**
   * A table whose exact row count (migration 0018, `row_count`) is the unfiltered list's total:
   * set only when every join of `from` is a left join on a unique key, so each row of that
   * table is exactly one row of the list.
   */
  countTable?: string;
  fields: Record<string, FieldDef>;
}

export interface Entity {
  readonly from: Sql;
  readonly key: Sql;
  readonly deleted?: Sql;
  readonly countTable?: string;
  /** Resolves a caller's field name case-insensitively; undefined when it is not on the allow-list. */
  field(name: string | null | undefined): Field | undefined;
}

/**
 * Declares a searchable entity once: the allow-list of field names a caller may use, each
 * bound to SQL written in code. Nothing a caller sends is ever turned into SQL text.
 */
export function defineEntity(def: EntityDef): Entity {
  const byLowerName = new Map<string, Field>();
  for (const [name, f] of Object.entries(def.fields)) {
    if (!f.column === !f.expr) throw new Error(`field ${name}: give exactly one of column or expr`);
    const key = name.toLowerCase();
    if (byLowerName.has(key)) throw new Error(`field ${name} is declared twice (names are case-insensitive)`);
    byLowerName.set(key, {
      name,
      sql: f.expr ?? sql.ident(f.column as string),
      type: f.type,
      filterable: f.filterable ?? true,
      sortable: f.sortable ?? true,
      invertSort: f.invertSort ?? false,
    });
  }
  return {
    from: def.from,
    key: sql.ident(def.key),
    deleted: def.deleted ? sql.ident(def.deleted) : undefined,
    countTable: def.countTable,
    field: (name) => (typeof name === 'string' ? byLowerName.get(name.toLowerCase()) : undefined),
  };
}
