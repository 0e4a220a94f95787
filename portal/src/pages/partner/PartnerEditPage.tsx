import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { logoUrlProblem, phoneProblem } from '@pms/rules/partners';
import { endpoints } from '../../api/endpoints.js';
import { queries, useRefresh } from '../../api/queries.js';
import { call } from '../../api/http.js';
import { Field } from '../../ui/Field.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { fieldOfServerError } from '../../ui/serverErrors.js';
import { ErrorAlert, Loading } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges.js';
import { fieldSchema, hasIssues, validate, type Issues } from '../../validation/rules.js';
import { detailIssue } from '../../validation/service-rules.js';

type F = 'address' | 'contactNumber' | 'logoUrl';
const EMPTY: Record<F, string> = { address: '', contactNumber: '', logoUrl: '' };

/**
 * A partner's own profile: address, phone number and logo (PUT /partners/v2/{id}). The
 * organisation, e-mail and type are fixed at registration. The server does not return the
 * stored logo, so an empty logo field keeps it rather than clearing it.
 */
export function PartnerEditPage() {
  const { t } = useTranslation();
  const { partnerId = '' } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const refresh = useRefresh();
  const partner = useQuery({
    ...queries.partner(partnerId),
  });
  const [initial, setInitial] = useState(EMPTY);
  const [values, setValues] = useState(EMPTY);
  const [issues, setIssues] = useState<Issues<F>>({});
  useEffect(() => {
    const p = partner.data;
    if (!p) return;
    const v = { address: p.address ?? '', contactNumber: p.contactNumber ?? '', logoUrl: p.logoUrl ?? '' };
    setInitial(v);
    setValues(v);
  }, [partner.data]);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const unsaved = useUnsavedChanges(dirty);
  const body = () => ({
    address: values.address,
    contactNumber: values.contactNumber,
    ...(values.logoUrl.trim() ? { logoUrl: values.logoUrl.trim() } : {}),
  });
  const save = useMutation({
    mutationFn: () => call(endpoints.updatePartner, { params: { partnerId }, body: body() }),
    onSuccess: async () => {
      setInitial(values);
      await refresh('partners');
      toast(t('profile.saved'));
      unsaved.allowLeave();
      navigate('/profile', { flushSync: true });
    },
    onError: (err) => {
      // PMS_PRT_013: the phone number is longer than the service allows.
      const f = fieldOfServerError(err, ['address', 'contactNumber', 'logoUrl'] as const, { PMS_PRT_013: 'contactNumber' });
      if (f) setIssues({ [f.field]: f.message });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Issues<F> = validate('updatePartner', body());
    found.contactNumber ??= detailIssue(phoneProblem(values.contactNumber));
    found.logoUrl ??= detailIssue(logoUrlProblem(values.logoUrl));
    setIssues(found);
    if (!hasIssues(found)) save.mutate();
  };
  // An edited field drops its old message; the next save checks it again.
  const set = (f: F) => (e: { target: { value: string } }) => {
    setValues({ ...values, [f]: e.target.value });
    setIssues({ ...issues, [f]: undefined });
  };
  const max = (f: F) => fieldSchema('updatePartner', f).maxLength;
  if (partner.isPending) return <Loading />;
  if (partner.error) return <ErrorAlert error={partner.error} />;
  const p = partner.data;
  return (
    <>
      <PageHeader title={t('profile.editTitle', { id: partnerId })} subtitle={t('profile.editSubtitle')} />
      <section className="card">
        <div className="card-body">
          <form className="form form-wide" onSubmit={submit} noValidate>
            <dl className="details">
              <dt>{t('partner.organization')}</dt>
              <dd>{p.organizationName}</dd>
              <dt>{t('partner.type')}</dt>
              <dd>{t(`partnerTypes.${p.partnerType}`, { defaultValue: p.partnerType })}</dd>
              <dt>{t('partner.email')}</dt>
              <dd>{p.emailId}</dd>
            </dl>
            <Field label={t('partner.phone')} required error={issues.contactNumber}>
              <input
                type="tel"
                dir="ltr"
                value={values.contactNumber}
                onChange={set('contactNumber')}
                autoComplete="tel"
                maxLength={max('contactNumber')}
              />
            </Field>
            <Field label={t('partner.address')} required error={issues.address}>
              <textarea
                value={values.address}
                onChange={set('address')}
                autoComplete="street-address"
                rows={3}
                maxLength={max('address')}
              />
            </Field>
            <Field label={t('profile.logoUrl')} error={issues.logoUrl} hint={t('profile.logoHint')}>
              <input
                type="url"
                dir="ltr"
                value={values.logoUrl}
                onChange={set('logoUrl')}
                maxLength={max('logoUrl')}
                placeholder="https://"
              />
            </Field>
            {save.error && !hasIssues(issues) && <ErrorAlert error={save.error} />}
            <div className="form-actions">
              <Link className="btn" to="/profile">
                {t('common.cancel')}
              </Link>
              <button type="submit" className="btn btn-primary" disabled={save.isPending || !dirty}>
                {t('common.save')}
              </button>
            </div>
          </form>
        </div>
      </section>
      {unsaved.dialog}
    </>
  );
}
