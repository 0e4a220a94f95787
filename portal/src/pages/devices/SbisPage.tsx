import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { Page, SbiDevice, SbiItem } from '../../api/types.js';
import { PrerequisiteNotice } from '../../app/PrerequisiteNotice.js';
import { useEligibility } from '../../app/prerequisites.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog, FormDialog } from '../../ui/Dialog.js';
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
import { ApprovalBadge, DEVICE_TYPES, toMosipDateTime } from './common.js';

const FILTERS = ['partnerId', 'orgName', 'sbiVersion', 'status'] as const;
type SbiField = 'providerId' | 'swVersion' | 'swBinaryHash' | 'swCreateDateTime' | 'swExpiryDateTime';
type DevField = 'deviceTypeCode' | 'deviceSubTypeCode' | 'make' | 'model';

function AddSbiDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const qc = useQueryClient();
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
      await qc.invalidateQueries({ queryKey: ['sbis'] });
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

function DevicesDialog({ sbi, admin, onClose }: { sbi: SbiItem | null; admin: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const fmt = useFormat();
  const qc = useQueryClient();
  const empty: Record<DevField, string> = { deviceTypeCode: 'Finger', deviceSubTypeCode: 'Slap', make: '', model: '' };
  const [v, setV] = useState(empty);
  const [issues, setIssues] = useState<Issues<DevField>>({});
  const devices = useQuery({
    queryKey: ['sbi-devices', sbi?.sbiId],
    queryFn: () => call<SbiDevice[]>(endpoints.sbiDevices, { params: { sbiId: sbi!.sbiId } }),
    enabled: sbi !== null,
  });
  const add = useMutation({
    mutationFn: () => call(endpoints.sbiAddDevice, { params: { sbiId: sbi!.sbiId }, body: { ...v, deviceProviderId: sbi!.partnerId } }),
    onSuccess: async () => {
      toast(t('device.deviceAdded'));
      setV(empty);
      await qc.invalidateQueries({ queryKey: ['sbi-devices', sbi?.sbiId] });
      await qc.invalidateQueries({ queryKey: ['sbis'] });
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['deviceTypeCode', 'deviceSubTypeCode', 'make', 'model'] as const);
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('sbiAddDevice', v);
    setIssues(found);
    if (!hasIssues(found)) add.mutate();
  };
  const canAdd = !admin && sbi?.status === 'approved' && sbi.isActive && sbi.sbiExpiryStatus !== 'expired';
  return (
    <Dialog
      open={sbi !== null}
      title={t('device.devicesOf', { version: sbi?.sbiVersion ?? '' })}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {devices.data && devices.data.length === 0 && <p className="muted">{t('device.noDevices')}</p>}
      {devices.data && devices.data.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('device.devicesOf', { version: sbi?.sbiVersion ?? '' })}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('device.type')}</th>
                <th scope="col">{t('device.makeModel')}</th>
                <th scope="col">{t('common.created')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((d) => (
                <tr key={d.deviceId}>
                  <td>
                    {d.deviceTypeCode} / {d.deviceSubTypeCode}
                  </td>
                  <td>
                    {d.make} {d.model}
                  </td>
                  <td>{fmt.date(d.createdDateTime)}</td>
                  <td>
                    <ApprovalBadge status={d.status} isActive={d.isActive} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAdd && (
        <form className="form" onSubmit={submit} noValidate>
          <h3>{t('device.addDevice')}</h3>
          <div className="form-grid">
            <Field label={t('device.type')} required error={issues.deviceTypeCode}>
              <select
                value={v.deviceTypeCode}
                onChange={(e) => setV({ ...v, deviceTypeCode: e.target.value, deviceSubTypeCode: DEVICE_TYPES[e.target.value]?.[0] ?? '' })}
              >
                {Object.keys(DEVICE_TYPES).map((ty) => (
                  <option key={ty} value={ty}>
                    {ty}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('device.subType')} required error={issues.deviceSubTypeCode}>
              <select value={v.deviceSubTypeCode} onChange={(e) => setV({ ...v, deviceSubTypeCode: e.target.value })}>
                {(DEVICE_TYPES[v.deviceTypeCode] ?? []).map((st) => (
                  <option key={st} value={st}>
                    {st}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('device.make')} required error={issues.make}>
              <input value={v.make} onChange={(e) => setV({ ...v, make: e.target.value })} />
            </Field>
            <Field label={t('device.model')} required error={issues.model}>
              <input value={v.model} onChange={(e) => setV({ ...v, model: e.target.value })} />
            </Field>
          </div>
          {add.error && !Object.values(issues).some(Boolean) && <ErrorAlert error={add.error} />}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={add.isPending}>
              {t('device.addDevice')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** SBIs: device providers add theirs and their devices; the partner admin approves or rejects. */
export function SbisPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<SbiItem | null>(null);
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: ['sbis', query],
    queryFn: () => call<Page<SbiItem>>(endpoints.sbis, { query }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: ({ sbi, approve }: { sbi: SbiItem; approve: boolean }) =>
      call(endpoints.sbiStatus, { body: { id: sbi.sbiId, approvalStatus: approve ? 'Activate' : 'De-activate' } }),
    onSuccess: async (_r, { approve }) => {
      toast(approve ? t('device.approved') : t('device.rejected'));
      await qc.invalidateQueries({ queryKey: ['sbis'] });
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
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setViewing(s)}
            aria-label={t('device.devicesOf', { version: s.sbiVersion })}
          >
            {t('device.devices')}
          </button>
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
              options: ['pending_approval', 'approved', 'rejected'].map((s) => ({ value: s, label: t(`device.status.${s}`) })),
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
      <DevicesDialog sbi={viewing} admin={admin} onClose={() => setViewing(null)} />
    </>
  );
}
