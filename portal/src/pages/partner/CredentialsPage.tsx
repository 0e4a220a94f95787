import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { ApiError, call } from '../../api/http.js';
import type { CredentialTypePolicy, Extractors, PolicyRequest } from '../../api/types.js';
import { usePartnerFacts } from '../../app/prerequisites.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, Loading, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { hasIssues, type Issues } from '../../validation/rules.js';
import { RequestStatusBadge } from './PolicyRequestsPage.js';

/** Credential types MOSIP ships; the server's list decides (PMS_PRT_072 names it when one is refused). */
const KNOWN_TYPES = ['auth', 'qrcode', 'euin', 'reprint', 'vercred', 'opencrvs'];
/** "Nothing stored yet" answers of the two reads. */
const NONE = 'PMS_PRT_064';

type ExtractorField = 'attributeName' | 'biometric' | 'provider' | 'version';
const EMPTY: Record<ExtractorField, string> = { attributeName: '', biometric: '', provider: '', version: '' };

/** Biometric extractors of one request: always readable, changeable until the request is decided. */
function ExtractorsDialog({ request, onClose }: { request: PolicyRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const [v, setV] = useState(EMPTY);
  const [issues, setIssues] = useState<Issues<ExtractorField>>({});
  const params = request ? { partnerId: request.partnerId, policyId: request.policyId } : undefined;
  const list = useQuery({
    queryKey: key('extractors', params),
    queryFn: async () => {
      try {
        return (await call<Extractors>(endpoints.extractorsGet, { params })).extractors;
      } catch (err) {
        if (err instanceof ApiError && err.code === NONE) return [];
        throw err;
      }
    },
    enabled: request !== null,
  });
  const add = useMutation({
    mutationFn: () =>
      call(endpoints.extractorsAdd, {
        params,
        body: {
          extractors: [
            {
              attributeName: v.attributeName.trim(),
              biometric: v.biometric.trim(),
              extractor: { provider: v.provider.trim(), version: v.version.trim() || null },
            },
          ],
        },
      }),
    onSuccess: async () => {
      toast(t('credential.extractorSaved'));
      setV(EMPTY);
      await refresh('extractors');
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['attributeName', 'biometric', 'provider'] as const);
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Issues<ExtractorField> = {};
    for (const f of ['attributeName', 'biometric', 'provider'] as const) if (!v[f].trim()) found[f] = { key: 'required' };
    setIssues(found);
    if (!hasIssues(found)) add.mutate();
  };
  const pending = request?.status.toLowerCase() === 'inprogress';
  const close = () => {
    setV(EMPTY);
    setIssues({});
    add.reset();
    onClose();
  };
  return (
    <Dialog
      open={request !== null}
      title={t('credential.extractorsOf', { policy: request?.policyName ?? '' })}
      onClose={close}
      wide
      actions={
        <button type="button" className="btn" onClick={close}>
          {t('common.close')}
        </button>
      }
    >
      {list.isPending && <Loading />}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && list.data.length === 0 && <p className="muted">{t('credential.noExtractors')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="rules" data-testid="extractors">
          {list.data.map((x) => (
            <li key={x.attributeName}>
              <strong>{x.attributeName}</strong> — {x.biometric}: {x.extractor.provider} {x.extractor.version ?? ''}
            </li>
          ))}
        </ul>
      )}
      {pending ? (
        <form className="form" onSubmit={submit} noValidate>
          <h3>{t('credential.addExtractor')}</h3>
          <div className="form-grid">
            <Field label={t('credential.attributeName')} required error={issues.attributeName}>
              <input value={v.attributeName} onChange={(e) => setV({ ...v, attributeName: e.target.value })} />
            </Field>
            <Field label={t('credential.biometric')} required error={issues.biometric} hint={t('credential.biometricHint')}>
              <input dir="ltr" value={v.biometric} onChange={(e) => setV({ ...v, biometric: e.target.value })} />
            </Field>
            <Field label={t('credential.provider')} required error={issues.provider}>
              <input value={v.provider} onChange={(e) => setV({ ...v, provider: e.target.value })} />
            </Field>
            <Field label={t('credential.version')} error={issues.version}>
              <input value={v.version} onChange={(e) => setV({ ...v, version: e.target.value })} maxLength={8} />
            </Field>
          </div>
          {add.error && !hasIssues(issues) && <ErrorAlert error={add.error} />}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={add.isPending}>
              {t('credential.addExtractor')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">{t('credential.extractorsFixed')}</p>
      )}
    </Dialog>
  );
}

/** Maps a credential type to an approved policy, then shows what the server stored. */
function CredentialTypeDialog({ request, onClose }: { request: PolicyRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const errorText = useErrorText();
  const [type, setType] = useState('');
  const [issue, setIssue] = useState<string | undefined>();
  const [mapped, setMapped] = useState<CredentialTypePolicy | null>(null);
  const map = useMutation({
    mutationFn: async () => {
      const params = { partnerId: request!.partnerId, credentialType: type.trim() };
      await call(endpoints.credentialTypeMap, { params: { ...params, policyName: request!.policyName ?? '' } });
      return call<CredentialTypePolicy>(endpoints.credentialTypeGet, { params });
    },
    onSuccess: (m) => {
      setMapped(m);
      toast(t('credential.mapped', { type: m.credentialType, policy: m.policyName }));
    },
    onError: (err) => setIssue(errorText(err)),
  });
  const close = () => {
    setType('');
    setIssue(undefined);
    setMapped(null);
    map.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!type.trim()) return setIssue(t('validation.required'));
    map.mutate();
  };
  return (
    <Dialog
      open={request !== null}
      title={t('credential.mapTitle', { policy: request?.policyName ?? '' })}
      onClose={close}
      actions={
        <>
          <button type="button" className="btn" onClick={close}>
            {t('common.close')}
          </button>
          <button type="submit" form="credential-type" className="btn btn-primary" disabled={map.isPending}>
            {t('credential.map')}
          </button>
        </>
      }
    >
      <form id="credential-type" className="form" onSubmit={submit} noValidate>
        <Field label={t('credential.type')} required error={issue} hint={t('credential.typeHint')}>
          <input
            list="credential-types"
            dir="ltr"
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setIssue(undefined);
            }}
          />
        </Field>
        <datalist id="credential-types">
          {KNOWN_TYPES.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </form>
      {mapped && (
        <div className="alert alert-success" role="status" data-testid="credential-mapping">
          {t('credential.mapped', { type: mapped.credentialType, policy: mapped.policyName })}
        </div>
      )}
    </Dialog>
  );
}

/**
 * What MOSIP lets credential partners set on their requests: the biometric extractors (before
 * approval; MOSIP requires them for some partner types) and the credential types issued under
 * an approved policy.
 */
export function CredentialsPage() {
  const { t } = useTranslation();
  const { requests, loading, error } = usePartnerFacts();
  const [extractorsOf, setExtractorsOf] = useState<PolicyRequest | null>(null);
  const [mapping, setMapping] = useState<PolicyRequest | null>(null);
  const errorText = useErrorText();
  const columns: Column<PolicyRequest>[] = [
    { key: 'partner', label: t('partner.id'), render: (r) => r.partnerId },
    { key: 'policy', label: t('request.policy'), render: (r) => r.policyName ?? r.policyId },
    { key: 'status', label: t('common.status'), render: (r) => <RequestStatusBadge status={r.status} /> },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (r) => (
        <span className="row" style={{ justifyContent: 'flex-end' }}>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setExtractorsOf(r)}
            aria-label={t('credential.extractorsOf', { policy: r.policyName ?? r.policyId })}
          >
            {t('credential.extractors')}
          </button>
          {r.status.toLowerCase() === 'approved' && (
            <button
              type="button"
              className="btn btn-sm btn-primary"
              onClick={() => setMapping(r)}
              aria-label={t('credential.mapTitle', { policy: r.policyName ?? r.policyId })}
            >
              {t('credential.map')}
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.credentials')} subtitle={t('credential.subtitle')} />
      <section className="card">
        <DataTable
          caption={t('nav.credentials')}
          columns={columns}
          rows={requests?.filter((r) => r.status.toLowerCase() !== 'rejected')}
          rowKey={(r) => r.id}
          loading={loading}
          error={error ? errorText(error) : undefined}
          emptyText={t('credential.empty')}
        />
      </section>
      <ExtractorsDialog request={extractorsOf} onClose={() => setExtractorsOf(null)} />
      <CredentialTypeDialog request={mapping} onClose={() => setMapping(null)} />
    </>
  );
}
