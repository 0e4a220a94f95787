import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { endpoints } from '../api/endpoints.js';
import { ApiError, call } from '../api/http.js';
import type { CertificateSummary, Consent } from '../api/types.js';
import { isPartnerUser } from '../auth/roles.js';
import { useSession } from '../auth/session.js';
import { FullPageLoading } from '../pages/StatusPages.js';

/** The caller has not registered a partner yet (the server's answer to "my partners"). */
export const NO_PARTNER = 'PMS_CERTIFICATE_ERROR_002';

/** My partners, or [] when none is registered yet; undefined when my role may not ask. */
export function useMyPartners(enabled = true) {
  return useQuery({
    queryKey: ['my-partners'],
    enabled,
    queryFn: async () => {
      try {
        return await call<CertificateSummary[]>(endpoints.myCertificates);
      } catch (err) {
        if (err instanceof ApiError && err.code === NO_PARTNER) return [];
        if (err instanceof ApiError && err.forbidden) return undefined;
        throw err;
      }
    },
  });
}

export function useConsent(enabled: boolean) {
  return useQuery({ queryKey: ['consent'], queryFn: () => call<Consent>(endpoints.consentGet), enabled });
}

/**
 * A partner user's first visit: register a partner, then accept the terms, before any other
 * screen (as MOSIP's portal does). Admins and policy managers go straight in.
 */
export function OnboardingGate({ children }: { children: ReactNode }) {
  const { roles } = useSession();
  const partnerUser = isPartnerUser(roles);
  const partners = useMyPartners(partnerUser);
  const registered = partners.data === undefined || partners.data.length > 0;
  const consent = useConsent(partnerUser && partners.isSuccess && partners.data !== undefined && partners.data.length > 0);
  if (!partnerUser) return <>{children}</>;
  if (partners.isPending || (registered && partners.data !== undefined && consent.isPending)) return <FullPageLoading />;
  if (partners.data !== undefined && (!registered || consent.data?.consentGiven === false)) return <Navigate to="/onboarding" replace />;
  return <>{children}</>;
}
