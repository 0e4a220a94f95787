import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.js';
import { queries, useRefresh } from '../../api/queries.js';
import { call } from '../../api/http.js';
import { useFormat } from '../../i18n/format.js';
import { ConfirmDialog } from '../../ui/Dialog.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { ErrorAlert, Loading, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { ActiveBadge, PolicyStatusBadge, detailStatus } from './status.js';

export function GroupViewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const fmt = useFormat();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [confirm, setConfirm] = useState(false);
  const group = useQuery({
    ...queries.group(id),
  });
  const deactivate = useMutation({
    mutationFn: () => call(endpoints.groupDeactivate, { params: { policyGroupId: id }, body: { status: 'De-Activate' } }),
    onSuccess: async () => {
      setConfirm(false);
      toast(t('group.deactivated'));
      await refresh('groups');
    },
  });
  if (group.isPending) return <Loading />;
  if (group.error) return <ErrorAlert error={group.error} />;
  const g = group.data.policyGroup;
  const policies = group.data.policies;
  return (
    <>
      <PageHeader
        title={g.name}
        crumbs={[{ label: t('nav.policyGroups'), to: '/policy-groups' }, { label: g.name }]}
        actions={
          g.isActive && (
            <>
              <Link className="btn" to={`/policy-groups/${encodeURIComponent(g.id)}/edit`}>
                {t('common.edit')}
              </Link>
              <button type="button" className="btn btn-danger" onClick={() => setConfirm(true)}>
                {t('common.deactivate')}
              </button>
            </>
          )
        }
      />
      <div className="stack">
        <section className="card">
          <div className="card-header">
            <h2>{t('common.details')}</h2>
            <ActiveBadge active={g.isActive} />
          </div>
          <div className="card-body">
            <dl className="details">
              <dt>{t('group.id')}</dt>
              <dd className="mono">{g.id}</dd>
              <dt>{t('group.description')}</dt>
              <dd>{g.desc}</dd>
              <dt>{t('common.createdBy')}</dt>
              <dd>{g.crBy ?? '—'}</dd>
              <dt>{t('common.created')}</dt>
              <dd>{fmt.dateTime(g.crDtimes)}</dd>
              <dt>{t('common.updated')}</dt>
              <dd>{fmt.dateTime(g.updDtimes)}</dd>
            </dl>
          </div>
        </section>
        <section className="card">
          <div className="card-header">
            <h2>{t('group.policies')}</h2>
          </div>
          {policies.length === 0 ? (
            <div className="empty">{t('group.noPolicies')}</div>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('group.policies')}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('policy.name')}</th>
                    <th scope="col">{t('policy.description')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {policies.map((p) => (
                    <tr key={p.policyId}>
                      <td>
                        <Link to={`/policies/view/${encodeURIComponent(p.policyId)}`}>{p.policyName}</Link>
                      </td>
                      <td>{p.policyDesc}</td>
                      <td>
                        <PolicyStatusBadge status={detailStatus(p)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('group.deactivateTitle', { name: g.name })}
        message={t('group.deactivateMessage')}
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
