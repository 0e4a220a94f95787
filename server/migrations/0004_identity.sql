-- The embedded identity provider's accounts (used only when PMS_AUTH_ISSUER is unset).

create table idp_account (
  sub            uuid primary key,
  username       varchar(64) not null unique,
  email          varchar(254) not null,
  name           varchar(128) not null,
  roles          text[] not null default '{}',
  password_hash  varchar(256) not null,
  is_active      boolean not null default true,
  created_at     timestamptz not null default now()
);

-- The embedded provider's working state (sessions, interactions, grants, authorization codes),
-- kept in the store so a restart does not sign everyone out and instances can share it.
create table idp_state (
  model        varchar(64) not null,
  id           varchar(256) not null,
  payload      jsonb not null,
  grant_id     varchar(256),
  uid          varchar(256),
  user_code    varchar(256),
  expires_at   timestamptz,
  consumed_at  timestamptz,
  primary key (model, id)
);
create index idp_state_grant on idp_state (grant_id) where grant_id is not null;
create index idp_state_uid on idp_state (model, uid) where uid is not null;
create index idp_state_expiry on idp_state (expires_at) where expires_at is not null;
