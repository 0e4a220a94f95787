import { queryOptions } from '@tanstack/react-query';
import { endpoints } from './endpoints.js';
import { call } from './http.js';
import type { ActiveGroup, GroupWithPolicies, PartnerProfile, PolicyDetail } from './types.js';

/**
 * Reads that more than one screen makes, each with its one key and one answer shape. Two screens
 * that wrote the same key by hand with different shapes showed each other's cached answer (the
 * group edit form opened with an empty name after the group's page); sharing the options makes
 * that impossible, and a screen that needs a part uses `select`.
 */
export const queries = {
  group: (id: string) =>
    queryOptions({
      queryKey: ['group', id],
      queryFn: () => call<GroupWithPolicies>(endpoints.groupGet, { params: { policygroupId: id } }),
    }),
  policy: (id: string) =>
    queryOptions({
      queryKey: ['policy', id],
      queryFn: () => call<PolicyDetail>(endpoints.policyGet, { params: { policyId: id } }),
    }),
  partner: (partnerId: string) =>
    queryOptions({
      queryKey: ['partner', partnerId],
      queryFn: () => call<PartnerProfile>(endpoints.partner, { params: { partnerId } }),
    }),
  activeGroups: () =>
    queryOptions({
      queryKey: ['active-groups'],
      queryFn: () => call<ActiveGroup[]>(endpoints.groupsActive),
    }),
};
