/**
 * A partner's phone number and logo URL, with the server's own rules (server/src/partners/
 * contact-rules.ts is free of Node APIs, so the portal bundles it).
 */
export { logoUrlProblem, phoneProblem } from '../../../server/src/partners/contact-rules.js';
