import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { Page, SbiItem } from '../../api/types.js';
import { PrerequisiteNotice } from '../../app/PrerequisiteNotice.js';
import { useEligibility } from '../../app/prerequisites.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { FormDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { Filters } from '../../ui/Filters.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';
import { hasIssues, validate, type Issues } from '../../validation/rules.js';
import { ApprovalBadge, toMosipDateTime } from './common.js';

const FILTERS = ['partnerId', 'orgName', 'sbiVersion', 'status'] as const;
type SbiField = 'providerId' | 'swVersion' | 'swBinaryHash' | 'swCreateDateTime' | 'swExpiryDateTime';

function AddSbiDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const eligibility = useEligibility('sbi');
  const providers = eligibility.eligible;
  const empty: Record<SbiField, string> = { providerId: '', swVersion: '', swBinaryHash: '', swCreateDateTime: '', swExpiryDateTime: '' };
  const [v, setV] = useState(empty);
  const chooseProvider = useCallback((providerId: string) => setV((cur) => ({ ...cur, providerId })), []);
  useSingleChoice(
    providers.map((p) => p.partnerId),
    v.providerId,
    chooseProvider,
    open,
  );
  const [issues, setIssues] = useState<Issues<SbiField>>({});
  const close = () => {
    setV(empty);
    setIssues({});
    save.reset();
    onClose();
  };
  const body = () => ({
    ...v,
    swCreateDateTime: toMosipDateTime(v.swCreateDateTime),
    swExpiryDateTime: toMosipDateTime(v.swExpiryDateTime),
  });
  const save = useMutation({
    mutationFn: () => call(endpoints.sbiCreate, { body: body() }),
    onSuccess: async () => {
      toast(t('device.sbiAdded'));
      await refresh('sbis');
      close();
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['providerId', 'swVersion', 'swBinaryHash', 'swCreateDateTime', 'swExpiryDateTime'] as const);
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('sbiCreate', body());
    setIssues(found);
    if (!hasIssues(found)) save.mutate();
  };
  const set = (f: SbiField) => (e: { target: { value: string } }) => setV({ ...v, [f]: e.target.value });
  return (
    <FormDialog
      open={open}
      title={t('device.addSbi')}
      onClose={close}
      formId="sbi-form"
      submitLabel={t('device.addSbi')}
      submitDisabled={save.isPending || (!eligibility.loading && providers.length === 0)}
      onSubmit={submit}
    >
      {!eligibility.loading && <PrerequisiteNotice action="sbi" eligibility={eligibility} />}
      <Field label={t('partner.id')} required error={issues.providerId}>
        <select value={v.providerId} onChange={set('providerId')}>
          <option value="">{t('common.choose')}</option>
          {providers.map((p) => (
            <option key={p.partnerId} value={p.partnerId}>
              {p.partnerId}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('device.sbiVersion')} required error={issues.swVersion}>
        <input value={v.swVersion} onChange={set('swVersion')} />
      </Field>
      <Field label={t('device.binaryHash')} required error={issues.swBinaryHash}>
        <input className="mono" value={v.swBinaryHash} onChange={set('swBinaryHash')} />
      </Field>
      <div className="form-grid">
        <Field label={t('device.createdOn')} required error={issues.swCreateDateTime}>
          <input type="datetime-local" value={v.swCreateDateTime} onChange={set('swCreateDateTime')} />
        </Field>
        <Field label={t('device.expiresOn')} required error={issues.swExpiryDateTime}>
          <input type="datetime-local" value={v.swExpiryDateTime} onChange={set('swExpiryDateTime')} />
        </Field>
      </div>
      {save.error && !Object.values(issues).some(Boolean) && <ErrorAlert error={save.error} />}
    </FormDialog>
  );
}

/** SBIs: device providers add theirs and their devices; the partner admin approves or rejects. */
export function SbisPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [adding, setAdding] = useState(false);
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('sbis', query),
    queryFn: () => call<Page<SbiItem>>(endpoints.sbis, { query }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: ({ sbi, approve }: { sbi: SbiItem; approve: boolean }) =>
      call(endpoints.sbiStatus, { body: { id: sbi.sbiId, approvalStatus: approve ? 'Activate' : 'De-activate' } }),
    onSuccess: async (_r, { approve }) => {
      toast(approve ? t('device.approved') : t('device.rejected'));
      await refresh('sbis');
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const columns: Column<SbiItem>[] = [
    { key: 'version', label: t('device.sbiVersion'), sortField: 'sbiVersion', render: (s) => <strong>{s.sbiVersion}</strong> },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (s) => s.partnerId },
    ...(admin ? [{ key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (s: SbiItem) => s.orgName ?? '—' }] : []),
    { key: 'expiry', label: t('device.expiresOn'), sortField: 'sbiExpiryDateTime', render: (s) => fmt.date(s.sbiExpiryDateTime) },
    {
      key: 'devices',
      label: t('device.devices'),
      render: (s) =>
        t('device.counts', { total: s.countOfAssociatedDevices, approved: s.countOfApprovedDevices, pending: s.countOfPendingDevices }),
    },
    {
      key: 'status',
      label: t('common.status'),
      sortField: 'status',
      render: (s) => <ApprovalBadge status={s.status} isActive={s.isActive} />,
    },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (s) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          {admin && s.status === 'pending_approval' && (
            <>
              <button
                type="button"
                className="btn btn-sm btn-primary"
                onClick={() => decide.mutate({ sbi: s, approve: true })}
                aria-label={t('device.approveSbi', { version: s.sbiVersion })}
              >
                {t('request.approve')}
              </button>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => decide.mutate({ sbi: s, approve: false })}
                aria-label={t('device.rejectSbi', { version: s.sbiVersion })}
              >
                {t('request.reject')}
              </button>
            </>
          )}
          <Link
            className="btn btn-sm"
            to={`${admin ? '/admin' : ''}/sbis/${encodeURIComponent(s.sbiId)}`}
            aria-label={t('device.devicesOf', { version: s.sbiVersion })}
          >
            {t('device.devices')}
          </Link>
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.sbis')}
        subtitle={admin ? t('device.adminSubtitle') : t('device.subtitle')}
        actions={
          !admin && (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              <Icon name="plus" />
              {t('device.addSbi')}
            </button>
          )
        }
      />
      <section className="card">
        <Filters
          defs={[
            { name: 'sbiVersion', label: t('device.sbiVersion') },
            { name: 'partnerId', label: t('partner.id') },
            ...(admin ? [{ name: 'orgName' as const, label: t('partner.organization') }] : []),
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
          caption={t('nav.sbis')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(s) => s.sbiId}
          emptyText={t('device.emptySbis')}
          emptyAction={
            !admin && (
              <button type="button" className="btn btn-primary btn-sm" onClick={() => setAdding(true)}>
                {t('device.addSbi')}
              </button>
            )
          }
        />
      </section>
      {!admin && <AddSbiDialog open={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
