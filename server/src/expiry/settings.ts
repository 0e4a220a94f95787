import { readBool, readInt, type Env } from '../platform/config.js';

/** The scheduled expiry check (MOSIP: `pms.notifications-schedule.*`, `notifications.sent.before.days`). */
export interface ExpirySettings {
  enabled: boolean;
  /** Time between checks; the first runs one interval after start, as MOSIP's init-delay. */
  intervalMinutes: number;
  /** Items expiring within this many days get a notice (MOSIP: 3). */
  noticeDays: number;
}

export function expirySettings(env: Env = process.env): ExpirySettings {
  return {
    enabled: readBool(env, 'PMS_EXPIRY_CHECK_ENABLED', true),
    intervalMinutes: readInt(env, 'PMS_EXPIRY_CHECK_INTERVAL_MINUTES', 1440, 1, 10080),
    noticeDays: readInt(env, 'PMS_EXPIRY_NOTICE_DAYS', 3, 1, 3650),
  };
}
