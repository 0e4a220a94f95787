import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { endpoints } from '../api/endpoints.js';
import { call, type Query } from '../api/http.js';
import type { LegacyPage, Page, PolicyGroup } from '../api/types.js';
import { useMyPartners } from '../app/OnboardingGate.js';
import { useSession } from '../auth/session.js';
import { useFormat } from '../i18n/format.js';
import { Icon, type IconName } from '../ui/icons.js';
import { PageHeader } from '../ui/PageHeader.js';

function StatCard({ to, icon, label, value, note }: { to: string; icon: IconName; label: string; value: ReactNode; note?: string }) {
  return (
    <Link className="card stat-card" to={to}>
      <span className="row muted">
        <Icon name={icon} />
        <span className="stat-label">{label}</span>
      </span>
      <span className="stat-value">{value}</span>
      {note && <span className="muted">{note}</span>}
    </Link>
  );
}

/** The size of a paged list under some filters: one row fetched, the total read. */
function useCount(key: string, ep: typeof endpoints.adminPartners | typeof endpoints.policies | typeof endpoints.trustCertificates | typeof endpoints.policyRequests | typeof endpoints.ftmAdminList, query: Query, enabled = true) {
  return useQuery({ queryKey: ['count', key, query], queryFn: async () => (await call<Page<unknown>>(ep, { query: { ...query, pageNo: 0, pageSize: 1 } })).totalResults, enabled });
}

function AdminCards() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = (v: number | undefined) => (v === undefined ? '…' : fmt.number(v));
  const partners = useCount('partners', endpoints.adminPartners, {});
  const noCert = useCount('partners-nocert', endpoints.adminPartners, { certificateUploadStatus: 'not_uploaded' });
  const inactive = useCount('partners-inactive', endpoints.adminPartners, { isActive: false });
  const roots = useCount('trust', endpoints.trustCertificates, {});
  const requests = useCount('requests', endpoints.policyRequests, { status: 'InProgress' });
  const chips = useCount('ftm-pending', endpoints.ftmAdminList, { status: 'pending_approval' });
  return (
    <section aria-labelledby="admin-cards">
      <h2 id="admin-cards" style={{ marginBottom: '0.75rem' }}>
        {t('dashboard.adminTitle')}
      </h2>
      <div className="grid-cards">
        <StatCard to="/admin/policy-requests?status=InProgress" icon="request" label={t('dashboard.pendingRequests')} value={n(requests.data)} note={t('dashboard.pendingRequestsNote')} />
        <StatCard to="/admin/partners" icon="partners" label={t('dashboard.partners')} value={n(partners.data)} />
        <StatCard to="/admin/partners?certificateUploadStatus=not_uploaded" icon="certificate" label={t('dashboard.pendingCertificates')} value={n(noCert.data)} note={t('dashboard.pendingCertificatesNote')} />
        <StatCard to="/admin/partners?isActive=false" icon="alert" label={t('dashboard.inactivePartners')} value={n(inactive.data)} />
        <StatCard to="/admin/ftm-chips?status=pending_approval" icon="chip" label={t('dashboard.pendingChips')} value={n(chips.data)} note={t('dashboard.pendingChipsNote')} />
        <StatCard to="/admin/trust-store" icon="shield" label={t('dashboard.trustCertificates')} value={n(roots.data)} />
      </div>
    </section>
  );
}

function PolicyManagerCards() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = (v: number | undefined) => (v === undefined ? '…' : fmt.number(v));
  const groups = useQuery({
    queryKey: ['count', 'groups'],
    queryFn: async () => (await call<LegacyPage<PolicyGroup>>(endpoints.groupSearch, { body: { filters: [], sort: [], pagination: { pageStart: 0, pageFetch: 1 } } })).totalRecord,
  });
  const auth = useCount('auth', endpoints.policies, { policyType: 'Auth' });
  const datashare = useCount('datashare', endpoints.policies, { policyType: 'DataShare' });
  const drafts = useCount('drafts', endpoints.policies, { status: 'draft' });
  return (
    <section aria-labelledby="pm-cards">
      <h2 id="pm-cards" style={{ marginBottom: '0.75rem' }}>
        {t('dashboard.policyTitle')}
      </h2>
      <div className="grid-cards">
        <StatCard to="/policy-groups" icon="groups" label={t('nav.policyGroups')} value={n(groups.data)} />
        <StatCard to="/policies/auth" icon="policy" label={t('nav.authPolicies')} value={n(auth.data)} />
        <StatCard to="/policies/datashare" icon="policy" label={t('nav.datasharePolicies')} value={n(datashare.data)} />
        <StatCard to="/policies/auth?status=draft" icon="alert" label={t('dashboard.drafts')} value={n(drafts.data)} note={t('dashboard.draftsNote')} />
      </div>
    </section>
  );
}

function PartnerCards() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const partners = useMyPartners(true);
  if (partners.data === null) return null;
  const list = partners.data ?? [];
  const missing = list.filter((p) => !p.isCertificateAvailable).length;
  return (
    <section aria-labelledby="partner-cards">
      <h2 id="partner-cards" style={{ marginBottom: '0.75rem' }}>
        {t('dashboard.partnerTitle')}
      </h2>
      {missing > 0 && (
        <div className="alert alert-warning" style={{ marginBottom: '1rem' }}>
          <Icon name="alert" />
          <span>
            {t('dashboard.uploadCertificate', { count: missing })} <Link to="/certificates">{t('dashboard.goToCertificates')}</Link>
          </span>
        </div>
      )}
      <div className="grid-cards">
        <StatCard to="/certificates" icon="certificate" label={t('nav.certificates')} value={partners.isPending ? '…' : fmt.number(list.length - missing)} note={t('dashboard.certificatesNote', { total: list.length })} />
      </div>
    </section>
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  const { identity, hasRole } = useSession();
  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name: identity.userId })} subtitle={t('dashboard.subtitle')} />
      <div className="stack" style={{ gap: '1.75rem' }}>
        {hasRole('PARTNER_ADMIN') && <AdminCards />}
        {hasRole('POLICYMANAGER') && <PolicyManagerCards />}
        {!hasRole('PARTNER_ADMIN', 'POLICYMANAGER') && <PartnerCards />}
      </div>
    </>
  );
}
