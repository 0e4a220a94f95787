import { EMAIL_REGEX, logoUrlProblem, PARTNER_ID_MAX, phoneProblem } from '@pms/rules/partners';
import type { PartnerView } from './answers.js';
import { recordAudit, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import { isUniqueViolation, type Queryable, type Store } from '../platform/db/store.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { newId } from '../platform/ids.js';
import { canChange, canRead } from '../platform/auth/access.js';
import {
  findPartner,
  findPartnerType,
  findPolicyGroup,
  findPolicyGroupByName,
  lockPartner,
  requireOwnPartner,
  writeHistory,
  type PartnerRow,
} from './repository.js';
import type { ContactInput, RegisterInput, UpdateInput } from './schemas.js';
import type { PartnerSettings } from './settings.js';

export const MOBILE_MAX = 16;

/** MOSIP's length check first (PMS_PRT_013), then ours: the number's characters and an https logo. */
function checkContact(input: { contactNumber: string; logoUrl?: string | null }): void {
  if (input.contactNumber.length > MOBILE_MAX) throw PmsError.of('PMS_PRT_013', MOBILE_MAX);
  const phone = phoneProblem(input.contactNumber);
  if (phone) throw PmsError.of('PMS_COR_001', phone, 'request.contactNumber');
  const logo = logoUrlProblem(input.logoUrl);
  if (logo) throw PmsError.of('PMS_COR_001', logo, 'request.logoUrl');
}

const validEmail = (email: string) => EMAIL_REGEX.test(email);

/** `additionalInfo` as stored (JSON text, "[]" when absent); a string must itself be JSON. */
function additionalInfoText(value: unknown): string {
  if (value === undefined || value === null) return '[]';
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
      return value;
    } catch {
      throw PmsError.of('PMS_PRT_096');
    }
  }
  return JSON.stringify(value);
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export type { PartnerView };

export const legacyStatus = (p: PartnerRow): 'active' | 'De-active' => (p.is_active ? 'active' : 'De-active');

export function partnerView(p: PartnerRow): PartnerView {
  return {
    partnerID: p.id,
    status: legacyStatus(p),
    organizationName: p.name,
    contactNumber: p.contact_no,
    emailId: p.email_id,
    address: p.address,
    partnerType: p.partner_type_code,
  };
}

export const partnerViewV2 = (p: PartnerRow) => ({ ...partnerView(p), logoUrl: p.logo_url, additionalInfo: parseJson(p.addl_info) });

export function createPartnerService(deps: { store: Store; settings: PartnerSettings }) {
  const { store, settings } = deps;

  /** Loads a partner the caller may change: PMS_PRT_005 when unknown, PMS_PRT_055 when not theirs. */
  async function ownedForChange(q: Queryable, partnerId: string, actor: Actor, lock = false): Promise<PartnerRow> {
    const p = lock ? await lockPartner(q, partnerId) : await findPartner(q, partnerId);
    if (!p) throw PmsError.of('PMS_PRT_005');
    if (!canChange(actor, p)) throw PmsError.of('PMS_PRT_055');
    return p;
  }

  /** Registration checks in MOSIP's order (spec 4.2); first failure wins. */
  async function register(input: RegisterInput, actor: Actor & { email?: string }) {
    if (actor.email !== undefined) {
      if (!validEmail(actor.email)) throw PmsError.of('PMS_PRT_012');
      const taken = await store.one(sql`select 1 from partner where email_id = ${actor.email} limit 1`);
      if (taken) throw PmsError.of('PMS_PRT_055');
    }
    checkContact(input);
    if (!validEmail(input.emailId)) throw PmsError.of('PMS_PRT_012');
    if (/\s/.test(input.partnerId)) throw PmsError.of('PMS_PRT_066', PARTNER_ID_MAX);
    if (input.partnerId.length > PARTNER_ID_MAX) throw PmsError.of('PMS_PRT_052', PARTNER_ID_MAX);
    if (await store.one(sql`select 1 from partner where email_id = ${input.emailId} limit 1`)) throw PmsError.of('PMS_PRT_011');
    if (input.langCode && !settings.languages.includes(input.langCode)) throw PmsError.of('PMS_PRT_056');
    if (await findPartner(store, input.partnerId)) throw PmsError.of('PMS_PRT_051');
    const addlInfo = additionalInfoText(input.additionalInfo);
    const type = await findPartnerType(store, input.partnerType);
    if (!type) throw PmsError.of('PMS_PRT_010');
    const groupName = input.policyGroup?.trim() ?? '';
    if (type.is_policy_required && groupName === '') throw PmsError.of('PMS_PRT_108', type.code);
    let groupId: string | null = null;
    if (groupName !== '') {
      const group = await findPolicyGroupByName(store, groupName);
      if (!group) throw PmsError.of('PMS_PRT_002');
      if (!group.is_active) throw PmsError.of('PMS_PMP_023');
      groupId = group.id;
    }
    try {
      await store.tx(async (q) => {
        await q.exec(sql`
          insert into partner (id, policy_group_id, name, address, contact_no, email_id, user_id, partner_type_code,
            approval_status, is_active, lang_code, logo_url, addl_info, cr_by)
          values (${input.partnerId}, ${groupId}, ${input.organizationName}, ${input.address}, ${input.contactNumber}, ${input.emailId},
            ${actor.userId}, ${type.code}, 'InProgress', false, ${settings.languages[0] ?? null}, ${input.logoUrl ?? null}, ${addlInfo}, ${actor.userId})`);
        // The e-mail claim makes two racing registrations with one address end with one winner.
        await q.exec(sql`insert into partner_email_claim (email_id, partner_id) values (${input.emailId}, ${input.partnerId})`);
        await writeHistory(q, input.partnerId, newId());
        await recordAudit(q, actor, {
          action: 'partner.register',
          entityType: 'partner',
          entityId: input.partnerId,
          detail: { partnerType: type.code, policyGroupId: groupId },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'partner_pkey')) throw PmsError.of('PMS_PRT_051');
      if (isUniqueViolation(err, 'partner_email_claim_pkey')) throw PmsError.of('PMS_PRT_011');
      throw err;
    }
    return { partnerId: input.partnerId, status: 'InProgress' };
  }

  async function verifyEmail(emailId: string) {
    if (!validEmail(emailId)) throw PmsError.of('PMS_PRT_012');
    const exists = await store.one(sql`select 1 from partner where email_id = ${emailId} limit 1`);
    const types = await store.query<{ code: string }>(
      sql`select code from partner_type where is_policy_required and is_active order by cr_dtimes, code`,
    );
    return { emailExists: Boolean(exists), policyRequiredPartnerTypes: types.map((t) => t.code.toUpperCase()) };
  }

  async function getPartner(partnerId: string, actor: Actor) {
    const p = await findPartner(store, partnerId);
    if (!p) throw PmsError.of('PMS_PRT_005');
    if (!canRead(actor, p)) throw PmsError.of('PMS_PRT_055');
    let policyGroup: string | null = null;
    if (p.policy_group_id) {
      const g = await findPolicyGroup(store, p.policy_group_id);
      if (!g) throw PmsError.of('PMS_PRT_002');
      policyGroup = g.name;
    }
    // logoUrl is ours (MOSIP's answer has none): the portal's profile form shows the current logo.
    return { ...partnerView(p), policyGroup, isActive: p.is_active, logoUrl: p.logo_url };
  }

  /**
   * Profile update. v1 sends address and contact only; v2 may add logo and additional info.
   * Fields the caller did not send keep their value (MOSIP's v1 clears logo and info).
   */
  async function update(partnerId: string, input: UpdateInput, actor: Actor) {
    checkContact(input);
    return store.tx(async (q) => {
      const p = await ownedForChange(q, partnerId, actor, true);
      const logo = input.logoUrl === undefined ? p.logo_url : input.logoUrl;
      const info = input.additionalInfo === undefined ? p.addl_info : additionalInfoText(input.additionalInfo);
      await q.exec(sql`
        update partner set address = ${input.address}, contact_no = ${input.contactNumber}, logo_url = ${logo}, addl_info = ${info},
          upd_by = ${actor.userId}, upd_dtimes = now()
        where id = ${partnerId}`);
      await writeHistory(q, partnerId, newId());
      await recordAudit(q, actor, {
        action: 'partner.update',
        entityType: 'partner',
        entityId: partnerId,
        detail: { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined) },
      });
      return { partnerId, status: p.approval_status };
    });
  }

  async function addContact(partnerId: string, input: ContactInput, actor: Actor): Promise<string> {
    if (!validEmail(input.emailId)) throw PmsError.of('PMS_PRT_012');
    checkContact(input);
    try {
      return await store.tx(async (q) => {
        const p = await ownedForChange(q, partnerId, actor, true);
        const existing = await q.one<{ id: string }>(
          sql`select id from partner_contact where partner_id = ${partnerId} and email_id = ${input.emailId}`,
        );
        if (existing) {
          await q.exec(sql`
            update partner_contact set address = ${input.address}, contact_no = ${input.contactNumber}, is_active = ${input.is_Active},
              upd_by = ${actor.userId}, upd_dtimes = now()
            where id = ${existing.id}`);
          await recordAudit(q, actor, {
            action: 'partner.contact.update',
            entityType: 'partner',
            entityId: partnerId,
            detail: { contactId: existing.id },
          });
          return 'Contacts details updated successfully.';
        }
        if (!p.is_active) throw PmsError.of('PMS_PMP_016');
        const id = newId();
        await q.exec(sql`
          insert into partner_contact (id, partner_id, contact_no, email_id, address, is_active, cr_by)
          values (${id}, ${partnerId}, ${input.contactNumber}, ${input.emailId}, ${input.address}, ${input.is_Active}, ${actor.userId})`);
        await recordAudit(q, actor, {
          action: 'partner.contact.add',
          entityType: 'partner',
          entityId: partnerId,
          detail: { contactId: id },
        });
        return 'Contacts details added successfully.';
      });
    } catch (err) {
      // MOSIP answers a generic error here; name the field instead.
      if (isUniqueViolation(err, 'uk_partner_contact_no'))
        throw PmsError.of('PMS_COR_002', 'contactNumber is already a contact of this partner');
      if (isUniqueViolation(err, 'uk_partner_contact_email'))
        throw PmsError.of('PMS_COR_002', 'emailId is already a contact of this partner');
      throw err;
    }
  }

  async function assignPolicyGroup(partnerId: string, groupName: string, actor: Actor): Promise<string> {
    return store.tx(async (q) => {
      const p = await ownedForChange(q, partnerId, actor, true);
      if (p.is_active) throw PmsError.of('PMS_PRT_050');
      const type = await findPartnerType(q, p.partner_type_code);
      if (!type?.is_policy_required) throw PmsError.of('PMS_PRT_048');
      const group = await findPolicyGroupByName(q, groupName);
      if (!group) throw PmsError.of('PMS_PRT_002');
      if (!group.is_active) throw PmsError.of('PMS_PMP_023');
      await q.exec(
        sql`update partner set policy_group_id = ${group.id}, upd_by = ${actor.userId}, upd_dtimes = now() where id = ${partnerId}`,
      );
      await recordAudit(q, actor, {
        action: 'partner.policy-group.assign',
        entityType: 'partner',
        entityId: partnerId,
        detail: { policyGroupId: group.id },
      });
      return 'Success';
    });
  }

  /** `GET /partners/v3`: the caller's own partners (admins included, as in MOSIP). */
  async function partnersV3(query: { status: string; policyGroupAvailable?: boolean; partnerType?: string }, actor: Actor) {
    const mine = await requireOwnPartner(store, actor.userId);
    const picked = mine.filter(
      (p) =>
        p.approval_status === query.status &&
        (query.partnerType === undefined || p.partner_type_code === query.partnerType) &&
        (query.policyGroupAvailable === undefined || (p.policy_group_id !== null) === query.policyGroupAvailable),
    );
    const out = [];
    for (const p of picked) {
      const item = {
        partnerId: p.id,
        partnerType: p.partner_type_code,
        policyGroupId: null as string | null,
        policyGroupName: null as string | null,
        policyGroupDescription: null as string | null,
      };
      if (query.policyGroupAvailable === true && p.policy_group_id) {
        const g = await findPolicyGroup(store, p.policy_group_id);
        if (!g) throw PmsError.of('PMS_POLICY_ERROR_001');
        Object.assign(item, { policyGroupId: g.id, policyGroupName: g.name, policyGroupDescription: g.descr });
      }
      out.push(item);
    }
    return out;
  }

  return { register, verifyEmail, getPartner, update, addContact, assignPolicyGroup, partnersV3 };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
