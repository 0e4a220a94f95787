-- MOSIP's `pms` schema (db_scripts/mosip_pms/ddl), the tables that policies, partners and
-- policy requests share. Timestamps are timestamptz (MOSIP: timestamp in server time);
-- responses format them in MOSIP's shapes. Later areas add their own tables.

create table partner_type (
  code                varchar(36) primary key,
  partner_description varchar(128) not null,
  is_policy_required  boolean not null,
  is_active           boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);

create table policy_group (
  id       varchar(36) primary key,
  name     varchar(128) not null,
  descr    varchar(256) not null,
  user_id  varchar(256) not null,
  is_active boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  constraint uk_policy_group_name unique (name)
);

create table auth_policy (
  id              varchar(36) primary key,
  policy_group_id varchar(36) references policy_group (id),
  name            varchar(128) not null,
  descr           varchar(256) not null,
  policy_file_id  text not null,          -- the policy JSON document
  policy_type     varchar(36) not null,
  version         varchar(8) not null,
  policy_schema   varchar(5120),          -- null while the policy is a draft
  valid_from_date timestamptz not null,
  valid_to_date   timestamptz not null,
  is_active       boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  constraint uk_auth_policy_group_name unique (policy_group_id, name)
);
create index auth_policy_group on auth_policy (policy_group_id);

create table auth_policy_h (
  id              varchar(36) not null,
  eff_dtimes      timestamptz not null,
  policy_group_id varchar(36),
  name            varchar(128) not null,
  descr           varchar(256) not null,
  policy_file_id  text not null,
  policy_type     varchar(36) not null,
  version         varchar(8) not null,
  policy_schema   varchar(5120),
  valid_from_date timestamptz not null,
  valid_to_date   timestamptz not null,
  is_active       boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  primary key (id, eff_dtimes)
);

create table partner (
  id                varchar(36) primary key,
  policy_group_id   varchar(36) references policy_group (id),
  name              varchar(128) not null,
  address           varchar(2000),
  contact_no        varchar(16),
  email_id          varchar(254),
  certificate_alias varchar(128),
  user_id           varchar(256) not null,
  partner_type_code varchar(36) not null references partner_type (code),
  approval_status   varchar(36) not null,
  is_active         boolean not null,
  lang_code         varchar(36),
  logo_url          varchar(256),
  addl_info         text,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
create index partner_user on partner (user_id);
create index partner_type_code on partner (partner_type_code);

create table partner_h (
  id                varchar(36) not null,
  eff_dtimes        timestamptz not null,
  partner_id        varchar(36) not null,   -- MOSIP links history only through user_id; we keep the partner id too
  policy_group_id   varchar(36),
  name              varchar(128) not null,
  address           varchar(2000),
  contact_no        varchar(16),
  email_id          varchar(254),
  certificate_alias varchar(128),
  user_id           varchar(256) not null,
  partner_type_code varchar(36) not null,
  approval_status   varchar(36) not null,
  is_active         boolean not null,
  lang_code         varchar(36),
  logo_url          varchar(256),
  addl_info         text,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  primary key (id, eff_dtimes)
);

create table partner_contact (
  id          varchar(36) primary key,
  partner_id  varchar(36) not null references partner (id),
  contact_no  varchar(16),
  email_id    varchar(254),
  address     varchar(2000),
  is_active   boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  constraint uk_partner_contact_no unique (partner_id, contact_no),
  constraint uk_partner_contact_email unique (partner_id, email_id)
);

create table partner_policy_request (
  id                varchar(36) primary key,
  part_id           varchar(36) not null references partner (id),
  policy_id         varchar(36) not null,
  request_datetimes timestamptz not null,
  request_detail    varchar(4000) not null,
  status_code       varchar(36) not null,
  admin_comment     varchar(500),          -- ours: the admin's reason, readable by the partner
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
create index partner_policy_request_part on partner_policy_request (part_id);
create index partner_policy_request_policy on partner_policy_request (policy_id);

-- API keys. MOSIP's primary key is the key itself; here the key is never stored in clear:
-- `key_hmac` (HMAC-SHA-256 under the data key) finds it, `key_cipher` (AES-GCM under the
-- data key) gives it back for IDA's events. `id` is the key's public handle.
create table partner_policy (
  id                  varchar(36) primary key,
  key_hmac            varchar(64) not null,
  key_cipher          text not null,
  part_id             varchar(36) not null references partner (id),
  policy_id           varchar(36) not null references auth_policy (id),
  valid_from_datetime timestamptz not null,
  valid_to_datetime   timestamptz,
  is_active           boolean not null,
  label               varchar(36) not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  constraint uk_partner_policy_key unique (key_hmac),
  constraint uk_partner_policy_from unique (part_id, policy_id, valid_from_datetime)
);
create index partner_policy_policy on partner_policy (policy_id);

create table user_details (
  id                   varchar(36) primary key,
  user_id              varchar(64) not null,
  consent_given        varchar(36) not null default 'NO' check (consent_given in ('YES', 'NO')),
  consent_given_dtimes timestamptz not null,
  cr_by varchar(64) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(64), upd_dtimes timestamptz,
  constraint uk_user_details_user unique (user_id)
);
