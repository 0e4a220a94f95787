/** Roles the portal knows (realm roles in the token). */
export type Role =
  | 'PARTNER_ADMIN'
  | 'PARTNERMANAGER'
  | 'POLICYMANAGER'
  | 'AUTH_PARTNER'
  | 'DEVICE_PROVIDER'
  | 'FTM_PROVIDER'
  | 'CREDENTIAL_PARTNER'
  | 'MISP_PARTNER'
  | 'ABIS_PARTNER'
  | 'MANUAL_ADJUDICATION'
  | 'SDK_PARTNER'
  | 'PRINT_PARTNER'
  | 'ONLINE_VERIFICATION_PARTNER';

/** Which partner type a partner role registers as (MOSIP's revamped portal derives it the same way). */
export const PARTNER_TYPE_OF_ROLE: Partial<Record<Role, string>> = {
  PARTNER_ADMIN: 'Partner_Admin',
  AUTH_PARTNER: 'Auth_Partner',
  DEVICE_PROVIDER: 'Device_Provider',
  FTM_PROVIDER: 'FTM_Provider',
  CREDENTIAL_PARTNER: 'Credential_Partner',
  MISP_PARTNER: 'MISP_Partner',
  ABIS_PARTNER: 'ABIS_Partner',
  MANUAL_ADJUDICATION: 'Manual_Adjudication',
  SDK_PARTNER: 'SDK_Partner',
  PRINT_PARTNER: 'Print_Partner',
  ONLINE_VERIFICATION_PARTNER: 'Online_Verification_Partner',
};

/** "A,B," → ['A', 'B'] */
export const parseRoles = (role: string): string[] =>
  role
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);

export const isAdmin = (roles: string[]) => roles.includes('PARTNER_ADMIN');
export const isPolicyManager = (roles: string[]) => roles.includes('POLICYMANAGER');
export const partnerRoles = (roles: string[]) => roles.filter((r) => r in PARTNER_TYPE_OF_ROLE);
/**
 * A user who has to register an organisation before anything else: every partner, and partner
 * admins too — MOSIP's portal registers them as Partner_Admin at first login, and the server
 * shows a partner's details only to an admin who owns a partner (docs/mosip-compatibility.md).
 * A policy manager who is not an admin does not register.
 */
export const isPartnerUser = (roles: string[]) => partnerRoles(roles).length > 0 && (isAdmin(roles) || !isPolicyManager(roles));
