import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';
import type { Issues } from '../../validation/rules.js';
import type { useApprovedPartners, useApprovedPolicies } from '../partner/shared.js';
import type { F, Values } from './clientForm.js';

/** Which of the user's partners the client is for, and under which of its approved policies. */
export function PartnerPolicyFields({
  values,
  set,
  issues,
  partners,
  policies,
}: {
  values: Values;
  set: (patch: Partial<Values>) => void;
  issues: Issues<F>;
  partners: Pick<ReturnType<typeof useApprovedPartners>, 'data'>;
  policies: Pick<ReturnType<typeof useApprovedPolicies>, 'data'>;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <Field label={t('partner.id')} required error={issues.authPartnerId}>
        <select value={values.authPartnerId} onChange={(e) => set({ authPartnerId: e.target.value, policyId: '' })}>
          <option value="">{t('common.choose')}</option>
          {partners.data?.map((p) => (
            <option key={p.partnerId} value={p.partnerId}>
              {p.partnerId}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('oidc.policy')} required error={issues.policyId} hint={t('oidc.policyHint')}>
        <select value={values.policyId} onChange={(e) => set({ policyId: e.target.value })} disabled={!values.authPartnerId}>
          <option value="">{t('common.choose')}</option>
          {policies.data?.map((p) => (
            <option key={p.id} value={p.policyId}>
              {p.policyName}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
