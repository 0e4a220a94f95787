import type { CertificateSummary, MyPartner, PolicyRequest } from '../api/types.js';

/**
 * What each thing a partner can make requires, in one place. The portal offers a partner for an
 * action only when the server would accept it, and says why when none qualifies. The rules are
 * the server's, in the order it checks them:
 *
 * - A partner is *active* on the server (partner.is_active) only once its certificate is
 *   uploaded: the upload approves it and activates it. The admin's deactivation is final.
 *   The certificate list's `isPartnerActive` only means "not deactivated", so a partner that
 *   never uploaded one reads as active there but is refused by every create (PMS_PMP_016,
 *   PMP_AUT_030, PMS_AUT_002, PMS_MSP_405).
 * - Policy requests need a policy group on the partner (PMS_PRT_047).
 * - API keys and OIDC clients need an approved request for the policy (PMS_PRT_109, PMS_ESI_002).
 */

export type Action = 'requestPolicy' | 'apiKey' | 'oidcClient' | 'sbi' | 'ftmChip' | 'mispLicense';

/** Why a partner cannot do an action yet, most basic first. */
export type Blocker = 'wrongType' | 'deactivated' | 'noCertificate' | 'noPolicyGroup' | 'noApprovedPolicy';

export interface PartnerFacts {
  partnerId: string;
  partnerType: string;
  certificate: boolean;
  deactivated: boolean;
  /** The partner's policy group, null without one, undefined when the caller's role cannot read it. */
  policyGroup: string | null | undefined;
  /** Policies with an approved request, undefined when unknown. */
  approvedPolicies: string[] | undefined;
}

interface Rule {
  /** Partner types that may do it; undefined: any type (the other checks decide). */
  types?: readonly string[];
  needs: readonly Blocker[];
}

export const RULES: Record<Action, Rule> = {
  requestPolicy: { needs: ['deactivated', 'noCertificate', 'noPolicyGroup'] },
  apiKey: { types: ['Auth_Partner'], needs: ['deactivated', 'noCertificate', 'noApprovedPolicy'] },
  oidcClient: { types: ['Auth_Partner'], needs: ['deactivated', 'noCertificate', 'noApprovedPolicy'] },
  sbi: { types: ['Device_Provider'], needs: ['deactivated', 'noCertificate'] },
  ftmChip: { types: ['FTM_Provider'], needs: ['deactivated', 'noCertificate'] },
  mispLicense: { types: ['MISP_Partner'], needs: ['deactivated', 'noCertificate'] },
};

/** Active as the server means it: certificate uploaded (which approves the partner) and not deactivated. */
export const isActiveOnServer = (p: Pick<PartnerFacts, 'certificate' | 'deactivated'>) => p.certificate && !p.deactivated;

function fails(b: Blocker, p: PartnerFacts): boolean {
  switch (b) {
    case 'deactivated':
      return p.deactivated;
    case 'noCertificate':
      return !p.certificate;
    case 'noPolicyGroup':
      return p.policyGroup === null;
    case 'noApprovedPolicy':
      return p.approvedPolicies !== undefined && p.approvedPolicies.length === 0;
    default:
      return false;
  }
}

/** The first reason this partner cannot do the action, or undefined when the server would accept it. */
export function blockerOf(action: Action, p: PartnerFacts): Blocker | undefined {
  const rule = RULES[action];
  if (rule.types && !rule.types.includes(p.partnerType)) return 'wrongType';
  return rule.needs.find((b) => fails(b, p));
}

export interface Eligibility {
  /** Partners the server would accept for the action. */
  eligible: PartnerFacts[];
  /** Partners of a type that may do it but are not ready, with what stops each. */
  waiting: Array<{ partner: PartnerFacts; blocker: Blocker }>;
}

export function eligibility(action: Action, partners: PartnerFacts[]): Eligibility {
  const out: Eligibility = { eligible: [], waiting: [] };
  for (const p of partners) {
    const blocker = blockerOf(action, p);
    if (!blocker) out.eligible.push(p);
    else if (blocker !== 'wrongType') out.waiting.push({ partner: p, blocker });
  }
  return out;
}

/** Which actions a partner type has (the dashboard's cards and checklist). */
export const actionsOfType = (partnerType: string, hasPolicyGroup: boolean): Action[] =>
  (Object.keys(RULES) as Action[]).filter((a) => (a === 'requestPolicy' ? hasPolicyGroup : RULES[a].types?.includes(partnerType)));

/** Joins what the server tells about the caller's partners into facts the rules read. */
export function factsOf(
  certs: CertificateSummary[],
  groups: MyPartner[] | undefined,
  requests: PolicyRequest[] | undefined,
): PartnerFacts[] {
  return certs.map((c) => {
    const certificate = c.isCertificateAvailable;
    const deactivated = !c.isPartnerActive;
    const group = groups?.find((g) => g.partnerId === c.partnerId);
    return {
      partnerId: c.partnerId,
      partnerType: c.partnerType,
      certificate,
      deactivated,
      // partners/v3 lists approved partners with a group: an approved partner missing from it has none.
      policyGroup: group ? group.policyGroupName : groups === undefined || !certificate ? undefined : null,
      approvedPolicies: requests
        ?.filter((r) => r.partnerId === c.partnerId && r.status.toLowerCase() === 'approved')
        .map((r) => r.policyName ?? r.policyId),
    };
  });
}
