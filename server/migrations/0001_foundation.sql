-- Foundation: the transactional outbox and the audit trail.

create table outbox_event (
  id            uuid primary key,
  seq           bigint generated always as identity unique,
  topic         varchar(128) not null,
  payload       jsonb not null,
  created_at    timestamptz not null default now(),
  available_at  timestamptz not null default now(),
  attempts      integer not null default 0,
  locked_by     varchar(64),
  locked_until  timestamptz,
  delivered_at  timestamptz,
  last_error    varchar(1000)
);
-- The dispatcher only ever scans what is still to deliver.
create index outbox_event_pending on outbox_event (available_at, seq) where delivered_at is null;

create table audit_log (
  id           bigint generated always as identity primary key,
  at           timestamptz not null default now(),
  actor        varchar(256) not null,
  actor_roles  text[] not null default '{}',
  action       varchar(128) not null,
  entity_type  varchar(64) not null,
  entity_id    varchar(256) not null,
  outcome      varchar(16) not null check (outcome in ('success', 'failure')),
  detail       jsonb not null default '{}',
  request_id   varchar(64)
);
create index audit_log_entity on audit_log (entity_type, entity_id);
