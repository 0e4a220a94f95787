-- Device providers and FTM chip providers (certificates.md 9.3): device types and sub-types,
-- Secure Biometric Interfaces (SBI) with history, device make/models, their SBI mappings,
-- FTM chips and the chip certificates this service re-signs.

create table reg_device_type (
  code       varchar(36) primary key,
  name       varchar(64) not null,
  descr      varchar(512),
  is_active  boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);

-- "Single" is a sub-type of both Finger and Iris, so the type is part of the key.
create table reg_device_sub_type (
  code       varchar(36) not null,
  dtyp_code  varchar(36) not null references reg_device_type (code),
  name       varchar(64) not null,
  descr      varchar(512),
  is_active  boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  primary key (code, dtyp_code)
);

-- MOSIP's reference data (db_scripts/mosip_pms/dml, partners-policies.md 15.1).
insert into reg_device_type (code, name, descr, is_active, cr_by) values
  ('Finger', 'Finger', 'Finger Biometric Capture Device', true, 'superadmin'),
  ('Face', 'Face', 'Face Biometric Capture Device', true, 'superadmin'),
  ('Iris', 'Iris', 'Iris Biometric Capture Device', true, 'superadmin')
on conflict (code) do nothing;
insert into reg_device_sub_type (code, dtyp_code, name, descr, is_active, cr_by) values
  ('Slap', 'Finger', 'Slap', 'Slap Finger Capture', true, 'superadmin'),
  ('Single', 'Finger', 'Single', 'Single Finger Capture', true, 'superadmin'),
  ('Touchless', 'Finger', 'Touchless', 'Touchless Finger Capture', true, 'superadmin'),
  ('Single', 'Iris', 'Single', 'Single Iris Capture', true, 'superadmin'),
  ('Double', 'Iris', 'Double', 'Double Iris Capture', true, 'superadmin'),
  ('Full face', 'Face', 'Full face', 'Full Face Capture', true, 'superadmin')
on conflict do nothing;

create table secure_biometric_interface (
  id               varchar(36) primary key,
  sw_binary_hash   bytea not null,
  sw_version       varchar(64) not null,
  sw_cr_dtimes     timestamptz not null,
  sw_expiry_dtimes timestamptz not null,
  approval_status  varchar(36) not null check (approval_status in ('pending_approval', 'approved', 'rejected')),
  is_active        boolean not null,
  provider_id      varchar(36) not null references partner (id),
  partner_org_name varchar(128),
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
-- MOSIP refuses a second SBI with the same version for a provider (PMS_AUT_512); two
-- concurrent creates cannot both pass that check here.
create unique index uk_sbi_provider_version on secure_biometric_interface (provider_id, sw_version) where not is_deleted;
create index sbi_cr_dtimes on secure_biometric_interface (cr_dtimes desc, id);

create table secure_biometric_interface_h (
  id               varchar(36) not null,
  eff_dtimes       timestamptz not null,
  sw_binary_hash   bytea not null,
  sw_version       varchar(64) not null,
  sw_cr_dtimes     timestamptz not null,
  sw_expiry_dtimes timestamptz not null,
  approval_status  varchar(36) not null,
  is_active        boolean not null,
  provider_id      varchar(36) not null,
  partner_org_name varchar(128),
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  primary key (id, eff_dtimes)
);

create table device_detail (
  id               varchar(36) primary key,
  dprovider_id     varchar(36) not null references partner (id),
  dtype_code       varchar(36) not null,
  dstype_code      varchar(36) not null,
  make             varchar(36) not null,
  model            varchar(36) not null,
  partner_org_name varchar(128),
  approval_status  varchar(36) not null check (approval_status in ('pending_approval', 'approved', 'rejected')),
  is_active        boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  foreign key (dstype_code, dtype_code) references reg_device_sub_type (code, dtyp_code)
);
-- MOSIP's partial unique rule: one live make/model per provider, type and sub-type; rejected
-- and deactivated rows do not count (PMS_AUT_003).
create unique index uk_device_detail_live on device_detail (dprovider_id, dtype_code, dstype_code, make, model)
  where approval_status <> 'rejected' and not (approval_status = 'approved' and not is_active) and not is_deleted;
-- The admin device list: newest first. Partial on live rows, so its count is an index-only scan.
create index device_detail_cr_dtimes on device_detail (cr_dtimes desc, id) where not is_deleted;
create index device_detail_provider on device_detail (dprovider_id);

create table device_detail_sbi (
  device_detail_id varchar(36) not null references device_detail (id),
  sbi_id           varchar(36) not null references secure_biometric_interface (id),
  dprovider_id     varchar(36) not null,
  partner_org_name varchar(128),
  is_active        boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  -- MOSIP's table has no key (its entity uses these two columns); a key stops duplicate mappings.
  primary key (device_detail_id, sbi_id)
);
create index device_detail_sbi_sbi on device_detail_sbi (sbi_id);

create table ftp_chip_detail (
  id                             varchar(36) primary key,
  foundational_trust_provider_id varchar(36) not null references partner (id),
  make                           varchar(36) not null,
  model                          varchar(36) not null,
  certificate_alias              varchar(36),
  partner_org_name               varchar(128),
  approval_status                varchar(36) not null
    check (approval_status in ('pending_cert_upload', 'pending_approval', 'approved', 'rejected')),
  is_active                      boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
create unique index uk_ftp_chip_live on ftp_chip_detail (foundational_trust_provider_id, make, model)
  where approval_status <> 'rejected' and not (approval_status = 'approved' and not is_active) and not is_deleted;
create index ftp_chip_cr_dtimes on ftp_chip_detail (cr_dtimes desc, id);

-- Chip certificates: the CA-signed original and this service's re-signed copy (MOSIP keeps
-- them in keymanager under the chip id as "partner id"). `ftp_chip_detail.certificate_alias`
-- names the current one.
create table ftm_chip_cert_store (
  cert_id            varchar(36) primary key,
  chip_id            varchar(36) not null references ftp_chip_detail (id),
  partner_domain     varchar(36) not null,
  org_name           varchar(128) not null,
  partner_type       varchar(36) not null,
  cert_subject       varchar(1000) not null,
  cert_issuer        varchar(1000) not null,
  issuer_id          varchar(36) not null references ca_cert_store (cert_id),
  cert_thumbprint    varchar(40) not null,
  cert_serial_no     varchar(128) not null,
  cert_not_before    timestamptz not null,
  cert_not_after     timestamptz not null,
  cert_data          text not null,
  signed_cert_data   text not null,
  signed_not_before  timestamptz not null,
  signed_not_after   timestamptz not null,
  signing_key_id     varchar(36) not null,
  chain              text not null,        -- PKCS#7 (base64url) announced by CA_CERTIFICATE_UPLOADED
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now()
);
create index ftm_chip_cert_store_chip on ftm_chip_cert_store (chip_id);
