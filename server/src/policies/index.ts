import type { Module } from '../platform/http/app.js';
import { policyRoutes } from './routes.js';
import { createPolicyService } from './service.js';

/** The policy manager's service: policy groups and policies (docs/policy-schemas.md). */
export const policiesModule: Module = (app, deps) => policyRoutes(app, createPolicyService(deps.store));
export { createPolicyService, type PolicyService } from './service.js';
export { seedPolicies, type SeedResult } from './seed.js';
export { validatePolicyDocument, isAllowedPolicyType, MAX_POLICY_CHARS } from './validator.js';

// What other domains may use of this one (the lint rule in eslint.config.js allows nothing else).
export { policyById } from './repository.js';
export { policyData, policyObject } from './views.js';
