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
