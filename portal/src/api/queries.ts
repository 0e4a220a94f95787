import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { endpoints } from './endpoints.js';
import { call } from './http.js';
import type { ActiveGroup, GroupWithPolicies, PartnerProfile, PolicyDetail } from './types.js';

/**
 * The portal's cache, in one place: every key starts with one of these roots, and each kind of
 * data the server holds names the roots a change to it makes stale. Screens build keys with
 * `key(root, …)` and, after a change, call `refresh(kind, …)`; they never write keys or
 * invalidations of their own (test/unit/queries.test.ts fails when one does).
 */
const STALE_AFTER = {
  groups: ['groups', 'group', 'active-groups', 'group-policies'],
  policies: ['policies', 'policy', 'group-policies', 'approved-policies'],
  policyRequests: ['policy-requests', 'approved-policies'],
  apiKeys: ['api-keys', 'expiry-notices'],
  oidcClients: ['oidc-clients', 'oidc-client'],
  sbis: ['sbis', 'sbi', 'sbi-devices'],
  devices: ['devices', 'sbi', 'sbi-devices'],
  ftmChips: ['ftm-chips', 'ftm-admin', 'ftm-cert'],
  mispLicenses: ['misp-licenses', 'expiry-notices'],
  trust: ['trust', 'expiry-notices'],
  partners: ['admin-partners', 'admin-partner', 'partner', 'partners-v3', 'my-partners'],
  certificates: ['my-partners', 'partners-v3', 'partner', 'expiry-notices'],
  consent: ['consent'],
  extractors: ['extractors'],
} as const;
export type Kind = keyof typeof STALE_AFTER;

/** Roots no change of the user's makes stale (who they are, the server's settings, look-ups). */
type ReadOnlyRoot = 'identity' | 'system-config' | 'policy-required-types';
/** The dashboard's counters: any change may move one. */
const COUNTS = 'count';

export type Root = (typeof STALE_AFTER)[Kind][number] | ReadOnlyRoot | typeof COUNTS;

/** A cache key: its root, then whatever tells one answer from another (an id, the list's query). */
export const key = (root: Root, ...parts: unknown[]) => [root, ...parts] as const;

/** After a change: marks stale every answer the changed kinds can have moved, counters included. */
export function useRefresh() {
  const qc = useQueryClient();
  return useCallback(
    (...kinds: Kind[]) => {
      const roots = new Set<unknown>([COUNTS, ...kinds.flatMap((k) => STALE_AFTER[k])]);
      return qc.invalidateQueries({ predicate: (q) => roots.has(q.queryKey[0]) });
    },
    [qc],
  );
}

/**
 * Reads that more than one screen makes, each with one key and one answer shape. Two screens
 * that wrote the same key by hand with different shapes showed each other's cached answer (the
 * group edit form opened with an empty name after the group's page); a screen that needs a
 * part uses `select`.
 */
export const queries = {
  group: (id: string) =>
    queryOptions({
      queryKey: key('group', id),
      queryFn: () => call<GroupWithPolicies>(endpoints.groupGet, { params: { policygroupId: id } }),
    }),
  policy: (id: string) =>
    queryOptions({
      queryKey: key('policy', id),
      queryFn: () => call<PolicyDetail>(endpoints.policyGet, { params: { policyId: id } }),
    }),
  partner: (partnerId: string) =>
    queryOptions({
      queryKey: key('partner', partnerId),
      queryFn: () => call<PartnerProfile>(endpoints.partner, { params: { partnerId } }),
    }),
  activeGroups: () =>
    queryOptions({
      queryKey: key('active-groups'),
      queryFn: () => call<ActiveGroup[]>(endpoints.groupsActive),
    }),
};
