import { Type } from '../platform/vendor/typebox.js';
import { sql } from '../platform/db/sql.js';
import type { Module } from '../platform/http/app.js';
import { PARTNER_BASE } from '../platform/http/app.js';

/**
 * The benchmark's ceiling: a bare route that inserts one row into the same store, with no
 * authentication, validation beyond the shape, or domain logic. Endpoint throughput is quoted
 * as a fraction of it. Registered only when PMS_BENCH_CEILING=true (never in production).
 */
export const benchCeilingModule: Module = async (app, deps) => {
  await deps.store.script(
    'create table if not exists bench_ceiling (id uuid primary key default gen_random_uuid(), body jsonb not null, at timestamptz not null default now())',
  );
  app.post(
    `${PARTNER_BASE}/bench/ceiling`,
    { config: { pms: { access: 'public' } }, schema: { hide: true, body: Type.Object({ value: Type.String() }) } },
    async (req) => {
      await deps.store.exec(sql`insert into bench_ceiling (body) values (${JSON.stringify(req.body)}::jsonb)`);
      return { ok: true };
    },
  );
};
