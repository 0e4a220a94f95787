-- eSignet's per-client settings (v3 `additionalConfig`) and the userinfo encryption key a JWE
-- client needs. Both null for clients without them (MOSIP's shape).
alter table oidc_client add column additional_config jsonb;
alter table oidc_client add column enc_public_key text;
