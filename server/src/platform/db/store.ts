import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { Sql } from './sql.js';
import { createVersionedMemo } from './versioned-memo.js';

export type Row = Record<string, unknown>;

/** What domain code sees: run a statement, read rows. Same for both engines. */
export interface Queryable {
  query<T = Row>(q: Sql): Promise<T[]>;
  one<T = Row>(q: Sql): Promise<T | undefined>;
  /** Runs a statement and answers the number of rows it touched. */
  exec(q: Sql): Promise<number>;
  /** Runs a multi-statement script with no parameters (migrations). */
  script(text: string): Promise<void>;
  /**
   * A single-row read that may be answered from memory when that is exactly as fresh as
   * running it: on the embedded store (one process owns it) until any statement may have
   * written; on PostgreSQL until a write commits to a table the read depends on, from any
   * instance (versioned-memo.ts). Absent inside transactions.
   */
  memoOne?<T>(q: Sql): Promise<T | undefined>;
}

export interface Store extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: everything it writes commits together or not at all. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Embedded store only: milliseconds since the last statement or transaction ended, 0 while
   * one runs or waits. PGlite runs one statement at a time, so housekeeping asks this before it
   * makes requests queue behind a vacuum (maintenance.ts).
   */
  idleForMs?(): number;
}

type Runner = (text: string, values: unknown[], reuse?: boolean) => Promise<{ rows: Row[]; count: number }>;

function queryable(run: Runner, script: (text: string) => Promise<unknown>): Queryable {
  return {
    async script(text: string) {
      await script(text);
    },
    async query<T>(q: Sql) {
      const { text, values, reuse } = q.compile();
      return (await run(text, values, reuse)).rows as T[];
    },
    async one<T>(q: Sql) {
      const { text, values, reuse } = q.compile();
      return (await run(text, values, reuse)).rows[0] as T | undefined;
    },
    async exec(q: Sql) {
      const { text, values, reuse } = q.compile();
      return (await run(text, values, reuse)).count;
    },
  };
}

// timestamptz, timestamp and date come back as ISO text so both engines give the same shapes.
const TEXT_TYPES = [1082, 1114, 1184];

/**
 * Each engine's driver is imported when a store of that engine is opened: a process uses one,
 * and importing the other cost start-up time and memory for nothing.
 */
async function loadPg(): Promise<typeof pg> {
  const { default: driver } = await import('pg');
  for (const oid of TEXT_TYPES) driver.types.setTypeParser(oid, (v: string) => v);
  driver.types.setTypeParser(20, (v: string) => Number(v)); // int8 counts fit comfortably in a double here
  return driver;
}

/** A stable name per statement text (node-postgres prepares a name once per connection). */
function preparedNames(): (text: string) => string {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (!name) {
      name = `pms_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Store> {
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // While PostgreSQL is unreachable a request waits this long for a connection, then gets
    // the store-unavailable answer instead of queueing for ever.
    connectionTimeoutMillis: 5000,
    // A connection whose peer vanished without a word (a failover, a cut network) is noticed
    // by TCP keep-alive rather than hanging until the kernel gives up.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection the server ends (restart, failover, pg_terminate_backend) is reported
  // here; unheard, that event would stop the process. The pool has already dropped the
  // connection and opens a new one for the next query.
  pool.on('error', () => undefined);
  // Every connection also keeps a listener of its own for its whole life: the pool hears only
  // idle connections, and a checked-out one can be told twice that its server went away (the
  // FATAL message, then the socket's end) at moments no caller is listening — seen under
  // load in the fault suite (faults/postgres.test.ts) as a process exit. Callers still see the
  // failure through their statement, and a broken connection is dropped when released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // A bad URL or a server that is down should fail the start, not the first request.
  const probe = await pool.connect();
  probe.release();
  const names = preparedNames();
  const runOn =
    (c: pg.Pool | pg.PoolClient): Runner =>
    async (text, values, reuse) => {
      const r = reuse ? await c.query({ name: names(text), text, values }) : await c.query(text, values);
      return { rows: r.rows as Row[], count: r.rowCount ?? 0 };
    };
  const top = queryable(runOn(pool), (t) => pool.query(t));
  const versioned = createVersionedMemo(top);
  return {
    engine: 'postgres',
    ...top,
    memoOne: (q) => versioned.one(q),
    async tx(fn) {
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's: when the server ends its connection
      // mid-transaction the client emits 'error', which unheard would end the process. The
      // statement in flight fails on its own; the broken client is then dropped, not reused.
      let broken: Error | undefined;
      const onError = (err: Error) => (broken ??= err);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(runOn(client), (t) => client.query(t)));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        if (!broken && isStoreUnavailable(err)) broken = err as Error;
        throw err;
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    },
    async ping() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}

const pgliteParsers = Object.fromEntries(TEXT_TYPES.map((oid) => [oid, (v: string) => v]));

const READ_ONLY = /^\s*select\b/i;
const MEMO_LIMIT = 512;

/**
 * Read memo for the embedded store. Every statement that is not a plain SELECT moves the
 * generation on (conservatively: a rolled-back write does too), which drops every memo.
 * PGlite runs one statement at a time, so no write can slip between a read and its memo.
 */
class ReadMemo {
  private generation = 0;
  private entries = new Map<string, { generation: number; value: unknown }>();
  /**
   * Reads still running. Callers that ask while one runs in the same generation share it: no
   * write has been sent since it was, and statements run in order, so its answer is the one
   * they would get (a list's count after a write is made once, not once per waiting caller).
   */
  private running = new Map<string, { generation: number; value: Promise<unknown> }>();

  observe(text: string): void {
    if (!READ_ONLY.test(text)) this.generation++;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation) return hit.value as T;
    const flying = this.running.get(key);
    if (flying && flying.generation === this.generation) return flying.value as Promise<T>;
    const generation = this.generation;
    const pending = compute();
    this.running.set(key, { generation, value: pending });
    try {
      const value = await pending;
      if (generation === this.generation) {
        if (this.entries.size >= MEMO_LIMIT) this.entries.clear();
        this.entries.set(key, { generation, value });
      }
      return value;
    } finally {
      if (this.running.get(key)?.value === pending) this.running.delete(key);
    }
  }
}

/**
 * PostgreSQL's 128 MB default buffer cache lives in the WebAssembly heap and is never given
 * back; the data folder sits in the OS page cache anyway. Measured idle RSS: 425 → 304 MB.
 * Shared with the bench's PGlite floor, so the floor opens the store exactly as the server does.
 */
export const PGLITE_CONF = ['shared_buffers=16MB'];

/**
 * V8 first compiles WebAssembly with its baseline compiler and recompiles a function with the
 * optimising one once it has run V8's budget of code. PostgreSQL's start-up and migrations run
 * enough of its ~11,000 functions to cross that budget, so every start paid for optimised
 * code, and its memory (about 50 MB), for functions the requests never use again. A hundred
 * times the budget keeps them at baseline; a request path still crosses it within its first
 * few hundred calls and runs optimised from then on (docs/startup.md has the figures).
 * Set before PGlite compiles its module: V8 reads it then. Shared with the bench's floor.
 */
export function tunePgliteTiering(): void {
  setFlagsFromString('--wasm-tiering-budget=180000000');
}

/** Whether anything is using the embedded store, and since when nothing has. */
class Activity {
  private running = 0;
  private endedAt = performance.now();

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.endedAt = performance.now();
    }
  }

  idleForMs(): number {
    return this.running > 0 ? 0 : performance.now() - this.endedAt;
  }
}

/** `dataDir` undefined → in memory. `loadDataDir` seeds it from a dump (tests). */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Store> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const [{ PGlite }, { pg_trgm }, { createPreparedRunner }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('./pglite-prepared.js'),
  ]);
  tunePgliteTiering();
  const db = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm },
    postgresqlconf: PGLITE_CONF,
    parsers: { ...pgliteParsers, 20: (v: string) => Number(v) },
  });
  type PgliteLike = Pick<PGlite, 'query' | 'exec'>;
  const memo = new ReadMemo();
  const activity = new Activity();
  const prepared = createPreparedRunner(db);
  // Inside a transaction statements run unprepared: the prepared path takes the locks itself.
  const runOn =
    (c: PgliteLike, canPrepare = false): Runner =>
    async (text, values, reuse) => {
      memo.observe(text);
      if (reuse && canPrepare) return activity.during(() => prepared(text, values));
      const r = await activity.during(() => c.query<Row>(text, values));
      return { rows: r.rows, count: r.affectedRows ?? 0 };
    };
  const scriptOn = (c: PgliteLike) => (text: string) => {
    memo.observe(text);
    return activity.during(() => c.exec(text));
  };
  const top = queryable(runOn(db, true), scriptOn(db));
  return {
    engine: 'pglite',
    ...top,
    memoOne: <T>(q: Sql) => {
      const { text, values } = q.compile();
      return memo.get(`${text}\u0000${JSON.stringify(values)}`, () => top.one<T>(q));
    },
    tx: (fn) => activity.during(() => db.transaction((t) => fn(queryable(runOn(t), scriptOn(t))))),
    idleForMs: () => activity.idleForMs(),
    async ping() {
      try {
        await db.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.close();
    },
    // Exposed for the test template dump.
    ...({ pglite: db } as object),
  };
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return false;
  if (!constraint) return true;
  return e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/**
 * SQLSTATE classes and socket errors that say the store itself cannot serve just now
 * (connection lost or refused, server shutting down or starting, out of connections, disk or
 * I/O trouble), as opposed to anything about the request. Callers get a retryable 503.
 */
const UNAVAILABLE_STATES = /^(08|53|57P0|58)/;
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|PGlite is closed|Cannot use a pool after calling end/i;

export function isStoreUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (UNAVAILABLE_STATES.test(e.code) || UNAVAILABLE_SOCKET.has(e.code))) return true;
  return typeof e.message === 'string' && UNAVAILABLE_TEXT.test(e.message);
}

/**
 * SQLSTATE class 22 (data exception): the store refused a value a caller sent — a NUL
 * character, an unpaired surrogate, a number or date out of range. A client error, never a 500.
 */
export function isBadValue(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
