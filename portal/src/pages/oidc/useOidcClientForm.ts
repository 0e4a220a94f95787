import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import { key, useRefresh } from '../../api/queries.js';
import type { OidcClientDetail } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { useToast } from '../../ui/Toasts.js';
import { useSingleChoice } from '../../ui/useSingleChoice.js';
import { useUnsavedChanges } from '../../ui/useUnsavedChanges.js';
import { useApprovedPartners, useApprovedPolicies } from '../partner/shared.js';
import { blankValues, checkForm, hasIssues, noIssues, serverIssues, valuesOf, type FormIssues, type Values } from './clientForm.js';

/** A comma-separated setting of the portal's configuration as a list. */
const listOf = (setting: string | undefined, fallback: string) =>
  (setting ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The state of the OIDC client form (`id` when editing a stored client): the values, the issues
 * shown, the choices offered, and sending.
 */
export function useOidcClientForm(id: string | undefined) {
  const { t } = useTranslation();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const toast = useToast();
  const refresh = useRefresh();
  const { config } = useSession();
  const grantTypes = listOf(config.grantTypes, 'authorization_code');
  const authMethods = listOf(config.clientAuthMethods, 'private_key_jwt');
  const existing = useQuery({
    queryKey: key('oidc-client', id),
    queryFn: () => call<OidcClientDetail>(endpoints.oauthGet, { params: { client_id: id! } }),
    enabled: editing,
  });
  // The defaults are plain strings, so the blank form stays the same object across renders.
  const firstGrantType = grantTypes[0] ?? '';
  const firstAuthMethod = authMethods[0] ?? '';
  const blank = useMemo(() => blankValues(firstGrantType, firstAuthMethod), [firstGrantType, firstAuthMethod]);
  const [initial, setInitial] = useState<Values>(blank);
  const [values, setValues] = useState<Values>(blank);
  const [issues, setIssues] = useState<FormIssues>(noIssues);
  const set = useCallback((patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch })), []);
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
    if (!existing.data) return;
    const v = valuesOf(existing.data, blank);
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
    onError: (err) => setIssues((shown) => serverIssues(err, shown) ?? shown),
  });
  const unsaved = useUnsavedChanges(dirty);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkForm(values, existing.data, editing, t);
    setIssues(checked.issues);
    if (checked.body) save.mutate(checked.body);
  };
  // A refusal shown at a field is not repeated above the buttons.
  const formError = save.error && !hasIssues(issues) ? save.error : undefined;

  return {
    editing,
    existing,
    values,
    set,
    issues,
    partners,
    policies,
    grantTypes,
    authMethods,
    submit,
    saving: save.isPending,
    formError,
    unsaved,
  };
}
