-- Policy requests, API keys, MISP licenses, biometric extractors, credential-type mappings and
-- expiry notices (issue 5). MOSIP's default rows for these tables (spec 15.1) belong to its
-- default partners, which no migration creates; they are seeded at start on request
-- (PMS_SEED_MOSIP_DEFAULTS, src/policy-requests/mosip-defaults.ts), together with the API keys,
-- which only the running service can seal with its data key.

-- A partner has at most one open (pending or approved) request per policy: two submissions
-- racing each other cannot both pass MOSIP's PMS_PRT_053 / PMS_PRT_060 checks.
create unique index uk_partner_policy_request_open on partner_policy_request (part_id, policy_id)
  where lower(status_code) in ('inprogress', 'approved');
create index partner_policy_request_created on partner_policy_request (cr_dtimes desc, id);
create index partner_policy_part_policy on partner_policy (part_id, policy_id);
create index partner_policy_created on partner_policy (cr_dtimes desc, id);
-- The expiry check scans what is active and ends soon.
create index partner_policy_valid_to on partner_policy (valid_to_datetime) where is_active;

create table partner_policy_bioextract (
  id                         varchar(36) primary key,
  part_id                    varchar(36) not null references partner (id),
  policy_id                  varchar(36) not null references auth_policy (id),
  attribute_name             varchar(128) not null,
  extractor_provider         varchar(128) not null,
  extractor_provider_version varchar(8),
  biometric_modality         varchar(64) not null,
  biometric_sub_types        varchar(64),
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
create index partner_policy_bioextract_pp on partner_policy_bioextract (part_id, policy_id, attribute_name);

create table partner_policy_credential_type (
  part_id         varchar(36) not null references partner (id),
  policy_id       varchar(36) not null references auth_policy (id),
  credential_type varchar(128) not null,
  is_active       boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  primary key (part_id, policy_id, credential_type)
);
create index partner_policy_credential_type_pt on partner_policy_credential_type (part_id, lower(credential_type));

-- MISP licenses. Like API keys, the key is never stored in clear: `key_hmac` finds it,
-- `key_cipher` gives it back for IDA's MISP_LICENSE_* events, `key_hint` (its last four
-- characters) lets lists show which key a row is. MOSIP's ORM keys the entity on misp_id
-- alone, so a MISP holds one license row that regeneration replaces in place; the unique
-- constraint makes that a rule and turns a generation race into PMS_MSP_416.
create table misp_license (
  id              varchar(36) primary key,
  misp_id         varchar(36) not null references partner (id),
  key_hmac        varchar(64) not null,
  key_cipher      text not null,
  key_hint        varchar(8) not null,
  policy_id       varchar(36),
  valid_from_date timestamptz not null,
  valid_to_date   timestamptz,
  is_active       boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  constraint uk_misp_license_key unique (key_hmac),
  constraint uk_misp_license_misp unique (misp_id)
);
create index misp_license_valid_to on misp_license (valid_to_date) where is_active;

-- Ours: one row per owner and expiring item (API key, MISP license, partner certificate) and
-- expiry date, so the scheduled check notifies once however often it runs; a renewed item
-- (new expiry date) is noticed again.
create table expiry_notice (
  id          varchar(36) primary key,
  item_type   varchar(32) not null check (item_type in ('API_KEY', 'MISP_LICENSE', 'PARTNER_CERTIFICATE')),
  item_id     varchar(64) not null,
  partner_id  varchar(36) not null references partner (id),
  item_label  varchar(1000),
  expires_at  timestamptz not null,
  notified_at timestamptz not null default now(),
  constraint uk_expiry_notice unique (item_type, item_id, expires_at)
);
create index expiry_notice_partner on expiry_notice (partner_id, notified_at desc);
create index expiry_notice_notified on expiry_notice (notified_at desc, id);
