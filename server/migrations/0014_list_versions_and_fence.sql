-- 1. Change counters for exact, shared list counts (platform/search count memo).
--
-- Every statement that writes a versioned table adds 1 to a row of list_version, in the same
-- transaction as the write. A reader that reads the sum of a table's counters in the same
-- statement (snapshot) as a count may reuse that count for as long as the sum is unchanged:
-- counters only grow, so an equal sum means no write to the table has committed since — from
-- this instance or any other.
--
-- Each backend bumps its own row (keyed by pg_backend_pid()), so writers never wait for one
-- another on a counter and no new lock ordering (hence no new deadlock) is introduced; the
-- row lock a writer takes is one no other live backend ever asks for.
create table list_version (
  tbl     text   not null,
  backend int    not null,
  v       bigint not null,
  primary key (tbl, backend)
);

create function list_version_bump() returns trigger language plpgsql as $$
begin
  insert into list_version as l (tbl, backend, v) values (tg_table_name, pg_backend_pid(), 1)
  on conflict (tbl, backend) do update set v = l.v + 1;
  return null;
end $$;

-- Every table of the schema except logs and queues, which change on nearly every request and
-- which no list needs memoised. A table created by a later migration has no counter: counts
-- that read it are simply never memoised (the memo checks each table it reads), until that
-- migration adds the trigger as below.
do $$
declare t text;
begin
  for t in
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema()
      and c.relname not in ('list_version', 'schema_migration', 'audit_log', 'outbox_event', 'oidc_client_op',
                            'idp_state', 'signing_key', 'expiry_notice')
  loop
    execute format('create trigger list_version_bump after insert or update or delete or truncate on %I '
                   'for each statement execute function list_version_bump()', t);
  end loop;
end $$;

-- 2. A fence for writes sent as one statement (WITH items): the statement fails, and so writes
-- nothing, unless `ok` holds. Used where a commit must only happen while a lease is still held.
create function pms_fence(ok boolean, message text) returns boolean language plpgsql as $$
begin
  if not ok then
    raise exception using errcode = 'PMS01', message = message;
  end if;
  return true;
end $$;
