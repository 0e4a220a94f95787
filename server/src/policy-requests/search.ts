import { sql } from '../platform/db/sql.js';
import { defineEntity } from '../platform/search/index.js';

/** `/partner-policy-requests`: its sort aliases (spec 5.4); group fields are the partner's group's. */
export const requestList = defineEntity({
  from: sql`partner_policy_request r join partner p on p.id = r.part_id
    left join auth_policy a on a.id = r.policy_id left join policy_group g on g.id = p.policy_group_id`,
  key: 'r.id',
  fields: {
    partnerId: { column: 'p.id', type: 'string' },
    partnerType: { column: 'p.partner_type_code', type: 'string' },
    orgName: { column: 'p.name', type: 'string' },
    policyId: { column: 'r.policy_id', type: 'string' },
    policyGroupName: { column: 'g.name', type: 'string' },
    policyName: { column: 'a.name', type: 'string' },
    status: { column: 'r.status_code', type: 'string' },
    requestDetail: { column: 'r.request_detail', type: 'string' },
    createdDateTime: { column: 'r.cr_dtimes', type: 'timestamp' },
  },
});

/**
 * Legacy `POST /partners/apikey/request/search` and `/filtervalues` over the
 * `PartnerPolicyRequest` entity, with MOSIP's extra columns: `apikeyRequestId` (the id),
 * `partnerName` and `policyName` (MOSIP resolves those two outside the query; here they are
 * joined columns).
 */
export const requestEntity = defineEntity({
  from: sql`partner_policy_request r join partner p on p.id = r.part_id left join auth_policy a on a.id = r.policy_id`,
  key: 'r.id',
  deleted: 'r.is_deleted',
  fields: {
    id: { column: 'r.id', type: 'string' },
    apikeyRequestId: { column: 'r.id', type: 'string' },
    partnerId: { column: 'r.part_id', type: 'string' },
    partnerName: { column: 'p.name', type: 'string' },
    policyId: { column: 'r.policy_id', type: 'string' },
    policyName: { column: 'a.name', type: 'string' },
    requestDatetimes: { column: 'r.request_datetimes', type: 'timestamp' },
    requestDetail: { column: 'r.request_detail', type: 'string' },
    statusCode: { column: 'r.status_code', type: 'string' },
    crBy: { column: 'r.cr_by', type: 'string' },
    crDtimes: { column: 'r.cr_dtimes', type: 'timestamp' },
    updBy: { column: 'r.upd_by', type: 'string' },
    updDtimes: { column: 'r.upd_dtimes', type: 'timestamp' },
    isDeleted: { column: 'r.is_deleted', type: 'boolean' },
    delDtimes: { column: 'r.del_dtimes', type: 'timestamp' },
  },
});
