import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { effectiveSettings, splitStoredName, type AdditionalConfig } from '@pms/rules/oidc';
import { key, useRefresh } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { OidcClientDetail } from '../../api/types.js';
import { ConfirmDialog } from '../../ui/Dialog.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { ErrorAlert, Loading, useErrorText } from '../../ui/Status.js';
import { useToast } from '../../ui/Toasts.js';
import { copyText } from '../partner/shared.js';
import { ClientStatusBadge } from './OidcClientsPage.js';

function formattedKey(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** What eSignet applies to this client, defaults included (an absent setting is off, userinfo JWS). */
function EffectiveSettings({ client }: { client: OidcClientDetail }) {
  const { t } = useTranslation();
  const e = effectiveSettings(client.additionalConfig as AdditionalConfig | null | undefined);
  const onOff = (v: boolean) => (v ? t('oidcSecurity.on') : t('oidcSecurity.off'));
  const rows: [string, string][] = [
    [t('oidcSecurity.par'), onOff(e.require_pushed_authorization_requests)],
    [t('oidcSecurity.dpop'), onOff(e.dpop_bound_access_tokens)],
    [t('oidcSecurity.pkce'), onOff(e.require_pkce)],
    [t('oidcSecurity.userinfo'), e.userinfo_response_type === 'JWE' ? t('oidcSecurity.jwe') : t('oidcSecurity.jws')],
    [
      t('oidcSecurity.consent'),
      e.consent_expire_in_mins === null ? t('oidcSecurity.defaultConsent') : t('oidcSecurity.minutes', { n: e.consent_expire_in_mins }),
    ],
    [t('oidcSecurity.signup'), onOff(e.signup_banner_required)],
    [t('oidcSecurity.forgot'), onOff(e.forgot_pwd_link_required)],
    [
      t('oidcSecurity.purpose'),
      e.purpose
        ? `${t(`oidcSecurity.purposeType.${e.purpose.type}`)}${e.purpose.title ? ` — ${e.purpose.title['@none'] ?? ''}` : ''}`
        : t('oidcSecurity.purposeNotSet'),
    ],
  ];
  return (
    <section className="card" data-testid="effective-settings">
      <div className="card-header">
        <h2>{t('oidcSecurity.effective')}</h2>
      </div>
      <div className="card-body">
        <dl className="details">
          {rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {client.encPublicKey && (
          <pre className="code" tabIndex={0} aria-label={t('oidcSecurity.encKey')}>
            {JSON.stringify(client.encPublicKey, null, 2)}
          </pre>
        )}
      </div>
    </section>
  );
}

export function OidcClientViewPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [confirm, setConfirm] = useState(false);
  const client = useQuery({
    queryKey: key('oidc-client', id),
    queryFn: () => call<OidcClientDetail>(endpoints.oauthGet, { params: { client_id: id } }),
  });
  const deactivate = useMutation({
    mutationFn: (c: OidcClientDetail) =>
      call(endpoints.oauthUpdate, {
        params: { client_id: id },
        body: {
          clientName: splitStoredName(c.name).name,
          logoUri: c.logoUri,
          redirectUris: c.redirectUris,
          grantTypes: c.grantTypes,
          clientAuthMethods: c.clientAuthMethods,
          status: 'INACTIVE',
          clientNameLangMap: splitStoredName(c.name).langMap ?? { eng: splitStoredName(c.name).name },
        },
      }),
    onSuccess: async () => {
      setConfirm(false);
      toast(t('oidc.deactivated'));
      await refresh('oidcClients');
    },
  });
  if (client.isPending) return <Loading />;
  if (client.error) return <ErrorAlert error={client.error} />;
  const c = client.data;
  const { name, langMap } = splitStoredName(c.name);
  const active = c.status.toUpperCase() === 'ACTIVE';
  const list = admin ? '/admin/oidc-clients' : '/oidc-clients';
  return (
    <>
      <PageHeader
        title={name}
        crumbs={[{ label: t('nav.oidcClients'), to: list }, { label: name }]}
        actions={
          active && (
            <>
              {!admin && (
                <Link className="btn" to={`/oidc-clients/${encodeURIComponent(c.id)}/edit`}>
                  {t('common.edit')}
                </Link>
              )}
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
            <ClientStatusBadge status={c.status} />
          </div>
          <div className="card-body">
            <dl className="details">
              <dt>{t('oidc.clientId')}</dt>
              <dd className="row">
                <code data-testid="client-id">{c.id}</code>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={async () => toast((await copyText(c.id)) ? t('common.copied') : t('common.copyFailed'))}
                >
                  {t('oidc.copyClientId')}
                </button>
              </dd>
              <dt>{t('partner.id')}</dt>
              <dd>{c.relyingPartyId}</dd>
              {langMap && Object.keys(langMap).length > 0 && (
                <>
                  <dt>{t('oidc.namesLabel')}</dt>
                  <dd>
                    {Object.entries(langMap)
                      .map(([l, n]) => `${t(`oidc.lang.${l}`, { defaultValue: l })}: ${n}`)
                      .join(' · ')}
                  </dd>
                </>
              )}
              <dt>{t('oidc.policy')}</dt>
              <dd>{c.policyName}</dd>
              <dt>{t('oidc.logoUri')}</dt>
              <dd className="row">
                <img
                  src={c.logoUri}
                  alt=""
                  width={28}
                  height={28}
                  style={{ objectFit: 'contain' }}
                  onError={(e) => {
                    e.currentTarget.style.display = 'none';
                  }}
                />
                <span>{c.logoUri}</span>
              </dd>
              <dt>{t('oidc.redirectUris')}</dt>
              <dd>
                <ul style={{ margin: 0, paddingInlineStart: '1.1rem' }} data-testid="redirect-uris">
                  {c.redirectUris.map((u) => (
                    <li key={u} dir="ltr" style={{ textAlign: 'start' }}>
                      {u}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t('oidc.grantType')}</dt>
              <dd>{c.grantTypes.join(', ')}</dd>
              <dt>{t('oidc.authMethod')}</dt>
              <dd>{c.clientAuthMethods.join(', ')}</dd>
              <dt>{t('oidc.claims')}</dt>
              <dd>{c.claims.join(', ') || '—'}</dd>
              <dt>{t('oidc.acrValues')}</dt>
              <dd>{c.acrValues.join(', ') || '—'}</dd>
              <dt>{t('oidc.esignetStatus')}</dt>
              <dd>{t(`oidc.esignet.${c.esignetStatus}`, { defaultValue: c.esignetStatus })}</dd>
            </dl>
          </div>
        </section>
        <EffectiveSettings client={c} />
        <section className="card">
          <div className="card-header">
            <h2>{t('oidc.publicKey')}</h2>
          </div>
          <div className="card-body">
            <pre className="code" tabIndex={0} aria-label={t('oidc.publicKey')}>
              {formattedKey(c.publicKey)}
            </pre>
          </div>
        </section>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('oidc.deactivateTitle', { name })}
        message={t('oidc.deactivateMessage')}
        confirmLabel={t('common.deactivate')}
        danger
        busy={deactivate.isPending}
        error={deactivate.error ? errorText(deactivate.error) : undefined}
        onConfirm={() => deactivate.mutate(c)}
        onCancel={() => {
          setConfirm(false);
          deactivate.reset();
        }}
      />
    </>
  );
}
