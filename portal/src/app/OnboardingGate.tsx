import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { key } from '../api/queries.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, call } from '../api/http.js';
import type { CertificateSummary, Consent } from '../api/types.js';
import { isPartnerUser } from '../auth/roles.js';
import { useSession } from '../auth/session.js';
import { FullPageLoading } from '../pages/StatusPages.js';

/** The caller has not registered a partner yet (the server's answer to "my partners"). */
export const NO_PARTNER = 'PMS_CERTIFICATE_ERROR_002';

/** My partners; [] when none is registered yet; null when my role may not ask (e.g. MISP). */
export function useMyPartners(enabled = true) {
  return useQuery({
    queryKey: key('my-partners'),
    enabled,
    queryFn: async (): Promise<CertificateSummary[] | null> => {
      try {
        return await call<CertificateSummary[]>(endpoints.myCertificates);
      } catch (err) {
        if (err instanceof ApiError && err.code === NO_PARTNER) return [];
        if (err instanceof ApiError && err.forbidden) return null;
        throw err;
      }
    },
  });
}

export function useConsent(enabled: boolean) {
  return useQuery({ queryKey: key('consent'), queryFn: () => call<Consent>(endpoints.consentGet), enabled });
}

export type OnboardingState = 'loading' | 'register' | 'consent' | 'done';

/**
 * Where a user stands in the first-login steps: partner users register a partner, then accept
 * the terms (as MOSIP's portal asks); everyone else is done. A failed check lets the user in,
 * where the page itself shows the error, rather than trapping them here.
 */
export function useOnboardingState(): OnboardingState {
  const { roles } = useSession();
  const partnerUser = isPartnerUser(roles);
  const partners = useMyPartners(partnerUser);
  const registered = Array.isArray(partners.data) && partners.data.length > 0;
  const consent = useConsent(partnerUser && registered);
  if (!partnerUser) return 'done';
  if (partners.isPending) return 'loading';
  if (!Array.isArray(partners.data)) return 'done';
  if (!registered) return 'register';
  if (consent.isPending) return 'loading';
  return consent.data?.consentGiven === false ? 'consent' : 'done';
}

export function OnboardingGate({ children }: { children: ReactNode }) {
  const state = useOnboardingState();
  if (state === 'loading') return <FullPageLoading />;
  if (state === 'register' || state === 'consent') return <Navigate to="/onboarding" replace />;
  return <>{children}</>;
}
