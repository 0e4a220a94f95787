import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { GroupPolicy, Page, PolicyRequest } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
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
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';
import { REQUEST_COMMENT_MAX } from '../../validation/service-rules.js';
import { PrerequisiteNotice } from '../../app/PrerequisiteNotice.js';
import { useEligibility } from '../../app/prerequisites.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';

const FILTERS = ['partnerId', 'orgName', 'policyName', 'policyGroupName', 'status'] as const;

export function RequestStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const s = status.toLowerCase();
  const tone = s === 'approved' ? 'success' : s === 'rejected' ? 'danger' : 'warning';
  return <Badge tone={tone}>{t(`request.status.${s}`, { defaultValue: status })}</Badge>;
}

type ReqField = 'partnerId' | 'policyName' | 'useCaseDescription';

function RequestDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const refresh = useRefresh();
  const eligibility = useEligibility('requestPolicy');
  const partners = eligibility.eligible;
  const [values, setValues] = useState<Record<ReqField, string>>({ partnerId: '', policyName: '', useCaseDescription: '' });
  const [issues, setIssues] = useState<Issues<ReqField>>({});
  const choosePartner = useCallback((partnerId: string) => setValues((v) => ({ ...v, partnerId, policyName: '' })), []);
  useSingleChoice(
    partners.map((p) => p.partnerId),
    values.partnerId,
    choosePartner,
    open,
  );
  const partner = partners.find((p) => p.partnerId === values.partnerId);
  const policies = useQuery({
    queryKey: key('group-policies', partner?.policyGroup),
    queryFn: () => call<GroupPolicy[]>(endpoints.activePoliciesOfGroup, { params: { groupName: partner!.policyGroup! } }),
    enabled: Boolean(partner?.policyGroup),
  });
  const close = () => {
    setValues({ partnerId: '', policyName: '', useCaseDescription: '' });
    setIssues({});
    submit.reset();
    onClose();
  };
  const submit = useMutation({
    mutationFn: () =>
      call(endpoints.requestPolicy, {
        params: { partnerId: values.partnerId },
        body: { policyName: values.policyName, useCaseDescription: values.useCaseDescription },
      }),
    onSuccess: async () => {
      toast(t('request.submitted'));
      await refresh('policyRequests');
      close();
    },
    onError: (err) => {
      const f = fieldOfServerError(err, ['policyName', 'useCaseDescription'] as const, {
        PMS_PRT_053: 'policyName',
        PMS_PRT_060: 'policyName',
        PMS_PRT_098: 'policyName',
        PMS_PRT_073: 'policyName',
      });
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found: Issues<ReqField> = validate('requestPolicy', {
      policyName: values.policyName,
      useCaseDescription: values.useCaseDescription,
    });
    if (!values.partnerId) found.partnerId = { key: 'required' };
    if (!values.policyName) found.policyName = { key: 'required' };
    if (!values.useCaseDescription.trim()) found.useCaseDescription = { key: 'required' };
    else if (values.useCaseDescription.length > REQUEST_COMMENT_MAX)
      found.useCaseDescription = { key: 'tooLong', max: REQUEST_COMMENT_MAX };
    setIssues(found);
    if (!hasIssues(found)) submit.mutate();
  };
  const formError = submit.error && !Object.values(issues).some(Boolean) ? submit.error : undefined;
  return (
    <FormDialog
      open={open}
      title={t('request.new')}
      onClose={close}
      formId="policy-request"
      submitLabel={t('request.submit')}
      submitDisabled={submit.isPending || (!eligibility.loading && partners.length === 0)}
      onSubmit={onSubmit}
    >
      {!eligibility.loading && <PrerequisiteNotice action="requestPolicy" eligibility={eligibility} />}
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
      {partner && (
        <p className="muted" style={{ margin: 0 }}>
          {t('request.groupOfPartner', { group: partner.policyGroup })}
        </p>
      )}
      <Field label={t('request.policy')} required error={issues.policyName}>
        <select value={values.policyName} onChange={(e) => setValues({ ...values, policyName: e.target.value })} disabled={!partner}>
          <option value="">{t('common.choose')}</option>
          {policies.data?.map((p) => (
            <option key={p.id} value={p.name}>
              {p.name} ({p.policyType})
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('request.comment')}
        required
        error={issues.useCaseDescription}
        hint={t('request.commentHint', { count: values.useCaseDescription.length, max: REQUEST_COMMENT_MAX })}
      >
        <textarea
          value={values.useCaseDescription}
          onChange={(e) => setValues({ ...values, useCaseDescription: e.target.value })}
          maxLength={Math.min(REQUEST_COMMENT_MAX, fieldSchema('requestPolicy', 'useCaseDescription').maxLength ?? REQUEST_COMMENT_MAX)}
          rows={4}
        />
      </Field>
      {formError && <ErrorAlert error={formError} />}
    </FormDialog>
  );
}

function DetailsDialog({ request, admin, onClose }: { request: PolicyRequest | null; admin: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [comment, setComment] = useState('');
  const commentMax = fieldSchema('decideRequest', 'comment').maxLength;
  const decide = useMutation({
    mutationFn: (status: 'Approved' | 'Rejected') =>
      call(endpoints.decideRequest, { params: { mappingkey: request!.id }, body: { status, comment: comment.trim() || null } }),
    onSuccess: async (_r, status) => {
      toast(status === 'Approved' ? t('request.approvedToast') : t('request.rejectedToast'));
      await refresh('policyRequests');
      setComment('');
      onClose();
    },
  });
  const close = () => {
    decide.reset();
    setComment('');
    onClose();
  };
  const pending = request?.status.toLowerCase() === 'inprogress';
  return (
    <Dialog
      open={request !== null}
      title={t('request.details')}
      onClose={close}
      actions={
        admin && pending ? (
          <>
            <button type="button" className="btn" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" disabled={decide.isPending} onClick={() => decide.mutate('Rejected')}>
              {t('request.reject')}
            </button>
            <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => decide.mutate('Approved')}>
              {t('request.approve')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" onClick={close}>
            {t('common.close')}
          </button>
        )
      }
    >
      {request && (
        <>
          <dl className="details">
            <dt>{t('partner.id')}</dt>
            <dd>{request.partnerId}</dd>
            <dt>{t('partner.organization')}</dt>
            <dd>{request.orgName}</dd>
            <dt>{t('request.policy')}</dt>
            <dd>
              {request.policyName}
              {request.policyDescription && <div className="muted">{request.policyDescription}</div>}
            </dd>
            <dt>{t('partner.policyGroup')}</dt>
            <dd>{request.policyGroupName ?? '—'}</dd>
            <dt>{t('common.status')}</dt>
            <dd>
              <RequestStatusBadge status={request.status} />
            </dd>
            <dt>{t('request.requestedOn')}</dt>
            <dd>{fmt.dateTime(request.createdDateTime)}</dd>
            <dt>{t('request.comment')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{request.partnerComment || '—'}</dd>
            {!pending && (
              <>
                <dt>{t('request.decidedOn')}</dt>
                <dd>{fmt.dateTime(request.updatedDateTime)}</dd>
                <dt>{t('request.adminComment')}</dt>
                <dd style={{ whiteSpace: 'pre-wrap' }} data-testid="admin-comment">
                  {request.adminComment || '—'}
                </dd>
              </>
            )}
          </dl>
          {admin && pending && (
            <Field label={t('request.adminComment')} hint={t('request.adminCommentHint')}>
              <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={commentMax} rows={3} />
            </Field>
          )}
          {decide.error && (
            <div className="alert alert-error" role="alert">
              {errorText(decide.error)}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}

/** Policy requests: partners see and make their own; the partner admin decides. */
export function PolicyRequestsPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  // `?new=1` (the dashboard's next step) opens the request form at once, and only once.
  const [params, setParams] = useSearchParams();
  const [requesting, setRequesting] = useState(() => !admin && params.get('new') === '1');
  const stopRequesting = () => {
    setRequesting(false);
    if (params.has('new'))
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete('new');
          return next;
        },
        { replace: true },
      );
  };
  const [viewing, setViewing] = useState<PolicyRequest | null>(null);
  const list = useListState(FILTERS, { sortField: 'createdDateTime', sortDir: 'desc' });
  const { page, size, sortField, sortDir, filters } = list.state;
  const query = { ...filters, pageNo: page, pageSize: size, sortFieldName: sortField, sortType: sortDir };
  const q = useQuery({
    queryKey: key('policy-requests', query),
    queryFn: () => call<Page<PolicyRequest>>(endpoints.policyRequests, { query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<PolicyRequest>[] = [
    { key: 'partner', label: t('partner.id'), sortField: 'partnerId', render: (r) => r.partnerId },
    ...(admin ? [{ key: 'org', label: t('partner.organization'), sortField: 'orgName', render: (r: PolicyRequest) => r.orgName }] : []),
    { key: 'policy', label: t('request.policy'), sortField: 'policyName', render: (r) => r.policyName ?? r.policyId },
    { key: 'group', label: t('partner.policyGroup'), sortField: 'policyGroupName', render: (r) => r.policyGroupName ?? '—' },
    { key: 'created', label: t('request.requestedOn'), sortField: 'createdDateTime', render: (r) => fmt.dateTime(r.createdDateTime) },
    { key: 'status', label: t('common.status'), sortField: 'status', render: (r) => <RequestStatusBadge status={r.status} /> },
    {
      key: 'actions',
      label: t('common.actions'),
      className: 'actions',
      render: (r) => (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => setViewing(r)}
          aria-label={t('request.viewOf', { policy: r.policyName ?? r.policyId, partner: r.partnerId })}
        >
          {admin && r.status.toLowerCase() === 'inprogress' ? t('request.review') : t('common.view')}
        </button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={admin ? t('nav.policyRequests') : t('nav.myPolicies')}
        subtitle={admin ? t('request.adminSubtitle') : t('request.subtitle')}
        actions={
          !admin && (
            <button type="button" className="btn btn-primary" onClick={() => setRequesting(true)}>
              <Icon name="plus" />
              {t('request.new')}
            </button>
          )
        }
      />
      <section className="card">
        <Filters
          defs={[
            { name: 'partnerId', label: t('partner.id') },
            ...(admin ? [{ name: 'orgName' as const, label: t('partner.organization') }] : []),
            { name: 'policyName', label: t('request.policy') },
            {
              name: 'status',
              label: t('common.status'),
              options: ['InProgress', 'approved', 'rejected'].map((s) => ({ value: s, label: t(`request.status.${s.toLowerCase()}`) })),
            },
          ]}
          values={filters}
          onApply={list.setFilters}
        />
        <DataTable
          caption={admin ? t('nav.policyRequests') : t('nav.myPolicies')}
          columns={columns}
          {...pagedTable(list, q, errorText)}
          rowKey={(r) => r.id}
          emptyText={t('request.empty')}
          emptyAction={
            !admin && (
              <button type="button" className="btn btn-primary btn-sm" onClick={() => setRequesting(true)}>
                {t('request.new')}
              </button>
            )
          }
        />
      </section>
      {!admin && <RequestDialog open={requesting} onClose={stopRequesting} />}
      <DetailsDialog request={viewing} admin={admin} onClose={() => setViewing(null)} />
    </>
  );
}
