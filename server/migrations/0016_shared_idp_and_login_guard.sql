-- Several instances on one PostgreSQL with the embedded identity provider: its signing keys
-- are shared through the store (sealed with the data key, which instances already share), and
-- each running instance records the issuer it serves, so one started with another public URL
-- is refused at start instead of issuing tokens the others reject.
create table idp_signing_key (
  id          int primary key check (id = 1),
  sealed      text not null,
  created_at  timestamptz not null default now()
);

create table idp_instance (
  id       uuid primary key,
  issuer   text not null,
  seen_at  timestamptz not null default now()
);

-- Failed sign-ins at the embedded identity provider, per account and per client address,
-- shared by every instance: enough failures lock the account or address out for a while.
create table login_failure (
  scope         varchar(8) not null check (scope in ('account', 'address')),
  subject       varchar(256) not null,
  failures      int not null default 0,
  window_start  timestamptz not null default now(),
  locked_until  timestamptz,
  primary key (scope, subject)
);
