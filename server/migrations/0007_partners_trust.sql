-- Partners and the trust store. MOSIP keeps CA and partner certificates in keymanager
-- (ca_cert_store, partner_cert_store, key_alias/key_store); here they live beside the partner.

-- MOSIP's seed partner types (db_scripts/mosip_pms/dml/pms-partner_type.csv). Idempotent, so a
-- seed elsewhere (policy area) and this one agree.
insert into partner_type (code, partner_description, is_policy_required, is_active, cr_by) values
  ('Auth_Partner', 'Auth Partner', true, true, 'superadmin'),
  ('Device_Provider', 'Device Provider', false, true, 'superadmin'),
  ('Credential_Partner', 'Credential Partner', true, true, 'superadmin'),
  ('Partner_Admin', 'Partner Admin', false, true, 'superadmin'),
  ('FTM_Provider', 'FTM Provider', false, true, 'superadmin'),
  ('Online_Verification_Partner', 'Online_Verification_Partner', true, true, 'superadmin'),
  ('ABIS_Partner', 'ABIS Partner', true, true, 'superadmin'),
  ('Manual_Adjudication', 'Manual Adjudication', true, true, 'superadmin'),
  ('MISP_Partner', 'MISP_Partner', false, true, 'superadmin'),
  ('Internal_Partner', 'Used internally to share certs', true, true, 'superadmin'),
  ('SDK_Partner', 'SDK Partner', false, true, 'superadmin'),
  ('Print_Partner', 'Print Partner', true, true, 'superadmin'),
  ('Binding_Partner', 'Binding Partner', true, true, 'superadmin')
on conflict (code) do nothing;

-- Registration races: e-mail uniqueness is a rule (PMS_PRT_011), so the database enforces it
-- too. MOSIP's seed partners share info@mosip.io, so only new rows are held to it: rows that
-- exist when this runs keep their addresses and are excluded by id.
create table partner_email_claim (
  email_id   varchar(254) primary key,
  partner_id varchar(36) not null references partner (id)
);
insert into partner_email_claim (email_id, partner_id)
  select distinct on (email_id) email_id, id from partner where email_id is not null order by email_id, cr_dtimes;

-- Case-insensitive lookups the admin list and legacy search filter on.
create index partner_name_lower on partner (lower(name));
create index partner_email_lower on partner (lower(email_id));
create index partner_cr_dtimes on partner (cr_dtimes, id);
create index partner_h_partner on partner_h (partner_id);

-- CA roots and intermediates per partner domain (keymanager ca_cert_store).
create table ca_cert_store (
  cert_id          varchar(36) primary key,
  partner_domain   varchar(36) not null,
  ca_cert_type     varchar(16) not null check (ca_cert_type in ('ROOT', 'INTERMEDIATE')),
  cert_subject     varchar(1000) not null,
  cert_issuer      varchar(1000) not null,
  issuer_id        varchar(36) references ca_cert_store (cert_id),
  cert_thumbprint  varchar(40) not null,   -- SHA-1, hex: MOSIP's displayed thumbprint
  cert_fingerprint varchar(64) not null,   -- SHA-256, hex: identity for duplicates
  cert_serial_no   varchar(128) not null,
  cert_not_before  timestamptz not null,
  cert_not_after   timestamptz not null,
  cert_data        text not null,          -- PEM
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz,
  constraint uk_ca_cert_domain_fingerprint unique (partner_domain, cert_fingerprint)
);
create index ca_cert_store_domain on ca_cert_store (partner_domain, ca_cert_type);

-- Partner certificates: the CA-signed original and this service's re-signed copy
-- (keymanager partner_cert_store). `partner.certificate_alias` names the current one.
create table partner_cert_store (
  cert_id            varchar(36) primary key,
  partner_id         varchar(36) not null references partner (id),
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
  cert_data          text not null,        -- original (CA-signed) PEM
  signed_cert_data   text not null,        -- re-signed by this service, PEM
  signed_subject_cn  varchar(500),
  signed_not_before  timestamptz not null,
  signed_not_after   timestamptz not null,
  signing_key_id     varchar(36) not null,
  signed_chain       text not null,        -- PKCS#7 (base64url) sent to consumers via CA_CERTIFICATE_UPLOADED
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz,
  is_deleted boolean not null default false, del_dtimes timestamptz
);
create index partner_cert_store_partner on partner_cert_store (partner_id);

-- This service's own signing keys (keymanager key_alias + key_store): a ROOT key and, per
-- partner domain, a PMS key issued by it. The private key is sealed with the data key
-- (AES-256-GCM) and never leaves the service.
create table signing_key (
  id                 varchar(36) primary key,
  application_id     varchar(36) not null check (application_id in ('ROOT', 'PMS')),
  reference_id       varchar(36) not null default '',
  private_key_cipher text not null,
  certificate        text not null,        -- PEM
  not_before         timestamptz not null,
  not_after          timestamptz not null,
  is_active          boolean not null,
  cr_by varchar(256) not null, cr_dtimes timestamptz not null default now(),
  upd_by varchar(256), upd_dtimes timestamptz
);
-- Several instances starting together: exactly one active key per purpose wins.
create unique index uk_signing_key_active on signing_key (application_id, reference_id) where is_active;
