import type { Actor } from '../platform/audit.js';
import { type Env, intSetting } from '../platform/config.js';
import { sql, type Sql } from '../platform/db/sql.js';
import type { Queryable } from '../platform/db/store.js';
import type { ErrorCode } from '../platform/errors/catalogue.js';
import { PmsError } from '../platform/errors/pms-error.js';
import { isAdmin } from '../platform/auth/access.js';
import { findPartner, partnersOfUser, type PartnerRow } from '../partners/index.js';

/** Approval states of SBIs, devices and chips (certificates.md 9). */
export const PENDING = 'pending_approval';
export const APPROVED = 'approved';
export const REJECTED = 'rejected';
export const PENDING_CERT_UPLOAD = 'pending_cert_upload';
/** The only status the revamp deactivations accept (case-sensitive, spec 2.8). */
export const DEACTIVATE = 'De-Activate';
/** Legacy approval inputs. */
export const ACTIVATE_INPUT = 'Activate';
export const DEACTIVATE_INPUT = 'De-activate';

/** The derived status the revamp lists show and filter on: "deactivated" is approved but inactive. */
export const derivedStatus = (status: Sql, active: Sql): Sql =>
  sql`(case when ${status} = 'approved' and not ${active} then 'deactivated' else ${status} end)`;

export const derivedStatusOf = (row: { approval_status: string; is_active: boolean }): string =>
  row.approval_status === APPROVED && !row.is_active ? 'deactivated' : row.approval_status;

/** MOSIP trims and collapses inner whitespace of version, make and model before comparing. */
export const normalise = (s: string): string => s.trim().replace(/\s+/g, ' ');

/**
 * The revamp endpoints' "caller's partners" step: a partner user must own at least one partner
 * (PMS_CERTIFICATE_ERROR_002). Partner admins skip it — MOSIP asks even them to own a partner
 * row, which makes the admin views unusable for an admin account with no partner.
 */
export async function callerPartners(q: Queryable, actor: Actor): Promise<PartnerRow[]> {
  const mine = await partnersOfUser(q, actor.userId);
  if (mine.length === 0 && !isAdmin(actor)) throw PmsError.of('PMS_CERTIFICATE_ERROR_002');
  return mine;
}

/**
 * A revamp change by a partner user: the record's provider must be one of the caller's
 * partners (else `notOwned`), and that partner must be active (PMS_PMP_016). Admins pass.
 */
export function checkOwnedAndActive(actor: Actor, mine: PartnerRow[], providerId: string, notOwned: ErrorCode): void {
  if (isAdmin(actor)) return;
  const partner = mine.find((p) => p.id === providerId);
  if (!partner) throw PmsError.of(notOwned);
  if (!partner.is_active) throw PmsError.of('PMS_PMP_016');
}

/** SQL condition: `column` names one of the caller's partners, unless the caller is an admin. */
export function ownedBy(actor: Actor, column: Sql): Sql | undefined {
  if (isAdmin(actor)) return undefined;
  return sql`${column} in (select id from partner where user_id = ${actor.userId})`;
}

/** Legacy (v1) writes: MOSIP has no ownership check; here a partner user changes only their own partners' records. */
export function checkCanChange(actor: Actor, partner: { user_id: string }): void {
  if (!isAdmin(actor) && partner.user_id !== actor.userId) throw PmsError.of('PMS_PRT_055');
}

/**
 * `checkCanChange` for a record that names its provider: a record whose provider cannot be
 * found belongs to nobody the caller is, so only an admin may touch it.
 */
export async function checkProviderChange(q: Queryable, actor: Actor, providerId: string): Promise<void> {
  if (isAdmin(actor)) return;
  const partner = await findPartner(q, providerId);
  if (!partner) throw PmsError.of('PMS_PRT_055');
  checkCanChange(actor, partner);
}

export const startOfUtcDay = (d: Date): number => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/** Device-area settings: MOSIP's `mosip.pms.expiry.date.max.year` and `mosip.pms.created.date.max.year`. */
export interface DeviceSettings {
  sbiExpiryMaxYears: number;
  sbiCreatedMaxYears: number;
}

export function deviceSettings(env: Env = process.env): DeviceSettings {
  return {
    sbiExpiryMaxYears: intSetting(env, 'PMS_SBI_EXPIRY_MAX_YEARS'),
    sbiCreatedMaxYears: intSetting(env, 'PMS_SBI_CREATED_MAX_YEARS'),
  };
}
