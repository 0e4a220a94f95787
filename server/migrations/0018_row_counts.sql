-- Exact row counts of large tables whose unfiltered lists are hot (platform/search `countTable`).
--
-- A list's total over a whole table was a count(*) of every row: about 30 ms over 100,000 OIDC
-- clients on the embedded store, paid again after every write (the count memo is exact, so
-- any write drops it) and, on the embedded store, by every caller queued behind it — the tail
-- of `GET /oauth/client`. Here every statement that inserts or deletes rows adds the difference
-- to a counter in its own transaction, so the sum of a table's counters is its exact row count
-- in any snapshot, whatever the isolation, on both engines and across instances.
--
-- As list_version (0014), each backend adds to its own row: writers never wait for one
-- another on a counter, and no new lock order is introduced.
create table row_count (
  tbl     text   not null,
  backend int    not null,
  n       bigint not null,
  primary key (tbl, backend)
);

create function row_count_insert() returns trigger language plpgsql as $$
begin
  insert into row_count as r (tbl, backend, n) select tg_table_name, pg_backend_pid(), count(*) from new_rows
  on conflict (tbl, backend) do update set n = r.n + excluded.n;
  return null;
end $$;

create function row_count_delete() returns trigger language plpgsql as $$
begin
  insert into row_count as r (tbl, backend, n) select tg_table_name, pg_backend_pid(), -count(*) from old_rows
  on conflict (tbl, backend) do update set n = r.n + excluded.n;
  return null;
end $$;

-- A truncate empties the table: its counters go with it.
create function row_count_truncate() returns trigger language plpgsql as $$
begin
  delete from row_count where tbl = tg_table_name;
  return null;
end $$;

-- The counted tables; the starting count is taken under the table's lock, so no write slips
-- between it and the triggers.
do $$
declare t text;
begin
  foreach t in array array['oidc_client'] loop
    execute format('lock table %I in share mode', t);
    execute format('insert into row_count (tbl, backend, n) select %L, 0, count(*) from %I', t, t);
    execute format('create trigger row_count_insert after insert on %I referencing new table as new_rows '
                   'for each statement execute function row_count_insert()', t);
    execute format('create trigger row_count_delete after delete on %I referencing old table as old_rows '
                   'for each statement execute function row_count_delete()', t);
    execute format('create trigger row_count_truncate after truncate on %I for each statement execute function row_count_truncate()', t);
  end loop;
end $$;
