import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { phoneProblem } from '@pms/rules/partners';
import { endpoints } from '../api/endpoints.js';
import { key, queries, useRefresh } from '../api/queries.js';
import { ApiError, call, fieldOfError } from '../api/http.js';
import type { Consent, EmailCheck, PartnerRegistration } from '../api/types.js';
import { LanguageSelect } from '../app/LanguageSelect.js';
import { useOnboardingState } from '../app/OnboardingGate.js';
import { PARTNER_TYPE_OF_ROLE, partnerRoles, type Role } from '../auth/roles.js';
import { useSession } from '../auth/session.js';
import { Field } from '../ui/Field.js';
import { useDocumentTitle } from '../ui/PageHeader.js';
import { describeFieldError } from '../i18n/errors.js';
import { ErrorAlert } from '../ui/Status.js';
import { fieldSchema, hasIssues, validate, type Issue, type Issues } from '../validation/rules.js';
import { detailIssue, emailIssue, partnerIdIssue } from '../validation/service-rules.js';
import { FullPageLoading } from './StatusPages.js';

type RegField = 'partnerType' | 'partnerId' | 'organizationName' | 'address' | 'contactNumber' | 'emailId' | 'policyGroup';

/** Server error codes that belong to one field of the form. */
const FIELD_OF_CODE: Record<string, RegField> = {
  PMS_PRT_051: 'partnerId',
  PMS_PRT_052: 'partnerId',
  PMS_PRT_066: 'partnerId',
  PMS_PRT_011: 'emailId',
  PMS_PRT_012: 'emailId',
  PMS_PRT_013: 'contactNumber',
  PMS_PRT_002: 'policyGroup',
  PMS_PMP_023: 'policyGroup',
  PMS_PRT_108: 'policyGroup',
  PMS_PRT_010: 'partnerType',
};

function RegisterStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { identity, roles } = useSession();
  const types = partnerRoles(roles).map((r) => PARTNER_TYPE_OF_ROLE[r as Role]!);
  const [values, setValues] = useState<Record<RegField, string>>({
    partnerType: types[0] ?? '',
    partnerId: '',
    organizationName: '',
    address: '',
    contactNumber: '',
    emailId: identity.mail ?? '',
    policyGroup: '',
  });
  const [issues, setIssues] = useState<Issues<RegField>>({});
  const policyTypes = useQuery({
    queryKey: key('policy-required-types', values.emailId),
    queryFn: () => call<EmailCheck>(endpoints.emailVerify, { body: { emailId: values.emailId || 'x@example.org' } }),
    staleTime: 60_000,
  });
  const needsGroup = policyTypes.data?.policyRequiredPartnerTypes.includes(values.partnerType.toUpperCase()) ?? false;
  const groups = useQuery({ ...queries.activeGroups(), enabled: needsGroup });

  const register = useMutation({
    mutationFn: (body: PartnerRegistration) => call(endpoints.registerPartner, { body }),
    onSuccess: onDone,
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const field = FIELD_OF_CODE[err.code] ?? (fieldOfError(err.errors[0]!)?.field as RegField | undefined);
      if (field && field in values) setIssues({ [field]: describeFieldError(err, t) });
    },
  });

  const set = (f: RegField) => (e: { target: { value: string } }) => setValues({ ...values, [f]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { policyGroup, ...rest } = values;
    const found: Issues<RegField> = { ...validate('registerPartner', { ...rest, ...(needsGroup ? { policyGroup } : {}) }) };
    found.partnerId ??= partnerIdIssue(values.partnerId);
    if (!found.emailId) found.emailId = emailIssue(values.emailId);
    found.contactNumber ??= detailIssue(phoneProblem(values.contactNumber));
    if (needsGroup && !policyGroup) found.policyGroup = { key: 'required' } satisfies Issue;
    setIssues(found);
    if (hasIssues(found)) return;
    register.mutate({ ...rest, policyGroup: needsGroup ? policyGroup : null, langCode: null });
  };
  const max = (f: RegField) => fieldSchema('registerPartner', f).maxLength;
  const generalError = register.error instanceof ApiError && !Object.values(issues).some(Boolean) ? register.error : undefined;

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field label={t('partner.type')} required error={issues.partnerType}>
          <select value={values.partnerType} onChange={set('partnerType')}>
            {types.map((ty) => (
              <option key={ty} value={ty}>
                {t(`partnerTypes.${ty}`, { defaultValue: ty })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('partner.id')} required error={issues.partnerId} hint={t('partner.idHint')}>
          <input value={values.partnerId} onChange={set('partnerId')} autoComplete="off" maxLength={max('partnerId')} />
        </Field>
        <Field label={t('partner.organization')} required error={issues.organizationName}>
          <input
            value={values.organizationName}
            onChange={set('organizationName')}
            autoComplete="organization"
            maxLength={max('organizationName')}
          />
        </Field>
        <Field label={t('partner.email')} required error={issues.emailId}>
          <input type="email" value={values.emailId} onChange={set('emailId')} autoComplete="email" maxLength={max('emailId')} />
        </Field>
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
        {needsGroup && (
          <Field label={t('partner.policyGroup')} required error={issues.policyGroup} hint={t('partner.policyGroupHint')}>
            <select value={values.policyGroup} onChange={set('policyGroup')}>
              <option value="">{t('common.choose')}</option>
              {groups.data?.map((g) => (
                <option key={g.id} value={g.name}>
                  {g.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <Field label={t('partner.address')} required error={issues.address}>
        <textarea value={values.address} onChange={set('address')} autoComplete="street-address" rows={3} />
      </Field>
      {generalError && <ErrorAlert error={generalError} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={register.isPending}>
          {t('onboarding.register')}
        </button>
      </div>
    </form>
  );
}

function TermsStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(false);
  const consent = useMutation({ mutationFn: () => call<Consent>(endpoints.consentGive), onSuccess: onDone });
  return (
    <div className="stack">
      <div className="terms" tabIndex={0} aria-label={t('onboarding.termsTitle')}>
        <p>{t('onboarding.terms1')}</p>
        <p>{t('onboarding.terms2')}</p>
        <p>{t('onboarding.terms3')}</p>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
        <span>{t('onboarding.agree')}</span>
      </label>
      {consent.error && <ErrorAlert error={consent.error} />}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!agreed || consent.isPending} onClick={() => consent.mutate()}>
          {t('onboarding.accept')}
        </button>
      </div>
    </div>
  );
}

export function OnboardingPage() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const state = useOnboardingState();
  useDocumentTitle(t('onboarding.title'));
  if (state === 'loading') return <FullPageLoading />;
  if (state === 'done') return <Navigate to="/" replace />;
  const step = state === 'consent' ? 2 : 1;
  return (
    <main className="centered wide">
      <div className="card">
        <div className="card-header">
          <h1 style={{ fontSize: '1.25rem', marginInlineEnd: 'auto' }}>{t('onboarding.title')}</h1>
          <LanguageSelect />
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => logout()}>
            {t('shell.logout')}
          </button>
        </div>
        <div className="card-body">
          <ol className="steps">
            <li aria-current={step === 1 ? 'step' : undefined}>1. {t('onboarding.stepRegister')}</li>
            <li aria-current={step === 2 ? 'step' : undefined}>2. {t('onboarding.stepTerms')}</li>
          </ol>
          <p className="muted">{step === 1 ? t('onboarding.registerIntro') : t('onboarding.termsIntro')}</p>
          {step === 1 ? (
            <RegisterStep onDone={() => void refresh('certificates')} />
          ) : (
            <TermsStep
              onDone={async () => {
                await refresh('consent');
                navigate('/', { replace: true });
              }}
            />
          )}
        </div>
      </div>
    </main>
  );
}
