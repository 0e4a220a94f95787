-- "Contains" filters (lower(col) like '%text%') of the lists and legacy searches: trigram
-- indexes let them skip a scan of the whole table. pg_trgm is a trusted extension
-- (PostgreSQL 13+): a database owner may create it; PGlite loads it from its contrib bundle.
create extension if not exists pg_trgm;

create index partner_name_trgm on partner using gin (lower(name) gin_trgm_ops);
create index partner_id_trgm on partner using gin (lower(id) gin_trgm_ops);
create index partner_email_trgm on partner using gin (lower(email_id) gin_trgm_ops);
create index auth_policy_name_trgm on auth_policy using gin (lower(name) gin_trgm_ops);
create index policy_group_name_trgm on policy_group using gin (lower(name) gin_trgm_ops);
