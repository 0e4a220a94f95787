import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { ApiKeyItem, GeneratedKey, Page } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { ConfirmDialog, Dialog, FormDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { Filters } from '../../ui/Filters.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { pagedTable, useListState } from '../../ui/useListState.js';
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';
import { PrerequisiteNotice } from '../../app/PrerequisiteNotice.js';
import { useEligibility } from '../../app/prerequisites.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';
import { copyText, useApprovedPolicies } from './shared.js';

const FILTERS = ['partnerId', 'apiKeyLabel', 'orgName', 'policyName', 'status'] as const;

export function KeyStatusBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  const tone = status === 'activated' ? 'success' : status === 'expired' ? 'warning' : 'danger';
  return <Badge tone={tone}>{status ? t(`apiKey.status.${status}`, { defaultValue: status }) : '—'}</Badge>;
}

type GenField = 'partnerId' | 'policyName' | 'label';

function GenerateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const toast = useToast();
  const eligibility = useEligibility('apiKey');
  const partners = eligibility.eligible;
  const [values, setValues] = useState<Record<GenField, string>>({ partnerId: '', policyName: '', label: '' });
  const choosePartner = useCallback((partnerId: string) => setValues((v) => ({ ...v, partnerId, policyName: '' })), []);
  useSingleChoice(
    partners.map((p) => p.partnerId),
    values.partnerId,
    choosePartner,
    open,
  );
  const [issues, setIssues] = useState<Issues<GenField>>({});
  const [generated, setGenerated] = useState<GeneratedKey | null>(null);
  const policies = useApprovedPolicies(values.partnerId || undefined);
  const choosePolicy = useCallback((policyName: string) => setValues((v) => ({ ...v, policyName })), []);
  useSingleChoice(
    (policies.data ?? []).map((p) => p.policyName ?? ''),
    values.policyName,
    choosePolicy,
    open && !generated,
  );
  const generate = useMutation({
    mutationFn: () =>
      call<GeneratedKey>(endpoints.generateApiKey, {
        params: { partnerId: values.partnerId },
        body: { policyName: values.policyName, label: values.label },
      }),
    onSuccess: async (key) => {
      setGenerated(key);
      await refresh('apiKeys');
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['policyName', 'label'] as const, {
        PMS_PRT_066: 'label',
        PMS_PMP_026: 'label',
        PMS_PMS_021: 'label',
      });
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const close = () => {
    setValues({ partnerId: '', policyName: '', label: '' });
    setIssues({});
    setGenerated(null);
    generate.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Issues<GenField> = validate('generateApiKey', { policyName: values.policyName, label: values.label });
    if (!values.partnerId) found.partnerId = { key: 'required' };
    setIssues(found);
    if (!hasIssues(found)) generate.mutate();
  };
  if (generated) {
    return (
      <Dialog
        open={open}
        title={t('apiKey.generatedTitle')}
        onClose={close}
        actions={
          <button type="button" className="btn btn-primary" onClick={close}>
            {t('apiKey.done')}
          </button>
        }
      >
        <div className="alert alert-warning" role="alert">
          <Icon name="alert" />
          <span>{t('apiKey.shownOnce')}</span>
        </div>
        <Field label={t('apiKey.key')}>
          <input readOnly value={generated.apiKey} className="mono" data-testid="api-key-value" onFocus={(e) => e.target.select()} />
        </Field>
        <button
          type="button"
          className="btn"
          style={{ alignSelf: 'flex-start' }}
          onClick={async () => toast((await copyText(generated.apiKey)) ? t('common.copied') : t('common.copyFailed'), 'info')}
        >
          {t('common.copy')}
        </button>
      </Dialog>
    );
  }
  const formError = generate.error && !Object.values(issues).some(Boolean) ? generate.error : undefined;
  return (
    <FormDialog
      open={open}
      title={t('apiKey.generate')}
      onClose={close}
      formId="api-key"
      submitLabel={t('apiKey.generate')}
      submitDisabled={generate.isPending || (!eligibility.loading && partners.length === 0)}
      onSubmit={submit}
    >
      {!eligibility.loading && <PrerequisiteNotice action="apiKey" eligibility={eligibility} />}
      <Field label={t('partner.id')} required error={issues.partnerId}>
        <select value={values.partnerId} onChange={(e) => setValues({ ...values, partnerId: e.target.value, policyName: '' })}>
          <option value="">{t('common.choose')}</option>
          {partners.map((p) => (
            <option key={p.partnerId} value={p.partnerId}>
              {p.partnerId}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('request.policy')} required error={issues.policyName} hint={t('apiKey.policyHint')}>
        <select
          value={values.policyName}
          onChange={(e) => setValues({ ...values, policyName: e.target.value })}
          disabled={!values.partnerId}
        >
          <option value="">{t('common.choose')}</option>
          {policies.data?.map((p) => (
            <option key={p.id} value={p.policyName ?? ''}>
              {p.policyName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('apiKey.label')} required error={issues.label}>
        <input
          value={values.label}
          onChange={(e) => setValues({ ...values, label: e.target.value })}
          maxLength={fieldSchema('generateApiKey', 'label').maxLength}
        />
      </Field>
      {formError && <ErrorAlert error={formError} />}
    </FormDialog>
  );
}

/** API keys: auth partners generate and deactivate their own; the partner admin sees all. */
export function ApiKeysPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [generating, setGenerating] = useState(false);
  const [deactivating, setDeactivating] = useState<ApiKeyItem | null>(null);
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('api-keys', query),
    queryFn: () => call<Page<ApiKeyItem>>(endpoints.apiKeys, { query }),
    placeholderData: keepPreviousData,
  });
  const deactivate = useMutation({
    mutationFn: (k: ApiKeyItem) =>
      call(endpoints.apiKeyStatus, {
        params: { partnerId: k.partnerId, policyId: k.policyId },
        body: { label: k.apiKeyLabel, status: 'De-Active' },
      }),
    onSuccess: async () => {
      setDeactivating(null);
      toast(t('apiKey.deactivated'));
      await refresh('apiKeys');
    },
  });
  const columns: Column<ApiKeyItem>[] = [
    { key: 'label', label: t('apiKey.label'), sortField: 'apiKeyLabel', render: (k) => <strong>{k.apiKeyLabel}</strong> },
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (k) => k.partnerId },
    ...(admin ? [{ key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (k: ApiKeyItem) => k.orgName }] : []),
    { key: 'policy', label: t('request.policy'), sortField: 'policyName', render: (k) => k.policyName },
    { key: 'created', label: t('common.created'), sortField: 'createdDateTime', render: (k) => fmt.dateTime(k.createdDateTime) },
    { key: 'expiry', label: t('certificate.expiry'), render: (k) => fmt.date(k.expiryDateTime) },
    { key: 'status', label: t('common.status'), sortField: 'status', render: (k) => <KeyStatusBadge status={k.status} /> },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (k) =>
        k.status === 'activated' && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setDeactivating(k)}
            aria-label={t('apiKey.deactivateOf', { label: k.apiKeyLabel })}
          >
            {t('common.deactivate')}
          </button>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        subtitle={admin ? t('apiKey.adminSubtitle') : t('apiKey.subtitle')}
        actions={
          !admin && (
            <button type="button" className="btn btn-primary" onClick={() => setGenerating(true)}>
              <Icon name="key" />
              {t('apiKey.generate')}
            </button>
          )
        }
      />
      <section className="card">
        <Filters
          defs={[
            { name: 'apiKeyLabel', label: t('apiKey.label') },
            { name: 'partnerId', label: t('partner.id') },
            ...(admin ? [{ name: 'orgName' as const, label: t('partner.organization') }] : []),
            { name: 'policyName', label: t('request.policy') },
            {
              name: 'status',
              label: t('common.status'),
              options: ['activated', 'deactivated', 'expired'].map((s) => ({ value: s, label: t(`apiKey.status.${s}`) })),
            },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.apiKeys')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(k) => `${k.partnerId}/${k.policyId}/${k.apiKeyLabel}`}
          emptyText={t('apiKey.empty')}
          emptyAction={
            !admin && (
              <button type="button" className="btn btn-primary btn-sm" onClick={() => setGenerating(true)}>
                {t('apiKey.generate')}
              </button>
            )
          }
        />
      </section>
      {!admin && <GenerateDialog open={generating} onClose={() => setGenerating(false)} />}
      <ConfirmDialog
        open={deactivating !== null}
        title={t('apiKey.deactivateTitle', { label: deactivating?.apiKeyLabel ?? '' })}
        message={t('apiKey.deactivateMessage')}
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
