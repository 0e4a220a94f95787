import { PmsError } from '../platform/errors/pms-error.js';
import { toIso } from '../platform/search/index.js';
import type {
  GroupEntityView,
  GroupResponseView,
  PolicyCreateView,
  PolicyDtoView,
  PolicyFullView,
  PolicyListView,
  PolicySearchView,
} from './answers.js';

/** `policy_group` as the database returns it. */
export interface GroupRow {
  id: string;
  name: string;
  descr: string;
  user_id: string;
  is_active: boolean;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean | null;
  del_dtimes: string | null;
}

/** `auth_policy` joined with its group (`g_*`). */
export interface PolicyRow {
  id: string;
  policy_group_id: string;
  name: string;
  descr: string;
  policy_file_id: string;
  policy_type: string;
  version: string;
  policy_schema: string | null;
  valid_from_date: string;
  valid_to_date: string;
  is_active: boolean;
  cr_by: string;
  cr_dtimes: string;
  upd_by: string | null;
  upd_dtimes: string | null;
  is_deleted: boolean | null;
  del_dtimes: string | null;
  g_name: string;
  g_descr: string;
  g_is_active: boolean;
  g_cr_by: string;
  g_cr_dtimes: string;
  g_upd_by: string | null;
  g_upd_dtimes: string | null;
}

/** Stored policy JSON back to an object; a corrupt row is PMS_POL_052 as in MOSIP. */
export function policyObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw PmsError.of('PMS_POL_052');
}

/** Derived status of the revamp lists (spec 2.8). */
export function derivedStatus(p: Pick<PolicyRow, 'policy_schema' | 'is_active'>): 'draft' | 'activated' | 'deactivated' {
  if (p.policy_schema === null) return 'draft';
  return p.is_active ? 'activated' : 'deactivated';
}

/** The policy group entity as MOSIP serialises it (`PolicyGroup`). */
export function groupEntity(g: GroupRow): GroupEntityView {
  return {
    id: g.id,
    crBy: g.cr_by,
    crDtimes: toIso(g.cr_dtimes),
    delDtimes: toIso(g.del_dtimes),
    desc: g.descr,
    isActive: g.is_active,
    isDeleted: g.is_deleted,
    name: g.name,
    updBy: g.upd_by,
    updDtimes: toIso(g.upd_dtimes),
    userId: g.user_id,
  };
}

/** `PolicyGroupCreateResponseDto`. */
export function groupResponse(g: GroupRow): GroupResponseView {
  return {
    id: g.id,
    name: g.name,
    desc: g.descr,
    is_Active: g.is_active,
    cr_by: g.cr_by,
    cr_dtimes: toIso(g.cr_dtimes),
    up_by: g.upd_by,
    upd_dtimes: toIso(g.upd_dtimes),
  };
}

/** `PolicyCreateResponseDto`. */
export function policyCreateResponse(p: PolicyRow): PolicyCreateView {
  return {
    id: p.id,
    policyGroupName: p.g_name,
    name: p.name,
    desc: p.descr,
    is_Active: p.is_active,
    cr_by: p.cr_by,
    cr_dtimes: toIso(p.cr_dtimes),
    up_by: p.upd_by,
    upd_dtimes: toIso(p.upd_dtimes),
  };
}

const legacyStatus = (p: PolicyRow) => (p.is_active ? 'PUBLISHED' : 'DRAFTED');

/** `PolicyDto` (inside group views). */
export function policyDto(p: PolicyRow): PolicyDtoView {
  return {
    policyId: p.id,
    policyName: p.name,
    policyDesc: p.descr,
    publishDate: toIso(p.valid_from_date),
    validTill: toIso(p.valid_to_date),
    status: legacyStatus(p),
    version: p.version,
    schema: p.policy_schema,
    is_Active: p.is_active,
    cr_by: p.cr_by,
    cr_dtimes: toIso(p.cr_dtimes),
    up_by: p.upd_by,
    upd_dtimes: toIso(p.upd_dtimes),
    policies: policyObject(p.policy_file_id),
  };
}

/** `PolicyResponseDto`, the full policy view (spec 9.8). A deactivated policy shows as DRAFTED, as in MOSIP. */
export function policyView(p: PolicyRow): PolicyFullView {
  return {
    policyGroupId: p.policy_group_id,
    policyGroupName: p.g_name,
    policyGroupDesc: p.g_descr,
    policyGroupStatus: p.g_is_active,
    policyGroup_cr_by: p.g_cr_by,
    policyGroup_cr_dtimes: toIso(p.g_cr_dtimes),
    policyGroup_up_by: p.g_upd_by,
    policyGroup_upd_dtimes: toIso(p.g_upd_dtimes),
    policyId: p.id,
    policyName: p.name,
    policyDesc: p.descr,
    policyType: p.policy_type,
    publishDate: toIso(p.valid_from_date),
    validTill: toIso(p.valid_to_date),
    status: legacyStatus(p),
    version: p.version,
    schema: p.policy_schema,
    is_Active: p.is_active,
    cr_by: p.cr_by,
    cr_dtimes: toIso(p.cr_dtimes),
    up_by: p.upd_by,
    upd_dtimes: toIso(p.upd_dtimes),
    policies: policyObject(p.policy_file_id),
  };
}

/** `SearchAuthPolicy`: the legacy search item, policy JSON as a string. */
export function policySearchItem(p: PolicyRow): PolicySearchView {
  return {
    id: p.id,
    crBy: p.cr_by,
    crDtimes: toIso(p.cr_dtimes),
    delDtimes: toIso(p.del_dtimes),
    desc: p.descr,
    isActive: p.is_active,
    isDeleted: p.is_deleted,
    name: p.name,
    policies: p.policy_file_id,
    updBy: p.upd_by,
    updDtimes: toIso(p.upd_dtimes),
    validFromDate: toIso(p.valid_from_date),
    validToDate: toIso(p.valid_to_date),
    version: p.version,
    policyType: p.policy_type,
    schema: p.policy_schema,
    policyGroupId: p.policy_group_id,
    policyGroupName: p.g_name,
  };
}

/** Item of `GET /policies/v2`. */
export function policyListItem(p: PolicyRow): PolicyListView {
  return {
    policyId: p.id,
    policyName: p.name,
    policyDescription: p.descr,
    policyGroupId: p.policy_group_id,
    policyGroupName: p.g_name,
    status: derivedStatus(p),
    createdDateTime: toIso(p.cr_dtimes),
  };
}

/** `policyData` of MOSIP's POLICY_UPDATED event (docs/events.md). */
export function policyData(p: PolicyRow) {
  return {
    policyId: p.id,
    policy: policyObject(p.policy_file_id),
    policyName: p.name,
    policyStatus: p.is_active ? 'ACTIVE' : 'DEACTIVE',
    policyDescription: p.descr,
    policyCommenceOn: toIso(p.valid_from_date),
    policyExpiresOn: toIso(p.valid_to_date),
  };
}
