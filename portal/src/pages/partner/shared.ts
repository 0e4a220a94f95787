import { useQuery } from '@tanstack/react-query';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { MyPartner, Page, PolicyRequest } from '../../api/types.js';
import { eligibility, usePartnerFacts } from '../../app/prerequisites.js';

/**
 * My partners the server accepts for an API key or OIDC client (certificate uploaded, not
 * deactivated, an approved policy), in the shape of GET /partners/v3 the forms expect.
 */
export function useApprovedPartners(partnerType = 'Auth_Partner'): { data: MyPartner[] | undefined; isPending: boolean } {
  const { facts, loading } = usePartnerFacts();
  if (loading) return { data: undefined, isPending: true };
  const data = eligibility('oidcClient', facts)
    .eligible.filter((p) => p.partnerType === partnerType)
    .map((p) => ({
      partnerId: p.partnerId,
      partnerType: p.partnerType,
      policyGroupId: null,
      policyGroupName: p.policyGroup ?? null,
      policyGroupDescription: null,
    }));
  return { data, isPending: false };
}

/** The policies a partner holds an approved request for (what keys and clients are made from). */
export function useApprovedPolicies(partnerId: string | undefined) {
  return useQuery({
    queryKey: key('approved-policies', partnerId),
    queryFn: async () =>
      (
        await call<Page<PolicyRequest>>(endpoints.policyRequests, { query: { partnerId, status: 'approved', pageNo: 0, pageSize: 100 } })
      ).data.filter((r) => r.partnerId === partnerId),
    enabled: Boolean(partnerId),
  });
}

/** Copies text and says so; falls back to selecting nothing when the clipboard is unavailable. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
