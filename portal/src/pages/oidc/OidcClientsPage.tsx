import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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
import { useListState } from '../../ui/useListState.js';
import { splitStoredName } from '../../validation/oidc-rules.js';

const FILTERS = ['partnerId', 'orgName', 'policyName', 'clientName', 'status'] as const;

export function ClientStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={status.toUpperCase() === 'ACTIVE' ? 'success' : 'danger'}>{t(`oidc.status.${status.toUpperCase()}`, { defaultValue: status })}</Badge>;
}

/** OIDC clients: auth partners see theirs, the partner admin all of them. */
export function OidcClientsPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const base = admin ? '/admin/oidc-clients' : '/oidc-clients';
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({ queryKey: ['oidc-clients', query], queryFn: () => call<Page<OidcClientItem>>(endpoints.oauthClients, { query }), placeholderData: keepPreviousData });
  const columns: Column<OidcClientItem>[] = [
    { key: 'name', label: t('oidc.name'), sortField: 'clientName', render: (c) => <Link to={`${base}/${encodeURIComponent(c.clientId)}`}>{splitStoredName(c.clientName).name}</Link> },
    { key: 'clientId', label: t('oidc.clientId'), render: (c) => <code className="mono truncate" dir="ltr" title={c.clientId}>{c.clientId}</code> },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (c) => c.partnerId },
    ...(admin ? [{ key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (c: OidcClientItem) => c.orgName ?? '—' }] : []),
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
          !admin && (
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
            { name: 'status', label: t('common.status'), options: ['ACTIVE', 'INACTIVE'].map((s) => ({ value: s, label: t(`oidc.status.${s}`) })) },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.oidcClients')}
          columns={columns}
          rows={q.data?.data}
          rowKey={(c) => c.clientId}
          loading={q.isFetching}
          error={q.error ? errorText(q.error) : undefined}
          emptyText={t('oidc.empty')}
          emptyAction={
            !admin && (
              <Link className="btn btn-primary btn-sm" to="/oidc-clients/new">
                {t('oidc.create')}
              </Link>
            )
          }
          filtered={Object.values(filters).some(Boolean)}
          sortField={sortField}
          sortDir={sortDir}
          onSort={list.toggleSort}
          page={page}
          size={size}
          total={q.data?.totalResults}
          onPage={list.setPage}
          onSize={list.setSize}
        />
      </section>
    </>
  );
}
