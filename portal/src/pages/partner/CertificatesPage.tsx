import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { CertificateData, CertificateSummary, PartnerProfile } from '../../api/types.js';
import { useMyPartners } from '../../app/OnboardingGate.js';
import { describeError } from '../../i18n/errors.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { CertificateInput } from '../../ui/CertificateInput.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { FormDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { downloadText } from '../../ui/download.js';
import { hasIssues, validate, type Issues } from '../../validation/rules.js';

/** The trust domain a partner type's certificate belongs to (MOSIP's portal picks it the same way). */
const DOMAIN_OF_TYPE: Record<string, string> = { Device_Provider: 'DEVICE', FTM_Provider: 'FTM', MISP_Partner: 'MISP' };
const domainOf = (partnerType: string) => DOMAIN_OF_TYPE[partnerType] ?? 'AUTH';

function UploadDialog({ partner, onClose }: { partner: CertificateSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const [certificateData, setData] = useState('');
  const [issues, setIssues] = useState<Issues<'certificateData'>>({});
  // The domain follows the partner's type, as the server's trust check does; no choice to get wrong.
  const domain = partner ? domainOf(partner.partnerType) : 'AUTH';
  // The certificate's organisation (Subject O) must be the registered one: show it before the upload.
  const profile = useQuery({
    queryKey: key('partner', partner?.partnerId),
    queryFn: () => call<PartnerProfile>(endpoints.partner, { params: { partnerId: partner!.partnerId } }),
    enabled: partner !== null,
  });
  const org = profile.data?.organizationName ?? '';
  const close = () => {
    setData('');
    setIssues({});
    onClose();
  };
  const upload = useMutation({
    mutationFn: () =>
      call(endpoints.uploadPartnerCert, { body: { partnerId: partner!.partnerId, partnerDomain: domain, certificateData } }),
    onSuccess: async () => {
      toast(t('certificate.uploadedToast', { id: partner!.partnerId }));
      await refresh('certificates');
      close();
    },
    // Every refusal of an upload concerns the certificate (issuer, organisation, dates, key).
    onError: (err) =>
      setIssues({
        certificateData:
          fieldOfServerError(err, ['certificateData'] as const, {}, { org, domain })?.message ?? describeError(err, t, { org, domain }),
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('uploadPartnerCert', { certificateData, partnerDomain: domain });
    setIssues(found);
    if (!hasIssues(found)) upload.mutate();
  };
  return (
    <FormDialog
      open={partner !== null}
      title={t('certificate.uploadTitle', { id: partner?.partnerId ?? '' })}
      onClose={close}
      formId="partner-cert-upload"
      submitLabel={t('certificate.upload')}
      submitDisabled={upload.isPending}
      onSubmit={submit}
    >
      {partner?.isCertificateAvailable && (
        <div className="alert alert-warning" role="note">
          {t('certificate.reuploadWarning')}
        </div>
      )}
      <dl className="details">
        <dt>{t('partner.organization')}</dt>
        <dd data-testid="cert-org">{org || '…'}</dd>
        <dt>{t('certificate.domain')}</dt>
        <dd data-testid="cert-domain">{domain}</dd>
      </dl>
      <section className="alert alert-info" aria-labelledby="cert-rules">
        <div className="stack" style={{ gap: '0.25rem' }}>
          <strong id="cert-rules">{t('certificate.rulesTitle')}</strong>
          <ul className="rules">
            <li>{t('certificate.ruleIssuer', { domain })}</li>
            <li>{t('certificate.ruleOrg', { org: org || '…' })}</li>
            <li>{t('certificate.ruleValidity')}</li>
            <li>{t('certificate.ruleKey')}</li>
          </ul>
        </div>
      </section>
      <Field label={t('certificate.data')} required error={issues.certificateData} hint={t('certificate.dataHint')}>
        <CertificateInput value={certificateData} onChange={setData} />
      </Field>
    </FormDialog>
  );
}

export function CertificatesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const partners = useMyPartners();
  const [uploadFor, setUploadFor] = useState<CertificateSummary | null>(null);
  const download = async (p: CertificateSummary, which: 'original' | 'signed') => {
    try {
      const d = await call<CertificateData>(endpoints.certificateData, { params: { partnerId: p.partnerId } });
      const pem = which === 'original' ? d.caSignedCertificateData : d.mosipSignedCertificateData;
      if (!pem) {
        toast(t('certificate.expiredNoDownload'), 'error');
        return;
      }
      downloadText(`${p.partnerId}-${which}.pem`, pem);
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const expiry = (iso: string | null | undefined) => {
    if (!iso) return '—';
    const expired = new Date(iso).getTime() < Date.now();
    return expired ? <Badge tone="danger">{t('certificate.expiredOn', { date: fmt.date(iso) })}</Badge> : fmt.date(iso);
  };
  const columns: Column<CertificateSummary>[] = [
    { key: 'id', label: t('partner.id'), render: (p) => <strong>{p.partnerId}</strong> },
    { key: 'type', label: t('partner.type'), render: (p) => t(`partnerTypes.${p.partnerType}`, { defaultValue: p.partnerType }) },
    { key: 'to', label: t('trust.issuedTo'), render: (p) => p.certificateIssuedTo ?? '—' },
    { key: 'uploaded', label: t('certificate.uploadedOn'), render: (p) => fmt.dateTime(p.certificateUploadDateTime) },
    { key: 'expiry', label: t('certificate.expiry'), render: (p) => expiry(p.certificateExpiryDateTime) },
    {
      key: 'status',
      label: t('common.status'),
      render: (p) =>
        !p.isPartnerActive ? (
          <Badge tone="danger">{t('partner.deactivated')}</Badge>
        ) : p.isCertificateAvailable ? (
          <Badge tone="success">{t('partner.cert.uploaded')}</Badge>
        ) : (
          <Badge tone="warning">{t('certificate.pending')}</Badge>
        ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (p) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn btn-sm btn-primary" disabled={!p.isPartnerActive} onClick={() => setUploadFor(p)}>
            <Icon name="upload" />
            {p.isCertificateAvailable ? t('certificate.reupload') : t('certificate.upload')}
          </button>
          {p.isCertificateAvailable && (
            <>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => void download(p, 'original')}
                aria-label={t('certificate.downloadOriginalOf', { id: p.partnerId })}
              >
                <Icon name="download" />
                {t('certificate.original')}
              </button>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => void download(p, 'signed')}
                aria-label={t('certificate.downloadSignedOf', { id: p.partnerId })}
              >
                <Icon name="download" />
                {t('certificate.signed')}
              </button>
            </>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.certificates')} subtitle={t('certificate.subtitle')} />
      <section className="card">
        <DataTable
          caption={t('nav.certificates')}
          columns={columns}
          rows={partners.data ?? undefined}
          rowKey={(p) => p.partnerId}
          loading={partners.isFetching}
          error={partners.error ? errorText(partners.error) : undefined}
          emptyText={t('certificate.empty')}
        />
      </section>
      <UploadDialog partner={uploadFor} onClose={() => setUploadFor(null)} />
    </>
  );
}
