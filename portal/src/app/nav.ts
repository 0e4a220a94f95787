import type { IconName } from '../ui/icons.js';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Any of these roles sees the item. */
  roles: string[];
  /** Partner types that need a policy group (only they request policies). */
  section: 'main' | 'policy' | 'admin' | 'partner' | 'auth';
}

const PARTNERS = [
  'AUTH_PARTNER',
  'DEVICE_PROVIDER',
  'FTM_PROVIDER',
  'CREDENTIAL_PARTNER',
  'MISP_PARTNER',
  'ABIS_PARTNER',
  'MANUAL_ADJUDICATION',
  'SDK_PARTNER',
  'PRINT_PARTNER',
  'ONLINE_VERIFICATION_PARTNER',
];

/** Partner roles that upload and list their partners' certificates (MISP partners too: docs/roles.md). */
export const CERTIFICATE_PARTNERS = PARTNERS;

/** Partner roles that request policies (the server's role list for the policy request list). */
export const POLICY_PARTNERS = ['AUTH_PARTNER', 'ABIS_PARTNER', 'SDK_PARTNER', 'CREDENTIAL_PARTNER', 'ONLINE_VERIFICATION_PARTNER'];

/** Partner roles that choose extractors and credential types (the server's role lists for them). */
export const CREDENTIAL_PARTNERS = ['CREDENTIAL_PARTNER', 'ONLINE_VERIFICATION_PARTNER'];

/** The side navigation: one table, filtered by the signed-in user's roles. Labels are message keys. */
export const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: 'dashboard', roles: ['*'], section: 'main' },
  { to: '/certificates', label: 'nav.certificates', icon: 'certificate', roles: CERTIFICATE_PARTNERS, section: 'partner' },
  { to: '/policy-requests', label: 'nav.myPolicies', icon: 'request', roles: POLICY_PARTNERS, section: 'partner' },
  { to: '/sbis', label: 'nav.sbis', icon: 'device', roles: ['DEVICE_PROVIDER'], section: 'partner' },
  { to: '/ftm-chips', label: 'nav.ftmChips', icon: 'chip', roles: ['FTM_PROVIDER'], section: 'partner' },
  { to: '/credentials', label: 'nav.credentials', icon: 'certificate', roles: CREDENTIAL_PARTNERS, section: 'partner' },
  { to: '/misp-licenses', label: 'nav.mispLicense', icon: 'key', roles: ['MISP_PARTNER'], section: 'partner' },
  { to: '/oidc-clients', label: 'nav.oidcClients', icon: 'key', roles: ['AUTH_PARTNER'], section: 'auth' },
  { to: '/api-keys', label: 'nav.apiKeys', icon: 'key', roles: ['AUTH_PARTNER'], section: 'auth' },
  { to: '/policy-groups', label: 'nav.policyGroups', icon: 'groups', roles: ['POLICYMANAGER'], section: 'policy' },
  { to: '/policies/auth', label: 'nav.authPolicies', icon: 'policy', roles: ['POLICYMANAGER'], section: 'policy' },
  { to: '/policies/datashare', label: 'nav.datasharePolicies', icon: 'policy', roles: ['POLICYMANAGER'], section: 'policy' },
  { to: '/admin/partners', label: 'nav.partners', icon: 'partners', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/policy-requests', label: 'nav.policyRequests', icon: 'request', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/trust-store', label: 'nav.trustStore', icon: 'shield', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/oidc-clients', label: 'nav.oidcClients', icon: 'key', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/api-keys', label: 'nav.apiKeys', icon: 'key', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/sbis', label: 'nav.sbis', icon: 'device', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/devices', label: 'nav.devices', icon: 'device', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/ftm-chips', label: 'nav.ftmChips', icon: 'chip', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/misp-licenses', label: 'nav.mispLicenses', icon: 'key', roles: ['PARTNER_ADMIN'], section: 'admin' },
  { to: '/admin/expiring', label: 'nav.expiring', icon: 'certificate', roles: ['PARTNER_ADMIN'], section: 'admin' },
];

export const visibleNav = (roles: string[]) => NAV.filter((n) => n.roles.includes('*') || n.roles.some((r) => roles.includes(r)));
