import { sql } from '../platform/db/sql.js';
import { defineEntity } from '../platform/search/index.js';

/** Derived key status: MOSIP's activated / deactivated, and ours, expired, past the validity. */
export const keyStatusSql = sql`case when not k.is_active then 'deactivated' when k.valid_to_datetime < now() then 'expired' else 'activated' end`;

/** `/partner-api-keys`: sort aliases (spec 6.4); group fields are the policy's group's. */
export const keyList = defineEntity({
  from: sql`partner_policy k join partner p on p.id = k.part_id join auth_policy a on a.id = k.policy_id
    left join policy_group g on g.id = a.policy_group_id`,
  key: 'k.id',
  fields: {
    partnerId: { column: 'p.id', type: 'string' },
    apiKeyLabel: { column: 'k.label', type: 'string' },
    orgName: { column: 'p.name', type: 'string' },
    policyName: { column: 'a.name', type: 'string' },
    policyGroupName: { column: 'g.name', type: 'string' },
    // MOSIP sorts status by is_active in the opposite direction to the one asked for.
    status: { column: 'k.is_active', type: 'boolean', invertSort: true },
    createdDateTime: { column: 'k.cr_dtimes', type: 'timestamp' },
  },
});

/**
 * Legacy `POST /partners/apikey/search` over `PartnerPolicy`. The key value is neither a field
 * nor in the items; `partnerName` and `policyName` are joined columns (MOSIP resolves them
 * outside its query).
 */
export const keyEntity = defineEntity({
  from: sql`partner_policy k join partner p on p.id = k.part_id join auth_policy a on a.id = k.policy_id`,
  key: 'k.id',
  deleted: 'k.is_deleted',
  fields: {
    label: { column: 'k.label', type: 'string' },
    partnerId: { column: 'k.part_id', type: 'string' },
    partnerName: { column: 'p.name', type: 'string' },
    policyId: { column: 'k.policy_id', type: 'string' },
    policyName: { column: 'a.name', type: 'string' },
    validFromDatetime: { column: 'k.valid_from_datetime', type: 'timestamp' },
    validToDatetime: { column: 'k.valid_to_datetime', type: 'timestamp' },
    isActive: { column: 'k.is_active', type: 'boolean' },
    isDeleted: { column: 'k.is_deleted', type: 'boolean' },
    crBy: { column: 'k.cr_by', type: 'string' },
    crDtimes: { column: 'k.cr_dtimes', type: 'timestamp' },
    updBy: { column: 'k.upd_by', type: 'string' },
    updDtimes: { column: 'k.upd_dtimes', type: 'timestamp' },
    delDtimes: { column: 'k.del_dtimes', type: 'timestamp' },
  },
});
