import type { Store } from '../platform/db/store.js';
import type { Operations } from './consistency.js';
import { claimDueOps, retryOpLater, type OpRow } from './repository.js';

/** The part of pino (Fastify's logger) the reconciler uses. */
export interface ReconcilerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ReconcileReport {
  finished: number;
  undone: number;
  later: number;
}

export interface Reconciler {
  /** Claims every operation whose lease has ended and finishes or undoes it, once. */
  runOnce(): Promise<ReconcileReport>;
  /** Stops polling; the round in flight completes first. */
  stop(): Promise<void>;
}

export interface ReconcilerOptions {
  store: Store;
  operations: Operations;
  log: ReconcilerLog;
  /** Pause between rounds. */
  pollMs: number;
  batchSize?: number;
}

/**
 * Finishes or undoes eSignet operations that nobody drives any more: left by a crash or a
 * restart (PENDING, lease ended → apply again), or by an unanswered call (UNDO → bring eSignet
 * back to what PMS holds). Any number of instances may run it against one store: rows are
 * claimed with skip-locked leases.
 */
export function createReconciler(opts: Omit<ReconcilerOptions, 'pollMs'>): Reconciler {
  const { store, operations, log } = opts;
  const batch = opts.batchSize ?? 20;

  async function handle(op: OpRow, owner: string, report: ReconcileReport): Promise<void> {
    try {
      if (op.state === 'UNDO') {
        const r = await operations.undo(op, owner);
        if (r === 'done') report.undone++;
        else report.later++;
        return;
      }
      const r = await operations.apply(op, owner, op.sent - 1);
      if (r.kind === 'committed') report.finished++;
      else report.later++;
      log.info({ clientId: op.client_id, kind: op.kind, result: r.kind }, 'oidc reconciler: pending eSignet operation handled');
    } catch (err) {
      report.later++;
      log.error({ clientId: op.client_id, error: (err as Error).message }, 'oidc reconciler: operation failed, will retry');
      await retryOpLater(store, op.client_id, owner, operations.leaseMs, (err as Error).message).catch(() => undefined);
    }
  }

  return {
    async runOnce() {
      const report: ReconcileReport = { finished: 0, undone: 0, later: 0 };
      const owner = operations.newOwner();
      for (;;) {
        const due = await store.tx((q) => claimDueOps(q, owner, operations.leaseMs, batch));
        for (const op of due) await handle(op, owner, report);
        if (due.length < batch) break;
      }
      return report;
    },
    stop: async () => undefined,
  };
}

/** The reconciler with polling, for the server: `start…` at boot, `stop()` at shutdown. */
export function startReconciler(opts: ReconcilerOptions): Reconciler {
  const inner = createReconciler(opts);
  let stopping = false;
  let wake: (() => void) | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    const run = chain.then(() => inner.runOnce());
    chain = run.catch(() => undefined);
    return run;
  };
  const loop = async () => {
    while (!stopping) {
      try {
        await runOnce();
      } catch (err) {
        opts.log.error({ error: (err as Error).message }, 'oidc reconciler: round failed');
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  };
  const running = loop();
  return {
    runOnce,
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
