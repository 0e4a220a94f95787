import type { ImportResult } from './runner.js';

/** The per-table count summary the command prints, with the overall rate. */
export function formatSummary(r: ImportResult): string {
  const header = ['table', 'read', 'imported', 'already there', 'refused', 'skipped', 'ms'];
  const rows = r.counts.map((c) => [c.table, c.read, c.imported, c.present, c.rejected, c.skipped, c.ms].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const read = r.counts.reduce((n, c) => n + c.read, 0);
  const imported = r.counts.reduce((n, c) => n + c.imported, 0);
  const seconds = Math.max(r.ms, 1) / 1000;
  const out = [line(header), ...rows.map(line), ''];
  out.push(
    `${r.dryRun ? 'dry run: would import' : 'imported'} ${imported} of ${read} rows in ${seconds.toFixed(1)} s (${Math.round(read / seconds)} rows read/s); ${r.rejections.length} refused`,
  );
  if (r.absent.length) out.push(`not in this MOSIP database (older version, or no --keymgr): ${r.absent.join(', ')}`);
  if (r.failed) out.push(`FAILED at ${r.failed.table}: ${r.failed.error}. Earlier tables are imported; run again to resume.`);
  return out.join('\n');
}
