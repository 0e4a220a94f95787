import type { Queryable, Store } from '../platform/db/store.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { openSource, selectList, type Source } from './source.js';
import { steps } from './steps.js';
import type { ImportContext, Rejection, SourceDb, SourceRow, TableCount, TableImport, TargetRow } from './types.js';
import { existingKeys, insertNew, keyText, missingReferences } from './writer.js';

export interface ImportOptions {
  store: Store;
  dataKey: DataKey;
  pmsUrl: string;
  keymgrUrl?: string;
  pmsSchema?: string;
  keymgrSchema?: string;
  dryRun?: boolean;
  emitEvents?: boolean;
  /** Progress lines (one per batch and per table). */
  log?: (line: string) => void;
  batchSize?: number;
}

export interface ImportResult {
  counts: TableCount[];
  rejections: Rejection[];
  /** Steps the MOSIP database has no table for (older versions, or no --keymgr). */
  absent: string[];
  dryRun: boolean;
  ms: number;
  /** Set when a table failed: its rows were rolled back, later tables were not started. */
  failed?: { table: string; error: string };
}

/** Thrown to roll a dry run back after everything was checked against the real store. */
class DryRunDone extends Error {}

const DEFAULT_BATCH = 5000;

/**
 * Copies a MOSIP deployment into our store, one table after another. Each table is written in
 * one transaction: a table is either all there or not at all, so a run cut short (or a table that
 * fails) leaves whole tables behind, and running again skips rows already there and carries on.
 * A dry run does the same work in one transaction that is rolled back.
 */
export async function importMosip(opts: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const sources: Partial<Record<SourceDb, Source>> = {};
  const result: ImportResult = { counts: [], rejections: [], absent: [], dryRun: !!opts.dryRun, ms: 0 };
  try {
    sources.pms = await openSource(opts.pmsUrl, opts.pmsSchema ?? 'pms');
    if (opts.keymgrUrl) sources.keymgr = await openSource(opts.keymgrUrl, opts.keymgrSchema ?? 'keymgr');
    const columns = new Map<string, Set<string>>();
    for (const step of steps) {
      const src = sources[step.source.db];
      columns.set(`${step.source.db}.${step.source.table}`, src ? await src.columns(step.source.table) : new Set());
    }
    // A wrong database or schema would otherwise look like an empty MOSIP.
    if (columns.get('pms.partner')?.size === 0)
      throw new Error(`no MOSIP PMS tables in schema "${opts.pmsSchema ?? 'pms'}" of the --pms database`);
    if (sources.keymgr && columns.get('keymgr.ca_cert_store')?.size === 0) {
      throw new Error(`no key manager tables in schema "${opts.keymgrSchema ?? 'keymgr'}" of the --keymgr database`);
    }
    const ctx: ImportContext = {
      dataKey: opts.dataKey,
      emitEvents: !!opts.emitEvents,
      columns: (db, table) => columns.get(`${db}.${table}`) ?? new Set(),
      shared: new Map(),
    };
    const runAll = async (within: (fn: (q: Queryable) => Promise<void>) => Promise<void>) => {
      for (const step of steps) {
        const src = sources[step.source.db];
        if (!src || ctx.columns(step.source.db, step.source.table).size === 0) {
          result.absent.push(step.name);
          continue;
        }
        try {
          await within((q) => importTable(q, src, step, ctx, result, log, opts.batchSize ?? DEFAULT_BATCH));
        } catch (err) {
          result.failed = { table: step.name, error: (err as Error).message };
          log(`${step.name}: failed, nothing of this table was kept: ${(err as Error).message}`);
          return;
        }
      }
    };
    if (opts.dryRun) {
      await opts.store
        .tx(async (q) => {
          await runAll((fn) => fn(q));
          throw new DryRunDone();
        })
        .catch((err: unknown) => {
          if (!(err instanceof DryRunDone)) throw err;
        });
    } else {
      await runAll((fn) => opts.store.tx(fn));
    }
  } finally {
    await sources.pms?.close();
    await sources.keymgr?.close();
  }
  result.ms = Date.now() - started;
  return result;
}

async function importTable(
  q: Queryable,
  src: Source,
  step: TableImport,
  ctx: ImportContext,
  result: ImportResult,
  log: (line: string) => void,
  batchSize: number,
): Promise<void> {
  const started = Date.now();
  const count: TableCount = { table: step.name, read: 0, imported: 0, present: 0, rejected: 0, skipped: 0, ms: 0 };
  const rejectionsBefore = result.rejections.length;
  const total = await src.count(step.source.table);
  const select = selectList(step.source.columns, ctx.columns(step.source.db, step.source.table), step.source.audit !== false);
  const size = step.batchSize ?? batchSize;
  const reject = (id: string, reason: string) => result.rejections.push({ table: step.name, id, reason });
  const process = async (rows: SourceRow[]) => {
    count.read += rows.length;
    const prepared = step.prepare ? await step.prepare(q, rows, ctx) : undefined;
    let accepted: { id: string; row: TargetRow }[] = [];
    for (const r of rows) {
      const v = step.map(r, ctx, prepared);
      if ('row' in v) accepted.push({ id: step.idOf(r), row: v.row });
      else if ('reject' in v) reject(step.idOf(r), v.reject);
      else count.skipped++;
    }
    const { table, columns, key } = step.target;
    // Rows already there (an earlier run) are counted and left alone: a re-run writes nothing.
    const present = await existingKeys(
      q,
      table,
      key,
      accepted.map((a) => a.row),
    );
    const before = accepted.length;
    accepted = accepted.filter((a) => !present.has(keyText(a.row, key)));
    count.present += before - accepted.length;
    for (const ref of step.target.refs ?? []) {
      const missing = await missingReferences(
        q,
        ref,
        accepted.map((a) => a.row),
      );
      if (missing.size === 0) continue;
      accepted = accepted.filter((a) => {
        const v = a.row[ref.column];
        if (typeof v !== 'string' || !missing.has(v)) return true;
        reject(a.id, `${ref.what} ${v} is not in our store (not in MOSIP, or refused)`);
        return false;
      });
    }
    const inserted = accepted.length
      ? await insertNew(
          q,
          table,
          columns,
          key,
          accepted.map((a) => a.row),
        )
      : new Set<string>();
    for (const a of accepted) {
      if (!inserted.has(keyText(a.row, key)))
        reject(a.id, step.conflict ?? `breaks a uniqueness rule of ${table} (another row already holds these values)`);
    }
    count.imported += inserted.size;
    const written = accepted.filter((a) => inserted.has(keyText(a.row, key))).map((a) => a.row);
    if (step.after && written.length) await step.after(q, written, ctx);
    log(`${step.name}: ${count.read}/${total} read, ${count.imported} imported`);
  };
  if (step.whole) {
    const all: SourceRow[] = [];
    for await (const rows of src.batches(step.source.table, step.source.key, select, size)) all.push(...rows);
    const ordered = step.reorder ? step.reorder(all) : all;
    for (let i = 0; i < ordered.length; i += size) await process(ordered.slice(i, i + size));
  } else {
    for await (const rows of src.batches(step.source.table, step.source.key, select, size)) await process(rows);
  }
  count.rejected = result.rejections.length - rejectionsBefore;
  count.ms = Date.now() - started;
  result.counts.push(count);
  log(
    `${step.name}: done — ${count.imported} imported, ${count.present} already there, ${count.rejected} refused, ${count.skipped} skipped (${count.ms} ms)`,
  );
}
