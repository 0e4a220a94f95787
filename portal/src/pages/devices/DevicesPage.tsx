import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { DeviceItem, Page } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Filters } from '../../ui/Filters.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { ApprovalBadge } from './common.js';

const FILTERS = ['partnerId', 'orgName', 'deviceType', 'make', 'model', 'status'] as const;

/** Every device (partner admin): approve or reject pending ones together with their SBI mapping. */
export function DevicesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('devices', query),
    queryFn: () => call<Page<DeviceItem>>(endpoints.devices, { query }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: ({ d, approve }: { d: DeviceItem; approve: boolean }) =>
      call(endpoints.deviceApproval, {
        params: { deviceId: d.deviceId },
        body: { partnerId: d.partnerId, sbiId: d.sbiId, status: approve ? 'approved' : 'rejected' },
      }),
    onSuccess: async (_r, { approve }) => {
      toast(approve ? t('device.approved') : t('device.rejected'));
      await refresh('devices');
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const columns: Column<DeviceItem>[] = [
    { key: 'type', label: t('device.type'), sortField: 'deviceType', render: (d) => `${d.deviceType} / ${d.deviceSubType}` },
    { key: 'make', label: t('device.makeModel'), sortField: 'make', render: (d) => `${d.make} ${d.model}` },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (d) => d.partnerId },
    { key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (d) => d.orgName ?? '—' },
    { key: 'sbi', label: t('device.sbiVersion'), sortField: 'sbiVersion', render: (d) => d.sbiVersion ?? '—' },
    { key: 'created', label: t('common.created'), sortField: 'createdDateTime', render: (d) => fmt.date(d.createdDateTime) },
    {
      key: 'status',
      label: t('common.status'),
      sortField: 'status',
      render: (d) => <ApprovalBadge status={d.status} isActive={d.isActive} />,
    },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (d) =>
        d.status === 'pending_approval' && d.sbiId ? (
          <span className="row" style={{ justifyContent: 'flex-end' }}>
            <button
              type="button"
              className="btn btn-sm btn-primary"
              onClick={() => decide.mutate({ d, approve: true })}
              aria-label={t('device.approveDevice', { name: `${d.make} ${d.model}` })}
            >
              {t('request.approve')}
            </button>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => decide.mutate({ d, approve: false })}
              aria-label={t('device.rejectDevice', { name: `${d.make} ${d.model}` })}
            >
              {t('request.reject')}
            </button>
          </span>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.devices')} subtitle={t('device.devicesSubtitle')} />
      <section className="card">
        <Filters
          defs={[
            { name: 'partnerId', label: t('partner.id') },
            { name: 'orgName', label: t('partner.organization') },
            { name: 'make', label: t('device.make') },
            { name: 'model', label: t('device.model') },
            {
              name: 'status',
              label: t('common.status'),
              options: ['pending_approval', 'approved', 'rejected', 'deactivated'].map((s) => ({
                value: s,
                label: t(`device.status.${s}`),
              })),
            },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.devices')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(d) => d.deviceId}
          emptyText={t('device.emptyDevices')}
        />
      </section>
    </>
  );
}
