import { splitStoredName } from '@pms/rules/oidc';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.js';
import { ErrorAlert, Loading } from '../../ui/Status.js';
import { fieldSchema } from '../../validation/rules.js';
import { NameFields } from './NameFields.js';
import { PartnerPolicyFields } from './PartnerPolicyFields.js';
import { RedirectUrisField } from './RedirectUrisField.js';
import { SecuritySection } from './SecuritySection.js';
import { SignInFields } from './SignInFields.js';
import { useOidcClientForm } from './useOidcClientForm.js';

/** Create an OIDC client (`/oidc-clients/new`) or edit one (`/oidc-clients/:id/edit`). */
export function OidcClientFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const form = useOidcClientForm(id);
  const { editing, existing, values, set, issues } = form;
  const maxUris = fieldSchema(editing ? 'oauthUpdate' : 'oauthCreate', 'redirectUris').maxItems ?? 5;

  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.error) return <ErrorAlert error={existing.error} />;
  const storedName = splitStoredName(existing.data?.name ?? '').name;
  return (
    <>
      <PageHeader
        title={editing ? t('oidc.editTitle', { name: storedName }) : t('oidc.createTitle')}
        crumbs={[{ label: t('nav.oidcClients'), to: '/oidc-clients' }, { label: editing ? storedName : t('oidc.create') }]}
      />
      <section className="card">
        <div className="card-body">
          <form className="form form-wide" onSubmit={form.submit} noValidate>
            {!editing && (
              <PartnerPolicyFields values={values} set={set} issues={issues.fields} partners={form.partners} policies={form.policies} />
            )}
            <NameFields values={values} set={set} issues={issues.fields} />
            <RedirectUrisField
              uris={values.redirectUris}
              onChange={(redirectUris) => set({ redirectUris })}
              max={maxUris}
              issue={issues.fields.redirectUris}
              uriIssues={issues.uris}
            />
            <SignInFields
              values={values}
              set={set}
              issues={issues.fields}
              grantTypes={form.grantTypes}
              authMethods={form.authMethods}
              withKey={!editing}
            />
            <SecuritySection values={values.security} onChange={(security) => set({ security })} errors={issues.security} />
            {form.formError && <ErrorAlert error={form.formError} />}
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={form.saving}>
                {editing ? t('common.save') : t('oidc.create')}
              </button>
            </div>
          </form>
        </div>
      </section>
      {form.unsaved.dialog}
    </>
  );
}
