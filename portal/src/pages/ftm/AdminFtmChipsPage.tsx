import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { FtmChipAdminItem, Page } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { ConfirmDialog } from '../../ui/Dialog.js';
import { Filters } from '../../ui/Filters.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { ChipCertificateDialog, ChipStatusBadge, chipName, type ChipRef } from './common.js';

const FILTERS = ['partnerId', 'orgName', 'make', 'model', 'status'] as const;
const STATUSES = ['pending_cert_upload', 'pending_approval', 'approved', 'rejected', 'deactivated'];

/** Every FTM chip: the partner admin approves or rejects chips whose certificate is uploaded, and deactivates approved ones. */
export function AdminFtmChipsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const [viewing, setViewing] = useState<ChipRef | null>(null);
  const [deactivating, setDeactivating] = useState<FtmChipAdminItem | null>(null);
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('ftm-admin', query),
    queryFn: () => call<Page<FtmChipAdminItem>>(endpoints.ftmAdminList, { query }),
    placeholderData: keepPreviousData,
  });
  const refresh = useRefresh();
  const decide = useMutation({
    mutationFn: ({ chip, approve }: { chip: FtmChipAdminItem; approve: boolean }) =>
      call(endpoints.ftmStatus, { body: { ftpChipDetailId: chip.ftmId, approvalStatus: approve } }),
    onSuccess: async (_r, { approve }) => {
      toast(approve ? t('device.approved') : t('device.rejected'));
      await refresh('ftmChips');
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const deactivate = useMutation({
    mutationFn: (c: FtmChipAdminItem) => call(endpoints.ftmDeactivate, { params: { ftmId: c.ftmId }, body: { status: 'De-Activate' } }),
    onSuccess: async () => {
      setDeactivating(null);
      toast(t('ftm.deactivated'));
      await refresh('ftmChips');
    },
  });
  const name = chipName;
  const columns: Column<FtmChipAdminItem>[] = [
    { key: 'make', label: t('device.make'), sortField: 'make', render: (c) => <strong>{c.make}</strong> },
    { key: 'model', label: t('device.model'), sortField: 'model', render: (c) => c.model },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (c) => c.partnerId },
    { key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (c) => c.orgName ?? '—' },
    { key: 'created', label: t('common.created'), sortField: 'createdDateTime', render: (c) => fmt.dateTime(c.createdDateTime) },
    { key: 'status', label: t('common.status'), sortField: 'status', render: (c) => <ChipStatusBadge status={c.status} /> },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (c) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          {c.status === 'pending_approval' && (
            <>
              <button
                type="button"
                className="btn btn-sm btn-primary"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ chip: c, approve: true })}
                aria-label={t('ftm.approveOf', { name: name(c) })}
              >
                {t('request.approve')}
              </button>
              <button
                type="button"
                className="btn btn-sm"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ chip: c, approve: false })}
                aria-label={t('ftm.rejectOf', { name: name(c) })}
              >
                {t('request.reject')}
              </button>
            </>
          )}
          {c.isCertificateAvailable && (c.status === 'pending_approval' || c.status === 'approved') && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setViewing(c)}
              aria-label={t('ftm.certificateOf', { name: name(c) })}
            >
              {t('ftm.certificate')}
            </button>
          )}
          {c.status === 'approved' && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setDeactivating(c)}
              aria-label={t('ftm.deactivateOf', { name: name(c) })}
            >
              {t('common.deactivate')}
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.ftmChips')} subtitle={t('ftm.adminSubtitle')} />
      <section className="card">
        <Filters
          defs={[
            { name: 'make', label: t('device.make') },
            { name: 'model', label: t('device.model') },
            { name: 'partnerId', label: t('partner.id') },
            { name: 'orgName', label: t('partner.organization') },
            { name: 'status', label: t('common.status'), options: STATUSES.map((s) => ({ value: s, label: t(`ftm.status.${s}`) })) },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.ftmChips')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(c) => c.ftmId}
          emptyText={t('ftm.empty')}
        />
      </section>
      <ChipCertificateDialog chip={viewing} onClose={() => setViewing(null)} />
      <ConfirmDialog
        open={deactivating !== null}
        title={t('ftm.deactivateTitle', { name: deactivating ? name(deactivating) : '' })}
        message={t('ftm.deactivateMessage')}
        confirmLabel={t('common.deactivate')}
        danger
        busy={deactivate.isPending}
        error={deactivate.error ? errorText(deactivate.error) : undefined}
        onConfirm={() => deactivating && deactivate.mutate(deactivating)}
        onCancel={() => {
          setDeactivating(null);
          deactivate.reset();
        }}
      />
    </>
  );
}
