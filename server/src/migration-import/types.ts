import type { Queryable } from '../platform/db/store.js';
import type { DataKey } from '../platform/keys/data-key.js';

/**
 * The shapes every mapper shares. A mapper turns the rows of one MOSIP table into rows of one of
 * our tables; the runner reads, checks and writes them in batches (runner.ts). What a mapper
 * relies on about MOSIP's tables is written down in docs/moving-from-mosip.md.
 */

/** A value as read from MOSIP: timestamps already as ISO text in UTC (source.ts). */
export type SourceValue = string | boolean | number | null;
export type SourceRow = Record<string, SourceValue>;
export type TargetRow = Record<string, unknown>;

/** Column types of our tables, as `jsonb_to_recordset` declares them. */
export type ColumnType = 'text' | 'boolean' | 'timestamptz' | 'text[]' | 'bytea';

export type Verdict = { row: TargetRow } | { reject: string } | { skip: string };

export interface Reference {
  column: string;
  table: string;
  key: string;
  what: string;
}

/** Which of the two MOSIP databases a table comes from. */
export type SourceDb = 'pms' | 'keymgr';

export interface ImportContext {
  dataKey: DataKey;
  emitEvents: boolean;
  /** Columns of each MOSIP table as found (MOSIP 1.2.0.x and 1.2.2.x differ; docs/moving-from-mosip.md). */
  columns(db: SourceDb, table: string): Set<string>;
  /** Values a later mapper needs from an earlier one (e.g. imported CA certificates). */
  shared: Map<string, unknown>;
}

export interface TableImport {
  /** Our name for the step; also the label of reports. */
  name: string;
  source: {
    db: SourceDb;
    table: string;
    /** MOSIP columns rows are read in order of (keyset paging). */
    key: string[];
    /** The MOSIP columns a mapper reads (source.ts reads each by its kind). */
    columns: string[];
    /** Also read MOSIP's audit columns (cr_by … del_dtimes); default true. */
    audit?: boolean;
  };
  target: {
    table: string;
    columns: Record<string, ColumnType>;
    /** Columns that identify a row of ours: a row found by them is "already imported". */
    key: string[];
    refs?: Reference[];
  };
  /** Why a row that our unique rules turned away was refused (default: a generic reason). */
  conflict?: string;
  /** The id a report names a MOSIP row by. */
  idOf(row: SourceRow): string;
  /** Loads what mapping a batch needs from our store (one query per batch, not per row). */
  prepare?(q: Queryable, rows: SourceRow[], ctx: ImportContext): Promise<unknown>;
  map(row: SourceRow, ctx: ImportContext, prepared: unknown): Verdict;
  /** Runs in the batch's transaction with the rows that were written (events, side tables). */
  after?(q: Queryable, written: TargetRow[], ctx: ImportContext): Promise<void>;
  batchSize?: number;
  /** Rows in an order other than the key's (e.g. CA certificates issuers first). */
  reorder?(rows: SourceRow[]): SourceRow[];
  /** Reads the whole table before writing (small tables that reorder needs whole). */
  whole?: boolean;
}

export interface Rejection {
  table: string;
  id: string;
  reason: string;
}

export interface TableCount {
  table: string;
  read: number;
  imported: number;
  present: number;
  rejected: number;
  skipped: number;
  ms: number;
}
