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
/** A user who works as a partner (and so has to register one before anything else). */
export const partnerRoles = (roles: string[]) => roles.filter((r) => r in PARTNER_TYPE_OF_ROLE);
export const isPartnerUser = (roles: string[]) => partnerRoles(roles).length > 0 && !isAdmin(roles) && !isPolicyManager(roles);
