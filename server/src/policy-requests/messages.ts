/**
 * Texts MOSIP's partner-manager service gives codes whose catalogue text is the partner
 * service's (same code, two messages in MOSIP's two ErrorCode enums).
 */
export const MANAGER_POLICY_NOT_ACTIVE = 'Partner policy is not active.'; // PMS_PMP_019
export const MANAGER_POLICY_EXPIRED = 'Partner policy got expired.'; // PMS_PMP_018
export const APPROVED_MESSAGE = 'Policy mapping approved successfully';
export const REJECTED_MESSAGE = 'Policy mapping rejected successfully';
export const SUBMITTED_MESSAGE = 'Policy mapping request submitted successfully.';
