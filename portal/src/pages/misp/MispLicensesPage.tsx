import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { LegacyPage, MispLicense, MispLicenseKey, SearchRequest } from '../../api/types.js';
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
import { useListState } from '../../ui/useListState.js';
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';
import { partnerIdIssue } from '../../validation/service-rules.js';
import { copyText } from '../partner/shared.js';
import { PrerequisiteNotice } from '../../app/PrerequisiteNotice.js';
import { useEligibility } from '../../app/prerequisites.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';

type LicenseState = 'active' | 'expired' | 'inactive';
const stateOf = (l: MispLicense, now = Date.now()): LicenseState =>
  !l.isActive ? 'inactive' : l.validToDate && new Date(l.validToDate).getTime() <= now ? 'expired' : 'active';

function LicenseBadge({ license }: { license: MispLicense }) {
  const { t } = useTranslation();
  const s = stateOf(license);
  return <Badge tone={s === 'active' ? 'success' : s === 'expired' ? 'warning' : 'danger'}>{t(`misp.status.${s}`)}</Badge>;
}

/** The new key, once: after this dialog closes only its masked form is ever shown. */
function KeyOnce({ license, onClose }: { license: MispLicenseKey; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  return (
    <Dialog
      open
      title={t('misp.generatedTitle')}
      onClose={onClose}
      actions={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('apiKey.done')}
        </button>
      }
    >
      <div className="alert alert-warning" role="alert">
        <Icon name="alert" />
        <span>{t('misp.shownOnce')}</span>
      </div>
      <Field label={t('misp.key')} hint={t('misp.validUntil', { date: fmt.date(license.licenseKeyExpiry) })}>
        <input
          readOnly
          dir="ltr"
          value={license.licenseKey}
          className="mono"
          data-testid="license-key-value"
          onFocus={(e) => e.target.select()}
        />
      </Field>
      <button
        type="button"
        className="btn"
        style={{ alignSelf: 'flex-start' }}
        onClick={async () => toast((await copyText(license.licenseKey)) ? t('common.copied') : t('common.copyFailed'), 'info')}
      >
        {t('common.copy')}
      </button>
    </Dialog>
  );
}

function GenerateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [providerId, setProviderId] = useState('');
  const [issues, setIssues] = useState<Issues<'providerId'>>({});
  const [generated, setGenerated] = useState<MispLicenseKey | null>(null);
  const eligibility = useEligibility('mispLicense');
  useSingleChoice(
    eligibility.eligible.map((p) => p.partnerId),
    providerId,
    setProviderId,
    open && !generated,
  );
  const generate = useMutation({
    mutationFn: () => call<MispLicenseKey>(endpoints.mispGenerate, { body: { providerId } }),
    onSuccess: async (key) => {
      setGenerated(key);
      await refresh('mispLicenses');
    },
    onError: (err) => {
      // Unknown, not a MISP, inactive, already licensed: all about the partner named.
      const f = fieldOfServerError(err, ['providerId'] as const, {
        PMS_MSP_005: 'providerId',
        PMS_MSP_009: 'providerId',
        PMS_MSP_405: 'providerId',
        PMS_MSP_416: 'providerId',
        PMS_PRT_055: 'providerId',
      });
      if (f) setIssues({ providerId: f.message });
    },
  });
  const close = () => {
    setProviderId('');
    setIssues({});
    setGenerated(null);
    generate.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Issues<'providerId'> = validate('mispGenerate', { providerId });
    found.providerId ??= partnerIdIssue(providerId);
    setIssues(found);
    if (!hasIssues(found)) generate.mutate();
  };
  if (!open) return null;
  if (generated) return <KeyOnce license={generated} onClose={close} />;
  return (
    <FormDialog
      open
      title={t('misp.generate')}
      onClose={close}
      formId="misp-license"
      submitLabel={t('misp.generate')}
      submitDisabled={generate.isPending || (!eligibility.loading && eligibility.eligible.length === 0)}
      onSubmit={submit}
    >
      <p className="muted">{t('misp.generateIntro')}</p>
      {!eligibility.loading && <PrerequisiteNotice action="mispLicense" eligibility={eligibility} />}
      <Field label={t('partner.id')} required error={issues.providerId}>
        <select
          value={providerId}
          onChange={(e) => {
            setProviderId(e.target.value);
            setIssues({});
          }}
        >
          <option value="">{t('common.choose')}</option>
          {eligibility.eligible.map((p) => (
            <option key={p.partnerId} value={p.partnerId}>
              {p.partnerId}
            </option>
          ))}
        </select>
      </Field>
      {generate.error && !hasIssues(issues) && <ErrorAlert error={generate.error} />}
    </FormDialog>
  );
}

function useLicenseColumns(extra: Column<MispLicense>[], sortable: boolean): Column<MispLicense>[] {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = (field: string) => (sortable ? field : undefined);
  return [
    { key: 'misp', label: t('partner.id'), sortField: s('mispId'), render: (l) => <strong>{l.mispId}</strong> },
    // A masked key reads the same in every language: its stars stay on the left in RTL too.
    {
      key: 'key',
      label: t('misp.key'),
      render: (l) => (
        <span className="mono" dir="ltr">
          {l.licenseKey}
        </span>
      ),
    },
    { key: 'from', label: t('trust.validFrom'), sortField: s('validFromDate'), render: (l) => fmt.date(l.validFromDate) },
    { key: 'to', label: t('trust.validTill'), sortField: s('validToDate'), render: (l) => fmt.date(l.validToDate) },
    { key: 'status', label: t('common.status'), sortField: s('isActive'), render: (l) => <LicenseBadge license={l} /> },
    ...extra,
  ];
}

/** A MISP partner's license: generate it (the key is shown once) and see its validity. */
export function MispLicensesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [generating, setGenerating] = useState(false);
  const q = useQuery({ queryKey: key('misp-licenses', 'mine'), queryFn: () => call<MispLicense[]>(endpoints.mispLicenses) });
  const columns = useLicenseColumns([], false);
  return (
    <>
      <PageHeader
        title={t('nav.mispLicense')}
        subtitle={t('misp.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setGenerating(true)}>
            <Icon name="key" />
            {t('misp.generate')}
          </button>
        }
      />
      <section className="card">
        <DataTable
          caption={t('nav.mispLicense')}
          columns={columns}
          rows={q.data}
          rowKey={(l) => l.mispId}
          loading={q.isFetching}
          error={q.error ? errorText(q.error) : undefined}
          emptyText={t('misp.emptyMine')}
          emptyAction={
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setGenerating(true)}>
              {t('misp.generate')}
            </button>
          }
        />
      </section>
      <GenerateDialog open={generating} onClose={() => setGenerating(false)} />
    </>
  );
}

function ActivateDialog({ license, onClose }: { license: MispLicense | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const [licenseKey, setKey] = useState('');
  const [issues, setIssues] = useState<Issues<'licenseKey'>>({});
  const activate = useMutation({
    mutationFn: () =>
      call(endpoints.mispUpdate, { body: { providerId: license!.mispId, licenseKey: licenseKey.trim(), licenseKeyStatus: 'Active' } }),
    onSuccess: async () => {
      toast(t('misp.activated'));
      await refresh('mispLicenses');
      close();
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['licenseKey'] as const, { PMS_MSP_408: 'licenseKey' });
      if (f) setIssues({ licenseKey: f.message });
    },
  });
  function close() {
    setKey('');
    setIssues({});
    activate.reset();
    onClose();
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('mispUpdate', { licenseKey });
    setIssues(found);
    if (!hasIssues(found)) activate.mutate();
  };
  return (
    <FormDialog
      open={license !== null}
      title={t('misp.activateTitle', { id: license?.mispId ?? '' })}
      onClose={close}
      formId="misp-activate"
      submitLabel={t('misp.activate')}
      submitDisabled={activate.isPending}
      onSubmit={submit}
    >
      <p className="muted">{t('misp.activateIntro')}</p>
      <Field label={t('misp.key')} required error={issues.licenseKey}>
        <input
          className="mono"
          value={licenseKey}
          onChange={(e) => {
            setKey(e.target.value);
            setIssues({});
          }}
          autoComplete="off"
          maxLength={fieldSchema('mispUpdate', 'licenseKey').maxLength}
        />
      </Field>
      {activate.error && !hasIssues(issues) && <ErrorAlert error={activate.error} />}
    </FormDialog>
  );
}

const FILTERS = ['mispId', 'isActive'] as const;

/** Every MISP license (partner admin): deactivate a valid one, or reactivate one with its key. */
export function AdminMispLicensesPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [deactivating, setDeactivating] = useState<MispLicense | null>(null);
  const [activating, setActivating] = useState<MispLicense | null>(null);
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const search: SearchRequest = {
    filters: [
      ...(filters.mispId ? [{ columnName: 'mispId', type: 'contains' as const, value: filters.mispId }] : []),
      ...(filters.isActive ? [{ columnName: 'isActive', type: 'equals' as const, value: filters.isActive }] : []),
    ],
    sort: [{ sortField, sortType: sortDir === 'asc' ? 'ASC' : 'DESC' }],
    pagination: { pageStart: page, pageFetch: size },
  };
  const q = useQuery({
    queryKey: key('misp-licenses', 'all', search),
    queryFn: () => call<LegacyPage<MispLicense>>(endpoints.mispSearch, { body: search }),
    placeholderData: keepPreviousData,
  });
  // PUT /misps names the license by its full key, which lists never show: the admin's own
  // key read (valid licenses only, so nothing is regenerated) supplies it.
  const deactivate = useMutation({
    mutationFn: async (l: MispLicense) => {
      const current = await call<MispLicenseKey>(endpoints.mispLicenseKey, { params: { mispId: l.mispId } });
      return call(endpoints.mispUpdate, { body: { providerId: l.mispId, licenseKey: current.licenseKey, licenseKeyStatus: 'De-Active' } });
    },
    onSuccess: async () => {
      setDeactivating(null);
      toast(t('misp.deactivated'));
      await refresh('mispLicenses');
    },
  });
  const columns = useLicenseColumns(
    [
      {
        key: 'actions',
        label: t('common.actions'),
        className: 'actions',
        render: (l) => {
          const s = stateOf(l);
          if (s === 'active')
            return (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => setDeactivating(l)}
                aria-label={t('misp.deactivateOf', { id: l.mispId })}
              >
                {t('common.deactivate')}
              </button>
            );
          if (s === 'inactive')
            return (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => setActivating(l)}
                aria-label={t('misp.activateOf', { id: l.mispId })}
              >
                {t('misp.activate')}
              </button>
            );
          return null;
        },
      },
    ],
    true,
  );
  return (
    <>
      <PageHeader title={t('nav.mispLicenses')} subtitle={t('misp.adminSubtitle')} />
      <section className="card">
        <Filters
          defs={[
            { name: 'mispId', label: t('partner.id') },
            {
              name: 'isActive',
              label: t('common.status'),
              options: [
                { value: 'true', label: t('common.active') },
                { value: 'false', label: t('common.inactive') },
              ],
            },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={t('nav.mispLicenses')}
          columns={columns}
          rows={q.data?.data}
          rowKey={(l) => l.mispId}
          loading={q.isFetching}
          error={q.error ? errorText(q.error) : undefined}
          emptyText={t('misp.empty')}
          filtered={Object.values(filters).some(Boolean)}
          sortField={sortField}
          sortDir={sortDir}
          onSort={list.toggleSort}
          page={page}
          size={size}
          total={q.data?.totalRecord}
          onPage={list.setPage}
          onSize={list.setSize}
        />
      </section>
      <ConfirmDialog
        open={deactivating !== null}
        title={t('misp.deactivateTitle', { id: deactivating?.mispId ?? '' })}
        message={t('misp.deactivateMessage')}
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
      <ActivateDialog license={activating} onClose={() => setActivating(null)} />
    </>
  );
}
