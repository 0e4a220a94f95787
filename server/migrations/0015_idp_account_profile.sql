-- The embedded identity provider keeps what Keycloak keeps for a MOSIP user besides the login:
-- first and last name, locale, and the realm's user attributes (partnerType, organizationName,
-- addressTest, phoneNumber, …). MOSIP's portal reads them as claims of the access token.
alter table idp_account add column first_name varchar(63);
alter table idp_account add column last_name varchar(63);
alter table idp_account add column locale varchar(16);
alter table idp_account add column attributes jsonb not null default '{}'::jsonb;
