import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { Page, SbiDevice, SbiItem } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { ConfirmDialog, FormDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, Loading, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { hasIssues, validate, type Issues } from '../../validation/rules.js';
import { ApprovalBadge, DEVICE_TYPES } from './common.js';

type DevField = 'deviceTypeCode' | 'deviceSubTypeCode' | 'make' | 'model';
const DEV_FIELDS = ['deviceTypeCode', 'deviceSubTypeCode', 'make', 'model'] as const;
const DEACTIVATE = 'De-Activate';

/** The server's own rules for what can happen to an SBI and its devices (docs/roles.md). */
const isLive = (s: { status: string; isActive: boolean }) => s.status === 'approved' && s.isActive;
const canAddDevice = (s: SbiItem) => isLive(s) && s.sbiExpiryStatus !== 'expired';

/** One SBI by id: the list filtered on it (the server has no single-SBI read), exact match kept. */
function useSbi(sbiId: string) {
  return useQuery({
    queryKey: key('sbi', sbiId),
    queryFn: async () => {
      const page = await call<Page<SbiItem>>(endpoints.sbis, { query: { sbiId, pageNo: 0, pageSize: 10 } });
      return page.data.find((s) => s.sbiId === sbiId) ?? null;
    },
  });
}

function AddDeviceDialog({ sbi, open, onClose }: { sbi: SbiItem; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const empty: Record<DevField, string> = { deviceTypeCode: 'Finger', deviceSubTypeCode: 'Slap', make: '', model: '' };
  const [v, setV] = useState(empty);
  const [issues, setIssues] = useState<Issues<DevField>>({});
  const close = () => {
    setV(empty);
    setIssues({});
    add.reset();
    onClose();
  };
  const add = useMutation({
    mutationFn: () => call(endpoints.sbiAddDevice, { params: { sbiId: sbi.sbiId }, body: { ...v, deviceProviderId: sbi.partnerId } }),
    onSuccess: async () => {
      toast(t('device.deviceAdded'));
      await refresh('sbis', 'devices');
      close();
    },
    onError: (err) => {
      const f = fieldOfServerError(err, DEV_FIELDS);
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('sbiAddDevice', v);
    setIssues(found);
    if (!hasIssues(found)) add.mutate();
  };
  return (
    <FormDialog
      open={open}
      title={t('device.addDeviceTo', { version: sbi.sbiVersion })}
      onClose={close}
      formId="device-form"
      submitLabel={t('device.addDevice')}
      submitDisabled={add.isPending}
      onSubmit={submit}
    >
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
    </FormDialog>
  );
}

function SbiDetails({ sbi, admin }: { sbi: SbiItem; admin: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card">
      <div className="card-header">
        <h2>{t('common.details')}</h2>
        <ApprovalBadge status={sbi.status} isActive={sbi.isActive} />
      </div>
      <div className="card-body">
        <dl className="details">
          <dt>{t('partner.id')}</dt>
          <dd>{sbi.partnerId}</dd>
          {admin && (
            <>
              <dt>{t('partner.organization')}</dt>
              <dd>{sbi.orgName ?? '—'}</dd>
            </>
          )}
          <dt>{t('device.sbiVersion')}</dt>
          <dd>{sbi.sbiVersion}</dd>
          <dt>{t('device.createdOn')}</dt>
          <dd>{fmt.dateTime(sbi.sbiCreatedDateTime)}</dd>
          <dt>{t('device.expiresOn')}</dt>
          <dd>
            {fmt.dateTime(sbi.sbiExpiryDateTime)}
            {sbi.sbiExpiryStatus === 'expired' && ` (${t('device.sbiExpired')})`}
          </dd>
          <dt>{t('device.devices')}</dt>
          <dd>
            {t('device.counts', {
              total: sbi.countOfAssociatedDevices,
              approved: sbi.countOfApprovedDevices,
              pending: sbi.countOfPendingDevices,
            })}
          </dd>
        </dl>
      </div>
    </section>
  );
}

type Pending = { kind: 'sbi' } | { kind: 'device'; device: SbiDevice };

/**
 * One SBI and its devices on a page of their own (issue 17: a modal with two primary buttons was
 * the wrong home for a list that grows). The provider adds and deactivates; the admin decides.
 */
export function SbiViewPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const { sbiId = '' } = useParams();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const sbi = useSbi(sbiId);
  const devices = useQuery({
    queryKey: key('sbi-devices', sbiId),
    queryFn: () => call<SbiDevice[]>(endpoints.sbiDevices, { params: { sbiId } }),
  });
  const done = async (message: string) => {
    setConfirming(null);
    toast(message);
    await refresh('sbis', 'devices');
  };
  const deactivate = useMutation({
    mutationFn: (p: Pending) =>
      p.kind === 'sbi'
        ? call(endpoints.sbiDeactivate, { params: { sbiId }, body: { status: DEACTIVATE } })
        : call(endpoints.deviceDeactivate, { params: { deviceId: p.device.deviceId }, body: { status: DEACTIVATE } }),
    onSuccess: (_r, p) => done(p.kind === 'sbi' ? t('device.sbiDeactivated') : t('device.deviceDeactivated')),
  });
  const decideSbi = useMutation({
    mutationFn: (approve: boolean) =>
      call(endpoints.sbiStatus, { body: { id: sbiId, approvalStatus: approve ? 'Activate' : 'De-activate' } }),
    onSuccess: (_r, approve) => done(approve ? t('device.approved') : t('device.rejected')),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const decideDevice = useMutation({
    mutationFn: ({ d, approve }: { d: SbiDevice; approve: boolean }) =>
      call(endpoints.deviceApproval, {
        params: { deviceId: d.deviceId },
        body: { partnerId: d.deviceProviderId, sbiId, status: approve ? 'approved' : 'rejected' },
      }),
    onSuccess: (_r, { approve }) => done(approve ? t('device.approved') : t('device.rejected')),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const list = admin ? '/admin/sbis' : '/sbis';
  if (sbi.isPending) return <Loading />;
  if (sbi.error) return <ErrorAlert error={sbi.error} />;
  const s = sbi.data;
  if (!s) return <ErrorAlert error={new Error(t('device.sbiNotFound'))} />;
  const title = t('device.sbiTitle', { version: s.sbiVersion });
  const name = (d: SbiDevice) => `${d.make} ${d.model}`;
  const columns: Column<SbiDevice>[] = [
    { key: 'type', label: t('device.type'), render: (d) => `${d.deviceTypeCode} / ${d.deviceSubTypeCode}` },
    { key: 'make', label: t('device.makeModel'), render: (d) => <strong>{name(d)}</strong> },
    { key: 'created', label: t('common.created'), render: (d) => fmt.date(d.createdDateTime) },
    { key: 'status', label: t('common.status'), render: (d) => <ApprovalBadge status={d.status} isActive={d.isActive} /> },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (d) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          {admin && d.status === 'pending_approval' && (
            <>
              <button
                type="button"
                className="btn btn-sm btn-primary"
                onClick={() => decideDevice.mutate({ d, approve: true })}
                aria-label={t('device.approveDevice', { name: name(d) })}
              >
                {t('request.approve')}
              </button>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => decideDevice.mutate({ d, approve: false })}
                aria-label={t('device.rejectDevice', { name: name(d) })}
              >
                {t('request.reject')}
              </button>
            </>
          )}
          {isLive(d) && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setConfirming({ kind: 'device', device: d })}
              aria-label={t('device.deactivateDevice', { name: name(d) })}
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
      <PageHeader
        title={title}
        crumbs={[{ label: t('nav.sbis'), to: list }, { label: title }]}
        actions={
          <>
            {admin && s.status === 'pending_approval' && (
              <>
                <button type="button" className="btn btn-primary" onClick={() => decideSbi.mutate(true)}>
                  {t('request.approve')}
                </button>
                <button type="button" className="btn" onClick={() => decideSbi.mutate(false)}>
                  {t('request.reject')}
                </button>
              </>
            )}
            {isLive(s) && (
              <button type="button" className="btn btn-danger" onClick={() => setConfirming({ kind: 'sbi' })}>
                {t('common.deactivate')}
              </button>
            )}
          </>
        }
      />
      <div className="stack">
        <SbiDetails sbi={s} admin={admin} />
        <section className="card">
          <div className="card-header">
            <h2>{t('device.devices')}</h2>
            {!admin && canAddDevice(s) && (
              <button type="button" className="btn btn-primary btn-sm" onClick={() => setAdding(true)}>
                <Icon name="plus" />
                {t('device.addDevice')}
              </button>
            )}
          </div>
          {!admin && !canAddDevice(s) && <p className="muted card-body">{t(`device.cannotAdd.${whyNoDevices(s)}`)}</p>}
          <DataTable
            caption={t('device.devicesOf', { version: s.sbiVersion })}
            columns={columns}
            rows={devices.data}
            rowKey={(d) => d.deviceId}
            loading={devices.isFetching}
            error={devices.error ? errorText(devices.error) : undefined}
            emptyText={t('device.noDevices')}
          />
        </section>
      </div>
      {!admin && <AddDeviceDialog sbi={s} open={adding} onClose={() => setAdding(false)} />}
      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.kind === 'device'
            ? t('device.deactivateDeviceTitle', { name: name(confirming.device) })
            : t('device.deactivateSbiTitle', { version: s.sbiVersion })
        }
        message={confirming?.kind === 'device' ? t('device.deactivateDeviceMessage') : t('device.deactivateSbiMessage')}
        confirmLabel={t('common.deactivate')}
        danger
        busy={deactivate.isPending}
        error={deactivate.error ? errorText(deactivate.error) : undefined}
        onConfirm={() => confirming && deactivate.mutate(confirming)}
        onCancel={() => {
          deactivate.reset();
          setConfirming(null);
        }}
      />
    </>
  );
}

/** Why the provider cannot add a device to this SBI, as a key under device.cannotAdd. */
function whyNoDevices(s: SbiItem): 'pending' | 'rejected' | 'inactive' | 'expired' {
  if (s.status === 'pending_approval') return 'pending';
  if (s.status === 'rejected') return 'rejected';
  if (!s.isActive) return 'inactive';
  return 'expired';
}
