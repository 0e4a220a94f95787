import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { endpoints } from '../../api/endpoints.js';
import { queries, useRefresh } from '../../api/queries.js';
import { ApiError, call } from '../../api/http.js';
import { Field } from '../../ui/Field.js';
import { JsonEditor, jsonErrorLine, pointerLine } from '../../ui/JsonEditor.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, Loading } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges.js';
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';
import { jsonObjectIssue } from '../../validation/service-rules.js';
import { KINDS, TEMPLATES, isKind, kindOfType, type Kind } from './kinds.js';
import { detailStatus } from './status.js';

const FIELDS = ['policyGroupName', 'name', 'desc', 'version', 'policies'] as const;
type F = (typeof FIELDS)[number];
type Values = Record<F, string>;

/** Server codes that concern one field: the policy document's validator, names, groups. */
const FIELD_OF_CODE: Partial<Record<string, F>> = {
  PMS_POL_009: 'name',
  PMS_POL_019: 'policyGroupName',
  PMS_POL_016: 'policyGroupName',
  PMS_POL_052: 'policies',
  PMS_PV_002: 'policies',
  PMS_PV_004: 'policies',
  PMS_PV_005: 'policies',
  PMS_PV_006: 'policies',
  PMS_PV_007: 'policies',
  PMS_PV_008: 'policies',
  PMS_PV_009: 'policies',
};

export function PolicyFormPage() {
  const { kind, id } = useParams();
  if (id === undefined && !isKind(kind)) return <Navigate to="/policies/auth" replace />;
  return <PolicyForm kind={isKind(kind) ? kind : undefined} id={id} />;
}

function PolicyForm({ kind: givenKind, id }: { kind?: Kind; id?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const refresh = useRefresh();
  const existing = useQuery({
    ...queries.policy(id ?? ''),
    enabled: id !== undefined,
  });
  const kind: Kind = givenKind ?? (existing.data ? kindOfType(existing.data.policyType) : 'auth');
  const groups = useQuery(queries.activeGroups());
  const blank: Values = { policyGroupName: '', name: '', desc: '', version: '1.0', policies: JSON.stringify(TEMPLATES[kind], null, 2) };
  const [initial, setInitial] = useState<Values>(blank);
  const [values, setValues] = useState<Values>(blank);
  const [issues, setIssues] = useState<Issues<F>>({});
  const [jsonLine, setJsonLine] = useState<number>();

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    const v = {
      policyGroupName: p.policyGroupName,
      name: p.policyName,
      desc: p.policyDesc,
      version: p.version,
      policies: JSON.stringify(p.policies, null, 2),
    };
    setInitial(v);
    setValues(v);
  }, [existing.data]);
  const dirty = FIELDS.some((f) => values[f] !== initial[f]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id
        ? call<{ id: string }>(endpoints.policyUpdate, { params: { policyId: id }, body })
        : call<{ id: string }>(endpoints.policyCreate, { body: { ...body, policyType: KINDS[kind].type } }),
    onSuccess: async (res) => {
      setInitial(values);
      await refresh('policies');
      toast(id ? t('policy.saved') : t('policy.createdDraft'));
      unsaved.allowLeave();
      navigate(`/policies/view/${encodeURIComponent(res.id)}`, { replace: true, flushSync: true });
    },
    onError: (err) => {
      const f = fieldOfServerError(err, FIELDS, FIELD_OF_CODE);
      if (!f) return;
      setIssues({ [f.field]: f.message });
      // The line comes from the server's own message (the text shown is translated).
      if (f.field === 'policies') setJsonLine(pointerLine(values.policies, err instanceof ApiError ? err.message : f.message));
    },
  });
  const unsaved = useUnsavedChanges(dirty);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { policies, ...rest } = values;
    const found: Issues<F> = validate(id ? 'policyUpdate' : 'policyCreate', rest);
    const parsed = jsonObjectIssue(policies);
    if (parsed.issue) {
      found.policies = parsed.issue;
      setJsonLine(
        parsed.issue.key === 'custom' && parsed.issue.values ? jsonErrorLine(policies, String(parsed.issue.values.detail)) : undefined,
      );
    } else setJsonLine(undefined);
    setIssues(found);
    if (!hasIssues(found)) save.mutate({ ...rest, policies: parsed.value });
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const parsed = jsonObjectIssue(text);
    setValues({ ...values, policies: parsed.value ? JSON.stringify(parsed.value, null, 2) : text });
    setIssues({ ...issues, policies: parsed.issue });
  };

  if (id && existing.isPending) return <Loading />;
  if (id && existing.error) return <ErrorAlert error={existing.error} />;
  if (existing.data && detailStatus(existing.data) !== 'draft')
    return <ErrorAlert error={new ApiError(200, [{ errorCode: 'PMP', message: t('policy.onlyDrafts') }])} />;
  const max = (f: F) => fieldSchema('policyCreate', f).maxLength;
  const formError = save.error && !Object.values(issues).some(Boolean) ? save.error : undefined;
  const set = (f: F) => (e: { target: { value: string } }) => setValues({ ...values, [f]: e.target.value });
  const title = id
    ? t('policy.editTitle', { name: existing.data?.policyName })
    : t('policy.createTitle', { kind: t(KINDS[kind].titleKey) });

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { label: t(KINDS[kind].titleKey), to: `/policies/${kind}` },
          { label: id ? (existing.data?.policyName ?? '') : t('policy.create') },
        ]}
      />
      <section className="card">
        <div className="card-body">
          <form className="form form-wide" onSubmit={submit} noValidate>
            <div className="form-grid">
              <Field label={t('policy.group')} required error={issues.policyGroupName}>
                <select value={values.policyGroupName} onChange={set('policyGroupName')}>
                  <option value="">{t('common.choose')}</option>
                  {groups.data?.map((g) => (
                    <option key={g.id} value={g.name}>
                      {g.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('policy.name')} required error={issues.name}>
                <input value={values.name} onChange={set('name')} maxLength={max('name')} />
              </Field>
              <Field label={t('policy.version')} required error={issues.version}>
                <input value={values.version} onChange={set('version')} maxLength={max('version')} />
              </Field>
            </div>
            <Field label={t('policy.description')} required error={issues.desc}>
              <textarea value={values.desc} onChange={set('desc')} maxLength={max('desc')} rows={2} />
            </Field>
            <Field label={t('policy.document')} required error={issues.policies} hint={t('policy.documentHint')}>
              <JsonEditor value={values.policies} onChange={(text) => setValues({ ...values, policies: text })} errorLine={jsonLine} />
            </Field>
            <div className="row">
              <label className="btn btn-sm" style={{ justifySelf: 'start' }}>
                <input
                  type="file"
                  accept="application/json,.json"
                  className="sr-only"
                  onChange={(e) => void loadFile(e.target.files?.[0])}
                />
                {t('policy.loadFile')}
              </label>
              {jsonLine && <span className="muted">{t('policy.errorOnLine', { line: jsonLine })}</span>}
            </div>
            {formError && <ErrorAlert error={formError} />}
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {id ? t('common.save') : t('policy.saveDraft')}
              </button>
            </div>
          </form>
        </div>
      </section>
      {unsaved.dialog}
    </>
  );
}
