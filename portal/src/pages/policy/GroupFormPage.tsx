import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.js';
import { queries, useRefresh } from '../../api/queries.js';
import { call } from '../../api/http.js';
import type { GroupInput, PolicyGroup } from '../../api/types.js';
import { Field } from '../../ui/Field.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, Loading } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges.js';
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';

const FIELDS = ['name', 'desc'] as const;
type F = (typeof FIELDS)[number];

/** Create a policy group, or edit one (`/policy-groups/:id/edit`). */
export function GroupFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const toast = useToast();
  const refresh = useRefresh();
  const existing = useQuery({ ...queries.group(id ?? ''), select: (g) => g.policyGroup, enabled: editing });
  const [initial, setInitial] = useState<GroupInput>({ name: '', desc: '' });
  const [values, setValues] = useState<GroupInput>(initial);
  const [issues, setIssues] = useState<Issues<F>>({});
  useEffect(() => {
    if (existing.data) {
      const v = { name: existing.data.name, desc: existing.data.desc };
      setInitial(v);
      setValues(v);
    }
  }, [existing.data]);
  const dirty = values.name !== initial.name || values.desc !== initial.desc;

  const save = useMutation({
    mutationFn: (v: GroupInput) =>
      editing
        ? call<PolicyGroup>(endpoints.groupUpdate, {
            params: { policygroupId: id },
            body: { ...v, isActive: existing.data?.isActive ?? true },
          })
        : call<PolicyGroup>(endpoints.groupCreate, { body: v }),
    onSuccess: (g) => {
      // Leave first: the group's page reads the group afresh, and waiting here for every stale
      // list to be fetched again could hold the user on a form that is already saved.
      setInitial(values);
      unsaved.allowLeave();
      navigate(`/policy-groups/${encodeURIComponent(g.id)}`, { replace: true, flushSync: true });
      toast(editing ? t('group.saved') : t('group.created', { name: g.name }));
      return refresh('groups');
    },
    onError: (err) => {
      const f = fieldOfServerError(err, FIELDS, { PMS_POL_009: 'name', PMS_POL_015: 'name', PMS_POL_046: 'name' });
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const unsaved = useUnsavedChanges(dirty);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate('groupCreate', values);
    setIssues(found);
    if (!hasIssues(found)) save.mutate(values);
  };
  const formError = save.error && !Object.values(issues).some(Boolean) ? save.error : undefined;

  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.error) return <ErrorAlert error={existing.error} />;
  return (
    <>
      <PageHeader
        title={editing ? t('group.editTitle') : t('group.createTitle')}
        crumbs={[
          { label: t('nav.policyGroups'), to: '/policy-groups' },
          { label: editing ? (existing.data?.name ?? '') : t('group.createTitle') },
        ]}
      />
      <section className="card">
        <div className="card-body">
          <form className="form" onSubmit={submit} noValidate>
            <Field label={t('group.name')} required error={issues.name}>
              <input
                value={values.name}
                onChange={(e) => setValues({ ...values, name: e.target.value })}
                maxLength={fieldSchema('groupCreate', 'name').maxLength}
              />
            </Field>
            <Field label={t('group.description')} required error={issues.desc}>
              <textarea
                value={values.desc}
                onChange={(e) => setValues({ ...values, desc: e.target.value })}
                maxLength={fieldSchema('groupCreate', 'desc').maxLength}
                rows={3}
              />
            </Field>
            {formError && <ErrorAlert error={formError} />}
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {editing ? t('common.save') : t('group.create')}
              </button>
            </div>
          </form>
        </div>
      </section>
      {unsaved.dialog}
    </>
  );
}
