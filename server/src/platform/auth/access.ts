import type { Actor } from '../audit.js';

/**
 * Who may see and change which partner. MOSIP's "own data only" guard is inert in its shipped
 * configuration (partners-policies.md 2.1); here it always applies:
 * - a partner user reads and changes only partners whose `user_id` is theirs;
 * - partner admins (and MOSIP's PARTNERMANAGER) read and change every partner;
 * - MOSIP's internal services (IDA, credential issuance …) read any partner — they fetch
 *   partner certificates and details on the platform's behalf — but change none.
 */
export const ADMIN_ROLES: readonly string[] = ['PARTNER_ADMIN', 'PARTNERMANAGER'];
export const SERVICE_READ_ROLES: readonly string[] = [
  'ID_AUTHENTICATION',
  'CREDENTIAL_ISSUANCE',
  'CREATE_SHARE',
  'REGISTRATION_PROCESSOR',
  'RESIDENT',
  'ID_REPOSITORY',
  'partnermanager',
];

export const isAdmin = (actor: Actor): boolean => actor.roles.some((r) => ADMIN_ROLES.includes(r));

export const canReadAny = (actor: Actor): boolean => isAdmin(actor) || actor.roles.some((r) => SERVICE_READ_ROLES.includes(r));

export const owns = (actor: Actor, partner: { user_id: string }): boolean => partner.user_id === actor.userId;

export const canRead = (actor: Actor, partner: { user_id: string }): boolean => canReadAny(actor) || owns(actor, partner);

export const canChange = (actor: Actor, partner: { user_id: string }): boolean => isAdmin(actor) || owns(actor, partner);
