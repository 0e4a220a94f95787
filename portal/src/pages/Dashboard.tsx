import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { key } from '../api/queries.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, call, type Endpoint, type Query } from '../api/http.js';
import type { FtmChip, LegacyPage, MispLicense, Page, PolicyGroup } from '../api/types.js';
import { BlockerText } from '../app/PrerequisiteNotice.js';
import { actionsOfType, blockerOf, usePartnerFacts, type Action, type PartnerFacts } from '../app/prerequisites.js';
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

/** The size of a paged list under some filters: one row fetched, the total read; null when the role may not list it. */
function useCount(name: string, ep: Endpoint, query: Query, enabled = true) {
  return useQuery({
    queryKey: key('count', name, query),
    queryFn: async () => {
      try {
        return (await call<Page<unknown>>(ep, { query: { ...query, pageNo: 0, pageSize: 1 } })).totalResults;
      } catch (err) {
        if (err instanceof ApiError && (err.forbidden || err.code === 'PMS_CERTIFICATE_ERROR_002')) return 0;
        throw err;
      }
    },
    enabled,
  });
}

/** A titled group of cards. */
function CardSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <div className="grid-cards">{children}</div>
    </section>
  );
}

function useNumber() {
  const fmt = useFormat();
  return (v: number | undefined) => (v === undefined ? '…' : fmt.number(v));
}

/** Every queue the partner admin works through, each a link to the filtered list. */
function AdminCards() {
  const { t } = useTranslation();
  const n = useNumber();
  const requests = useCount('requests', endpoints.policyRequests, { status: 'InProgress' });
  const sbis = useCount('sbis-pending', endpoints.sbis, { status: 'pending_approval' });
  const devices = useCount('devices-pending', endpoints.devices, { status: 'pending_approval' });
  const chips = useCount('ftm-pending', endpoints.ftmAdminList, { status: 'pending_approval' });
  const certs = useCount('expiring-certs', endpoints.expiryNotices, { itemType: 'PARTNER_CERTIFICATE', status: 'upcoming' });
  const keys = useCount('expiring-keys', endpoints.expiryNotices, { itemType: 'API_KEY', status: 'upcoming' });
  const licenses = useCount('expiring-licenses', endpoints.expiryNotices, { itemType: 'MISP_LICENSE', status: 'upcoming' });
  const partners = useCount('partners', endpoints.adminPartners, {});
  const noCert = useCount('partners-nocert', endpoints.adminPartners, { certificateUploadStatus: 'not_uploaded' });
  const roots = useCount('trust', endpoints.trustCertificates, {});
  return (
    <>
      <CardSection id="admin-queues" title={t('dashboard.queuesTitle')}>
        <StatCard
          to="/admin/policy-requests?status=InProgress"
          icon="request"
          label={t('dashboard.pendingRequests')}
          value={n(requests.data)}
          note={t('dashboard.pendingRequestsNote')}
        />
        <StatCard
          to="/admin/sbis?status=pending_approval"
          icon="device"
          label={t('dashboard.pendingSbis')}
          value={n(sbis.data)}
          note={t('dashboard.waitingApproval')}
        />
        <StatCard
          to="/admin/devices?status=pending_approval"
          icon="device"
          label={t('dashboard.pendingDevices')}
          value={n(devices.data)}
          note={t('dashboard.waitingApproval')}
        />
        <StatCard
          to="/admin/ftm-chips?status=pending_approval"
          icon="chip"
          label={t('dashboard.pendingChips')}
          value={n(chips.data)}
          note={t('dashboard.pendingChipsNote')}
        />
        <StatCard
          to="/admin/partners?certificateUploadStatus=not_uploaded"
          icon="certificate"
          label={t('dashboard.pendingCertificates')}
          value={n(noCert.data)}
          note={t('dashboard.pendingCertificatesNote')}
        />
      </CardSection>
      <CardSection id="admin-expiring" title={t('dashboard.expiringTitle')}>
        <StatCard
          to="/admin/expiring?itemType=PARTNER_CERTIFICATE&status=upcoming"
          icon="certificate"
          label={t('dashboard.expiringCertificates')}
          value={n(certs.data)}
          note={t('dashboard.expiringNote')}
        />
        <StatCard
          to="/admin/expiring?itemType=API_KEY&status=upcoming"
          icon="key"
          label={t('dashboard.expiringKeys')}
          value={n(keys.data)}
          note={t('dashboard.expiringNote')}
        />
        <StatCard
          to="/admin/expiring?itemType=MISP_LICENSE&status=upcoming"
          icon="key"
          label={t('dashboard.expiringLicenses')}
          value={n(licenses.data)}
          note={t('dashboard.expiringNote')}
        />
      </CardSection>
      <CardSection id="admin-cards" title={t('dashboard.adminTitle')}>
        <StatCard to="/admin/partners" icon="partners" label={t('dashboard.partners')} value={n(partners.data)} />
        <StatCard to="/admin/trust-store" icon="shield" label={t('dashboard.trustCertificates')} value={n(roots.data)} />
      </CardSection>
    </>
  );
}

function PolicyManagerCards() {
  const { t } = useTranslation();
  const n = useNumber();
  const groups = useQuery({
    queryKey: key('count', 'groups'),
    queryFn: async () =>
      (
        await call<LegacyPage<PolicyGroup>>(endpoints.groupSearch, {
          body: { filters: [], sort: [], pagination: { pageStart: 0, pageFetch: 1 } },
        })
      ).totalRecord,
  });
  const auth = useCount('auth', endpoints.policies, { policyType: 'Auth' });
  const datashare = useCount('datashare', endpoints.policies, { policyType: 'DataShare' });
  const drafts = useCount('drafts', endpoints.policies, { status: 'draft' });
  return (
    <CardSection id="pm-cards" title={t('dashboard.policyTitle')}>
      <StatCard to="/policy-groups" icon="groups" label={t('nav.policyGroups')} value={n(groups.data)} />
      <StatCard to="/policies/auth" icon="policy" label={t('nav.authPolicies')} value={n(auth.data)} />
      <StatCard to="/policies/datashare" icon="policy" label={t('nav.datasharePolicies')} value={n(datashare.data)} />
      <StatCard
        to="/policies/auth?status=draft"
        icon="alert"
        label={t('dashboard.drafts')}
        value={n(drafts.data)}
        note={t('dashboard.draftsNote')}
      />
    </CardSection>
  );
}

type StepState = 'done' | 'todo' | 'waiting' | 'locked';
interface Step {
  key: string;
  state: StepState;
  links?: Array<{ to: string; label: string }>;
  detail?: ReactNode;
}

/** What the partner has made so far, per kind (for the last checklist step and the cards). */
function useMadeCounts(actions: Set<Action>) {
  const oidc = useCount('my-oidc', endpoints.oauthClients, {}, actions.has('oidcClient'));
  const keys = useCount('my-keys', endpoints.apiKeys, {}, actions.has('apiKey'));
  const sbis = useCount('my-sbis', endpoints.sbis, {}, actions.has('sbi'));
  const chips = useQuery({
    queryKey: key('ftm-chips'),
    queryFn: () => call<FtmChip[]>(endpoints.ftmChips),
    enabled: actions.has('ftmChip'),
  });
  const licenses = useQuery({
    queryKey: key('misp-licenses', 'mine'),
    queryFn: () => call<MispLicense[]>(endpoints.mispLicenses),
    enabled: actions.has('mispLicense'),
  });
  return { oidc: oidc.data, keys: keys.data, sbis: sbis.data, chips: chips.data?.length, licenses: licenses.data?.length };
}

/** The steps from a registered partner to a working integration, each with its state and where to act. */
function usePartnerSteps(facts: PartnerFacts[], requestStatuses: string[]): { steps: Step[]; actions: Set<Action> } {
  const { t } = useTranslation();
  const actions = new Set(facts.flatMap((p) => actionsOfType(p.partnerType, Boolean(p.policyGroup))));
  const made = useMadeCounts(actions);
  const allCertified = facts.length > 0 && facts.every((p) => p.certificate || p.deactivated);
  const waitingCert = facts.filter((p) => !p.certificate && !p.deactivated);
  const steps: Step[] = [
    { key: 'register', state: 'done' },
    {
      key: 'certificate',
      state: allCertified ? 'done' : 'todo',
      links: allCertified ? undefined : [{ to: '/certificates', label: t('dashboard.step.certificateAction') }],
      detail:
        waitingCert.length > 0
          ? waitingCert.map((p) => <BlockerText key={p.partnerId} partnerId={p.partnerId} blocker="noCertificate" />)
          : undefined,
    },
  ];
  if (actions.has('requestPolicy')) {
    const requested = requestStatuses.length > 0;
    const approved = requestStatuses.includes('approved');
    steps.push({
      key: 'request',
      state: requested ? 'done' : allCertified ? 'todo' : 'locked',
      links: requested || !allCertified ? undefined : [{ to: '/policy-requests?new=1', label: t('dashboard.step.requestAction') }],
    });
    steps.push({ key: 'approval', state: approved ? 'done' : requested ? 'waiting' : 'locked' });
  }
  const ready = (a: Action) => facts.some((p) => !blockerOf(a, p));
  const final = (key: string, action: Action, count: number | undefined, links: Step['links']) =>
    steps.push({ key, state: (count ?? 0) > 0 ? 'done' : ready(action) ? 'todo' : 'locked', links: ready(action) ? links : undefined });
  if (actions.has('oidcClient'))
    final('integrate', 'oidcClient', (made.oidc ?? 0) + (made.keys ?? 0), [
      { to: '/oidc-clients/new', label: t('oidc.create') },
      { to: '/api-keys', label: t('apiKey.generate') },
    ]);
  if (actions.has('sbi')) final('sbi', 'sbi', made.sbis, [{ to: '/sbis', label: t('device.addSbi') }]);
  if (actions.has('ftmChip')) final('ftm', 'ftmChip', made.chips, [{ to: '/ftm-chips', label: t('ftm.add') }]);
  if (actions.has('mispLicense')) final('misp', 'mispLicense', made.licenses, [{ to: '/misp-licenses', label: t('misp.generate') }]);
  return { steps, actions };
}

const STEP_ICON: Record<StepState, IconName> = { done: 'check', todo: 'circle', waiting: 'clock', locked: 'circle' };

function Checklist({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  const done = steps.filter((s) => s.state === 'done').length;
  const current = steps.find((s) => s.state !== 'done');
  return (
    <section className="card" aria-labelledby="getting-started">
      <div className="card-header">
        <h2 id="getting-started">{t('dashboard.gettingStarted')}</h2>
        <span className="muted">{t('dashboard.stepsDone', { done, total: steps.length })}</span>
      </div>
      <ol className="checklist card-body">
        {steps.map((s) => (
          <li key={s.key} className={`step-${s.state}`} aria-current={s === current ? 'step' : undefined}>
            <Icon name={STEP_ICON[s.state]} />
            <div className="stack" style={{ gap: '0.2rem' }}>
              <strong>{t(`dashboard.step.${s.key}`)}</strong>
              <span className="muted">
                <span className="sr-only">{t(`dashboard.state.${s.state}`)}: </span>
                {t(`dashboard.step.${s.key}Note`)}
              </span>
              {s.detail && (
                <div className="stack" style={{ gap: '0.2rem' }}>
                  {s.detail}
                </div>
              )}
              {s.links && (
                <div className="row">
                  {s.links.map((l, i) => (
                    <Link key={l.to} className={i === 0 ? 'btn btn-primary btn-sm' : 'btn btn-sm'} to={l.to}>
                      {l.label}
                    </Link>
                  ))}
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function PartnerDashboard() {
  const { t } = useTranslation();
  const n = useNumber();
  const { facts, requests, loading } = usePartnerFacts();
  const statuses = (requests ?? []).map((r) => r.status.toLowerCase());
  const { steps, actions } = usePartnerSteps(facts, statuses);
  const made = useMadeCounts(actions);
  if (loading) return null;
  const certified = facts.filter((p) => p.certificate).length;
  return (
    <>
      <Checklist steps={steps} />
      <CardSection id="partner-cards" title={t('dashboard.partnerTitle')}>
        <StatCard
          to="/certificates"
          icon="certificate"
          label={t('nav.certificates')}
          value={n(certified)}
          note={t('dashboard.certificatesNote', { total: facts.length })}
        />
        {actions.has('requestPolicy') && (
          <StatCard
            to="/policy-requests"
            icon="request"
            label={t('dashboard.approvedPolicies')}
            value={n(statuses.filter((s) => s === 'approved').length)}
            note={t('dashboard.pendingPolicies', { count: statuses.filter((s) => s === 'inprogress').length })}
          />
        )}
        {actions.has('oidcClient') && <StatCard to="/oidc-clients" icon="key" label={t('nav.oidcClients')} value={n(made.oidc)} />}
        {actions.has('apiKey') && <StatCard to="/api-keys" icon="key" label={t('nav.apiKeys')} value={n(made.keys)} />}
        {actions.has('sbi') && <StatCard to="/sbis" icon="device" label={t('nav.sbis')} value={n(made.sbis)} />}
        {actions.has('ftmChip') && <StatCard to="/ftm-chips" icon="chip" label={t('nav.ftmChips')} value={n(made.chips)} />}
        {actions.has('mispLicense') && <StatCard to="/misp-licenses" icon="key" label={t('nav.mispLicense')} value={n(made.licenses)} />}
      </CardSection>
    </>
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
        {!hasRole('PARTNER_ADMIN', 'POLICYMANAGER') && <PartnerDashboard />}
      </div>
    </>
  );
}
