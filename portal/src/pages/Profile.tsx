import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { key } from '../api/queries.js';
import { endpoints } from '../api/endpoints.js';
import { call } from '../api/http.js';
import type { Consent } from '../api/types.js';
import { useMyPartners } from '../app/OnboardingGate.js';
import { isPartnerUser } from '../auth/roles.js';
import { useSession } from '../auth/session.js';
import { useFormat } from '../i18n/format.js';
import { Badge } from '../ui/Badge.js';
import { PageHeader } from '../ui/PageHeader.js';

export function ProfilePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { identity, roles } = useSession();
  const partnerUser = isPartnerUser(roles);
  const partners = useMyPartners(partnerUser);
  const consent = useQuery({ queryKey: key('consent'), queryFn: () => call<Consent>(endpoints.consentGet), enabled: partnerUser });
  return (
    <>
      <PageHeader title={t('nav.profile')} />
      <div className="stack">
        <section className="card">
          <div className="card-header">
            <h2>{t('profile.account')}</h2>
          </div>
          <div className="card-body">
            <dl className="details">
              <dt>{t('profile.user')}</dt>
              <dd>{identity.userId}</dd>
              <dt>{t('partner.email')}</dt>
              <dd>{identity.mail ?? '—'}</dd>
              <dt>{t('profile.roles')}</dt>
              <dd className="row">
                {roles.map((r) => (
                  <Badge key={r} tone="info">
                    {t(`roles.${r}`, { defaultValue: r })}
                  </Badge>
                ))}
              </dd>
              {partnerUser && (
                <>
                  <dt>{t('profile.consent')}</dt>
                  <dd>
                    {consent.data?.consentGiven
                      ? t('profile.consentGiven', { date: fmt.dateTime(consent.data.consentGivenDateTime) })
                      : '—'}
                  </dd>
                </>
              )}
            </dl>
          </div>
        </section>
        {partners.data && partners.data.length > 0 && (
          <section className="card">
            <div className="card-header">
              <h2>{t('profile.partners')}</h2>
            </div>
            <div className="card-body">
              <ul className="partner-list">
                {partners.data.map((p) => (
                  <li key={p.partnerId}>
                    <span>
                      <strong>{p.partnerId}</strong> — {t(`partnerTypes.${p.partnerType}`, { defaultValue: p.partnerType })}
                    </span>
                    <Link
                      className="btn btn-sm"
                      to={`/profile/partners/${encodeURIComponent(p.partnerId)}/edit`}
                      aria-label={t('profile.editOf', { id: p.partnerId })}
                    >
                      {t('profile.edit')}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </section>
        )}
      </div>
    </>
  );
}
