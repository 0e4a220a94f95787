import type { ColumnType, Reference, SourceRow, TableImport, TargetRow, Verdict } from '../types.js';

/** Who a row is recorded as created by when MOSIP left it blank (key manager rows may). */
export const IMPORTER = 'mosip-import';

/** MOSIP's audit columns, as every table of ours has them too. */
export const AUDIT: Record<string, ColumnType> = {
  cr_by: 'text',
  cr_dtimes: 'timestamptz',
  upd_by: 'text',
  upd_dtimes: 'timestamptz',
  is_deleted: 'boolean',
  del_dtimes: 'timestamptz',
};

/** MOSIP's audit values; `is_deleted` is nullable there (null = not deleted). */
export function audit(r: SourceRow): TargetRow {
  return {
    cr_by: text(r.cr_by) ?? IMPORTER,
    cr_dtimes: text(r.cr_dtimes) ?? new Date().toISOString(),
    upd_by: text(r.upd_by),
    upd_dtimes: text(r.upd_dtimes),
    is_deleted: r.is_deleted === true,
    del_dtimes: text(r.del_dtimes),
  };
}

export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s.trim() === '' ? null : s;
}

/** The first of `fields` that is blank in `r`, for "X is missing" refusals. */
export function missing(r: SourceRow, fields: string[]): string | undefined {
  return fields.find((f) => text(r[f]) === null);
}

/** Refuses a row whose required fields are blank; otherwise maps it. */
export function requireFields(r: SourceRow, fields: string[], build: () => Verdict): Verdict {
  const gap = missing(r, fields);
  return gap ? { reject: `${gap} is missing` } : build();
}

/** Refuses a value longer than our column holds (MOSIP's columns are sometimes wider). */
export function tooLong(r: SourceRow, limits: Record<string, number>): string | undefined {
  for (const [f, max] of Object.entries(limits)) {
    const v = text(r[f]);
    if (v !== null && v.length > max) return `${f} is longer than ${max} characters`;
  }
  return undefined;
}

/** MOSIP joins lists with commas (docs/moving-from-mosip.md); ours are arrays. */
export const splitList = (v: unknown): string[] =>
  (text(v) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const byId = (r: SourceRow): string => String(r.id);

export interface CopySpec {
  name: string;
  /** Our columns, named as MOSIP's (audit columns added). */
  columns: Record<string, ColumnType>;
  key: string[];
  /** MOSIP's reading order, when not our key. */
  sourceKey?: string[];
  required: string[];
  limits?: Record<string, number>;
  refs?: Reference[];
  conflict?: string;
  idOf?: (r: SourceRow) => string;
}

/** A table copied column for column (same names, same meaning), held to required fields and lengths. */
export function copyTable(o: CopySpec): TableImport {
  const names = Object.keys(o.columns);
  return {
    name: o.name,
    source: { db: 'pms', table: o.name, key: o.sourceKey ?? o.key, columns: names },
    target: { table: o.name, columns: { ...o.columns, ...AUDIT }, key: o.key, refs: o.refs },
    conflict: o.conflict,
    idOf: o.idOf ?? ((r) => o.key.map((k) => String(r[k])).join('/')),
    map: (r) =>
      requireFields(r, o.required, () => {
        const long = o.limits ? tooLong(r, o.limits) : undefined;
        if (long) return { reject: long };
        const row: TargetRow = Object.fromEntries(names.map((c) => [c, o.columns[c] === 'boolean' ? r[c] === true : text(r[c])]));
        return { row: { ...row, ...audit(r) } };
      }),
  };
}
