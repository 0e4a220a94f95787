import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { Page, TrustCertificate } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { CertificateInput } from '../../ui/CertificateInput.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog, FormDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { Filters } from '../../ui/Filters.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { downloadText } from '../../ui/download.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { hasIssues, validate, type Issues } from '../../validation/rules.js';

const FILTERS = ['caCertificateType', 'partnerDomain', 'issuedTo', 'issuedBy', 'certificateId'] as const;
export const DOMAINS = ['AUTH', 'DEVICE', 'FTM', 'MISP'];

function UploadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [values, setValues] = useState({ partnerDomain: 'AUTH', certificateData: '' });
  const [issues, setIssues] = useState<Issues<'partnerDomain' | 'certificateData'>>({});
  const upload = useMutation({
    mutationFn: () => call(endpoints.uploadCaCert, { body: values }),
    onSuccess: async () => {
      toast(t('trust.uploaded'));
      await refresh('trust');
      setValues({ partnerDomain: values.partnerDomain, certificateData: '' });
      onClose();
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['partnerDomain', 'certificateData'] as const, {});
      setIssues(f ? { [f.field]: f.message } : { certificateData: errorText(err) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('uploadCaCert', values);
    setIssues(found);
    if (!hasIssues(found)) upload.mutate();
  };
  return (
    <FormDialog
      open={open}
      title={t('trust.uploadTitle')}
      onClose={onClose}
      formId="ca-upload"
      submitLabel={t('certificate.upload')}
      submitDisabled={upload.isPending}
      onSubmit={submit}
    >
      <p className="muted" style={{ margin: 0 }}>
        {t('trust.uploadHint')}
      </p>
      <Field label={t('certificate.domain')} required error={issues.partnerDomain}>
        <select value={values.partnerDomain} onChange={(e) => setValues({ ...values, partnerDomain: e.target.value })}>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('certificate.data')} required error={issues.certificateData}>
        <CertificateInput value={values.certificateData} onChange={(v) => setValues({ ...values, certificateData: v })} />
      </Field>
    </FormDialog>
  );
}

function ViewDialog({ cert, onClose }: { cert: TrustCertificate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Dialog
      open={cert !== null}
      title={t('trust.viewTitle')}
      onClose={onClose}
      actions={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {cert && (
        <dl className="details">
          <dt>{t('trust.type')}</dt>
          <dd>{t(`trust.types.${cert.caCertificateType}`, { defaultValue: cert.caCertificateType })}</dd>
          <dt>{t('certificate.domain')}</dt>
          <dd>{cert.partnerDomain}</dd>
          <dt>{t('trust.issuedTo')}</dt>
          <dd>{cert.issuedTo}</dd>
          <dt>{t('trust.issuedBy')}</dt>
          <dd>{cert.issuedBy}</dd>
          <dt>{t('trust.thumbprint')}</dt>
          <dd className="mono" style={{ wordBreak: 'break-all' }}>
            {cert.certThumbprint}
          </dd>
          <dt>{t('trust.validFrom')}</dt>
          <dd>{fmt.dateTime(cert.validFromDate)}</dd>
          <dt>{t('trust.validTill')}</dt>
          <dd>{fmt.dateTime(cert.validTillDate)}</dd>
          <dt>{t('trust.uploadedAt')}</dt>
          <dd>{fmt.dateTime(cert.uploadTime)}</dd>
        </dl>
      )}
    </Dialog>
  );
}

export function TrustStorePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const toast = useToast();
  const [uploading, setUploading] = useState(false);
  const [viewing, setViewing] = useState<TrustCertificate | null>(null);
  const list = useListState(FILTERS, { sortField: 'uploadedDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('trust', query),
    queryFn: () => call<Page<TrustCertificate>>(endpoints.trustCertificates, { query }),
    placeholderData: keepPreviousData,
  });
  const download = async (c: TrustCertificate) => {
    try {
      const res = await call<{ p7bFile: string }>(endpoints.trustCertificateFile, { params: { certificateId: c.certId } });
      downloadText(`${c.partnerDomain}-${c.caCertificateType}-${c.certId}.p7b`, res.p7bFile, 'application/x-pkcs7-certificates');
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const columns: Column<TrustCertificate>[] = [
    {
      key: 'type',
      label: t('trust.type'),
      sortField: 'caCertificateType',
      render: (c) => (
        <Badge tone={c.caCertificateType === 'ROOT' ? 'info' : 'neutral'}>
          {t(`trust.types.${c.caCertificateType}`, { defaultValue: c.caCertificateType })}
        </Badge>
      ),
    },
    { key: 'domain', label: t('certificate.domain'), sortField: 'partnerDomain', render: (c) => c.partnerDomain },
    { key: 'to', label: t('trust.issuedTo'), sortField: 'issuedTo', render: (c) => c.issuedTo },
    { key: 'by', label: t('trust.issuedBy'), sortField: 'issuedBy', render: (c) => c.issuedBy },
    { key: 'till', label: t('trust.validTill'), sortField: 'validTill', render: (c) => fmt.date(c.validTillDate) },
    { key: 'uploaded', label: t('trust.uploadedAt'), sortField: 'uploadedDateTime', render: (c) => fmt.dateTime(c.uploadTime) },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (c) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn btn-sm" onClick={() => setViewing(c)} aria-label={t('trust.viewOf', { name: c.issuedTo })}>
            {t('common.view')}
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void download(c)}
            aria-label={t('trust.downloadOf', { name: c.issuedTo })}
          >
            <Icon name="download" />
            {t('common.download')}
          </button>
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.trustStore')}
        subtitle={t('trust.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setUploading(true)}>
            <Icon name="upload" />
            {t('trust.upload')}
          </button>
        }
      />
      <section className="card">
        <Filters
          defs={[
            {
              name: 'caCertificateType',
              label: t('trust.type'),
              options: ['ROOT', 'INTERMEDIATE'].map((v) => ({ value: v, label: t(`trust.types.${v}`) })),
            },
            { name: 'partnerDomain', label: t('certificate.domain'), options: DOMAINS.map((d) => ({ value: d, label: d })) },
            { name: 'issuedTo', label: t('trust.issuedTo') },
            { name: 'issuedBy', label: t('trust.issuedBy') },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.trustStore')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(c) => c.certId}
          emptyText={t('trust.empty')}
        />
      </section>
      <UploadDialog open={uploading} onClose={() => setUploading(false)} />
      <ViewDialog cert={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
