-- OIDC / OAuth clients (spec/oidc-clients.md 11.1) and the eSignet operations still under way.
-- MOSIP joins lists with commas (a URI holding a comma splits); here lists are arrays. The
-- name is text: a v2 name is a JSON map whose length MOSIP's varchar(256) could not hold.

create table oidc_client (
  id             varchar(100) primary key,   -- the client id computed from the public key (43 chars)
  name           text not null,              -- plain (v1) or MOSIP's multi-language JSON text (v2)
  rp_id          varchar(36) not null,       -- the auth partner's id
  policy_id      varchar(36) not null,
  logo_uri       varchar(2048) not null,
  redirect_uris  text[] not null,
  claims         text[] not null,            -- derived once at creation, in mapping-file order
  acr_values     text[] not null,
  public_key     text not null,              -- the public JWK as JSON text, private members never kept
  grant_types    text[] not null,
  auth_methods   text[] not null,
  status         varchar(20) not null check (status in ('ACTIVE', 'INACTIVE')),
  -- Ours: whether eSignet holds the client. NOT_REGISTERED when PMS runs without eSignet.
  esignet_status varchar(20) not null check (esignet_status in ('REGISTERED', 'NOT_REGISTERED')),
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
create index oidc_client_rp on oidc_client (rp_id);
create index oidc_client_created on oidc_client (cr_dtimes desc, id);
create index oidc_client_policy on oidc_client (policy_id);

-- One eSignet operation per client at a time: recorded before eSignet is called, removed in
-- the transaction that commits its result (client row + outbox event). A row left behind by a
-- crash or an unanswered call is finished or undone by the reconciler once its lease ends.
-- REVERTED create rows stay as proof that PMS once sent this client id to eSignet, so that a
-- later create of the same key takes eSignet's "duplicate" as its own earlier attempt.
create table oidc_client_op (
  client_id       varchar(100) primary key,
  kind            varchar(8) not null check (kind in ('create', 'update')),
  state           varchar(16) not null check (state in ('PENDING', 'UNDO', 'REVERTED')),
  esignet_request jsonb not null,            -- {api, body}: what eSignet is to hold
  undo_request    jsonb,                     -- {api, body}: update only, what eSignet held before
  commit_data     jsonb not null,            -- the row values and event data to commit on success
  sent            integer not null default 0, -- times the request may have reached eSignet
  attempts        integer not null default 0, -- reconciler attempts without a definite answer
  owner           varchar(128),
  lease_until     timestamptz not null default now(),
  last_error      varchar(1000),
  actor           varchar(256) not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index oidc_client_op_due on oidc_client_op (lease_until) where state in ('PENDING', 'UNDO');
