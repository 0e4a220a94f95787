import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { AdminPartnerDetail } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { ConfirmDialog } from '../../ui/Dialog.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { ErrorAlert, Loading, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { PartnerStatusBadge } from './PartnersPage.js';

export function PartnerViewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [confirm, setConfirm] = useState(false);
  const partner = useQuery({
    queryKey: key('admin-partner', id),
    queryFn: () => call<AdminPartnerDetail>(endpoints.adminPartner, { params: { partnerId: id } }),
  });
  const deactivate = useMutation({
    mutationFn: () => call(endpoints.partnerStatus, { params: { partnerId: id }, body: { status: 'De-Active' } }),
    onSuccess: async () => {
      setConfirm(false);
      toast(t('partner.deactivatedToast'));
      await refresh('partners');
    },
  });
  if (partner.isPending) return <Loading />;
  if (partner.error) return <ErrorAlert error={partner.error} />;
  const p = partner.data;
  const canDeactivate = p.approvalStatus.toLowerCase() === 'approved' && p.isActive;
  return (
    <>
      <PageHeader
        title={p.partnerId}
        subtitle={p.organizationName}
        crumbs={[{ label: t('nav.partners'), to: '/admin/partners' }, { label: p.partnerId }]}
        actions={
          canDeactivate && (
            <button type="button" className="btn btn-danger" onClick={() => setConfirm(true)}>
              {t('common.deactivate')}
            </button>
          )
        }
      />
      <section className="card">
        <div className="card-header">
          <h2>{t('common.details')}</h2>
          <PartnerStatusBadge status={p.approvalStatus} isActive={p.isActive} />
        </div>
        <div className="card-body">
          <dl className="details">
            <dt>{t('partner.type')}</dt>
            <dd>{t(`partnerTypes.${p.partnerType}`, { defaultValue: p.partnerType })}</dd>
            <dt>{t('partner.organization')}</dt>
            <dd>{p.organizationName}</dd>
            <dt>{t('partner.email')}</dt>
            <dd>{p.emailId ?? '—'}</dd>
            <dt>{t('partner.phone')}</dt>
            <dd>{p.contactNumber ?? '—'}</dd>
            <dt>{t('partner.policyGroup')}</dt>
            <dd>
              {p.policyGroupName ?? '—'}
              {p.policyGroupDescription && <div className="muted">{p.policyGroupDescription}</div>}
            </dd>
            <dt>{t('common.created')}</dt>
            <dd>{fmt.dateTime(p.createdDateTime)}</dd>
            <dt>{t('partner.certificate')}</dt>
            <dd>
              {p.isCertificateAvailable
                ? t('partner.cert.uploadedOn', { date: fmt.dateTime(p.certificateUploadDateTime) })
                : t('partner.cert.not_uploaded')}
            </dd>
            <dt>{t('certificate.expiry')}</dt>
            <dd>{fmt.date(p.certificateExpiryDateTime)}</dd>
          </dl>
        </div>
      </section>
      <ConfirmDialog
        open={confirm}
        title={t('partner.deactivateTitle', { id: p.partnerId })}
        message={t('partner.deactivateMessage')}
        confirmLabel={t('common.deactivate')}
        danger
        busy={deactivate.isPending}
        error={deactivate.error ? errorText(deactivate.error) : undefined}
        onConfirm={() => deactivate.mutate()}
        onCancel={() => {
          setConfirm(false);
          deactivate.reset();
        }}
      />
    </>
  );
}
