export { policiesModule } from './routes.js';
export { PolicyService } from './service.js';
export { seedPolicies, type SeedResult } from './seed.js';
export { validatePolicyDocument, isAllowedPolicyType, MAX_POLICY_CHARS } from './validator.js';
