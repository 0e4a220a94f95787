import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';

/** Policy status from the list (draft/activated/deactivated) or the details (DRAFT/PUBLISHED + is_Active). */
export function PolicyStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const s = status.toLowerCase();
  const tone = s === 'activated' ? 'success' : s === 'draft' ? 'warning' : 'danger';
  return <Badge tone={tone}>{t(`policy.status.${s}`, { defaultValue: status })}</Badge>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge tone={active ? 'success' : 'danger'}>{active ? t('common.active') : t('common.inactive')}</Badge>;
}

/** `status` of a policy's detail view (DRAFTED / PUBLISHED + is_Active) in the list vocabulary. */
export const detailStatus = (p: { status: string; is_Active: boolean }) =>
  p.status.toUpperCase().startsWith('DRAFT') ? 'draft' : p.is_Active ? 'activated' : 'deactivated';
