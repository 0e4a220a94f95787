import { POLICY_COLUMNS, POLICY_FROM } from '../../policies/repository.js';
import { policyData, type PolicyRow } from '../../policies/views.js';
import { isAllowedPolicyType, validatePolicyDocument } from '../../policies/validator.js';
import { POLICY_PUBLISHER } from '../../policies/service.js';
import { sql } from '../../platform/db/sql.js';
import { enqueueEvents } from '../../platform/outbox/events.js';
import { PmsError } from '../../platform/errors/pms-error.js';
import type { SourceRow, TableImport, Verdict } from '../types.js';
import { AUDIT, audit, byId, copyTable, requireFields, text, tooLong } from './common.js';

export const policyGroups = copyTable({
  name: 'policy_group',
  columns: { id: 'text', name: 'text', descr: 'text', user_id: 'text', is_active: 'boolean' },
  key: ['id'],
  required: ['id', 'name', 'descr', 'user_id'],
  limits: { name: 128, descr: 256 },
});

/**
 * The policy document is JSON text in `policy_file_id`. Documents are held to the same schema
 * and size rules as a policy created here: a document our API would refuse is refused.
 */
function mapPolicy(r: SourceRow): Verdict {
  const long = tooLong(r, { name: 128, descr: 256, version: 8 });
  if (long) return { reject: long };
  const type = String(r.policy_type);
  if (!isAllowedPolicyType(type)) return { reject: `policy_type ${type} is not one of Auth, DataShare, CredentialIssuance, MISP` };
  let doc: unknown;
  try {
    doc = JSON.parse(String(r.policy_file_id));
  } catch {
    return { reject: 'policy_file_id is not JSON' };
  }
  try {
    validatePolicyDocument(type, doc);
  } catch (err) {
    if (err instanceof PmsError) return { reject: `policy document refused: ${err.code} ${err.message}` };
    throw err;
  }
  return {
    row: {
      id: r.id,
      policy_group_id: text(r.policy_group_id),
      name: r.name,
      descr: r.descr,
      policy_file_id: r.policy_file_id,
      policy_type: type,
      version: r.version,
      policy_schema: text(r.policy_schema),
      valid_from_date: r.valid_from_date,
      valid_to_date: r.valid_to_date,
      is_active: r.is_active === true,
      ...audit(r),
    },
  };
}

export const policies: TableImport = {
  name: 'auth_policy',
  source: {
    db: 'pms',
    table: 'auth_policy',
    key: ['id'],
    columns: [
      'id',
      'policy_group_id',
      'name',
      'descr',
      'policy_file_id',
      'policy_type',
      'version',
      'policy_schema',
      'valid_from_date',
      'valid_to_date',
      'is_active',
    ],
  },
  target: {
    table: 'auth_policy',
    columns: {
      id: 'text',
      policy_group_id: 'text',
      name: 'text',
      descr: 'text',
      policy_file_id: 'text',
      policy_type: 'text',
      version: 'text',
      policy_schema: 'text',
      valid_from_date: 'timestamptz',
      valid_to_date: 'timestamptz',
      is_active: 'boolean',
      ...AUDIT,
    },
    key: ['id'],
    refs: [{ column: 'policy_group_id', table: 'policy_group', key: 'id', what: 'policy group' }],
  },
  idOf: byId,
  map: (r) =>
    requireFields(r, ['id', 'name', 'descr', 'policy_file_id', 'policy_type', 'version', 'valid_from_date', 'valid_to_date'], () =>
      mapPolicy(r),
    ),
  // IDA caches policies: with --emit-events each imported policy is announced as an edit would be.
  async after(q, written, ctx) {
    if (!ctx.emitEvents) return;
    const rows = await policiesById(
      q,
      written.map((w) => String(w.id)),
    );
    await enqueueEvents(
      q,
      rows.map((p) => ({ topic: 'POLICY_UPDATED', publisher: POLICY_PUBLISHER, data: { policyData: policyData(p) } })),
    );
  },
};

export const policiesById = (q: Parameters<NonNullable<TableImport['after']>>[0], ids: string[]) =>
  q.query<PolicyRow>(sql`select ${POLICY_COLUMNS} from ${POLICY_FROM} where p.id = any(${ids}::text[]) order by p.id`);
