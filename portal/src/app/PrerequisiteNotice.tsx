import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../ui/icons.js';
import type { Action, Blocker, Eligibility } from './prerequisites.js';

/** Where a partner goes to remove a blocker; none when only the administrator can. */
export const FIX_LINK: Partial<Record<Blocker, string>> = {
  noCertificate: '/certificates',
  noApprovedPolicy: '/policy-requests',
};

/** One line per waiting partner: what is missing and where to fix it. */
export function BlockerText({ partnerId, blocker }: { partnerId: string; blocker: Blocker }) {
  const { t } = useTranslation();
  const to = FIX_LINK[blocker];
  return (
    <span>
      {t(`prereq.${blocker}`, { id: partnerId })}
      {to && (
        <>
          {' '}
          <Link to={to}>{t(`prereq.fix.${blocker}`)}</Link>
        </>
      )}
    </span>
  );
}

/**
 * Shown in a form when no partner qualifies for the action, or some do not yet: the same rules
 * that filter the partner choice explain it.
 */
export function PrerequisiteNotice({ action, eligibility }: { action: Action; eligibility: Eligibility }) {
  const { t } = useTranslation();
  const { eligible, waiting } = eligibility;
  if (eligible.length > 0 && waiting.length === 0) return null;
  return (
    <div className={eligible.length === 0 ? 'alert alert-warning' : 'alert alert-info'} role="note" data-testid="prerequisites">
      <Icon name="alert" />
      <div className="stack" style={{ gap: '0.25rem' }}>
        {eligible.length === 0 && <strong>{t('prereq.noneEligible', { action: t(`prereq.action.${action}`) })}</strong>}
        {waiting.length === 0 && <span>{t(`prereq.noPartnerOfType.${action}`)}</span>}
        {waiting.map((w) => (
          <BlockerText key={w.partner.partnerId} partnerId={w.partner.partnerId} blocker={w.blocker} />
        ))}
      </div>
    </div>
  );
}
