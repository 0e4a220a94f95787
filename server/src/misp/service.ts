import { LICENSE_KEY_LENGTH, hintOf, randomSecret, seal } from '../platform/keys/secrets.js';
import { canChange, isAdmin } from '../platform/auth/access.js';
import { PARTNER_MANAGER_PUBLISHER } from '../partners/index.js';
import { findPartner, type PartnerRow } from '../partners/index.js';
import { policyById } from '../policies/index.js';
import { policyData } from '../policies/index.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { sql, type Sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import type { DataKey } from '../platform/keys/data-key.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { filterValues, legacySearch, toIso, type FilterValueDto, type SearchDto } from '../platform/search/index.js';
import { requestsOf, isApproved } from '../policy-requests/index.js';
import { licenseEntity, licenseEntityView, licenseOf, mispLicenseData, type LicenseRow } from './repository.js';
import type { LicenseAnswer, LicenseCreate, LicenseEntityView, LicenseUpdate } from './schemas.js';
import type { MispSettings } from './settings.js';

/** MOSIP's publisher of license events (docs/events.md). */
export const INFRA_PROVIDER_PUBLISHER: Publisher = {
  name: 'InfraProviderServiceImpl',
  namespace: 'io.mosip.pmp.partner.service.impl.InfraProviderServiceImpl',
};
const ENTITY = 'misp_license';

const ownLicenses = (actor: Actor): Sql[] => (isAdmin(actor) ? [] : [sql`p.user_id = ${actor.userId}`]);

/**
 * Deactivating a MISP partner deactivates its active licenses, each with a
 * MISP_LICENSE_UPDATED event (spec 4.4). Runs inside the partner activation's transaction.
 */
export async function deactivateLicensesOf(q: Queryable, dataKey: DataKey, mispId: string, actor: Actor): Promise<number> {
  const rows = await q.query<LicenseRow>(sql`
    update misp_license set is_active = false, upd_by = ${actor.userId}, upd_dtimes = now()
    where misp_id = ${mispId} and is_active returning *`);
  for (const l of rows) {
    await enqueueEvent(
      q,
      'MISP_LICENSE_UPDATED',
      PARTNER_MANAGER_PUBLISHER,
      { mispLicenseData: mispLicenseData(dataKey, l) },
      { seal: dataKey },
    );
    await recordAudit(q, actor, {
      action: 'misp-license.deactivate',
      entityType: ENTITY,
      entityId: l.id,
      detail: { mispId, reason: 'partner deactivated' },
    });
  }
  return rows.length;
}

export function createMispService(deps: { store: Store; dataKey: DataKey; settings: MispSettings }) {
  const { store, dataKey, settings } = deps;
  const isMisp = (p: PartnerRow) => p.partner_type_code.toLowerCase() === settings.mispPartnerType.toLowerCase();

  /** A caller acting on a partner it may not change is refused before anything is revealed. */
  async function partnerFor(q: Queryable, providerId: string, actor: Actor): Promise<PartnerRow | undefined> {
    const partner = await findPartner(q, providerId);
    if (partner && !canChange(actor, partner)) throw PmsError.of('PMS_PRT_055');
    return partner;
  }

  /** The policy a new license carries: the MISP's requests must all be approved (spec 7). */
  async function licensePolicy(q: Queryable, mispId: string): Promise<string | null> {
    const reqs = await requestsOf(q, mispId);
    if (reqs.length === 0) return null;
    if (!reqs.every((r) => isApproved(r.status_code))) throw PmsError.of('PMS_MSP_418');
    const first = reqs[0]!;
    if (!(await q.one(sql`select 1 from auth_policy where id = ${first.policy_id}`))) throw PmsError.of('PMS_MSP_419');
    return first.policy_id;
  }

  async function policyDataOf(q: Queryable, policyId: string | null) {
    if (!policyId) return undefined;
    const p = await policyById(q, policyId);
    return p ? policyData(p) : undefined;
  }

  const licenseAnswer = (l: LicenseRow, key: string): LicenseAnswer => ({
    providerId: l.misp_id,
    licenseKey: key,
    licenseKeyStatus: 'Active',
    licenseKeyExpiry: toIso(l.valid_to_date),
  });

  /** `POST /misps` (spec 7): the first license of a MISP, checks in MOSIP's order. */
  async function generate(input: LicenseCreate, actor: Actor): Promise<LicenseAnswer> {
    return store.tx(async (q) => {
      const partner = await partnerFor(q, input.providerId, actor);
      if (await licenseOf(q, input.providerId)) throw PmsError.of('PMS_MSP_416');
      if (!partner) throw PmsError.of('PMS_MSP_005');
      if (!isMisp(partner)) throw PmsError.of('PMS_MSP_009');
      if (!partner.is_active) throw PmsError.of('PMS_MSP_405');
      const policyId = await licensePolicy(q, partner.id);
      const key = randomSecret(LICENSE_KEY_LENGTH);
      const sealed = seal(dataKey, key);
      let row: LicenseRow;
      try {
        row = (await q.one<LicenseRow>(sql`
          insert into misp_license (id, misp_id, key_hmac, key_cipher, key_hint, policy_id, valid_from_date, valid_to_date, is_active, cr_by, cr_dtimes)
          values (${newId()}, ${partner.id}, ${sealed.hmac}, ${sealed.cipher}, ${hintOf(key)}, ${policyId}, now(),
                  now() + ${settings.validityDays} * interval '1 day', true, ${actor.userId}, now())
          returning *`)) as LicenseRow;
      } catch (err) {
        if (isUniqueViolation(err, 'uk_misp_license_misp')) throw PmsError.of('PMS_MSP_416');
        throw err;
      }
      const policy = await policyDataOf(q, policyId);
      await enqueueEvent(
        q,
        'MISP_LICENSE_GENERATED',
        INFRA_PROVIDER_PUBLISHER,
        {
          mispLicenseData: mispLicenseData(dataKey, row),
          ...(policy ? { policyData: policy } : {}),
        },
        { seal: dataKey },
      );
      await recordAudit(q, actor, {
        action: 'misp-license.generate',
        entityType: ENTITY,
        entityId: row.id,
        detail: { mispId: partner.id, policyId },
      });
      return licenseAnswer(row, key);
    });
  }

  /** `PUT /misps` (spec 7): activate or deactivate a license the caller names by its key. */
  async function update(input: LicenseUpdate, actor: Actor): Promise<LicenseAnswer> {
    const wanted = input.licenseKeyStatus.toLowerCase();
    if (wanted !== 'active' && wanted !== 'de-active') throw PmsError.of('PMS_MSP_407');
    return store.tx(async (q) => {
      await partnerFor(q, input.providerId, actor);
      const found = await q.one<LicenseRow>(sql`
        select * from misp_license where misp_id = ${input.providerId} and key_hmac = ${dataKey.hmac(input.licenseKey)} for update`);
      if (!found) throw PmsError.of('PMS_MSP_408');
      const row = (await q.one<LicenseRow>(sql`
        update misp_license set is_active = ${wanted === 'active'}, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${found.id} returning *`)) as LicenseRow;
      await enqueueEvent(
        q,
        'MISP_LICENSE_UPDATED',
        INFRA_PROVIDER_PUBLISHER,
        { mispLicenseData: mispLicenseData(dataKey, row) },
        { seal: dataKey },
      );
      await recordAudit(q, actor, {
        action: `misp-license.${wanted === 'active' ? 'activate' : 'deactivate'}`,
        entityType: ENTITY,
        entityId: row.id,
        detail: { mispId: row.misp_id },
      });
      return {
        providerId: row.misp_id,
        licenseKey: input.licenseKey,
        licenseKeyStatus: wanted,
        licenseKeyExpiry: toIso(row.valid_to_date),
      };
    });
  }

  /**
   * `GET /misps/{mispId}/licenseKey` (spec 7, admin roles): the valid license, or a new key in
   * its place. MOSIP fails here whenever the MISP has policy requests (it reads an empty
   * object); the policy is the license's own, or the MISP's first approved request's.
   */
  async function getOrRegenerate(mispId: string, actor: Actor): Promise<LicenseAnswer> {
    return store.tx(async (q) => {
      const partner = await findPartner(q, mispId);
      if (!partner) throw PmsError.of('PMS_MSP_005');
      if (!partner.is_active) throw PmsError.of('PMS_MSP_405');
      const current = await licenseOf(q, mispId, true);
      if (!current) throw PmsError.of('PMS_MSP_408');
      const valid = await q.one(
        sql`select 1 from misp_license where id = ${current.id} and is_active and not is_deleted and valid_to_date > now()`,
      );
      if (valid) return licenseAnswer(current, mispLicenseData(dataKey, current).licenseKey);
      const key = randomSecret(LICENSE_KEY_LENGTH);
      const sealed = seal(dataKey, key);
      const approved = (await requestsOf(q, mispId)).find((r) => isApproved(r.status_code));
      const policyId = current.policy_id ?? approved?.policy_id ?? null;
      // MOSIP's ORM keys licenses on the MISP alone: regeneration replaces the row in place.
      const row = (await q.one<LicenseRow>(sql`
        update misp_license set key_hmac = ${sealed.hmac}, key_cipher = ${sealed.cipher}, key_hint = ${hintOf(key)}, policy_id = ${policyId},
          valid_from_date = now(), valid_to_date = now() + ${settings.validityDays} * interval '1 day', is_active = true, is_deleted = false,
          upd_by = ${actor.userId}, upd_dtimes = now()
        where id = ${current.id} returning *`)) as LicenseRow;
      const policy = await policyDataOf(q, policyId);
      await enqueueEvent(
        q,
        'MISP_LICENSE_UPDATED',
        INFRA_PROVIDER_PUBLISHER,
        {
          mispLicenseData: mispLicenseData(dataKey, row),
          ...(policy ? { policyData: policy } : {}),
        },
        { seal: dataKey },
      );
      await recordAudit(q, actor, { action: 'misp-license.regenerate', entityType: ENTITY, entityId: row.id, detail: { mispId } });
      return licenseAnswer(row, key);
    });
  }

  /** `GET /misps`: admins see every license, a MISP its own (MOSIP returns all to anyone). */
  async function list(actor: Actor): Promise<LicenseEntityView[]> {
    const where = isAdmin(actor) ? sql`true` : sql`p.user_id = ${actor.userId}`;
    const rows = await store.query<LicenseRow>(
      sql`select m.* from misp_license m join partner p on p.id = m.misp_id where ${where} order by m.cr_dtimes, m.id`,
    );
    return rows.map(licenseEntityView);
  }

  const search = (dto: SearchDto, actor: Actor) =>
    legacySearch<LicenseRow, LicenseEntityView>(store, licenseEntity, dto, {
      select: sql`m.*`,
      where: ownLicenses(actor),
      map: licenseEntityView,
    });

  const values = (dto: FilterValueDto, actor: Actor) =>
    filterValues(store, licenseEntity, dto, { code: 'mispId', where: ownLicenses(actor) });

  return { generate, update, getOrRegenerate, list, search, filterValues: values };
}

export type MispService = ReturnType<typeof createMispService>;
