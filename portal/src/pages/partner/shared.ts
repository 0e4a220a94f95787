import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints.js';
import { ApiError, call } from '../../api/http.js';
import type { MyPartner, Page, PolicyRequest } from '../../api/types.js';

/** My approved partners that have a policy group: the ones that may request policies, keys and clients. */
export function useApprovedPartners(partnerType?: string) {
  return useQuery({
    queryKey: ['partners-v3', partnerType],
    queryFn: async () => {
      try {
        return await call<MyPartner[]>(endpoints.partnersV3, { query: { status: 'approved', policyGroupAvailable: true, partnerType } });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'PMS_CERTIFICATE_ERROR_002') return [];
        throw err;
      }
    },
  });
}

/** The policies a partner holds an approved request for (what keys and clients are made from). */
export function useApprovedPolicies(partnerId: string | undefined) {
  return useQuery({
    queryKey: ['approved-policies', partnerId],
    queryFn: async () => (await call<Page<PolicyRequest>>(endpoints.policyRequests, { query: { partnerId, status: 'approved', pageNo: 0, pageSize: 100 } })).data.filter((r) => r.partnerId === partnerId),
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
