import {
  additionalConfigProblem,
  crossFieldProblem,
  logoUriProblem,
  redirectUriProblem,
  splitStoredName,
  type AdditionalConfig,
  type SettingProblem,
} from '@pms/rules/oidc';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { ApiError, call } from '../../api/http.js';
import type { OidcClientDetail } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Field } from '../../ui/Field.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';
import { Icon } from '../../ui/icons.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { ErrorAlert, Loading } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges.js';
import { fieldSchema, validate, type Issues } from '../../validation/rules.js';
import { jwkProblem } from '../../validation/oidc-rules.js';
import { blankSecurity, fromAdditionalConfig, SecuritySection, toAdditionalConfig, type SecurityValues } from './SecuritySection.js';
import { useApprovedPartners, useApprovedPolicies } from '../partner/shared.js';

type F = 'authPartnerId' | 'policyId' | 'name' | 'publicKey' | 'logoUri' | 'redirectUris' | 'grantTypes' | 'clientAuthMethods';
const FIELDS: F[] = ['authPartnerId', 'policyId', 'name', 'publicKey', 'logoUri', 'redirectUris', 'grantTypes', 'clientAuthMethods'];
/** eSignet's three-letter language codes for the client name (the portal's languages). */
const NAME_LANGUAGES = ['eng', 'fra', 'ara'] as const;

interface Values {
  authPartnerId: string;
  policyId: string;
  name: string;
  publicKey: string;
  logoUri: string;
  redirectUris: string[];
  grantType: string;
  clientAuthMethod: string;
  names: Record<string, string>;
  security: SecurityValues;
}

/** Where a settings problem is shown: the setting's own key, `encPublicKey`, or `purpose`. */
function securityKey(field: string): string {
  const m = /^request\.(?:additionalConfig\.)?(\w+)/.exec(field);
  return m?.[1] ?? 'purpose';
}

/** A server refusal of the settings (eSignet's schema code, ours for impossible combinations). */
function serverSecurityError(err: unknown): Record<string, string> | undefined {
  if (!(err instanceof ApiError) || !err.errors[0]) return undefined;
  const { errorCode, message } = err.errors[0];
  const m = /request\.(?:additionalConfig\.)?(\w+)/.exec(message);
  if (!m || !['invalid_additional_config', 'PMS_OIDC_008', 'invalid_public_key', 'PMS_OIDC_007'].includes(errorCode)) return undefined;
  if (errorCode === 'invalid_public_key' && m[1] !== 'encPublicKey') return undefined;
  return { [m[1] === 'additionalConfig' ? 'purpose' : m[1]!]: message };
}

/** Server answers that concern one field: PMS_COR_001 names it, eSignet's codes say `request.<field>:`. */
function serverField(err: unknown): { field: F; message: string; index?: number } | undefined {
  if (!(err instanceof ApiError) || !err.errors[0]) return undefined;
  const msg = err.errors[0].message;
  const m = /(?:^Invalid request parameter - .* :request\.|^request\.)(\w+)(?:\[(\d+)\])?/.exec(msg);
  const byCode: Record<string, F> = {
    PMS_ESI_001: 'publicKey',
    PMS_ESI_007: 'publicKey',
    PMS_OIDC_001: 'publicKey',
    PMS_OIDC_002: 'publicKey',
    PMS_OIDC_003: 'publicKey',
    PMS_ESI_002: 'policyId',
    PMS_ESI_003: 'policyId',
    PMS_ESI_005: 'policyId',
    PMS_ESI_006: 'policyId',
    PMS_OIDC_004: 'policyId',
  };
  const named = m?.[1] === 'clientName' || m?.[1] === 'clientNameLangMap' ? 'name' : m?.[1];
  const field = (named && (FIELDS as string[]).includes(named) ? named : byCode[err.code]) as F | undefined;
  if (!field) return undefined;
  return { field, message: msg, index: m?.[2] !== undefined ? Number(m[2]) : undefined };
}

export function OidcClientFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const toast = useToast();
  const refresh = useRefresh();
  const { config } = useSession();
  const grantTypes = (config.grantTypes ?? 'authorization_code')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const authMethods = (config.clientAuthMethods ?? 'private_key_jwt')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const existing = useQuery({
    queryKey: key('oidc-client', id),
    queryFn: () => call<OidcClientDetail>(endpoints.oauthGet, { params: { client_id: id! } }),
    enabled: editing,
  });
  // The defaults are plain strings, so the blank form stays the same object across renders.
  const firstGrantType = grantTypes[0] ?? '';
  const firstAuthMethod = authMethods[0] ?? '';
  const blank: Values = useMemo(
    () => ({
      authPartnerId: '',
      policyId: '',
      name: '',
      publicKey: '',
      logoUri: '',
      redirectUris: [''],
      grantType: firstGrantType,
      clientAuthMethod: firstAuthMethod,
      names: {},
      security: blankSecurity,
    }),
    [firstGrantType, firstAuthMethod],
  );
  const [initial, setInitial] = useState<Values>(blank);
  const [values, setValues] = useState<Values>(blank);
  const [issues, setIssues] = useState<Issues<F>>({});
  const [uriIssues, setUriIssues] = useState<Record<number, string>>({});
  const [securityIssues, setSecurityIssues] = useState<Record<string, string>>({});
  const partners = useApprovedPartners('Auth_Partner');
  const policies = useApprovedPolicies(values.authPartnerId || undefined);
  // A partner or policy that is the only possible answer is chosen already; the form counts
  // it as its starting point, so leaving without typing anything asks nothing.
  const choosePartner = useCallback((authPartnerId: string) => {
    setValues((v) => ({ ...v, authPartnerId, policyId: '' }));
    setInitial((v) => ({ ...v, authPartnerId, policyId: '' }));
  }, []);
  const choosePolicy = useCallback((policyId: string) => {
    setValues((v) => ({ ...v, policyId }));
    setInitial((v) => ({ ...v, policyId }));
  }, []);
  useSingleChoice(
    (partners.data ?? []).map((p) => p.partnerId),
    values.authPartnerId,
    choosePartner,
    !editing,
  );
  useSingleChoice(
    (policies.data ?? []).map((p) => p.policyId),
    values.policyId,
    choosePolicy,
    !editing,
  );

  useEffect(() => {
    const c = existing.data;
    if (!c) return;
    const stored = splitStoredName(c.name);
    const v: Values = {
      ...blank,
      name: stored.name,
      logoUri: c.logoUri,
      redirectUris: [...c.redirectUris],
      grantType: c.grantTypes[0] ?? '',
      clientAuthMethod: c.clientAuthMethods[0] ?? '',
      names: { ...(stored.langMap ?? {}) },
      security: fromAdditionalConfig(c.additionalConfig as AdditionalConfig | null | undefined, c.encPublicKey),
    };
    setInitial(v);
    setValues(v);
  }, [existing.data, blank]);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? call<{ clientId: string }>(endpoints.oauthUpdate, { params: { client_id: id }, body })
        : call<{ clientId: string }>(endpoints.oauthCreate, { body }),
    onSuccess: async (res) => {
      setInitial(values);
      await refresh('oidcClients');
      toast(editing ? t('oidc.saved') : t('oidc.created'));
      unsaved.allowLeave();
      navigate(`/oidc-clients/${encodeURIComponent(res.clientId)}`, { replace: true, flushSync: true });
    },
    onError: (err) => {
      const sec = serverSecurityError(err);
      if (sec) return setSecurityIssues(sec);
      const f = serverField(err);
      if (!f) return;
      if (f.field === 'redirectUris' && f.index !== undefined) setUriIssues({ [f.index]: f.message });
      else setIssues({ [f.field]: f.message });
    },
  });
  const unsaved = useUnsavedChanges(dirty);

  // eSignet needs at least one language name; without any, the client name stands for English.
  const names = () => {
    const given = Object.fromEntries(Object.entries(values.names).filter(([, v]) => v.trim() !== ''));
    return Object.keys(given).length > 0 ? given : { eng: values.name };
  };
  /** The shared rules (@pms/rules/oidc) on what the form would send. */
  const checkSecurity = (
    additionalConfig: Record<string, unknown> | null,
    jwk: Record<string, unknown> | undefined,
  ): { problem?: SettingProblem; encPublicKey?: Record<string, unknown> } => {
    let encPublicKey: Record<string, unknown> | undefined;
    if (values.security.userinfo === 'JWE' && values.security.encKey.trim() !== '') {
      const k = jwkProblem(values.security.encKey);
      if (k.key) return { problem: { code: 'invalid_public_key', field: 'request.encPublicKey', reason: t(k.key) } };
      encPublicKey = k.value;
    }
    const problem =
      additionalConfigProblem(additionalConfig) ??
      crossFieldProblem({
        additionalConfig: additionalConfig as AdditionalConfig | null,
        encPublicKey,
        publicKey: jwk,
        grantTypes: [values.grantType],
        redirectUris: values.redirectUris,
        acrValues: existing.data?.acrValues,
      });
    return { problem, encPublicKey };
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Issues<F> = editing
      ? validate('oauthUpdate', { clientName: values.name, logoUri: values.logoUri, redirectUris: values.redirectUris })
      : validate('oauthCreate', {
          authPartnerId: values.authPartnerId,
          policyId: values.policyId,
          name: values.name,
          logoUri: values.logoUri,
          redirectUris: values.redirectUris,
        });
    if (editing && 'clientName' in found) {
      found.name = (found as Record<string, Issues<F>[F]>).clientName;
      delete (found as Record<string, unknown>).clientName;
    }
    let jwk: Record<string, unknown> | undefined;
    if (!editing) {
      if (!values.authPartnerId) found.authPartnerId = { key: 'required' };
      if (!values.policyId) found.policyId = { key: 'required' };
      if (!values.publicKey.trim()) found.publicKey = { key: 'required' };
      else {
        const k = jwkProblem(values.publicKey);
        if (k.key) found.publicKey = { key: 'custom', message: k.key };
        jwk = k.value;
      }
    }
    if (!found.logoUri && values.logoUri) {
      const p = logoUriProblem(values.logoUri);
      if (p) found.logoUri = { key: 'custom', message: 'oidc.invalidLogo', values: { reason: p } };
    }
    const perUri: Record<number, string> = {};
    values.redirectUris.forEach((u, i) => {
      const p = redirectUriProblem(u);
      if (p) perUri[i] = t('oidc.invalidRedirect', { reason: p });
    });
    const additionalConfig = toAdditionalConfig(values.security);
    const { problem: securityProblem, encPublicKey } = checkSecurity(additionalConfig, jwk);
    setIssues(found);
    setUriIssues(perUri);
    setSecurityIssues(securityProblem ? { [securityKey(securityProblem.field)]: securityProblem.reason } : {});
    if (Object.values(found).some(Boolean) || Object.keys(perUri).length > 0 || securityProblem) return;
    const common = {
      logoUri: values.logoUri,
      redirectUris: values.redirectUris,
      grantTypes: [values.grantType],
      clientAuthMethods: [values.clientAuthMethod],
      clientNameLangMap: names(),
    };
    // A create without settings keeps MOSIP's shape; an edit always says what the settings are (null clears).
    const settings = editing || additionalConfig ? { additionalConfig, encPublicKey: encPublicKey ?? null } : {};
    save.mutate(
      editing
        ? { ...common, ...settings, clientName: values.name, status: existing.data?.status ?? 'ACTIVE' }
        : { ...common, ...settings, name: values.name, policyId: values.policyId, authPartnerId: values.authPartnerId, publicKey: jwk },
    );
  };
  const setUri = (i: number, v: string) => setValues({ ...values, redirectUris: values.redirectUris.map((u, j) => (j === i ? v : u)) });
  const maxUris = fieldSchema(editing ? 'oauthUpdate' : 'oauthCreate', 'redirectUris').maxItems ?? 5;
  const formError =
    save.error && !Object.values(issues).some(Boolean) && Object.keys(uriIssues).length === 0 && Object.keys(securityIssues).length === 0
      ? save.error
      : undefined;

  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.error) return <ErrorAlert error={existing.error} />;
  return (
    <>
      <PageHeader
        title={editing ? t('oidc.editTitle', { name: splitStoredName(existing.data?.name ?? '').name }) : t('oidc.createTitle')}
        crumbs={[
          { label: t('nav.oidcClients'), to: '/oidc-clients' },
          { label: editing ? splitStoredName(existing.data?.name ?? '').name : t('oidc.create') },
        ]}
      />
      <section className="card">
        <div className="card-body">
          <form className="form form-wide" onSubmit={submit} noValidate>
            {!editing && (
              <div className="form-grid">
                <Field label={t('partner.id')} required error={issues.authPartnerId}>
                  <select
                    value={values.authPartnerId}
                    onChange={(e) => setValues({ ...values, authPartnerId: e.target.value, policyId: '' })}
                  >
                    <option value="">{t('common.choose')}</option>
                    {partners.data?.map((p) => (
                      <option key={p.partnerId} value={p.partnerId}>
                        {p.partnerId}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('oidc.policy')} required error={issues.policyId} hint={t('oidc.policyHint')}>
                  <select
                    value={values.policyId}
                    onChange={(e) => setValues({ ...values, policyId: e.target.value })}
                    disabled={!values.authPartnerId}
                  >
                    <option value="">{t('common.choose')}</option>
                    {policies.data?.map((p) => (
                      <option key={p.id} value={p.policyId}>
                        {p.policyName}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
            )}
            <div className="form-grid">
              <Field label={t('oidc.name')} required error={issues.name}>
                <input
                  value={values.name}
                  onChange={(e) => setValues({ ...values, name: e.target.value })}
                  maxLength={fieldSchema('oauthCreate', 'name').maxLength}
                />
              </Field>
              <Field label={t('oidc.logoUri')} required error={issues.logoUri} hint={t('oidc.logoHint')}>
                <input
                  type="url"
                  value={values.logoUri}
                  onChange={(e) => setValues({ ...values, logoUri: e.target.value })}
                  placeholder="https://"
                />
              </Field>
            </div>
            <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>{t('oidc.namesPerLanguage')}</legend>
              <div className="form-grid">
                {NAME_LANGUAGES.map((l) => (
                  <Field key={l} label={t(`oidc.lang.${l}`)}>
                    <input
                      value={values.names[l] ?? ''}
                      onChange={(e) => setValues({ ...values, names: { ...values.names, [l]: e.target.value } })}
                      lang={l.slice(0, 2)}
                      dir="auto"
                    />
                  </Field>
                ))}
              </div>
            </fieldset>
            <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} aria-describedby="redirect-hint">
              <legend>
                {t('oidc.redirectUris')}
                <span className="req" aria-hidden="true">
                  *
                </span>
              </legend>
              <span className="hint" id="redirect-hint">
                {t('oidc.redirectHint', { max: maxUris })}
              </span>
              {issues.redirectUris && (
                <span className="error">{typeof issues.redirectUris === 'string' ? issues.redirectUris : t('validation.required')}</span>
              )}
              <div className="stack" style={{ gap: '0.5rem' }}>
                {values.redirectUris.map((u, i) => (
                  <div key={i}>
                    <div className="row" style={{ flexWrap: 'nowrap' }}>
                      <input
                        type="url"
                        value={u}
                        onChange={(e) => setUri(i, e.target.value)}
                        aria-label={t('oidc.redirectUriN', { n: i + 1 })}
                        aria-invalid={uriIssues[i] ? true : undefined}
                        aria-describedby={uriIssues[i] ? `uri-err-${i}` : undefined}
                        placeholder="https://"
                      />
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={values.redirectUris.length <= 1}
                        onClick={() => setValues({ ...values, redirectUris: values.redirectUris.filter((_, j) => j !== i) })}
                        aria-label={t('oidc.removeRedirect', { n: i + 1 })}
                      >
                        {t('oidc.remove')}
                      </button>
                    </div>
                    {uriIssues[i] && (
                      <span
                        className="error field"
                        id={`uri-err-${i}`}
                        role="alert"
                        style={{ color: 'var(--c-danger)', fontSize: '0.84rem' }}
                      >
                        {uriIssues[i]}
                      </span>
                    )}
                  </div>
                ))}
              </div>
              <button
                type="button"
                className="btn btn-sm"
                style={{ alignSelf: 'flex-start' }}
                disabled={values.redirectUris.length >= maxUris}
                onClick={() => setValues({ ...values, redirectUris: [...values.redirectUris, ''] })}
              >
                <Icon name="plus" />
                {t('oidc.addRedirect')}
              </button>
            </fieldset>
            <div className="form-grid">
              <Field label={t('oidc.grantType')} required>
                <select value={values.grantType} onChange={(e) => setValues({ ...values, grantType: e.target.value })}>
                  {grantTypes.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('oidc.authMethod')} required>
                <select value={values.clientAuthMethod} onChange={(e) => setValues({ ...values, clientAuthMethod: e.target.value })}>
                  {authMethods.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            {!editing && (
              <Field label={t('oidc.publicKey')} required error={issues.publicKey} hint={t('oidc.publicKeyHint')}>
                <textarea
                  className="mono"
                  value={values.publicKey}
                  onChange={(e) => setValues({ ...values, publicKey: e.target.value })}
                  rows={7}
                  spellCheck={false}
                  placeholder='{"kty":"RSA","e":"AQAB","n":"…"}'
                />
              </Field>
            )}
            {!editing && (
              <label className="btn btn-sm" style={{ justifySelf: 'start' }}>
                <input
                  type="file"
                  className="sr-only"
                  accept=".json,.jwk,application/json"
                  onChange={async (e) => {
                    const f = e.target.files?.[0];
                    if (f) setValues({ ...values, publicKey: await f.text() });
                  }}
                />
                {t('oidc.loadKey')}
              </label>
            )}
            <SecuritySection values={values.security} onChange={(security) => setValues({ ...values, security })} errors={securityIssues} />
            {formError && <ErrorAlert error={formError} />}
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {editing ? t('common.save') : t('oidc.create')}
              </button>
            </div>
          </form>
        </div>
      </section>
      {unsaved.dialog}
    </>
  );
}
