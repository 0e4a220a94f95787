import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';
import { fieldSchema, type Issues } from '../../validation/rules.js';
import { NAME_LANGUAGES, type F, type Values } from './clientForm.js';

/** What people see of the client at sign-in: its name, its logo and its name in each language. */
export function NameFields({ values, set, issues }: { values: Values; set: (patch: Partial<Values>) => void; issues: Issues<F> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-grid">
        <Field label={t('oidc.name')} required error={issues.name}>
          <input
            value={values.name}
            onChange={(e) => set({ name: e.target.value })}
            maxLength={fieldSchema('oauthCreate', 'name').maxLength}
          />
        </Field>
        <Field label={t('oidc.logoUri')} required error={issues.logoUri} hint={t('oidc.logoHint')}>
          <input type="url" value={values.logoUri} onChange={(e) => set({ logoUri: e.target.value })} placeholder="https://" />
        </Field>
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{t('oidc.namesPerLanguage')}</legend>
        <div className="form-grid">
          {NAME_LANGUAGES.map((l) => (
            <Field key={l} label={t(`oidc.lang.${l}`)}>
              <input
                value={values.names[l] ?? ''}
                onChange={(e) => set({ names: { ...values.names, [l]: e.target.value } })}
                lang={l.slice(0, 2)}
                dir="auto"
              />
            </Field>
          ))}
        </div>
      </fieldset>
    </>
  );
}
