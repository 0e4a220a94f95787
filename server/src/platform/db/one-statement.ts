import { sql, type Sql } from './sql.js';
import type { Queryable } from './store.js';

/**
 * Several writes sent as ONE statement, each a data-modifying WITH item: they commit together
 * (a single statement is atomic) without a transaction's BEGIN and COMMIT round trips. The
 * writes are made by the usual helpers (insertClient, enqueueEvent, recordAudit …) against a
 * recording Queryable, so each table keeps its one writer.
 *
 * Limits, from PostgreSQL's rules for WITH: the items run on one snapshot and cannot see one
 * another's rows, so they must not depend on each other (no foreign key from one to another,
 * no two changes to one row). Each must be a plain INSERT, UPDATE or DELETE.
 */
export async function recordWrites(build: (q: Queryable) => Promise<void>): Promise<Sql[]> {
  const writes: Sql[] = [];
  const noReads = () => {
    throw new Error('recordWrites: only writes can be combined into one statement');
  };
  await build({
    query: noReads,
    one: noReads,
    script: noReads,
    async exec(q: Sql) {
      const text = q.parts[0] ?? '';
      if (!/^\s*(insert|update|delete)\b/i.test(text)) throw new Error(`recordWrites: not a plain write: ${text.slice(0, 40)}`);
      writes.push(q);
      // The row count is unknown until the statement runs; the helpers recorded here ignore it.
      return 1;
    },
  });
  return writes;
}

/**
 * `with <leading items>, w0 as (<write 0>), w1 as (…) <main>`: the recorded writes as WITH
 * items after `leading` (e.g. `released as (delete … returning …)`), ending in `main`.
 */
export function withWrites(leading: Sql[], writes: Sql[], main: Sql): Sql {
  const items = [...leading, ...writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`)];
  if (items.length === 0) return main;
  return sql`with ${sql.join(items)} ${main}`;
}

/** SQLSTATE raised by pms_fence (migration 0014) when its condition does not hold. */
export const FENCE_FAILED = 'PMS01';

export const isFenceFailure = (err: unknown): boolean => (err as { code?: string } | null)?.code === FENCE_FAILED;
