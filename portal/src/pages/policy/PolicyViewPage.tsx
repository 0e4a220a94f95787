import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.js';
import { queries, useRefresh } from '../../api/queries.js';
import { call } from '../../api/http.js';
import { useFormat } from '../../i18n/format.js';
import { ConfirmDialog } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { ErrorAlert, Loading, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { KINDS, kindOfType } from './kinds.js';
import { PolicyStatusBadge, detailStatus } from './status.js';

type Action = 'publish' | 'deactivate' | 'clone' | null;

/** MOSIP publishes policies valid for 200 years: a date that far away means "no end". */
const openEnded = (iso: string | null | undefined) => Boolean(iso) && new Date(iso!).getUTCFullYear() - new Date().getUTCFullYear() > 100;

export function PolicyViewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const fmt = useFormat();
  const toast = useToast();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [action, setAction] = useState<Action>(null);
  const [cloneGroup, setCloneGroup] = useState('');
  const policy = useQuery(queries.policy(id));
  const groups = useQuery({
    ...queries.activeGroups(),
    enabled: action === 'clone',
  });

  const run = useMutation({
    mutationFn: async (a: Exclude<Action, null>) => {
      const p = policy.data!;
      if (a === 'publish') return call(endpoints.policyPublish, { params: { policyId: id, policygroupId: p.policyGroupId } });
      if (a === 'deactivate') return call(endpoints.policyDeactivate, { params: { policyId: id }, body: { status: 'De-Activate' } });
      return call<{ id: string }>(endpoints.policyClone, { params: { policyId: id }, body: { policyGroupName: cloneGroup } });
    },
    onSuccess: async (res, a) => {
      setAction(null);
      await refresh('policies');
      if (a === 'clone') {
        toast(t('policy.cloned'));
        navigate(`/policies/view/${encodeURIComponent((res as { id: string }).id)}`);
      } else toast(a === 'publish' ? t('policy.published') : t('policy.deactivated'));
    },
  });

  if (policy.isPending) return <Loading />;
  if (policy.error) return <ErrorAlert error={policy.error} />;
  const p = policy.data;
  const kind = kindOfType(p.policyType);
  const status = detailStatus(p);
  const close = () => {
    setAction(null);
    run.reset();
  };
  return (
    <>
      <PageHeader
        title={p.policyName}
        crumbs={[{ label: t(KINDS[kind].titleKey), to: `/policies/${kind}` }, { label: p.policyName }]}
        actions={
          <>
            {status === 'draft' && (
              <>
                <Link className="btn" to={`/policies/edit/${encodeURIComponent(p.policyId)}`}>
                  {t('common.edit')}
                </Link>
                <button type="button" className="btn btn-primary" onClick={() => setAction('publish')}>
                  {t('policy.publish')}
                </button>
              </>
            )}
            <button type="button" className="btn" onClick={() => setAction('clone')}>
              {t('policy.clone')}
            </button>
            {status === 'activated' && (
              <button type="button" className="btn btn-danger" onClick={() => setAction('deactivate')}>
                {t('common.deactivate')}
              </button>
            )}
          </>
        }
      />
      <div className="stack">
        <section className="card">
          <div className="card-header">
            <h2>{t('common.details')}</h2>
            <PolicyStatusBadge status={status} />
          </div>
          <div className="card-body">
            <dl className="details">
              <dt>{t('policy.id')}</dt>
              <dd className="mono">{p.policyId}</dd>
              <dt>{t('policy.type')}</dt>
              <dd>{p.policyType}</dd>
              <dt>{t('policy.group')}</dt>
              <dd>
                <Link to={`/policy-groups/${encodeURIComponent(p.policyGroupId)}`}>{p.policyGroupName}</Link>
              </dd>
              <dt>{t('policy.description')}</dt>
              <dd>{p.policyDesc}</dd>
              <dt>{t('policy.version')}</dt>
              <dd>{p.version}</dd>
              <dt>{t('common.created')}</dt>
              <dd>{fmt.dateTime(p.cr_dtimes)}</dd>
              <dt>{t('policy.publishDate')}</dt>
              <dd>{status === 'draft' ? '—' : fmt.dateTime(p.publishDate)}</dd>
              <dt>{t('policy.validTill')}</dt>
              <dd>{status === 'draft' ? '—' : openEnded(p.validTill) ? t('policy.noEnd') : fmt.date(p.validTill)}</dd>
            </dl>
          </div>
        </section>
        <section className="card">
          <div className="card-header">
            <h2>{t('policy.document')}</h2>
          </div>
          <div className="card-body">
            <pre className="code" tabIndex={0} aria-label={t('policy.document')}>
              {JSON.stringify(p.policies, null, 2)}
            </pre>
          </div>
        </section>
      </div>
      <ConfirmDialog
        open={action === 'publish'}
        title={t('policy.publishTitle', { name: p.policyName })}
        message={t('policy.publishMessage', { group: p.policyGroupName })}
        confirmLabel={t('policy.publish')}
        busy={run.isPending}
        error={run.error ? errorText(run.error) : undefined}
        onConfirm={() => run.mutate('publish')}
        onCancel={close}
      />
      <ConfirmDialog
        open={action === 'deactivate'}
        title={t('policy.deactivateTitle', { name: p.policyName })}
        message={t('policy.deactivateMessage')}
        confirmLabel={t('common.deactivate')}
        danger
        busy={run.isPending}
        error={run.error ? errorText(run.error) : undefined}
        onConfirm={() => run.mutate('deactivate')}
        onCancel={close}
      />
      <ConfirmDialog
        open={action === 'clone'}
        title={t('policy.cloneTitle', { name: p.policyName })}
        message={t('policy.cloneMessage')}
        confirmLabel={t('policy.clone')}
        busy={run.isPending}
        confirmDisabled={cloneGroup === ''}
        error={run.error ? errorText(run.error) : undefined}
        onConfirm={() => run.mutate('clone')}
        onCancel={close}
      >
        <Field label={t('policy.targetGroup')} required>
          <select value={cloneGroup} onChange={(e) => setCloneGroup(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {groups.data?.map((g) => (
              <option key={g.id} value={g.name}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
      </ConfirmDialog>
    </>
  );
}
