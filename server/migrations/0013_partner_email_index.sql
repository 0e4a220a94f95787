-- Registration checks the caller's and the new partner's e-mail for an exact match; without
-- an index on the column itself each check scanned the whole partner table.
create index partner_email_exact on partner (email_id);
