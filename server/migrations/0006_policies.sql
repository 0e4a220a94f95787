-- Indexes for the legacy policy search, whose text filters compare lower-cased values:
-- prefix searches (`startsWith`, MOSIP's lower(col) like 'x%') and the policyType condition.
create index auth_policy_name_lower on auth_policy (lower(name) text_pattern_ops);
create index auth_policy_type_lower on auth_policy (lower(policy_type), cr_dtimes desc);
create index policy_group_name_lower on policy_group (lower(name) text_pattern_ops);
