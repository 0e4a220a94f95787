import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints.js';
import { key, queries, useRefresh } from '../../api/queries.js';
import { call } from '../../api/http.js';
import type { FtmChip } from '../../api/types.js';
import { PrerequisiteNotice } from '../../app/PrerequisiteNotice.js';
import { useEligibility } from '../../app/prerequisites.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { CertificateInput } from '../../ui/CertificateInput.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { ConfirmDialog, FormDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';
import { ChipCertificateDialog, ChipStatusBadge, chipName, type ChipRef } from './common.js';

/** Chip certificates are trusted only through the FTM domain (the server refuses any other). */
const FTM_DOMAIN = 'FTM';
type ChipField = 'ftpProviderId' | 'make' | 'model';

function AddChipDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const eligibility = useEligibility('ftmChip');
  const providers = eligibility.eligible;
  const empty: Record<ChipField, string> = { ftpProviderId: '', make: '', model: '' };
  const [v, setV] = useState(empty);
  const chooseProvider = useCallback((ftpProviderId: string) => setV((cur) => ({ ...cur, ftpProviderId })), []);
  useSingleChoice(
    providers.map((p) => p.partnerId),
    v.ftpProviderId,
    chooseProvider,
    open,
  );
  const [issues, setIssues] = useState<Issues<ChipField>>({});
  const save = useMutation({
    mutationFn: () => call<{ id: string }>(endpoints.ftmCreate, { body: v }),
    onSuccess: async () => {
      toast(t('ftm.added'));
      await refresh('ftmChips');
      close();
    },
    onError: (err) => {
      // PMP_AUT_030: the partner is unknown or inactive; PMP_AUT_032: this make and model exist already.
      const f = fieldOfServerError(err, ['ftpProviderId', 'make', 'model'] as const, {
        PMP_AUT_030: 'ftpProviderId',
        PMP_AUT_032: 'model',
      });
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  function close() {
    setV(empty);
    setIssues({});
    save.reset();
    onClose();
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('ftmCreate', v);
    setIssues(found);
    if (!hasIssues(found)) save.mutate();
  };
  const set = (f: ChipField) => (e: { target: { value: string } }) => {
    setV({ ...v, [f]: e.target.value });
    setIssues({ ...issues, [f]: undefined });
  };
  return (
    <FormDialog
      open={open}
      title={t('ftm.add')}
      onClose={close}
      formId="ftm-chip-form"
      submitLabel={t('ftm.add')}
      submitDisabled={save.isPending || (!eligibility.loading && providers.length === 0)}
      onSubmit={submit}
    >
      {!eligibility.loading && <PrerequisiteNotice action="ftmChip" eligibility={eligibility} />}
      <Field label={t('partner.id')} required error={issues.ftpProviderId}>
        <select value={v.ftpProviderId} onChange={set('ftpProviderId')}>
          <option value="">{t('common.choose')}</option>
          {providers.map((p) => (
            <option key={p.partnerId} value={p.partnerId}>
              {p.partnerId}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-grid">
        <Field label={t('device.make')} required error={issues.make}>
          <input value={v.make} onChange={set('make')} maxLength={fieldSchema('ftmCreate', 'make').maxLength} />
        </Field>
        <Field label={t('device.model')} required error={issues.model}>
          <input value={v.model} onChange={set('model')} maxLength={fieldSchema('ftmCreate', 'model').maxLength} />
        </Field>
      </div>
      {save.error && !hasIssues(issues) && <ErrorAlert error={save.error} />}
    </FormDialog>
  );
}

function UploadChipCertDialog({ chip, onClose }: { chip: FtmChip | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [certificateData, setData] = useState('');
  const [issues, setIssues] = useState<Issues<'certificateData'>>({});
  // The organisation sent with the certificate must be the partner's own (the server compares it with the certificate's O).
  const partner = useQuery({
    ...queries.partner(chip?.partnerId ?? ''),
    enabled: chip !== null,
  });
  const close = () => {
    setData('');
    setIssues({});
    upload.reset();
    onClose();
  };
  const body = () => ({
    ftpProviderId: chip!.partnerId,
    ftpChipDeatilId: chip!.ftmId,
    certificateData,
    organizationName: partner.data?.organizationName ?? '',
    partnerDomain: FTM_DOMAIN,
  });
  const upload = useMutation({
    mutationFn: () => call(endpoints.ftmUploadCert, { body: body() }),
    onSuccess: async () => {
      toast(t('ftm.certUploaded'));
      await refresh('ftmChips');
      close();
    },
    // Every refusal of an upload concerns the certificate (issuer, organisation, dates, key).
    onError: (err) => setIssues({ certificateData: fieldOfServerError(err, ['certificateData'] as const)?.message ?? errorText(err) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('ftmUploadCert', { certificateData });
    setIssues(found);
    if (!hasIssues(found) && partner.data) upload.mutate();
  };
  return (
    <FormDialog
      open={chip !== null}
      title={t('ftm.uploadTitle', { name: chip ? chipName(chip) : '' })}
      onClose={close}
      formId="ftm-cert-upload"
      submitLabel={t('certificate.upload')}
      submitDisabled={upload.isPending || !partner.data}
      onSubmit={submit}
    >
      {chip?.isCertificateAvailable && (
        <div className="alert alert-warning" role="note">
          <Icon name="alert" />
          <span>{t('ftm.reuploadWarning')}</span>
        </div>
      )}
      <dl className="details">
        <dt>{t('partner.id')}</dt>
        <dd>{chip?.partnerId}</dd>
        <dt>{t('partner.organization')}</dt>
        <dd>{partner.data?.organizationName ?? '…'}</dd>
        <dt>{t('certificate.domain')}</dt>
        <dd>{FTM_DOMAIN}</dd>
      </dl>
      {partner.error && <ErrorAlert error={partner.error} />}
      <Field label={t('certificate.data')} required error={issues.certificateData} hint={t('ftm.certHint')}>
        <CertificateInput
          value={certificateData}
          onChange={(v) => {
            setData(v);
            setIssues({});
          }}
        />
      </Field>
    </FormDialog>
  );
}

/** What the provider may still do with a chip, as the server allows it. */
const canUpload = (c: FtmChip) => c.status === 'pending_cert_upload' || (c.status === 'approved' && c.isActive);
const canView = (c: FtmChip) => c.isCertificateAvailable && (c.status === 'pending_approval' || (c.status === 'approved' && c.isActive));
const canDeactivate = (c: FtmChip) => c.status === 'approved' && c.isActive;

/** FTM chips of the signed-in FTM provider: add, upload the chip certificate, view it, deactivate. */
export function FtmChipsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [adding, setAdding] = useState(false);
  const [uploadFor, setUploadFor] = useState<FtmChip | null>(null);
  const [viewing, setViewing] = useState<ChipRef | null>(null);
  const [deactivating, setDeactivating] = useState<FtmChip | null>(null);
  const q = useQuery({ queryKey: key('ftm-chips'), queryFn: () => call<FtmChip[]>(endpoints.ftmChips) });
  const deactivate = useMutation({
    mutationFn: (c: FtmChip) => call(endpoints.ftmDeactivate, { params: { ftmId: c.ftmId }, body: { status: 'De-Activate' } }),
    onSuccess: async () => {
      setDeactivating(null);
      toast(t('ftm.deactivated'));
      await refresh('ftmChips');
    },
  });
  const expiry = (c: FtmChip) => {
    if (!c.certificateExpiryDateTime) return '—';
    return c.isCertificateExpired ? (
      <Badge tone="danger">{t('certificate.expiredOn', { date: fmt.date(c.certificateExpiryDateTime) })}</Badge>
    ) : (
      fmt.date(c.certificateExpiryDateTime)
    );
  };
  const name = chipName;
  const columns: Column<FtmChip>[] = [
    { key: 'name', label: t('device.makeModel'), render: (c) => <strong>{name(c)}</strong> },
    { key: 'partner', label: t('partner.id'), render: (c) => c.partnerId },
    { key: 'uploaded', label: t('certificate.uploadedOn'), render: (c) => fmt.dateTime(c.certificateUploadDateTime) },
    { key: 'expiry', label: t('certificate.expiry'), render: expiry },
    { key: 'created', label: t('common.created'), render: (c) => fmt.date(c.createdDateTime) },
    { key: 'status', label: t('common.status'), render: (c) => <ChipStatusBadge status={c.status} isActive={c.isActive} /> },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (c) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          {canUpload(c) && (
            <button
              type="button"
              className="btn btn-sm btn-primary"
              onClick={() => setUploadFor(c)}
              aria-label={t(c.isCertificateAvailable ? 'ftm.reuploadOf' : 'ftm.uploadOf', { name: name(c) })}
            >
              <Icon name="upload" />
              {c.isCertificateAvailable ? t('certificate.reupload') : t('certificate.upload')}
            </button>
          )}
          {canView(c) && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setViewing(c)}
              aria-label={t('ftm.certificateOf', { name: name(c) })}
            >
              {t('ftm.certificate')}
            </button>
          )}
          {canDeactivate(c) && (
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
      <PageHeader
        title={t('nav.ftmChips')}
        subtitle={t('ftm.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            <Icon name="plus" />
            {t('ftm.add')}
          </button>
        }
      />
      <section className="card">
        <DataTable
          caption={t('nav.ftmChips')}
          columns={columns}
          rows={q.data}
          rowKey={(c) => c.ftmId}
          loading={q.isFetching}
          error={q.error ? errorText(q.error) : undefined}
          emptyText={t('ftm.emptyMine')}
          emptyAction={
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setAdding(true)}>
              {t('ftm.add')}
            </button>
          }
        />
      </section>
      <AddChipDialog open={adding} onClose={() => setAdding(false)} />
      <UploadChipCertDialog chip={uploadFor} onClose={() => setUploadFor(null)} />
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
