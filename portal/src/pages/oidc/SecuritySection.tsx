import { useTranslation } from 'react-i18next';
import { MIN_CONSENT_MINUTES, PURPOSE_TYPES, type AdditionalConfig, type Purpose } from '@pms/rules/oidc';
import { Field } from '../../ui/Field.js';

/** The form's view of eSignet's per-client settings (text fields stay text until sent). */
export interface SecurityValues {
  par: boolean;
  dpop: boolean;
  pkce: boolean;
  userinfo: 'JWS' | 'JWE';
  encKey: string;
  consentMinutes: string;
  signup: boolean;
  forgot: boolean;
  purposeType: '' | Purpose['type'];
  /** Title and subtitle per language; `@none` is the text for any other language. */
  title: Record<string, string>;
  subTitle: Record<string, string>;
}

export const PURPOSE_LANGUAGES = ['@none', 'eng', 'fra', 'ara'] as const;

export const blankSecurity: SecurityValues = {
  par: false,
  dpop: false,
  pkce: false,
  userinfo: 'JWS',
  encKey: '',
  consentMinutes: '',
  signup: false,
  forgot: false,
  purposeType: '',
  title: {},
  subTitle: {},
};

const texts = (m: Record<string, string>) => {
  const given = Object.fromEntries(Object.entries(m).filter(([, v]) => v.trim() !== ''));
  return Object.keys(given).length > 0 ? given : undefined;
};

/** What the form holds, as eSignet's `additionalConfig` (null when nothing is set). */
export function toAdditionalConfig(v: SecurityValues): Record<string, unknown> | null {
  const c: Record<string, unknown> = {};
  if (v.par) c.require_pushed_authorization_requests = true;
  if (v.dpop) c.dpop_bound_access_tokens = true;
  if (v.pkce) c.require_pkce = true;
  if (v.userinfo === 'JWE') c.userinfo_response_type = 'JWE';
  if (v.consentMinutes.trim() !== '') c.consent_expire_in_mins = Number(v.consentMinutes);
  if (v.signup) c.signup_banner_required = true;
  if (v.forgot) c.forgot_pwd_link_required = true;
  if (v.purposeType) {
    const purpose: Record<string, unknown> = { type: v.purposeType };
    const title = texts(v.title);
    const subTitle = texts(v.subTitle);
    if (title) purpose.title = title;
    if (subTitle) purpose.subTitle = subTitle;
    c.purpose = purpose;
  }
  return Object.keys(c).length > 0 ? c : null;
}

/** A stored client's settings, as the form shows them. */
export function fromAdditionalConfig(
  cfg: AdditionalConfig | null | undefined,
  encKey: Record<string, unknown> | null | undefined,
): SecurityValues {
  const c = cfg ?? {};
  return {
    par: c.require_pushed_authorization_requests === true,
    dpop: c.dpop_bound_access_tokens === true,
    pkce: c.require_pkce === true,
    userinfo: c.userinfo_response_type === 'JWE' ? 'JWE' : 'JWS',
    encKey: encKey ? JSON.stringify(encKey, null, 2) : '',
    consentMinutes: c.consent_expire_in_mins === undefined ? '' : String(c.consent_expire_in_mins),
    signup: c.signup_banner_required === true,
    forgot: c.forgot_pwd_link_required === true,
    purposeType: c.purpose?.type ?? '',
    title: { ...(c.purpose?.title ?? {}) },
    subTitle: { ...(c.purpose?.subTitle ?? {}) },
  };
}

/** The "Security" part of the client form: each setting with a plain explanation. */
export function SecuritySection({
  values,
  onChange,
  errors,
}: {
  values: SecurityValues;
  onChange: (v: SecurityValues) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<SecurityValues>) => onChange({ ...values, ...patch });
  const check = (key: 'par' | 'dpop' | 'pkce' | 'signup' | 'forgot', label: string, hint: string, errorKey: string) => (
    <div className="field">
      <label className="row" style={{ gap: '0.5rem', alignItems: 'center' }}>
        <input
          type="checkbox"
          checked={values[key]}
          onChange={(e) => set({ [key]: e.target.checked })}
          aria-describedby={`sec-${key}-hint`}
        />
        <span>{label}</span>
      </label>
      <span className="hint" id={`sec-${key}-hint`}>
        {hint}
      </span>
      {errors[errorKey] && (
        <span className="error" role="alert">
          {errors[errorKey]}
        </span>
      )}
    </div>
  );
  const langLabel = (l: string) => (l === '@none' ? t('oidcSecurity.anyLanguage') : t(`oidc.lang.${l}`));
  return (
    <fieldset
      className="field"
      style={{ border: 0, padding: 0, margin: 0 }}
      aria-labelledby="security-legend"
      data-testid="security-section"
    >
      <legend id="security-legend">
        <h2 style={{ margin: 0, fontSize: '1.05rem' }}>{t('oidcSecurity.title')}</h2>
      </legend>
      <p className="hint">{t('oidcSecurity.intro')}</p>
      {check('par', t('oidcSecurity.par'), t('oidcSecurity.parHint'), 'require_pushed_authorization_requests')}
      {check('dpop', t('oidcSecurity.dpop'), t('oidcSecurity.dpopHint'), 'dpop_bound_access_tokens')}
      {check('pkce', t('oidcSecurity.pkce'), t('oidcSecurity.pkceHint'), 'require_pkce')}
      <div className="form-grid">
        <Field label={t('oidcSecurity.userinfo')} hint={t('oidcSecurity.userinfoHint')} error={errors.userinfo_response_type}>
          <select value={values.userinfo} onChange={(e) => set({ userinfo: e.target.value as 'JWS' | 'JWE' })}>
            <option value="JWS">{t('oidcSecurity.jws')}</option>
            <option value="JWE">{t('oidcSecurity.jwe')}</option>
          </select>
        </Field>
        <Field label={t('oidcSecurity.consent')} hint={t('oidcSecurity.consentHint')} error={errors.consent_expire_in_mins}>
          <input
            type="number"
            min={MIN_CONSENT_MINUTES}
            step={1}
            value={values.consentMinutes}
            onChange={(e) => set({ consentMinutes: e.target.value })}
          />
        </Field>
      </div>
      {(values.userinfo === 'JWE' || values.encKey !== '') && (
        <Field
          label={t('oidcSecurity.encKey')}
          hint={t('oidcSecurity.encKeyHint')}
          required={values.userinfo === 'JWE'}
          error={errors.encPublicKey}
        >
          <textarea
            className="mono"
            rows={5}
            spellCheck={false}
            value={values.encKey}
            onChange={(e) => set({ encKey: e.target.value })}
            placeholder='{"kty":"RSA","use":"enc","e":"AQAB","n":"…"}'
          />
        </Field>
      )}
      {check('signup', t('oidcSecurity.signup'), t('oidcSecurity.signupHint'), 'signup_banner_required')}
      {check('forgot', t('oidcSecurity.forgot'), t('oidcSecurity.forgotHint'), 'forgot_pwd_link_required')}
      <Field label={t('oidcSecurity.purpose')} hint={t('oidcSecurity.purposeHint')} error={errors.purpose}>
        <select value={values.purposeType} onChange={(e) => set({ purposeType: e.target.value as SecurityValues['purposeType'] })}>
          <option value="">{t('oidcSecurity.purposeNotSet')}</option>
          {PURPOSE_TYPES.map((p) => (
            <option key={p} value={p}>
              {t(`oidcSecurity.purposeType.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      {values.purposeType !== '' && values.purposeType !== 'none' && (
        <div className="form-grid">
          {PURPOSE_LANGUAGES.map((l) => (
            <Field key={`t-${l}`} label={t('oidcSecurity.purposeTitle', { lang: langLabel(l) })}>
              <input value={values.title[l] ?? ''} onChange={(e) => set({ title: { ...values.title, [l]: e.target.value } })} dir="auto" />
            </Field>
          ))}
          {PURPOSE_LANGUAGES.map((l) => (
            <Field key={`s-${l}`} label={t('oidcSecurity.purposeSubTitle', { lang: langLabel(l) })}>
              <input
                value={values.subTitle[l] ?? ''}
                onChange={(e) => set({ subTitle: { ...values.subTitle, [l]: e.target.value } })}
                dir="auto"
              />
            </Field>
          ))}
        </div>
      )}
    </fieldset>
  );
}
