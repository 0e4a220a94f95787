import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';
import { FileTextButton } from '../../ui/FileTextButton.js';
import type { Issues } from '../../validation/rules.js';
import type { F, Values } from './clientForm.js';

const options = (list: string[]) =>
  list.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));

/**
 * How the client signs in at eSignet: the grant type and authentication method the deployment
 * offers, and, when creating, the public key (pasted or loaded from a file) it signs with.
 */
export function SignInFields({
  values,
  set,
  issues,
  grantTypes,
  authMethods,
  withKey,
}: {
  values: Values;
  set: (patch: Partial<Values>) => void;
  issues: Issues<F>;
  grantTypes: string[];
  authMethods: string[];
  /** The key is given once, at creation. */
  withKey: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-grid">
        <Field label={t('oidc.grantType')} required>
          <select value={values.grantType} onChange={(e) => set({ grantType: e.target.value })}>
            {options(grantTypes)}
          </select>
        </Field>
        <Field label={t('oidc.authMethod')} required>
          <select value={values.clientAuthMethod} onChange={(e) => set({ clientAuthMethod: e.target.value })}>
            {options(authMethods)}
          </select>
        </Field>
      </div>
      {withKey && (
        <Field label={t('oidc.publicKey')} required error={issues.publicKey} hint={t('oidc.publicKeyHint')}>
          <textarea
            className="mono"
            value={values.publicKey}
            onChange={(e) => set({ publicKey: e.target.value })}
            rows={7}
            spellCheck={false}
            placeholder='{"kty":"RSA","e":"AQAB","n":"…"}'
          />
        </Field>
      )}
      {withKey && (
        <FileTextButton accept=".json,.jwk,application/json" onText={(publicKey) => set({ publicKey })} style={{ justifySelf: 'start' }}>
          {t('oidc.loadKey')}
        </FileTextButton>
      )}
    </>
  );
}
