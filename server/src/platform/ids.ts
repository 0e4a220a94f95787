import { randomUUID } from 'node:crypto';

/**
 * Ids this service mints (policy groups, policies, requests …). MOSIP draws small random
 * integers with no collision handling; a UUID is unguessable and collision-free, and fits
 * MOSIP's varchar(36) columns. Ids from MOSIP deployments stay valid: ids are opaque strings.
 */
export const newId = (): string => randomUUID();
