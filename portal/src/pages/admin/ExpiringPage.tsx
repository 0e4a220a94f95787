import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { ExpiryNotice, Page } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Filters } from '../../ui/Filters.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { pagedTable, useListState } from '../../ui/useListState.js';

const FILTERS = ['itemType', 'status', 'partnerId'] as const;
const ITEM_TYPES = ['PARTNER_CERTIFICATE', 'API_KEY', 'MISP_LICENSE'] as const;
const STATUSES = ['upcoming', 'expired'] as const;

/** Where an admin acts on what expires: the partner's page for its certificate, the filtered list otherwise. */
function noticeTarget(n: Pick<ExpiryNotice, 'itemType' | 'partnerId'>): string {
  const partner = encodeURIComponent(n.partnerId);
  if (n.itemType === 'API_KEY') return `/admin/api-keys?partnerId=${partner}`;
  if (n.itemType === 'MISP_LICENSE') return `/admin/misp-licenses?mispId=${partner}`;
  return `/admin/partners/${partner}`;
}

/** Certificates, API keys and MISP licenses about to expire or expired, as the daily check recorded them. */
export function ExpiringPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const list = useListState(FILTERS, { sortField: 'expiryDateTime', sortDir: 'asc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('expiry-notices', query),
    queryFn: () => call<Page<ExpiryNotice>>(endpoints.expiryNotices, { query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<ExpiryNotice>[] = [
    { key: 'type', label: t('expiring.item'), sortField: 'itemType', render: (n) => t(`expiring.type.${n.itemType}`) },
    { key: 'label', label: t('expiring.what'), render: (n) => <span dir="auto">{n.itemLabel ?? '—'}</span> },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (n) => n.partnerId },
    { key: 'expires', label: t('expiring.expires'), sortField: 'expiryDateTime', render: (n) => fmt.dateTime(n.expiryDateTime) },
    {
      key: 'status',
      label: t('common.status'),
      render: (n) => (
        <Badge tone={n.expired ? 'danger' : 'warning'}>{t(n.expired ? 'expiring.status.expired' : 'expiring.status.upcoming')}</Badge>
      ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (n) => (
        <Link className="btn btn-sm" to={noticeTarget(n)} aria-label={t('expiring.openOf', { item: n.itemLabel ?? n.partnerId })}>
          {t('expiring.open')}
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('expiring.title')} subtitle={t('expiring.subtitle')} />
      <section className="card">
        <Filters
          defs={[
            { name: 'itemType', label: t('expiring.item'), options: ITEM_TYPES.map((v) => ({ value: v, label: t(`expiring.type.${v}`) })) },
            { name: 'status', label: t('common.status'), options: STATUSES.map((v) => ({ value: v, label: t(`expiring.status.${v}`) })) },
            { name: 'partnerId', label: t('partner.id') },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('expiring.title')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(n) => n.id}
          emptyText={t('expiring.empty')}
        />
      </section>
    </>
  );
}
