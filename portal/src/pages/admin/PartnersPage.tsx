import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { AdminPartnerItem, Page } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Filters } from '../../ui/Filters.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { PARTNER_TYPE_OF_ROLE } from '../../auth/roles.js';

const FILTERS = ['partnerId', 'partnerType', 'orgName', 'policyGroupName', 'certificateUploadStatus', 'isActive'] as const;

export function PartnerStatusBadge({ status, isActive }: { status: string; isActive: boolean }) {
  const { t } = useTranslation();
  if (status.toLowerCase() === 'approved')
    return <Badge tone={isActive ? 'success' : 'danger'}>{isActive ? t('common.active') : t('partner.deactivated')}</Badge>;
  return <Badge tone="warning">{t('partner.inProgress')}</Badge>;
}

export function PartnersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('admin-partners', query),
    queryFn: () => call<Page<AdminPartnerItem>>(endpoints.adminPartners, { query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<AdminPartnerItem>[] = [
    {
      key: 'id',
      label: t('partner.id'),
      sortField: 'partnerId',
      render: (p) => <Link to={`/admin/partners/${encodeURIComponent(p.partnerId)}`}>{p.partnerId}</Link>,
    },
    {
      key: 'status',
      label: t('common.status'),
      sortField: 'isActive',
      render: (p) => <PartnerStatusBadge status={p.status} isActive={p.isActive} />,
    },
    {
      key: 'type',
      label: t('partner.type'),
      sortField: 'partnerType',
      render: (p) => t(`partnerTypes.${p.partnerType}`, { defaultValue: p.partnerType }),
    },
    { key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (p) => p.orgName },
    { key: 'group', label: t('partner.policyGroup'), sortField: 'policyGroupName', render: (p) => p.policyGroupName ?? '—' },
    { key: 'email', label: t('partner.email'), sortField: 'emailAddress', render: (p) => p.emailAddress ?? '—' },
    {
      key: 'cert',
      label: t('partner.certificate'),
      sortField: 'certificateUploadStatus',
      render: (p) => (
        <Badge tone={p.certificateUploadStatus === 'uploaded' ? 'success' : 'neutral'}>
          {t(`partner.cert.${p.certificateUploadStatus}`)}
        </Badge>
      ),
    },
    { key: 'created', label: t('common.created'), sortField: 'createdDateTime', render: (p) => fmt.date(p.createdDateTime) },
  ];
  const types = Object.values(PARTNER_TYPE_OF_ROLE);
  return (
    <>
      <PageHeader title={t('nav.partners')} subtitle={t('partner.listSubtitle')} />
      <section className="card">
        <Filters
          defs={[
            { name: 'partnerId', label: t('partner.id') },
            { name: 'orgName', label: t('partner.organization') },
            {
              name: 'partnerType',
              label: t('partner.type'),
              options: types.map((ty) => ({ value: ty, label: t(`partnerTypes.${ty}`, { defaultValue: ty }) })),
            },
            { name: 'policyGroupName', label: t('partner.policyGroup') },
            {
              name: 'certificateUploadStatus',
              label: t('partner.certificate'),
              options: ['uploaded', 'not_uploaded'].map((s) => ({ value: s, label: t(`partner.cert.${s}`) })),
            },
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
          caption={t('nav.partners')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(p) => p.partnerId}
          emptyText={t('partner.empty')}
        />
      </section>
    </>
  );
}
