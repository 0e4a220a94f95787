import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { LegacyPage, PolicyGroup, SearchRequest } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Filters } from '../../ui/Filters.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { useListState } from '../../ui/useListState.js';
import { ActiveBadge } from './status.js';

const FILTERS = ['name', 'desc', 'isActive'] as const;

export function GroupsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const list = useListState(FILTERS, { sortField: 'crDtimes', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const search: SearchRequest = {
    filters: [
      ...(filters.name ? [{ columnName: 'name', type: 'contains' as const, value: filters.name }] : []),
      ...(filters.desc ? [{ columnName: 'desc', type: 'contains' as const, value: filters.desc }] : []),
      ...(filters.isActive ? [{ columnName: 'isActive', type: 'equals' as const, value: filters.isActive }] : []),
    ],
    sort: [{ sortField, sortType: sortDir === 'asc' ? 'ASC' : 'DESC' }],
    pagination: { pageStart: page, pageFetch: size },
  };
  const q = useQuery({
    queryKey: key('groups', search),
    queryFn: () => call<LegacyPage<PolicyGroup>>(endpoints.groupSearch, { body: search }),
    placeholderData: keepPreviousData,
  });

  const columns: Column<PolicyGroup>[] = [
    {
      key: 'name',
      label: t('group.name'),
      sortField: 'name',
      render: (g) => <Link to={`/policy-groups/${encodeURIComponent(g.id)}`}>{g.name}</Link>,
    },
    { key: 'desc', label: t('group.description'), sortField: 'desc', render: (g) => g.desc },
    { key: 'created', label: t('common.created'), sortField: 'crDtimes', render: (g) => fmt.dateTime(g.crDtimes) },
    { key: 'status', label: t('common.status'), sortField: 'isActive', render: (g) => <ActiveBadge active={g.isActive} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('group.listTitle')}
        subtitle={t('group.listSubtitle')}
        actions={
          <Link className="btn btn-primary" to="/policy-groups/new">
            <Icon name="plus" />
            {t('group.create')}
          </Link>
        }
      />
      <section className="card">
        <Filters
          defs={[
            { name: 'name', label: t('group.name') },
            { name: 'desc', label: t('group.description') },
            {
              name: 'isActive',
              label: t('common.status'),
              options: [
                { value: 'true', label: t('common.active') },
                { value: 'false', label: t('common.inactive') },
              ],
            },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('group.listTitle')}
          columns={columns}
          rows={q.data?.data}
          rowKey={(g) => g.id}
          loading={q.isFetching}
          error={q.error ? errorText(q.error) : undefined}
          emptyText={t('group.empty')}
          filtered={Object.values(filters).some(Boolean)}
          sortField={sortField}
          sortDir={sortDir}
          onSort={list.toggleSort}
          page={page}
          size={size}
          total={q.data?.totalRecord}
          onPage={list.setPage}
          onSize={list.setSize}
        />
      </section>
    </>
  );
}
