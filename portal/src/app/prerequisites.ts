import { useQuery } from '@tanstack/react-query';
import { key } from '../api/queries.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, call } from '../api/http.js';
import type { MyPartner, Page, PolicyRequest } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { useMyPartners } from './OnboardingGate.js';
import { eligibility, factsOf, type Action, type Eligibility } from './prerequisite-rules.js';

/** The prerequisites' rules (prerequisite-rules.ts) and the hooks that read the caller's facts for them. */
export * from './prerequisite-rules.js';

/** Roles the server lets read partners' policy groups (GET /partners/v3) and requests (GET /partner-policy-requests). */
const GROUP_READERS = [
  'DEVICE_PROVIDER',
  'FTM_PROVIDER',
  'AUTH_PARTNER',
  'ABIS_PARTNER',
  'SDK_PARTNER',
  'CREDENTIAL_PARTNER',
  'ONLINE_VERIFICATION_PARTNER',
  'MISP_PARTNER',
];
const REQUEST_READERS = ['AUTH_PARTNER', 'ABIS_PARTNER', 'SDK_PARTNER', 'CREDENTIAL_PARTNER', 'ONLINE_VERIFICATION_PARTNER'];

const noPartnerYet = <T>(err: unknown, empty: T): T => {
  if (err instanceof ApiError && (err.code === 'PMS_CERTIFICATE_ERROR_002' || err.forbidden)) return empty;
  throw err;
};

/** The caller's partners as facts (certificate, deactivation, group, approved policies). */
export function usePartnerFacts() {
  const { hasRole } = useSession();
  const certs = useMyPartners();
  const readsGroups = hasRole(...GROUP_READERS);
  const readsRequests = hasRole(...REQUEST_READERS);
  const groups = useQuery({
    queryKey: key('partners-v3', 'approved-with-group'),
    queryFn: () =>
      call<MyPartner[]>(endpoints.partnersV3, { query: { status: 'approved', policyGroupAvailable: true } }).catch((err) =>
        noPartnerYet<MyPartner[]>(err, []),
      ),
    enabled: readsGroups,
    // An admin's decision changes these facts from elsewhere: a form that opens asks again.
    staleTime: 0,
  });
  const requests = useQuery({
    queryKey: key('policy-requests', 'mine-all'),
    queryFn: async () =>
      (
        await call<Page<PolicyRequest>>(endpoints.policyRequests, { query: { pageNo: 0, pageSize: 100 } }).catch((err) =>
          noPartnerYet(err, { data: [] as PolicyRequest[] } as Page<PolicyRequest>),
        )
      ).data,
    enabled: readsRequests,
    staleTime: 0,
  });
  const loading = certs.isPending || (readsGroups && groups.isPending) || (readsRequests && requests.isPending);
  const facts = certs.data ? factsOf(certs.data, readsGroups ? groups.data : undefined, readsRequests ? requests.data : undefined) : [];
  return { facts, requests: requests.data, loading, error: certs.error ?? groups.error ?? requests.error };
}

/** The partners the caller may use for one action, and what holds back the others. */
export function useEligibility(action: Action): Eligibility & { loading: boolean } {
  const { facts, loading } = usePartnerFacts();
  return { ...eligibility(action, facts), loading };
}
