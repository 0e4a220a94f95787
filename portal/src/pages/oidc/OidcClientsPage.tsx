import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { splitStoredName } from '@pms/rules/oidc';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { OidcClientItem, Page } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Filters } from '../../ui/Filters.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { downloadText } from '../../ui/download.js';

const FILTERS = [
  'partnerId',
  'orgName',
  'policyName',
  'clientName',
  'status',
  'authMethod',
  'grantType',
  'redirectHost',
  'par',
  'dpop',
  'pkce',
  'createdFrom',
  'createdTo',
] as const;

/** A day typed in a filter box (yyyy-mm-dd) as the start of that day in UTC; other text as typed. */
const dayStart = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : v);

/** The filters as the server takes them: empty ones left out. */
function serverFilters(filters: Partial<Record<(typeof FILTERS)[number], string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v) out[k] = k === 'createdFrom' || k === 'createdTo' ? dayStart(v) : v;
  return out;
}

/** The list's query without paging: the export holds every page. */
function exportQuery(query: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'pageNo' && k !== 'pageSize') out[k] = String(v);
  return out;
}

/** The admin list as CSV, with the same filters and order (a download, not a page of JSON). */
async function exportCsv(query: Record<string, string>): Promise<void> {
  const res = await fetch(`${endpoints.oauthExport.path}?${new URLSearchParams(query)}`, {
    credentials: 'same-origin',
    headers: { accept: 'text/csv' },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  downloadText('oidc-clients.csv', await res.text(), 'text/csv');
}

export function ClientStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone={status.toUpperCase() === 'ACTIVE' ? 'success' : 'danger'}>
      {t(`oidc.status.${status.toUpperCase()}`, { defaultValue: status })}
    </Badge>
  );
}

/** OIDC clients: auth partners see theirs, the partner admin all of them. */
export function OidcClientsPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const base = admin ? '/admin/oidc-clients' : '/oidc-clients';
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...serverFilters(filters), pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const yesNo = [
    { value: 'true', label: t('oidcSecurity.yes') },
    { value: 'false', label: t('oidcSecurity.no') },
  ];
  const adminFilters = admin
    ? [
        { name: 'authMethod' as const, label: t('oidc.authMethod') },
        { name: 'grantType' as const, label: t('oidc.grantType') },
        { name: 'redirectHost' as const, label: t('oidcSecurity.redirectHost') },
        { name: 'par' as const, label: 'PAR', options: yesNo },
        { name: 'dpop' as const, label: 'DPoP', options: yesNo },
        { name: 'pkce' as const, label: 'PKCE', options: yesNo },
        { name: 'createdFrom' as const, label: t('oidcSecurity.createdFrom') },
        { name: 'createdTo' as const, label: t('oidcSecurity.createdTo') },
      ]
    : [];
  const q = useQuery({
    queryKey: key('oidc-clients', query),
    queryFn: () => call<Page<OidcClientItem>>(endpoints.oauthClients, { query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<OidcClientItem>[] = [
    {
      key: 'name',
      label: t('oidc.name'),
      sortField: 'clientName',
      render: (c) => <Link to={`${base}/${encodeURIComponent(c.clientId)}`}>{splitStoredName(c.clientName).name}</Link>,
    },
    {
      key: 'clientId',
      label: t('oidc.clientId'),
      render: (c) => (
        <code className="mono truncate" dir="ltr" title={c.clientId}>
          {c.clientId}
        </code>
      ),
    },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (c) => c.partnerId },
    ...(admin
      ? [{ key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (c: OidcClientItem) => c.orgName ?? '—' }]
      : []),
    { key: 'policy', label: t('request.policy'), sortField: 'policyName', render: (c) => c.policyName ?? '—' },
    { key: 'created', label: t('common.created'), sortField: 'createdDateTime', render: (c) => fmt.dateTime(c.createdDateTime) },
    { key: 'status', label: t('common.status'), sortField: 'status', render: (c) => <ClientStatusBadge status={c.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.oidcClients')}
        subtitle={admin ? t('oidc.adminSubtitle') : t('oidc.subtitle')}
        actions={
          admin ? (
            <button type="button" className="btn" onClick={() => void exportCsv(exportQuery(query))}>
              {t('oidcSecurity.exportCsv')}
            </button>
          ) : (
            <Link className="btn btn-primary" to="/oidc-clients/new">
              <Icon name="plus" />
              {t('oidc.create')}
            </Link>
          )
        }
      />
      <section className="card">
        <Filters
          defs={[
            { name: 'clientName', label: t('oidc.name') },
            { name: 'partnerId', label: t('partner.id') },
            ...(admin ? [{ name: 'orgName' as const, label: t('partner.organization') }] : []),
            { name: 'policyName', label: t('request.policy') },
            {
              name: 'status',
              label: t('common.status'),
              options: ['ACTIVE', 'INACTIVE'].map((s) => ({ value: s, label: t(`oidc.status.${s}`) })),
            },
            ...adminFilters,
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.oidcClients')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(c) => c.clientId}
          emptyText={t('oidc.empty')}
          emptyAction={
            !admin && (
              <Link className="btn btn-primary btn-sm" to="/oidc-clients/new">
                {t('oidc.create')}
              </Link>
            )
          }
        />
      </section>
    </>
  );
}
