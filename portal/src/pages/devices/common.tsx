import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';

/** Approval states of SBIs and devices (pending_approval, approved, rejected, …). */
export function ApprovalBadge({ status, isActive }: { status: string; isActive?: boolean }) {
  const { t } = useTranslation();
  const s = status.toLowerCase();
  if (s === 'approved' && isActive === false) return <Badge tone="danger">{t('common.inactive')}</Badge>;
  const tone = s === 'approved' ? 'success' : s === 'rejected' || s === 'deactivated' ? 'danger' : 'warning';
  return <Badge tone={tone}>{t(`device.status.${s}`, { defaultValue: status })}</Badge>;
}

/**
 * Device types and sub-types MOSIP seeds (reg_device_type / reg_device_sub_type). The server
 * checks the pair; a deployment with other types gets the server's message next to the field.
 */
export const DEVICE_TYPES: Record<string, string[]> = {
  Finger: ['Slap', 'Single', 'Touchless'],
  Iris: ['Single', 'Double'],
  Face: ['Full face'],
};

/** `datetime-local` input value → MOSIP's LocalDateTime text (UTC, milliseconds, Z). */
export const toMosipDateTime = (local: string) => (local ? new Date(local).toISOString() : '');
