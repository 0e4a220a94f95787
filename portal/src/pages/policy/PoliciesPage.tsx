import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { Page, PolicyListItem } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Filters } from '../../ui/Filters.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { KINDS, isKind } from './kinds.js';
import { PolicyStatusBadge } from './status.js';

const FILTERS = ['policyName', 'policyDescription', 'policyGroupName', 'status'] as const;

export function PoliciesPage() {
  const { kind } = useParams();
  if (!isKind(kind)) return <Navigate to="/policies/auth" replace />;
  return <PolicyList kind={kind} key={kind} />;
}

function PolicyList({ kind }: { kind: keyof typeof KINDS }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, policyType: KINDS[kind].type, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('policies', query),
    queryFn: () => call<Page<PolicyListItem>>(endpoints.policies, { query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<PolicyListItem>[] = [
    {
      key: 'name',
      label: t('policy.name'),
      sortField: 'policyName',
      render: (p) => <Link to={`/policies/view/${encodeURIComponent(p.policyId)}`}>{p.policyName}</Link>,
    },
    { key: 'group', label: t('policy.group'), sortField: 'policyGroupName', render: (p) => p.policyGroupName },
    { key: 'desc', label: t('policy.description'), sortField: 'policyDescription', render: (p) => p.policyDescription },
    { key: 'created', label: t('common.created'), sortField: 'createdDateTime', render: (p) => fmt.dateTime(p.createdDateTime) },
    { key: 'status', label: t('common.status'), sortField: 'status', render: (p) => <PolicyStatusBadge status={p.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t(KINDS[kind].titleKey)}
        subtitle={t(`policy.${kind}Subtitle`)}
        actions={
          <Link className="btn btn-primary" to={`/policies/${kind}/new`}>
            <Icon name="plus" />
            {t('policy.create')}
          </Link>
        }
      />
      <section className="card">
        <Filters
          defs={[
            { name: 'policyName', label: t('policy.name') },
            { name: 'policyGroupName', label: t('policy.group') },
            { name: 'policyDescription', label: t('policy.description') },
            {
              name: 'status',
              label: t('common.status'),
              options: ['draft', 'activated', 'deactivated'].map((s) => ({ value: s, label: t(`policy.status.${s}`) })),
            },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t(KINDS[kind].titleKey)}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(p) => p.policyId}
          emptyText={t('policy.empty')}
        />
      </section>
    </>
  );
}
