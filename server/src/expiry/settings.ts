import { type Env, intSetting, boolSetting } from '../platform/config.js';

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
    enabled: boolSetting(env, 'PMS_EXPIRY_CHECK_ENABLED'),
    intervalMinutes: intSetting(env, 'PMS_EXPIRY_CHECK_INTERVAL_MINUTES'),
    noticeDays: intSetting(env, 'PMS_EXPIRY_NOTICE_DAYS'),
  };
}
