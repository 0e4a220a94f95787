export { policiesModule } from './routes.js';
export { PolicyService } from './service.js';
export { seedPolicies, type SeedResult } from './seed.js';
export { validatePolicyDocument, isAllowedPolicyType, MAX_POLICY_CHARS } from './validator.js';

// What other domains may use of this one (the lint rule in eslint.config.js allows nothing else).
export { policyById } from './repository.js';
export { policyData, policyObject } from './views.js';
